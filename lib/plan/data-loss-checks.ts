import { ServiceEnv } from '../base/service-environment';
import { quantityValue } from '../rules/quantity';
import { DATA_LOSS, DataLossRule } from './data-loss';

/** A JSON manifest, as read back or rendered. */
export type Manifest = Record<string, any>;

/** A rule of DATA_LOSS that a change breaks, with the rule's arguments for this object. */
export interface Breach {
  readonly rule: DataLossRule<any[]>;
  readonly args: readonly unknown[];
}

const breach = <A extends unknown[]>(rule: DataLossRule<A>, ...args: A): Breach => ({ rule: rule as DataLossRule<any[]>, args });

/** What deleting `old` (nothing takes its place) means for data. */
export function deletionBreaches(old: Manifest): Breach[] {
  switch (old.kind) {
    case 'KafkaTopic':
      return [breach(unmanaged(old) ? DATA_LOSS.topicKept : DATA_LOSS.topicDeleted, kafkaTopicName(old))];
    case 'Kafka':
      return [breach(DATA_LOSS.clusterDeleted, old.metadata.name)];
    case 'KafkaNodePool': {
      const nodes = Number(old.spec?.replicas ?? 0);
      return nodes === 0 ? [] : [breach(DATA_LOSS.poolDeleted, old.metadata.name, nodes, (old.spec?.roles ?? []).join('+'))];
    }
    case 'KafkaUser':
      return [breach(DATA_LOSS.userDeleted, old.metadata.name)];
    default:
      return [];
  }
}

/** What replacing `old` by `now` (another name for the same thing) means for data. */
export function replacementBreaches(old: Manifest, now: Manifest): Breach[] {
  switch (old.kind) {
    case 'KafkaTopic':
      if (unmanaged(old)) return [breach(DATA_LOSS.topicKept, kafkaTopicName(old))];
      return kafkaTopicName(old) === kafkaTopicName(now)
        ? [breach(DATA_LOSS.topicResourceRenamed, old.metadata.name, kafkaTopicName(old))]
        : [breach(DATA_LOSS.topicRenamed, kafkaTopicName(old), kafkaTopicName(now))];
    case 'Kafka':
      return [breach(DATA_LOSS.clusterRenamed, old.metadata.name, now.metadata.name)];
    case 'KafkaNodePool': {
      const nodes = Number(old.spec?.replicas ?? 0);
      return nodes === 0 ? [] : [breach(DATA_LOSS.poolRenamed, old.metadata.name, now.metadata.name, nodes)];
    }
    case 'KafkaUser':
      return [breach(DATA_LOSS.userRenamed, old.metadata.name, now.metadata.name)];
    default:
      return consumerGroupChanges(old, now);
  }
}

/** What changing `old` into `now` (same object) means for data. */
export function changeBreaches(old: Manifest, now: Manifest): Breach[] {
  switch (old.kind) {
    case 'KafkaTopic': return topicChanges(old, now);
    case 'KafkaNodePool': return poolChanges(old, now);
    case 'Kafka': return listenerChanges(old, now);
    default: return consumerGroupChanges(old, now);
  }
}

/** The Kafka topic a KafkaTopic stands for. */
export function kafkaTopicName(topic: Manifest): string {
  return String(topic.spec?.topicName ?? topic.metadata?.name);
}

/** Whether the Topic Operator leaves the topic alone (Strimzi's `strimzi.io/managed: "false"`). */
function unmanaged(topic: Manifest): boolean {
  return topic.metadata?.annotations?.['strimzi.io/managed'] === 'false';
}

// Kafka's topic defaults, for configs a KafkaTopic leaves to the broker (LogConfig in Kafka 4.3).
const TOPIC_DEFAULTS: Record<string, number | string> = { 'retention.ms': 604800000, 'retention.bytes': -1, 'cleanup.policy': 'delete' };

function topicChanges(old: Manifest, now: Manifest): Breach[] {
  const breaches: Breach[] = [];
  const partitions = [Number(old.spec?.partitions), Number(now.spec?.partitions)];
  if (partitions[1] < partitions[0]) breaches.push(breach(DATA_LOSS.partitionsLowered, partitions[0], partitions[1]));
  const replicas = [old.spec?.replicas, now.spec?.replicas];
  if (replicas[0] !== undefined && replicas[1] !== undefined && replicas[0] !== replicas[1]) {
    breaches.push(breach(DATA_LOSS.topicReplicasChanged, Number(replicas[0]), Number(replicas[1])));
  }
  const config = (topic: Manifest, key: string) => topic.spec?.config?.[key] ?? TOPIC_DEFAULTS[key];
  for (const key of ['retention.ms', 'retention.bytes']) {
    // -1 is "no limit".
    const limit = (value: unknown) => (Number(value) < 0 ? Infinity : Number(value));
    const [before, after] = [config(old, key), config(now, key)];
    if (limit(after) < limit(before)) breaches.push(breach(DATA_LOSS.retentionShortened, key, describeLimit(key, before), describeLimit(key, after)));
  }
  const policy = (topic: Manifest) => String(config(topic, 'cleanup.policy')).split(',').map((p) => p.trim()).sort().join(',');
  if (policy(old) !== policy(now)) breaches.push(breach(DATA_LOSS.cleanupPolicyChanged, policy(old), policy(now)));
  return breaches;
}

