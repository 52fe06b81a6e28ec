/** The record both services exchange: one reading of a (simulated) sensor, as in the original lab. */
export interface SensorMeasurement {
  /** A reading in [0, 1). */
  readonly data: number;
}

/** A new random reading. */
export function measure(): SensorMeasurement {
  return { data: Math.random() };
}

/** Why a record value is not a SensorMeasurement (also a metric label). */
export type SkipReason = 'no_value' | 'not_json' | 'not_a_measurement';

/**
 * Reads a record value: a JSON object whose `data` is a finite number (other fields are ignored).
 * Anything else is a reason to skip the record, never an exception, so one foreign record cannot
 * stop a consumer.
 */
export function readSensorMeasurement(value: Buffer | null): SensorMeasurement | SkipReason {
  if (value === null || value.length === 0) return 'no_value';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return 'not_json';
  }
  const data = typeof parsed === 'object' && parsed !== null ? (parsed as { data?: unknown }).data : undefined;
  // The parsed object itself (no copy per record); fields besides `data` are ignored by the consumer.
  return typeof data === 'number' && Number.isFinite(data) ? (parsed as SensorMeasurement) : 'not_a_measurement';
}
