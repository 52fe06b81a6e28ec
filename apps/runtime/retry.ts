import { Logger } from './logger';

/**
 * Repeats `action` until it succeeds or `stopped()` turns true, waiting `delayMs` between tries:
 * a service started before its broker (or topic) keeps trying instead of crash-looping.
 *
 * @returns whether the action succeeded (false: stopped first).
 */
export async function keepTrying(
  what: string,
  action: () => Promise<void>,
  options: { readonly logger: Logger; readonly stopped: () => boolean; readonly delayMs?: number },
): Promise<boolean> {
  const delayMs = options.delayMs ?? 2_000;
  for (let attempt = 1; !options.stopped(); attempt++) {
    try {
      await action();
      return true;
    } catch (error) {
      if (options.stopped()) break;
      options.logger.warn(`${what} failed: retrying`, { attempt, delayMs, error: String(error) });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  return false;
}
