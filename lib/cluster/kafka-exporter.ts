import {
  KafkaSpecKafkaExporter,
  KafkaSpecKafkaExporterResourcesLimits,
  KafkaSpecKafkaExporterResourcesRequests,
} from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { checkRegex } from './metrics';
import { ContainerResources, renderResources } from './resources';

/**
 * Kafka Exporter (`spec.kafkaExporter`): a Deployment that reads consumer group offsets and topic offsets and
 * serves them as Prometheus metrics (`kafka_consumergroup_lag`, ...) on port 9404 (`tcp-prometheus`). Lag is
 * only known for groups that commit offsets.
 */
export interface KafkaExporterOptions {
  /**
   * Topics whose offsets are exported (a regular expression).
   * @default '.*' (Strimzi's default)
   */
  readonly topicRegex?: string;
  /**
   * Consumer groups whose offsets and lag are exported (a regular expression).
   * @default '.*' (Strimzi's default)
   */
  readonly groupRegex?: string;
  /**
   * Topics left out (a regular expression).
   * @default - none
   */
  readonly topicExcludeRegex?: string;
  /**
   * Consumer groups left out (a regular expression).
   * @default - none
   */
  readonly groupExcludeRegex?: string;
  /**
   * Whether to export the offsets of every partition, also those no group consumes.
   * @default false
   */
  readonly showAllOffsets?: boolean;
  /**
   * CPU and memory of the exporter.
   * @default - none
   */
  readonly resources?: ContainerResources;
}

// Kafka Exporter is a Go program; Go's regexp (RE2 syntax) has no lookaround and no backreferences.
const RE2_UNSUPPORTED = /\(\?<?[=!]|\\[1-9]/;

/** `spec.kafkaExporter` in the CRD's form; each regex must compile, in Go's syntax too. */
export function renderKafkaExporter(owner: Subject, options: KafkaExporterOptions): KafkaSpecKafkaExporter {
  const subject = owner.part('component', 'Kafka Exporter');
  for (const field of ['topicRegex', 'groupRegex', 'topicExcludeRegex', 'groupExcludeRegex'] as const) {
    const regex = options[field];
    if (regex === undefined) continue;
    checkRegex(subject, field, regex);
    if (RE2_UNSUPPORTED.test(regex)) {
      throw subject.error('kafka-exporter-regex-unsupported',
        `the ${field} '${regex}' uses lookaround or a backreference, which Kafka Exporter's Go regexp (RE2) does not support`,
        'Rewrite it without (?=, (?!, (?<=, (?<! or \\1, e.g. with topicExcludeRegex / groupExcludeRegex');
    }
  }
  return {
    topicRegex: options.topicRegex,
    groupRegex: options.groupRegex,
    topicExcludeRegex: options.topicExcludeRegex,
    groupExcludeRegex: options.groupExcludeRegex,
    showAllOffsets: options.showAllOffsets,
    resources: renderResources(subject, options.resources, {
      request: KafkaSpecKafkaExporterResourcesRequests.fromString,
      limit: KafkaSpecKafkaExporterResourcesLimits.fromString,
    }),
  };
}
