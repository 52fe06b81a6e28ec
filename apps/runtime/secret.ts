import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A password or private key. It prints as `[redacted]` however it is printed (template string,
 * JSON, util.inspect, a log field), so that passing a config object to a logger by mistake cannot
 * leak it; only {@link Secret.reveal} gives the value, for the Kafka client.
 */
export class Secret {
  readonly #value: string;

  public constructor(value: string) {
    this.#value = value;
  }

  public reveal(): string {
    return this.#value;
  }

  public toString(): string {
    return REDACTED;
  }

  public toJSON(): string {
    return REDACTED;
  }

  public [inspect.custom](): string {
    return REDACTED;
  }
}
