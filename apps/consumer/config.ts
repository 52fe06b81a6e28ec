import { Env, ServiceConfig } from '../runtime';

export interface ConsumerConfig extends ServiceConfig {
  /** Consumer group: a stable id lets a restarted consumer resume where it committed. */
  readonly groupId: string;
  /** Where a group without committed offsets starts, as Kafka's `auto.offset.reset`. */
  readonly autoOffsetReset: 'latest' | 'earliest';
}

export function readConsumerConfig(env: Env, shared: ServiceConfig): ConsumerConfig {
  return {
    ...shared,
    groupId: env.string('KAFKA_GROUP_ID', 'data-consumer'),
    autoOffsetReset: env.oneOf('KAFKA_AUTO_OFFSET_RESET', ['latest', 'earliest'] as const, 'latest'),
  };
}
