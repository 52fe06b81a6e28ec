import { Duration } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Subject } from '../core/subject';
import type { TopicProps } from '../topics/topic';
import { guardCdk8s } from './cdk8s-errors';
import { DANGERS, warn } from './dangers';
import { ConfigValue, configValueProblem, nearestKey, rawTypedKeys } from './kafka-config';
import { KAFKA_TOPIC_CONFIGS } from './kafka-topic-configs';
import { WHOLE_NUMBER_LIMITS, wholeNumberProblem } from './numbers';
import { checkedRecord } from './props';

/** Lifts a limit Kafka lets you lift (it is written as `-1`), e.g. `retention: 'unlimited'`. */
export type Unlimited = 'unlimited';

/** The typed topic settings of TopicProps. */
export type TypedTopicConfig = Pick<TopicProps,
  'retention' | 'retentionBytes' | 'segmentBytes' | 'cleanupPolicy' | 'minInsyncReplicas' | 'maxMessageBytes'>;

/** The Kafka key of each typed prop. */
export const TYPED_TOPIC_KEYS: Readonly<Record<keyof TypedTopicConfig, string>> = {
  retention: 'retention.ms',
  retentionBytes: 'retention.bytes',
  segmentBytes: 'segment.bytes',
  cleanupPolicy: 'cleanup.policy',
  minInsyncReplicas: 'min.insync.replicas',
  maxMessageBytes: 'max.message.bytes',
};

/**
 * Relations between topic configs Kafka checks when a topic is created or altered
 * (LogConfig.validateValues in Kafka 4.3.1): [smaller key, larger key].
 */
export const TOPIC_CONFIG_ORDER: readonly (readonly [string, string])[] = [
  ['min.compaction.lag.ms', 'max.compaction.lag.ms'],
];

/**
 * The `spec.config` of a KafkaTopic from its typed props and extra `config`, after checking every key and value
 * against Kafka 4.3.1's topic config definitions; throws at the first broken rule.
 * @param replicas the topic's replicas, the upper bound of min.insync.replicas
 */
export function renderTopicConfig(scope: IConstruct, subject: Subject, typed: TypedTopicConfig, extra: Record<string, unknown> | undefined,
  replicas: number): Record<string, ConfigValue> | undefined {
  const config = checkedRecord(subject, 'config', extra, "{ 'compression.type': 'zstd' }") ?? {};
  const fromTyped: Record<string, unknown> = {
    'retention.ms': typed.retention === undefined ? undefined : retentionMs(subject, typed.retention),
    'retention.bytes': typed.retentionBytes === 'unlimited' ? -1 : typed.retentionBytes,
    'segment.bytes': typed.segmentBytes,
    'cleanup.policy': typed.cleanupPolicy,
    'min.insync.replicas': typed.minInsyncReplicas,
    'max.message.bytes': typed.maxMessageBytes,
  };
  // A raw key (as in KafkaTopic YAML a user migrates) is accepted with a hint, unless its typed property disagrees.
  rawTypedKeys(scope, subject, 'config', config, Object.fromEntries(Object.entries(TYPED_TOPIC_KEYS)
    .map(([prop, key]) => [key, { prop, value: fromTyped[key] }])));
  const rendered: Record<string, unknown> = { ...fromTyped, ...config };
  const entries = Object.entries(rendered).filter(([, v]) => v !== undefined);
  for (const [key, value] of entries) checkTopicConfig(subject, key, value);
  if (typed.retentionBytes !== undefined && typed.retentionBytes !== 'unlimited' && typed.retentionBytes < 0) {
    throw subject.error('topic-retention-bytes-negative',
      `retentionBytes is ${typed.retentionBytes}; Kafka reads any negative retention.bytes as "no size limit"`,
      "Say so with retentionBytes: 'unlimited'");
  }
  const minIsr = rendered['min.insync.replicas'] === undefined ? undefined : Number(rendered['min.insync.replicas']);
  if (minIsr !== undefined) {
    const problem = wholeNumberProblem(minIsr, { ...WHOLE_NUMBER_LIMITS.minInsyncReplicas, max: replicas });
    if (problem) {
      throw subject.error('topic-min-isr-invalid',
        `min.insync.replicas is invalid: ${problem.replace(/ \(.*\)$/, '')}; it must be from 1 to replicas (${replicas}), otherwise no write with ` +
          `acks=all can succeed`,
        'Lower minInsyncReplicas or raise replicas');
    }
  }
  for (const [smaller, larger] of TOPIC_CONFIG_ORDER) {
    // Both values passed their own check above, so they read as numbers.
    const low = Number(rendered[smaller] ?? KAFKA_TOPIC_CONFIGS[smaller].default);
    const high = Number(rendered[larger] ?? KAFKA_TOPIC_CONFIGS[larger].default);
    if (low > high) throw subject.error('topic-config-bounds-crossed', `${smaller} (${low}) is above ${larger} (${high}); Kafka refuses the topic`,
      `Lower ${smaller} or raise ${larger}`);
  }
  return entries.length === 0 ? undefined : Object.fromEntries(entries) as Record<string, ConfigValue>;
}

