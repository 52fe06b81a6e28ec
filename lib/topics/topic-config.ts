import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Subject } from '../base/subject';
import { warn } from '../base/warnings';
import { guardCdk8s } from '../rules/cdk8s-errors';
import { DANGERS } from '../rules/dangers';
import { ConfigValue, configValueProblem, nearestKey, rawTypedKeys } from '../rules/kafka-config';
import { KAFKA_TOPIC_CONFIGS } from '../rules/kafka-topic-configs';
import { WHOLE_NUMBER_LIMITS, wholeNumberProblem } from '../rules/numbers';
import { checkedRecord } from '../rules/props';

/** How long a topic keeps records (`retention.ms`). */
export class Retention {
  /** Records are kept for `duration`. */
  public static of(duration: Duration): Retention {
    return new Retention(duration);
  }

  /** Records are kept forever (`-1`). */
  public static unlimited(): Retention {
    return new Retention(undefined);
  }

  private constructor(
    /** How long, or undefined for ever. */
    public readonly duration?: Duration,
  ) {}
}

/** How large a partition may grow before old segments are deleted (`retention.bytes`). */
export class RetentionSize {
  /** A partition keeps at most this many bytes. */
  public static bytes(bytes: number): RetentionSize {
    return new RetentionSize(bytes);
  }

  /** A partition keeps at most `size`. */
  public static of(size: Size): RetentionSize {
    return new RetentionSize(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024);
  }

  /** No size limit (`-1`). */
  public static unlimited(): RetentionSize {
    return new RetentionSize(-1);
  }

  private constructor(
    /** The limit in bytes, -1 for none. */
    public readonly limitBytes: number,
  ) {}

  /** Whether there is no size limit. */
  public get isUnlimited(): boolean {
    return this.limitBytes === -1;
  }
}

/** The typed topic settings of TopicProps. */
export interface TypedTopicConfig {
  readonly retention?: Retention;
  readonly retentionBytes?: RetentionSize;
  readonly segmentBytes?: number;
  readonly cleanupPolicy?: string;
  readonly minInsyncReplicas?: number;
  readonly maxMessageBytes?: number;
}

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
    'retention.bytes': typed.retentionBytes === undefined ? undefined : retentionBytes(subject, typed.retentionBytes),
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

function retentionMs(subject: Subject, retention: unknown): number {
  if (!(retention instanceof Retention) || (retention.duration !== undefined && !(retention.duration instanceof Duration))) {
    throw subject.error('topic-retention-invalid', `retention is ${JSON.stringify(retention)}, not a Retention`,
      'Use e.g. Retention.of(Duration.days(7)), or Retention.unlimited() to keep records forever');
  }
  const duration = retention.duration;
  return duration === undefined ? -1 : guardCdk8s(subject, 'retention', () => duration.toMilliseconds());
}

function retentionBytes(subject: Subject, size: unknown): number {
  if (!(size instanceof RetentionSize)) {
    throw subject.error('topic-retention-bytes-invalid', `retentionBytes is ${JSON.stringify(size)}, not a RetentionSize`,
      'Use e.g. RetentionSize.of(Size.gibibytes(10)), or RetentionSize.unlimited() for no size limit');
  }
  if (size.limitBytes < 0 && !size.isUnlimited) {
    throw subject.error('topic-retention-bytes-negative',
      `retentionBytes is ${size.limitBytes}; Kafka reads any negative retention.bytes as "no size limit"`,
      'Say so with RetentionSize.unlimited()');
  }
  return size.limitBytes;
}

/** The facts of a topic its warnings depend on. */
export interface TopicFacts {
  readonly replicas: number;
  /** The cluster's broker count, when known. */
  readonly brokers?: number;
  readonly config: Record<string, ConfigValue> | undefined;
}

/** Records the dangerous but valid settings of a topic as warnings of the app of `scope`. */
export function warnAboutTopic(scope: IConstruct, subject: Subject, facts: TopicFacts): void {
  const config = facts.config ?? {};
  const value = (key: string) => String(config[key] ?? KAFKA_TOPIC_CONFIGS[key].default);
  const minIsr = config['min.insync.replicas'] === undefined ? undefined : Number(config['min.insync.replicas']);
  if (facts.replicas === 1 && facts.brokers !== undefined && facts.brokers > 1) warn(scope, subject, DANGERS.singleReplica, facts.brokers);
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
