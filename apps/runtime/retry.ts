import { setTimeout as delay } from 'node:timers/promises';
import { DescribedError } from './kafka-errors';
import { Logger } from './logger';

/** Exponential backoff: the first delay, doubled after each failure, never above the maximum. */
export interface BackoffOptions {
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
}

/** The delays of one run of failures; {@link reset} after a success. */
export class Backoff {
  private nextDelayMs: number;

  public constructor(private readonly options: BackoffOptions) {
    this.nextDelayMs = options.firstDelayMs;
  }

  /** The delay before the next try; the one after is twice as long, up to the maximum. */
  public next(): number {
    const delayMs = this.nextDelayMs;
    this.nextDelayMs = Math.min(delayMs * 2, this.options.maxDelayMs);
    return delayMs;
  }

  public reset(): void {
    this.nextDelayMs = this.options.firstDelayMs;
  }
}

/** Waits `ms`, or less if `signal` aborts first (a stop, or the broker answering again); never rejects on abort. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await delay(ms, undefined, { signal }).catch((error: unknown) => {
    if (!signal.aborted) throw error;
  });
}

/** What ends waits: the service stopping, and Kafka answering again. */
export interface RetrySignals {
  /** Aborted when the service starts stopping: no more tries. */
  readonly stopping: AbortSignal;
  /**
   * A signal aborted the next time the broker answers and the topic exists after a failed lookup (see
   * TopicReadiness): a retry waits no longer once Kafka is back, however long the outage and the backoff.
   */
  kafkaBack(): AbortSignal;
}

export interface KeepTryingOptions extends RetrySignals {
  readonly logger: Logger;
  readonly backoff: BackoffOptions;
  /** Counts and describes a failure (see KafkaErrorCounter.record). */
  readonly describe: (error: unknown) => DescribedError;
  /** Fields for every line about this action, e.g. how many measurements it carries. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/**
 * Repeats `action` until it succeeds or the service stops, backing off between tries: a service started before
 * its broker (or topic, or ACLs) keeps trying instead of crash-looping. A wait ends early when Kafka answers
 * again, also when it came back during the failed try. Each failure is a warning with the try's number; the
 * first success after failures says so.
 *
 * @returns what the action returned, or undefined when the service stopped first.
 */
export async function keepTrying<T>(what: string, action: () => Promise<T>, options: KeepTryingOptions): Promise<T | undefined> {
  const backoff = new Backoff(options.backoff);
  const { logger, stopping, fields } = options;
  for (let attempt = 1; !stopping.aborted; attempt++) {
    const kafkaBack = options.kafkaBack();
    try {
      const result = await action();
      if (attempt > 1) logger.info({ ...fields, attempt }, `${what} succeeded again`);
      return result;
    } catch (error) {
      if (stopping.aborted) break;
      const delayMs = backoff.next();
      const { kind, message, hint } = options.describe(error);
      logger.warn({ ...fields, attempt, delayMs, kind, error: message, hint }, `${what} failed: retrying`);
      await pause(delayMs, AbortSignal.any([stopping, kafkaBack]));
    }
  }
  return undefined;
}
