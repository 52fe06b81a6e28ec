import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A service's Prometheus registry (prom-client), with prom-client's default process and Node.js
 * runtime metrics (CPU, memory, heap, event loop lag, GC, handles). Services add their own metrics
 * to it with `registers: [registry]`.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Histogram buckets (seconds) for Kafka round trips and end-to-end latency: 1 ms to 1 min. */
export const LATENCY_BUCKETS_SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