/** Throws unless `key` is a topic config of Kafka 4.3.1 and `value` one it accepts. */
export function checkTopicConfig(subject: Subject, key: string, value: unknown): void {
  const definition = KAFKA_TOPIC_CONFIGS[key];
  if (!definition || definition.internal) {
    const near = nearestKey(key, Object.keys(KAFKA_TOPIC_CONFIGS).filter((k) => !KAFKA_TOPIC_CONFIGS[k].internal));
    throw subject.error(
      'topic-config-unknown',
      `'${key}' is not a topic config of Kafka 4.3${definition ? ' (Kafka keeps it internal, for its own tests)' : ''}; Kafka would refuse the topic`,
      near ? `Did you mean '${near}'?` : 'Use a key from the topic configs in the Kafka documentation',
    );
  }
  const problem = configValueProblem(definition, value);
  if (problem) {
    throw subject.error('topic-config-value-invalid', `topic config ${key}=${JSON.stringify(value)} is invalid: ${problem}`,
      `Use a value Kafka 4.3 accepts${definition.default !== null && definition.default !== '' ? ` (its default is ${definition.default})` : ''}`);
  }
}

function retentionMs(subject: Subject, retention: Duration | Unlimited | unknown): number {
  if (retention === 'unlimited') return -1;
  if (!(retention instanceof Duration)) {
    throw subject.error('topic-retention-invalid', `retention is ${JSON.stringify(retention)}, neither a Duration nor 'unlimited'`,
      "Use e.g. Duration.days(7), or 'unlimited' to keep records forever");
  }
  return guardCdk8s(subject, 'retention', () => retention.toMilliseconds());
}

/** The facts of a topic its warnings depend on. */
export interface TopicFacts {
  readonly replicas: number;
  readonly brokers: number;
  readonly config: Record<string, ConfigValue> | undefined;
}

/** Records the dangerous but valid settings of a topic as warnings of the app of `scope`. */
export function warnAboutTopic(scope: IConstruct, subject: Subject, facts: TopicFacts): void {
  const config = facts.config ?? {};
  const value = (key: string) => String(config[key] ?? KAFKA_TOPIC_CONFIGS[key].default);
  const minIsr = config['min.insync.replicas'] === undefined ? undefined : Number(config['min.insync.replicas']);
  if (facts.replicas === 1 && facts.brokers > 1) warn(scope, subject, DANGERS.singleReplica, facts.brokers);
  if (minIsr !== undefined && minIsr === facts.replicas && minIsr > 1) warn(scope, subject, DANGERS.noFailureTolerated, 'min.insync.replicas',
    minIsr);
  if (minIsr === 1 && facts.replicas >= 3) warn(scope, subject, DANGERS.weakDurability, facts.replicas);
  const deletes = value('cleanup.policy').split(',').map((p) => p.trim()).includes('delete');
  if (deletes && Number(value('retention.ms')) === -1 && Number(value('retention.bytes')) < 0) warn(scope, subject, DANGERS.unboundedRetention);
  const retentionBytes = Number(value('retention.bytes'));
  if (retentionBytes >= 0 && retentionBytes < Number(value('segment.bytes'))) warn(scope, subject, DANGERS.retentionBelowSegment, retentionBytes,
    Number(value('segment.bytes')));
  if (/^true$/i.test(value('unclean.leader.election.enable').trim())) warn(scope, subject, DANGERS.uncleanLeaderElection, 'on this topic');
}
