import { ITopicConfig } from 'kafkajs';
import { DIST_DIR, SynthesizedManifests, SynthesizedObject } from './manifests';

export { DIST_DIR };

/** Where a KafkaTopic was found and what kafkajs `createTopics` needs to create the same topic. */
export interface SynthesizedTopic {
  readonly file: string;
  readonly topic: ITopicConfig;
}

interface KafkaTopicSpec {
  readonly topicName?: unknown;
  readonly partitions?: unknown;
  readonly replicas?: unknown;
  readonly config?: Readonly<Record<string, unknown>>;
}

/** The Kafka topic name of a KafkaTopic: `spec.topicName`, else `metadata.name`. */
export function kafkaTopicName({ object }: SynthesizedObject): unknown {
  return (object.spec as KafkaTopicSpec | undefined)?.topicName ?? object.metadata?.name;
}

/**
 * Finds the KafkaTopic whose Kafka topic name is `topicName` in the synthesized `*.k8s.yaml` files (or in
 * `manifests`), and converts it for kafkajs, so a local broker gets the topic exactly as the Topic Operator
 * would create it.
 *
 * @throws if no manifest holds that topic, or if several disagree about it.
 */
export function readSynthesizedTopic(topicName: string, from: string | SynthesizedManifests = DIST_DIR): SynthesizedTopic {
  const manifests = typeof from === 'string' ? SynthesizedManifests.fromDir(from) : from;
  const found = manifests.ofKind('KafkaTopic')
    .filter((o) => kafkaTopicName(o) === topicName)
    .map((o) => ({ file: o.source, topic: toTopicConfig(o) }));
  if (found.length === 0) {
    throw new Error(`No KafkaTopic for topic '${topicName}' in ${manifests.sources.join(', ')}.`);
  }
  const distinct = new Set(found.map((f) => JSON.stringify(f.topic)));
  if (distinct.size > 1) {
    throw new Error(`The KafkaTopics for '${topicName}' in ${found.map((f) => f.file).join(', ')} differ: cannot tell which to use.`);
  }
  return found[0];
}

/** A KafkaTopic as kafkajs `createTopics` takes it. */
export function toTopicConfig(found: SynthesizedObject): ITopicConfig {
  const spec = (found.object.spec ?? {}) as KafkaTopicSpec;
  const topic = kafkaTopicName(found);
  if (typeof topic !== 'string') throw new Error(`A KafkaTopic in ${found.source} has no name.`);
  return {
    topic,
    // -1 lets the broker apply its default, as the Topic Operator does when the field is absent.
    numPartitions: positiveInteger(spec.partitions, 'spec.partitions', found.source) ?? -1,
    replicationFactor: positiveInteger(spec.replicas, 'spec.replicas', found.source) ?? -1,
    // Kafka takes every topic config as a string; Strimzi allows numbers, booleans and lists.
    configEntries: Object.entries(spec.config ?? {}).map(([name, value]) => ({
      name,
      value: Array.isArray(value) ? value.join(',') : String(value),
    })),
  };
}

function positiveInteger(value: unknown, field: string, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new Error(`${field} of the KafkaTopic in ${path} must be a positive integer, got ${JSON.stringify(value)}`);
  }
  return value;
}
