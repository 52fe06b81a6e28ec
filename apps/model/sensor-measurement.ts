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

export type ReadResult = { readonly measurement: SensorMeasurement } | { readonly skip: SkipReason };

/**
 * Reads a record value: a JSON object whose `data` is a finite number (other fields are ignored).
 * Anything else is a reason to skip the record, never an exception, so one foreign record cannot
 * stop a consumer.
 */
export function readSensorMeasurement(value: Buffer | null): ReadResult {
  if (value === null || value.length === 0) return { skip: 'no_value' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return { skip: 'not_json' };
  }
  const data = typeof parsed === 'object' && parsed !== null ? (parsed as { data?: unknown }).data : undefined;
  return typeof data === 'number' && Number.isFinite(data) ? { measurement: { data } } : { skip: 'not_a_measurement' };
}
