import { Env, ServiceConfig, ServiceEnv } from '../runtime';

export interface ConsumerConfig extends ServiceConfig {
  /** Consumer group: a stable id lets a restarted consumer resume where it committed. */
  readonly groupId: string;
  /** Where a group without committed offsets starts, as Kafka's `auto.offset.reset`. */
  readonly autoOffsetReset: 'latest' | 'earliest';
  /** How long the broker waits for a silent member before giving its partitions to others. */
  readonly sessionTimeoutMs: number;
}

export function readConsumerConfig(env: Env, shared: ServiceConfig): ConsumerConfig {
  return {
    ...shared,
    groupId: env.string(ServiceEnv.KAFKA_GROUP_ID, 'data-consumer'),
    // earliest: a group that has no committed offset yet (new, or its topic was recreated) reads
    // what is already there rather than skipping it.
    autoOffsetReset: env.oneOf(ServiceEnv.KAFKA_AUTO_OFFSET_RESET, ['earliest', 'latest'] as const, 'earliest'),
    // Kafka 4 accepts 6 s to 30 min by default (group.min/max.session.timeout.ms).
    sessionTimeoutMs: env.integer(ServiceEnv.KAFKA_SESSION_TIMEOUT_MS, 10_000, 6_000, 1_800_000),
  };
}
