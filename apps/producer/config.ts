import { Env, ServiceConfig, ServiceEnv } from '../runtime';

export interface ProducerConfig extends ServiceConfig {
  /** Time between sends; 0 sends back to back (a burst mode for benchmarks). */
  readonly intervalMs: number;
  /** Measurements per send request; above 1 only for benchmarks. */
  readonly batchSize: number;
}

export function readProducerConfig(env: Env, shared: ServiceConfig): ProducerConfig {
  return {
    ...shared,
    intervalMs: env.integer(ServiceEnv.PRODUCER_INTERVAL_MS, 2_000, 0, 86_400_000),
    batchSize: env.integer(ServiceEnv.PRODUCER_BATCH_SIZE, 1, 1, 10_000),
  };
}
