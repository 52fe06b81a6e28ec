import { logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['text', 'json'] as const;
/** `text` for people (`time LEVEL logger message key=value`), `json` for log collectors (one object a line). */
export type LogFormat = (typeof LOG_FORMATS)[number];

export type LogFields = Readonly<Record<string, unknown>>;

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** A levelled logger writing one line per event to stdout. */
export class Logger {
  public constructor(
    private readonly name: string,
    private readonly level: LogLevel,
    private readonly format: LogFormat,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  /** Whether a line at `level` would be written, to skip building messages nobody sees. */
  public isEnabled(level: LogLevel): boolean {
    return SEVERITY[level] >= SEVERITY[this.level];
  }

  /** A logger with the same level and format under another name (e.g. `kafkajs`). */
  public child(name: string): Logger {
    return new Logger(name, this.level, this.format, this.write);
  }

  public log(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (!this.isEnabled(level)) return;
    const time = new Date().toISOString();
    if (this.format === 'json') {
      this.write(`${JSON.stringify({ time, level, logger: this.name, message, ...fields })}\n`);
      return;
    }
    const pairs = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => ` ${key}=${formatValue(value)}`)
      .join('');
    this.write(`${time} ${level.toUpperCase().padEnd(5)} ${this.name} ${message}${pairs}\n`);
  }

  public debug(message: string, fields?: LogFields): void {
    this.log('debug', message, fields);
  }

  public info(message: string, fields?: LogFields): void {
    this.log('info', message, fields);
  }

  public warn(message: string, fields?: LogFields): void {
    this.log('warn', message, fields);
  }

  public error(message: string, fields?: LogFields): void {
    this.log('error', message, fields);
  }

  /** The kafkajs log level matching this logger's level. */
  public get kafkaLogLevel(): KafkaLogLevel {
    return { debug: KafkaLogLevel.DEBUG, info: KafkaLogLevel.INFO, warn: KafkaLogLevel.WARN, error: KafkaLogLevel.ERROR }[
      this.level
    ];
  }

  /** A kafkajs `logCreator` that sends the client's own logs through this logger. */
  public kafkaLogCreator(): () => (entry: LogEntry) => void {
    return () => (entry) => {
      const { message, ...rest } = entry.log;
      // kafkajs repeats its own time and logger name in every entry; ours already carry both.
      const fields = Object.fromEntries(Object.entries(rest).filter(([key]) => key !== 'timestamp' && key !== 'logger'));
      this.child(`kafkajs.${entry.namespace || 'client'}`).log(fromKafkaLevel(entry.level), message, fields);
    };
  }
}

function fromKafkaLevel(level: KafkaLogLevel): LogLevel {
  if (level === KafkaLogLevel.ERROR || level === KafkaLogLevel.NOTHING) return 'error';
  if (level === KafkaLogLevel.WARN) return 'warn';
  if (level === KafkaLogLevel.INFO) return 'info';
  return 'debug';
}

// Values without spaces or quotes stay bare so lines read naturally; others are quoted like JSON.
function formatValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return /^[^\s"=]*$/.test(text) && text !== '' ? text : JSON.stringify(text);
}