function describeLimit(key: string, value: unknown): string {
  if (Number(value) < 0) return 'unlimited';
  return key === 'retention.ms' ? `${value} ms (${+(Number(value) / 3600000).toFixed(2)} h)` : `${value} bytes`;
}

interface Volume { readonly label: string; readonly json: Manifest }

/** A pool's volumes by id; single-volume storage is volume 0, as Strimzi treats it when converting to JBOD. */
function volumes(pool: Manifest): Map<number, Volume> {
  const storage = pool.spec?.storage ?? {};
  if (storage.type !== 'jbod') return new Map([[0, { label: 'the volume', json: storage }]]);
  return new Map((storage.volumes ?? []).map((v: Manifest) => [Number(v.id ?? 0), { label: `JBOD volume ${v.id ?? 0}`, json: v }]));
}

function poolChanges(old: Manifest, now: Manifest): Breach[] {
  const breaches: Breach[] = [];
  const brokers = (pool: Manifest) => ((pool.spec?.roles ?? []).includes('broker') ? Number(pool.spec?.replicas ?? 0) : 0);
  if (brokers(now) < brokers(old)) breaches.push(breach(DATA_LOSS.brokersRemoved, old.metadata.name, brokers(old), brokers(now)));
  const [oldType, newType] = [old.spec?.storage?.type, now.spec?.storage?.type];
  const convertible = new Set([oldType, newType]).size === 1 || [oldType, newType].sort().join() === 'jbod,persistent-claim';
  if (!convertible) return [...breaches, breach(DATA_LOSS.storageTypeChanged, 'the storage', String(oldType), String(newType))];
  const after = volumes(now);
  for (const [id, before] of volumes(old)) {
    const volume = after.get(id);
    const label = `${before.label} of node pool '${old.metadata.name}'`;
    if (!volume) {
      breaches.push(breach(DATA_LOSS.volumeRemoved, label));
      continue;
    }
    if (before.json.type !== volume.json.type) {
      breaches.push(breach(DATA_LOSS.storageTypeChanged, label, String(before.json.type), String(volume.json.type)));
      continue;
    }
    if (before.json.type !== 'persistent-claim') continue;
    const [from, to] = [quantityValue(before.json.size), quantityValue(volume.json.size)];
    if (from !== undefined && to !== undefined && to < from) breaches.push(breach(DATA_LOSS.volumeShrunk, label, String(before.json.size),
      String(volume.json.size)));
    if (!before.json.deleteClaim && volume.json.deleteClaim) breaches.push(breach(DATA_LOSS.deleteClaimOn, label));
    if ((before.json.class ?? null) !== (volume.json.class ?? null)) {
      breaches.push(breach(DATA_LOSS.storageClassChanged, label, before.json.class ?? 'the default class', volume.json.class ?? 'the default class'));
    }
  }
  return breaches;
}

/** Changes to a listener that clients are wired to (the library admits each wired client as a network policy peer). */
function listenerChanges(old: Manifest, now: Manifest): Breach[] {
  const listeners = (kafka: Manifest) => new Map<string, Manifest>((kafka.spec?.kafka?.listeners ?? []).map((l: Manifest) => [l.name, l]));
  const after = listeners(now);
  const breaches: Breach[] = [];
  for (const [name, before] of listeners(old)) {
    const clients = (before.networkPolicyPeers ?? []).length;
    if (clients === 0) continue;
    const listener = after.get(name);
    if (!listener) {
      breaches.push(breach(DATA_LOSS.listenerRemoved, name, clients));
      continue;
    }
    const changed = [
      ['port', before.port, listener.port],
      ['type', before.type, listener.type],
      ['tls', before.tls, listener.tls],
      ['authentication', before.authentication?.type ?? 'none', listener.authentication?.type ?? 'none'],
    ].filter(([, a, b]) => a !== b).map(([field, a, b]) => `${field} from ${a} to ${b}`);
    if (changed.length > 0) breaches.push(breach(DATA_LOSS.listenerChanged, name, changed.join(', '), clients));
  }
  return breaches;
}

/**
 * A consumer's group id, from the env var the library's services read (`KAFKA_GROUP_ID`): per container, or the one
 * group of a workload whose only consumer container was renamed with it.
 */
function consumerGroupChanges(old: Manifest, now: Manifest): Breach[] {
  const groups = (workload: Manifest) => new Map<string, string>((workload.spec?.template?.spec?.containers ?? []).flatMap((c: Manifest) =>
    (c.env ?? []).filter((e: Manifest) => e.name === ServiceEnv.KAFKA_GROUP_ID && typeof e.value === 'string')
      .map((e: Manifest) => [c.name, e.value])));
  const [before, after] = [groups(old), groups(now)];
  const pairs = before.size === 1 && after.size === 1 ? [[[...before.values()][0], [...after.values()][0]]]
    : [...before].filter(([container]) => after.has(container)).map(([container, group]) => [group, after.get(container)!]);
  return pairs.filter(([from, to]) => from !== to).map(([from, to]) => breach(DATA_LOSS.consumerGroupChanged, from, to));
}
