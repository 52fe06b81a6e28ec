import { accessSync, constants } from 'node:fs';

/** Raised when the environment does not describe a usable service; the message lists every problem. */
export class ConfigError extends Error {
  public constructor(public readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

// host:port with a DNS name, an IPv4 address or a bracketed IPv6 address.
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/**
 * Reads typed settings from environment variables. A bad value is recorded and the fallback used,
 * so that {@link Env.validate} can report every problem at once instead of one per restart.
 */
export class Env {
  private readonly problems: string[] = [];

  public constructor(private readonly source: NodeJS.ProcessEnv) {}

  /** A non-blank string. */
  public string(name: string, fallback: string): string {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (raw.trim() === '') return this.problem(name, 'a non-blank string', raw, fallback);
    return raw.trim();
  }

  /** A decimal integer within [min, max]. */
  public integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = /^\s*-?\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      return this.problem(name, `an integer from ${min} to ${max}`, raw, fallback);
    }
    return value;
  }

  /** One of a fixed set of words (case-insensitive). */
  public oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    const value = allowed.find((word) => word === raw.trim().toLowerCase());
    return value ?? this.problem(name, `one of ${allowed.join(', ')}`, raw, fallback);
  }

  /** A comma-separated list of `host:port` (Kafka's bootstrap.servers). */
  public hostPortList(name: string, fallback: readonly string[]): string[] {
    const raw = this.raw(name);
    if (raw === undefined) return [...fallback];
    const entries = raw.split(',').map((entry) => entry.trim());
    const valid = entries.length > 0 && entries.every((entry) => {
      const match = HOST_PORT.exec(entry);
      return match !== null && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
    });
    if (!valid) return this.problem(name, 'a comma-separated list of host:port (port 1-65535)', raw, [...fallback]);
    return entries;
  }

  /** The path of a readable file, or undefined when the variable is unset or empty. */
  public optionalReadableFile(name: string): string | undefined {
    const raw = this.raw(name)?.trim();
    if (!raw) return undefined;
    try {
      accessSync(raw, constants.R_OK);
      return raw;
    } catch {
      return this.problem(name, 'the path of a readable file', raw, undefined);
    }
  }

  /** Throws a {@link ConfigError} if any value read so far was bad. */
  public validate(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }

  private raw(name: string): string | undefined {
    return this.source[name];
  }

  private problem<T>(name: string, expected: string, raw: string, fallback: T): T {
    this.problems.push(`${name} must be ${expected}, got '${raw}'`);
    return fallback;
  }
}
