/**
 * The whole-number props of the library and the limits the object they end up in sets, with the source of each.
 */
export interface WholeNumberLimit {
  readonly min: number;
  readonly max: number;
  /** Where the limit comes from. */
  readonly source: string;
}

const INT32_MAX = 2147483647;

export const WHOLE_NUMBER_LIMITS = {
  partitions: { min: 1, max: INT32_MAX, source: 'KafkaTopic spec.partitions (CRD minimum 1; a Kafka int)' },
  topicReplicas: { min: 1, max: 32767, source: 'KafkaTopic spec.replicas (CRD 1 to 32767)' },
  replicationFactor: { min: 1, max: 32767, source: "Kafka's replication factor configs (type SHORT, at least 1)" },
  minInsyncReplicas: { min: 1, max: INT32_MAX, source: 'Kafka min.insync.replicas (at least 1)' },
  podReplicas: { min: 0, max: INT32_MAX, source: 'Deployment spec.replicas (int32, 0 or more)' },
} satisfies Record<string, WholeNumberLimit>;

/** What is wrong with `value` as a whole number within `limit`, as a phrase; undefined when it is fine. */
export function wholeNumberProblem(value: unknown, limit: WholeNumberLimit): string | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return `${typeof value === 'number' ? value : JSON.stringify(value)} is not a whole number`;
  }
  if (value < limit.min || value > limit.max) {
    return `${value} is outside ${limit.min} to ${limit.max === INT32_MAX ? '2^31-1' : limit.max} (${limit.source})`;
  }
  return undefined;
}
