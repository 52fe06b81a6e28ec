import { logLevel as KafkaLogLevel, LogEntry, logCreator } from 'kafkajs';
import pino, { DestinationStream, Logger as PinoLogger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { isPassingKafkaCondition } from './kafka-errors';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const LOG_FORMATS = ['text', 'json'] as const;
/** `json`: one object a line, for log collectors; `text`: pino-pretty, for people at a terminal. */
export type LogFormat = (typeof LOG_FORMATS)[number];

export type Logger = PinoLogger;

export interface LoggerOptions {
  readonly level: LogLevel;
  readonly format: LogFormat;
  /** @default file descriptor 1 (stdout) */
  readonly fd?: number;
}

/**
 * Where a service's lines go: a file descriptor written asynchronously (pino's SonicBoom), so that a log
 * reader that lags (a slow collector on a full pipe) never blocks the event loop: heartbeats, commits and
 * probes go on while lines wait in memory. A line is out of the process once its bytes are written;
 * {@link whenWritten} tells when, so that a record is committed only once its line is out. Before an exit,
 * {@link drainForExit} waits for the lines in hand and writes the last ones synchronously, in order.
 */
export class LogOutput implements DestinationStream {
  /** Bytes handed over so far: the position after the last line. */
  public accepted = 0;
  /** Bytes written to the file descriptor so far. */
  public written = 0;
  private stream: ReturnType<typeof pino.destination>;
  private readonly format: (line: string) => string;
  private readonly waiters: Array<{ readonly position: number; readonly resolve: (written: boolean) => void }> = [];

  public constructor(
    format: LogFormat,
    private readonly fd = 1,
  ) {
    this.stream = pino.destination({ dest: fd, sync: false });
    this.format = format === 'json' ? (line) => line : prettyFormatter();
    this.stream.on('write', (bytes: number) => {
      this.written += bytes;
      while (this.waiters.length > 0 && this.waiters[0].position <= this.written) this.waiters.shift()?.resolve(true);
    });
  }

  public write(line: string): void {
    const text = this.format(line);
    this.accepted += Buffer.byteLength(text);
    this.stream.write(text);
  }

  /**
   * Resolves with true once the output is written up to `position` (a value of {@link accepted}), or with
   * false after `timeoutMs` if it is not by then.
   */
  public whenWritten(position: number, timeoutMs = Infinity): Promise<boolean> {
    if (this.written >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const waiter = {
        position,
        resolve: (written: boolean): void => {
          clearTimeout(timer);
          resolve(written);
        },
      };
      // Positions only grow, so the waiters stay in order.
      this.waiters.push(waiter);
      if (timeoutMs !== Infinity) {
        timer = setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          resolve(false);
        }, timeoutMs);
      }
    });
  }

  /**
   * For the last lines before `process.exit`: waits up to `timeoutMs` until every line is out, then writes
   * the following ones synchronously, so they are out, in order, before the exit. (If the reader is still
   * stalled by then, pino writes what is left at exit, after the write in progress.)
   */
  public async drainForExit(timeoutMs: number): Promise<void> {
    if (await this.whenWritten(this.accepted, timeoutMs)) this.stream = pino.destination({ dest: this.fd, sync: true });
  }
}

/**
 * The root of a service's loggers (pino) on `output`. JSON lines carry `level` (label), `time` (ISO-8601),
 * `logger` and `message`.
 */
export function createRootLogger(options: LoggerOptions, output: LogOutput = new LogOutput(options.format, options.fd)): Logger {
  return pino(
    {
      level: options.level,
      messageKey: 'message',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    output,
  );
}

/** pino-pretty in-process: `[time] LEVEL: logger message {fields}`. */
function prettyFormatter(): (line: string) => string {
  return prettyFactory({
    colorize: false,
    messageKey: 'message',
    singleLine: true,
    translateTime: "UTC:yyyy-mm-dd'T'HH:MM:ss.l'Z'",
    ignore: 'logger',
    messageFormat: '{logger} {message}',
    errorLikeObjectKeys: ['err'],
  });
}

/** A named logger under `root`: the name goes into every line's `logger` field. */
export function namedLogger(root: Logger, name: string): Logger {
  return root.child({ logger: name });
}

/** The kafkajs level matching a service level, so kafkajs does not even build lines nobody sees. */
export function kafkaLogLevel(level: LogLevel): KafkaLogLevel {
  return { debug: KafkaLogLevel.DEBUG, info: KafkaLogLevel.INFO, warn: KafkaLogLevel.WARN, error: KafkaLogLevel.ERROR }[level];
}

/**
 * A kafkajs `logCreator` writing the client's own lines as `kafkajs.<namespace>` loggers under `root`.
 * kafkajs logs at ERROR what it retries or recovers from by itself (a coordinator still loading on a fresh
 * broker, a lost connection, a rejoin): those lines are warnings here (see isPassingKafkaCondition).
 */
export function kafkaLogCreator(root: Logger): logCreator {
  const loggers = new Map<string, Logger>();
  return () => (entry: LogEntry) => {
    const name = `kafkajs.${entry.namespace || 'client'}`;
    let logger = loggers.get(name);
    if (!logger) loggers.set(name, (logger = namedLogger(root, name)));
    // kafkajs repeats its own time and logger name in every entry; the line already carries both.
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry.log;
    const level = fromKafkaLevel(entry.level);
    logger[level === 'error' && isPassingKafkaCondition(entry.log) ? 'warn' : level](fields, message);
  };
}

function fromKafkaLevel(level: KafkaLogLevel): LogLevel {
  if (level === KafkaLogLevel.ERROR || level === KafkaLogLevel.NOTHING) return 'error';
  if (level === KafkaLogLevel.WARN) return 'warn';
  if (level === KafkaLogLevel.INFO) return 'info';
  return 'debug';
}
