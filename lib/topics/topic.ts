import { Chart, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { KafkaTopic, toJson_KafkaTopicSpec } from '../../imports/kafka.strimzi.io';
import { StrimziObject } from '../core/strimzi-object';
import { Subject } from '../core/subject';
import { KafkaCluster } from '../cluster/kafka-cluster';
import { assertResourceName, isResourceName, shortHash, toResourceName } from '../core/names';
import { AclPatternType } from '../security/acl';
import { grantTopicAccess } from '../security/grants';
import type { KafkaUser } from '../security/kafka-user';

/** `cleanup.policy`: what happens to old records. */
export enum CleanupPolicy {
  /** Delete segments older than the retention. */
  DELETE = 'delete',
  /** Keep only the latest record per key. */
  COMPACT = 'compact',
  /** Compact, and delete segments older than the retention. */
  COMPACT_DELETE = 'compact,delete',
}

export interface TopicProps {
  /** The cluster that holds the topic; its `strimzi.io/cluster` label is derived from it. */
  readonly cluster: KafkaCluster;
  /**
   * Name of the Kafka topic: up to 249 of `[a-zA-Z0-9._-]`, not `.` or `..`, not starting with `__`.
   * @default - the construct id
   */
  readonly topicName?: string;
  /**
   * `metadata.name` of the KafkaTopic resource.
   * @default - the topic name when it is a valid resource name, otherwise a name derived from it
   *   (lower-cased, invalid characters replaced, plus a hash) with the real name in `spec.topicName`
   */
  readonly resourceName?: string;
  /**
   * Number of partitions (at least 1; partitions can be added later, never removed).
   * @default 1
   */
  readonly partitions?: number;
  /**
   * Replicas of each partition, from 1 to the cluster's broker count.
   * @default min(3, broker count)
   */
  readonly replicas?: number;
  /**
   * `retention.ms`: how long records are kept.
   * @default - the broker's default (7 days)
   */
  readonly retention?: Duration;
  /**
   * `retention.bytes`: the size a partition may grow to before old segments are deleted.
   * @default - the broker's default (no size limit)
   */
  readonly retentionBytes?: number;
  /**
   * `segment.bytes`: size of one log segment file.
   * @default - the broker's default (1 GiB)
   */
  readonly segmentBytes?: number;
  /**
   * `cleanup.policy`.
   * @default - the broker's default (delete)
   */
  readonly cleanupPolicy?: CleanupPolicy;
  /**
   * `min.insync.replicas`: replicas an `acks=all` write needs; at most `replicas`.
   * @default - the cluster's `min.insync.replicas`
   */
  readonly minInsyncReplicas?: number;
  /**
   * `max.message.bytes`: the largest record batch the topic accepts.
   * @default - the broker's default (about 1 MiB)
   */
  readonly maxMessageBytes?: number;
  /**
   * Any other topic-level config, passed as is. Keys typed above are rejected here.
   * @default - none
   */
  readonly config?: Record<string, string | number | boolean>;
  /**
   * Labels added to the KafkaTopic resource.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

const TYPED_KEYS: Record<string, keyof TopicProps> = {
  'retention.ms': 'retention',
  'retention.bytes': 'retentionBytes',
  'segment.bytes': 'segmentBytes',
  'cleanup.policy': 'cleanupPolicy',
  'min.insync.replicas': 'minInsyncReplicas',
  'max.message.bytes': 'maxMessageBytes',
};

/**
 * A Kafka topic managed by the Strimzi Topic Operator: a `KafkaTopic` resource bound to a KafkaCluster.
 *
 * The cluster label, namespace and replica limits come from the cluster object, so they cannot disagree with it.
 */
export class Topic extends Construct {
  /** The Kafka topic name clients use. */
  public readonly topicName: string;
  /** `metadata.name` of the KafkaTopic resource. */
  public readonly resourceName: string;
  /** The cluster holding the topic. */
  public readonly cluster: KafkaCluster;
  /** Number of partitions. */
  public readonly partitions: number;
  /** Replicas of each partition. */
  public readonly replicas: number;
  /** The KafkaTopic resource (also `node.defaultChild`, for escape hatches in Strimzi's own field names). */
  public readonly resource: StrimziObject;

  constructor(scope: Construct, id: string, props: TopicProps) {
    super(scope, id);
    this.cluster = props.cluster;
    this.topicName = props.topicName ?? id;
    const what = `Topic '${this.topicName}'`;
    assertTopicName(this.topicName);
    this.resourceName = props.resourceName ?? deriveResourceName(this.topicName);
    assertResourceName(`${what} resourceName`, this.resourceName);

    this.partitions = props.partitions ?? 1;
    if (!Number.isInteger(this.partitions) || this.partitions < 1) {
      throw new Error(`${what}: partitions is ${this.partitions} but must be an integer of at least 1.`);
    }
    this.replicas = props.replicas ?? Math.min(3, this.cluster.brokerCount);
    if (!Number.isInteger(this.replicas) || this.replicas < 1) {
      throw new Error(`${what}: replicas is ${this.replicas} but must be an integer of at least 1.`);
    }
    const minIsr = props.minInsyncReplicas;
    if (minIsr !== undefined && (!Number.isInteger(minIsr) || minIsr < 1 || minIsr > this.replicas)) {
      throw new Error(
        `${what}: min.insync.replicas is ${minIsr} but must be an integer from 1 to replicas (${this.replicas}); ` +
          `otherwise no write with acks=all can succeed. Lower minInsyncReplicas or raise replicas.`,
      );
    }
    for (const key of Object.keys(props.config ?? {})) {
      if (TYPED_KEYS[key]) {
        throw new Error(`${what}: config '${key}' is set in 'config'; set it with the typed property '${TYPED_KEYS[key]}' instead.`);
      }
    }

    this.resource = new StrimziObject(this, 'Resource', {
      gvk: KafkaTopic.GVK,
      metadata: { name: this.resourceName, labels: { ...props.labels, ...this.cluster.clusterLabel } },
      owner: Subject.of(this, 'Topic', this.topicName),
      spec: () => toJson_KafkaTopicSpec({
        topicName: this.resourceName === this.topicName ? undefined : this.topicName,
        partitions: this.partitions,
        replicas: this.replicas,
        config: withoutUndefined({
          'retention.ms': props.retention?.toMilliseconds(),
          'retention.bytes': props.retentionBytes,
          'segment.bytes': props.segmentBytes,
          'cleanup.policy': props.cleanupPolicy,
          'min.insync.replicas': minIsr,
          'max.message.bytes': props.maxMessageBytes,
          ...props.config,
        }),
      }),
    });

    this.cluster._registerTopic(this.topicName, this.node.path);
    this.node.addValidation({ validate: () => this.clusterErrors() });
  }

  /** Lets `user` produce to the topic (idempotent producers included): the topic's Write ACL. */
  public grantWrite(user: KafkaUser): void {
    grantTopicAccess(Subject.of(this, 'Topic', this.topicName), this, user, 'write');
  }

  /**
   * Lets `user` consume the topic in consumer group `groupId` (or in every group whose id starts with it, with
   * `AclPatternType.PREFIX`): the topic's Read ACL and the group's Read ACL.
   */
  public grantRead(user: KafkaUser, groupId: string, groupPatternType = AclPatternType.LITERAL): void {
    grantTopicAccess(Subject.of(this, 'Topic', this.topicName), this, user, 'read', { groupId, patternType: groupPatternType });
  }

  /** Lets `user` see the topic's metadata and offsets, without reading or writing records: the topic's Describe ACL. */
  public grantDescribe(user: KafkaUser): void {
    grantTopicAccess(Subject.of(this, 'Topic', this.topicName), this, user, 'describe');
  }

  // Cross-object rules: checked at synth, when the whole app is known.
  private clusterErrors(): string[] {
    const what = `Topic '${this.topicName}'`;
    const errors: string[] = [];
    const namespace = Chart.of(this).namespace;
    if (namespace !== this.cluster.namespace) {
      errors.push(
        `${what} is in namespace '${namespace ?? '(none)'}' but its cluster '${this.cluster.name}' is in ` +
          `'${this.cluster.namespace ?? '(none)'}': the Topic Operator only watches its cluster's namespace. ` +
          `Create the topic in a chart with namespace '${this.cluster.namespace ?? '(none)'}'.`,
      );
    }
    if (this.replicas > this.cluster.brokerCount) {
      errors.push(
        `${what}: replicas is ${this.replicas} but cluster '${this.cluster.name}' has only ${this.cluster.brokerCount} ` +
          `broker(s); a partition cannot have more replicas than brokers. Lower replicas or add brokers.`,
      );
    }
    if (!this.cluster.topicOperatorEnabled) {
      errors.push(
        `${what}: cluster '${this.cluster.name}' runs no Topic Operator, so the KafkaTopic would be ignored. ` +
          `Enable 'topicOperator' on the cluster.`,
      );
    }
    return errors;
  }
}

/** Throws unless `name` is a topic name Kafka accepts for a user topic. */
function assertTopicName(name: string): void {
  const rule = (problem: string) =>
    new Error(
      `Topic '${name}': ${problem}. Kafka topic names are 1 to 249 characters of letters, digits, '.', '_' and '-', ` +
        `are not '.' or '..', and do not start with '__' (reserved for Kafka's internal topics).`,
    );
  if (name.length === 0 || name.length > 249) throw rule(`the name has ${name.length} characters`);
  if (name === '.' || name === '..') throw rule(`'${name}' is not allowed`);
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) throw rule('the name contains characters other than [a-zA-Z0-9._-]');
  if (name.startsWith('__')) throw rule("the name starts with '__'");
}

function deriveResourceName(topicName: string): string {
  if (isResourceName(topicName)) {
    return topicName;
  }
  // Folding case and '_' can make two topics share a name; the hash of the real name keeps them apart.
  return `${toResourceName(topicName).slice(0, 240)}-${shortHash(topicName)}`;
}

function withoutUndefined<T>(record: Record<string, T | undefined>): Record<string, T> | undefined {
  const entries = Object.entries(record).filter((e): e is [string, T] => e[1] !== undefined);
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
