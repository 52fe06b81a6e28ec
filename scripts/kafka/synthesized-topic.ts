import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ITopicConfig } from 'kafkajs';
import { parseAllDocuments } from 'yaml';

/** The synthesized manifests' folder (the cdk8s output). */
export const DIST_DIR = join(__dirname, '..', '..', 'dist');

/** Where a KafkaTopic was found and what kafkajs `createTopics` needs to create the same topic. */
export interface SynthesizedTopic {
  readonly file: string;
  readonly topic: ITopicConfig;
}

interface KafkaTopicResource {
  readonly kind?: unknown;
  readonly metadata?: { readonly name?: unknown };
  readonly spec?: {
    readonly topicName?: unknown;
    readonly partitions?: unknown;
    readonly replicas?: unknown;
    readonly config?: Readonly<Record<string, unknown>>;
  };
}

/**
 * Finds the KafkaTopic whose Kafka topic name (`spec.topicName`, else `metadata.name`) is `topicName`
 * in the synthesized `*.k8s.yaml` files, and converts it for kafkajs, so a local broker gets the
 * topic exactly as the Topic Operator would create it.
 *
 * @throws if no manifest holds that topic, or if several disagree about it.
 */
export function readSynthesizedTopic(topicName: string, dir: string = DIST_DIR): SynthesizedTopic {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.k8s.yaml')).sort() : [];
  if (files.length === 0) {
    throw new Error(`No synthesized manifests (*.k8s.yaml) in ${dir}: run 'npm run synth' first.`);
  }
  const found: SynthesizedTopic[] = [];
  for (const file of files) {
    const path = join(dir, file);
    for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
      const resource = document.toJS() as KafkaTopicResource | null;
      if (resource?.kind !== 'KafkaTopic') continue;
      const name = resource.spec?.topicName ?? resource.metadata?.name;
      if (name === topicName) found.push({ file: relative(process.cwd(), path), topic: toTopicConfig(topicName, resource, path) });
    }
  }
  if (found.length === 0) {
    throw new Error(`No KafkaTopic for topic '${topicName}' in ${files.map((f) => join(dir, f)).join(', ')}.`);
  }
  const distinct = new Set(found.map((f) => JSON.stringify(f.topic)));
  if (distinct.size > 1) {
    throw new Error(`The KafkaTopics for '${topicName}' in ${found.map((f) => f.file).join(', ')} differ: cannot tell which to use.`);
  }
  return found[0];
}

function toTopicConfig(topic: string, resource: KafkaTopicResource, path: string): ITopicConfig {
  const spec = resource.spec ?? {};
  return {
    topic,
    // -1 lets the broker apply its default, as the Topic Operator does when the field is absent.
    numPartitions: positiveInteger(spec.partitions, 'spec.partitions', path) ?? -1,
    replicationFactor: positiveInteger(spec.replicas, 'spec.replicas', path) ?? -1,
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
