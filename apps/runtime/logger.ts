import { logLevel as KafkaLogLevel, LogEntry, logCreator } from 'kafkajs';
import pino, { DestinationStream, Logger as PinoLogger } from 'pino';
import { prettyFactory } from 'pino-pretty';

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
 * The root of a service's loggers (pino). Every line is written with a synchronous write(2) before
 * the call returns, so a line is never lost when the process exits, however it exits, and a record
 * is never committed before its line is out: what a slow log reader costs is back-pressure, not
 * lost lines. JSON lines carry `level` (label), `time` (ISO-8601), `logger` and `message`.
 */
export function createRootLogger(options: LoggerOptions): Logger {
  // sync: SonicBoom uses writeSync and retries EAGAIN on a non-blocking pipe until the reader catches up.
  const destination = pino.destination({ dest: options.fd ?? 1, sync: true });
  return pino(
    {
      level: options.level,
      messageKey: 'message',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.format === 'json' ? destination : prettyTo(destination),
  );
}

/** pino-pretty in-process on the same synchronous destination: `[time] LEVEL: logger message {fields}`. */
function prettyTo(destination: DestinationStream): DestinationStream {
  const pretty = prettyFactory({
    colorize: false,
    messageKey: 'message',
    singleLine: true,
    translateTime: "UTC:yyyy-mm-dd'T'HH:MM:ss.l'Z'",
    ignore: 'logger',
    messageFormat: '{logger} {message}',
    errorLikeObjectKeys: ['err'],
  });
  return { write: (line: string) => void destination.write(pretty(line)) };
}

/** A named logger under `root`: the name goes into every line's `logger` field. */
export function namedLogger(root: Logger, name: string): Logger {
  return root.child({ logger: name });
}

/** The kafkajs level matching a service level, so kafkajs does not even build lines nobody sees. */
export function kafkaLogLevel(level: LogLevel): KafkaLogLevel {
  return { debug: KafkaLogLevel.DEBUG, info: KafkaLogLevel.INFO, warn: KafkaLogLevel.WARN, error: KafkaLogLevel.ERROR }[level];
}

/** A kafkajs `logCreator` writing the client's own lines as `kafkajs.<namespace>` loggers under `root`. */
export function kafkaLogCreator(root: Logger): logCreator {
  const loggers = new Map<string, Logger>();
  return () => (entry: LogEntry) => {
    const name = `kafkajs.${entry.namespace || 'client'}`;
    let logger = loggers.get(name);
    if (!logger) loggers.set(name, (logger = namedLogger(root, name)));
    // kafkajs repeats its own time and logger name in every entry; the line already carries both.
    const { message, timestamp: _timestamp, logger: _logger, ...fields } = entry.log;
    logger[fromKafkaLevel(entry.level)](fields, message);
  };
}

function fromKafkaLevel(level: KafkaLogLevel): LogLevel {
  if (level === KafkaLogLevel.ERROR || level === KafkaLogLevel.NOTHING) return 'error';
  if (level === KafkaLogLevel.WARN) return 'warn';
  if (level === KafkaLogLevel.INFO) return 'info';
  return 'debug';
}
