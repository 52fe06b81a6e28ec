/** The record both services exchange: one reading of a (simulated) sensor, as in the original lab. */
export interface SensorMeasurement {
  /** A reading in [0, 1). */
  readonly data: number;
}

/** A new random reading. */
export function measure(): SensorMeasurement {
  return { data: Math.random() };
}

/**
 * Parses a record value; undefined when it is not a SensorMeasurement, so a consumer can skip a
 * foreign record instead of crashing on it.
 */
export function parseSensorMeasurement(value: string): SensorMeasurement | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as { data?: unknown }).data === 'number') {
      return { data: (parsed as { data: number }).data };
    }
  } catch {
    // not JSON: falls through to undefined
  }
  return undefined;
}
