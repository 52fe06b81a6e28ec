import { Kafka } from 'kafkajs';
import { ConfigError, Env } from './config';
import { HealthCheck, processLiveness } from './health';
import { HttpServer, RouteHandler, startHttpServer } from './http-server';
import { createKafka, KafkaConnection, topicReadiness } from './kafka';
import { LOG_FORMATS, LOG_LEVELS, LogFormat, Logger, LogLevel } from './logger';
import { Metrics } from './metrics';

/** Settings every service reads from the same environment variables. */
export interface ServiceConfig extends KafkaConnection {
  readonly topic: string;
  readonly httpPort: number;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  /** Level of the one-line-per-message logs, so they can be silenced at high rates. */
  readonly messageLogLevel: LogLevel;
}

/** Reads the shared settings; `service` is the default client id. */
export function readServiceConfig(env: Env, service: string): ServiceConfig {
  return {
    bootstrapServers: env.hostPortList('KAFKA_BOOTSTRAP_SERVERS', ['localhost:9092']),
    clientId: env.string('KAFKA_CLIENT_ID', service),
    sslCaFile: env.optionalReadableFile('KAFKA_SSL_CA_FILE'),
    topic: env.string('KAFKA_TOPIC', 'manual'),
    httpPort: env.integer('HTTP_PORT', 8080, 1, 65535),
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logFormat: env.oneOf('LOG_FORMAT', LOG_FORMATS, 'text'),
    messageLogLevel: env.oneOf('MESSAGE_LOG_LEVEL', LOG_LEVELS, 'info'),
  };
}

/** What the runtime hands a service. */
export interface ServiceContext<C extends ServiceConfig> {
  readonly config: C;
  readonly logger: Logger;
  readonly kafka: Kafka;
  readonly metrics: Metrics;
  /** Reports an error the service cannot recover from: the process stops and exits with 1. */
  fail(error: unknown): void;
}

/** The part that differs between services: what they do with Kafka. */
export interface Service {
  /** Extra GET routes next to health and metrics. */
  readonly routes?: Readonly<Record<string, RouteHandler>>;
  /** Readiness checks besides the broker-and-topic one every service has. */
  readonly readiness?: readonly HealthCheck[];
  /** Connects and starts working; may take long while the broker is away (readiness tells). */
  start(): Promise<void>;
  /** Takes no new work, finishes the work in hand, commits and disconnects. */
  stop(): Promise<void>;
}

export interface ServiceDefinition<C extends ServiceConfig> {
  /** e.g. `data-producer`: the logger name and default client id. */
  readonly name: string;
  /** Adds the service's own settings to the shared ones. */
  readConfig(env: Env, shared: ServiceConfig): C;
  create(context: ServiceContext<C>): Service;
}

/** Exit status for a configuration error (sysexits EX_CONFIG), distinct from a crash. */
export const EXIT_CONFIG = 78;
/** A pod gets 30 s by default between SIGTERM and SIGKILL; finish well before. */
const SHUTDOWN_TIMEOUT_MS = 20_000;

/**
 * Runs a service as a process: validated config, logger, Kafka client, HTTP server with health and
 * metrics, and graceful shutdown on SIGTERM/SIGINT (a second signal exits at once).
 */
export async function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): Promise<void> {
  const config = readConfigOrExit(definition);
  const logger = new Logger(definition.name, config.logLevel, config.logFormat);
  const metrics = new Metrics();
  const kafka = createKafka(config, logger);
  let service: Service | undefined;
  let http: HttpServer | undefined;

  let stopping = false;
  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (stopping) {
      logger.warn('Second stop request: exiting now', { reason });
      process.exit(1);
    }
    stopping = true;
    logger.info('Shutting down', { reason });
    setTimeout(() => {
      logger.error('Shutdown did not finish in time: exiting', { timeoutMs: SHUTDOWN_TIMEOUT_MS });
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    let status = exitCode;
    try {
      await service?.stop();
      await http?.close();
    } catch (error) {
      logger.error('Shutdown failed', { error: String(error) });
      status = 1;
    }
    logger.info('Stopped', { exitCode: status });
    process.exit(status);
  };
  const fail = (error: unknown): void => {
    logger.error('Fatal error', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    void shutdown('fatal error', 1);
  };

  service = definition.create({ config, logger, kafka, metrics, fail });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal, 0));
  process.on('unhandledRejection', fail);

  try {
    http = await startHttpServer({
      port: config.httpPort,
      logger,
      metrics,
      liveness: [processLiveness(definition.name)],
      readiness: [topicReadiness(config, config.topic, logger), ...(service.readiness ?? [])],
      routes: service.routes,
    });
  } catch (error) {
    fail(error);
    return;
  }
  logger.info('Starting', {
    bootstrapServers: config.bootstrapServers.join(','),
    topic: config.topic,
    clientId: config.clientId,
    tls: config.sslCaFile !== undefined,
  });
  service.start().catch(fail);
}

function readConfigOrExit<C extends ServiceConfig>(definition: ServiceDefinition<C>): C {
  const env = new Env(process.env);
  const config = definition.readConfig(env, readServiceConfig(env, definition.name));
  try {
    env.validate();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${definition.name}: ${error.message}\n`);
    process.exit(EXIT_CONFIG);
  }
  return config;
}
