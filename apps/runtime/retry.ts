import { DescribedError } from './kafka-errors';
import { Logger } from './logger';
import { Sleeper } from './sleeper';

export interface KeepTryingOptions {
  readonly logger: Logger;
  readonly sleeper: Sleeper;
  readonly stopped: () => boolean;
  /** Counts and describes a failure (see KafkaErrorCounter.record). */
  readonly describe: (error: unknown) => DescribedError;
  /** First delay; doubles after each failure up to `maxDelayMs`. @default 1000 */
  readonly delayMs?: number;
  /** @default 30000 */
  readonly maxDelayMs?: number;
}

/**
 * Repeats `action` until it succeeds or `stopped()` turns true, backing off between tries: a
 * service started before its broker (or topic, or ACLs) keeps trying instead of crash-looping.
 *
 * @returns whether the action succeeded (false: stopped first).
 */
export async function keepTrying(what: string, action: () => Promise<void>, options: KeepTryingOptions): Promise<boolean> {
  let delayMs = options.delayMs ?? 1_000;
  for (let attempt = 1; !options.stopped(); attempt++) {
    try {
      await action();
      return true;
    } catch (error) {
      if (options.stopped()) break;
      const { kind, message, hint } = options.describe(error);
      options.logger.warn({ attempt, delayMs, kind, error: message, hint }, `${what} failed: retrying`);
      await options.sleeper.sleep(delayMs);
      delayMs = Math.min(delayMs * 2, options.maxDelayMs ?? 30_000);
    }
  }
  return false;
}
