import { readFileSync, statSync } from 'node:fs';

/**
 * Raised when the environment does not describe a usable service; each problem names its variable and is
 * printed as one line.
 */
export class ConfigError extends Error {
  public constructor(public readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

// host:port with a DNS name, an IPv4 address or a bracketed IPv6 address.
const HOST_PORT = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/**
 * Kafka's rules for topic names (org.apache.kafka.common.internals.Topic: LEGAL_CHARS, validate, and its
 * constants for the topics Kafka keeps for itself), which a broker enforces by refusing the topic.
 */
export const KAFKA_TOPIC_NAME = {
  legalCharacters: /^[a-zA-Z0-9._-]+$/,
  maxLength: 249,
  reserved: ['.', '..'],
  internal: ['__consumer_offsets', '__transaction_state', '__share_group_state', '__cluster_metadata'],
} as const;

/** A file named by a variable, read once at start-up. */
export interface FileSetting {
  readonly variable: string;
  readonly path: string;
  readonly content: string;
}

/**
 * Reads typed settings from environment variables. A bad value is recorded and the fallback used,
 * so that {@link Env.validate} can report every problem at once instead of one per restart.
 */
export class Env {
  private readonly problems: string[] = [];

  public constructor(private readonly vars: NodeJS.ProcessEnv) {}

  /** Whether the variable is set to something other than blanks. */
  public isSet(name: string): boolean {
    return (this.vars[name] ?? '').trim() !== '';
  }

  /** A non-blank string. */
  public string(name: string, fallback: string): string {
    const raw = this.raw(name);
    if (raw === undefined) return fallback;
    if (raw.trim() === '') return this.problem(name, 'a non-blank string', raw, fallback);
    return raw.trim();
  }

  /** A trimmed string, or undefined when the variable is unset or blank. */
  public optionalString(name: string): string | undefined {
    return this.isSet(name) ? this.raw(name)?.trim() : undefined;
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

  /** A topic name Kafka accepts for a topic of data (see {@link KAFKA_TOPIC_NAME}). */
  public topicName(name: string, fallback: string): string {
    const topic = this.string(name, fallback);
    const shown = topic.length > 60 ? `${topic.slice(0, 60)}…` : topic;
    const refused = (rule: string): string => {
      this.problems.push(`${name} '${shown}' is not a Kafka topic name: ${rule}`);
      return fallback;
    };
    const rules = KAFKA_TOPIC_NAME;
    if (topic.length > rules.maxLength) return refused(`a topic name has at most ${rules.maxLength} characters, this one has ${topic.length}`);
    if (!rules.legalCharacters.test(topic)) {
      return refused(`use only the characters [a-zA-Z0-9._-], e.g. '${topic.replace(/[^a-zA-Z0-9._-]+/g, '-')}'`);
    }
    if ((rules.reserved as readonly string[]).includes(topic)) return refused(`a topic name is not '.' or '..'`);
    if ((rules.internal as readonly string[]).includes(topic)) {
      this.problems.push(
        `${name} '${topic}' is Kafka's internal topic: set the topic the services exchange measurements on (its KafkaTopic's topicName)`,
      );
      return fallback;
    }
    return topic;
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

  /**
   * The content of the regular, readable, non-empty file the variable names; undefined when the
   * variable is unset or blank, or when the file is unusable (then a problem says why, never what
   * the file holds: it may be a key or a password).
   */
  public optionalFile(name: string): FileSetting | undefined {
    const path = this.optionalString(name);
    if (path === undefined) return undefined;
    const why = (reason: string): undefined => this.report(`${name} must be the path of a readable, non-empty file, got '${path}' (${reason})`);
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return why('a directory');
      if (!stat.isFile()) return why('not a regular file');
      const content = readFileSync(path, 'utf8');
      if (content.trim() === '') return why('empty');
      return { variable: name, path, content };
    } catch (error) {
      return why(fileErrorReason(error));
    }
  }

  /** Records a problem that spans several variables; returns undefined for use as a fallback. */
  public report(problem: string): undefined {
    this.problems.push(problem);
    return undefined;
  }

  /** Throws a {@link ConfigError} if any value read so far was bad. */
  public validate(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }

  /** The variable exactly as set, or undefined. */
  public raw(name: string): string | undefined {
    return this.vars[name];
  }

  private problem<T>(name: string, expected: string, raw: string, fallback: T): T {
    this.problems.push(`${name} must be ${expected}, got '${raw}'`);
    return fallback;
  }
}

function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'not readable by this user';
  return code ?? 'cannot be read';
}
