import { Kafka, logLevel } from 'kafkajs';
import pino from 'pino';
import { Registry } from 'prom-client';
import { ServiceEnv } from '../../lib/base/service-environment';
import { ConfigError, Env } from './config';
import { HealthCheck, processLiveness } from './health';
import { HttpServer, Route, startHttpServer } from './http-server';
import { createKafka, describeConnection, KafkaConnection } from './kafka';
import { KafkaErrorCounter } from './kafka-errors';
import { readKafkaSecurity } from './kafka-security';
import { createRootLogger, LOG_FORMATS, LOG_LEVELS, LogFormat, Logger, LogLevel, LogOutput, namedLogger } from './logger';
import { createMetricsRegistry } from './metrics';
import { RetrySignals } from './retry';
import { TopicReadiness } from './topic-readiness';

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
    bootstrapServers: env.hostPortList(ServiceEnv.KAFKA_BOOTSTRAP_SERVERS, ['localhost:9092']),
    clientId: env.string(ServiceEnv.KAFKA_CLIENT_ID, service),
    security: readKafkaSecurity(env),
    topic: env.topicName(ServiceEnv.KAFKA_TOPIC, 'manual'),
    httpPort: env.integer(ServiceEnv.HTTP_PORT, 8080, 1, 65535),
    logLevel: env.oneOf(ServiceEnv.LOG_LEVEL, LOG_LEVELS, 'info'),
    logFormat: env.oneOf(ServiceEnv.LOG_FORMAT, LOG_FORMATS, 'text'),
    messageLogLevel: env.oneOf(ServiceEnv.MESSAGE_LOG_LEVEL, LOG_LEVELS, 'info'),
  };
}

/** What the runtime hands a service; its retries wait on {@link RetrySignals}. */
export interface ServiceContext<C extends ServiceConfig> extends RetrySignals {
  readonly config: C;
  /** The service's own logger (`logger` field = the service name). */
  readonly logger: Logger;
  /** Where every line goes, and how far it is written (a record is committed only once its line is out). */
  readonly logOutput: LogOutput;
  readonly kafka: Kafka;
  /** The service's Prometheus registry, default metrics included. */
  readonly registry: Registry;
  /** `kafka_errors_total`: count every failed client operation here. */
  readonly errors: KafkaErrorCounter;
  /** The background "broker answers and topic exists" check, from memory. */
  readonly topicReadiness: HealthCheck;
  /** Reports an error the service cannot recover from: the process stops and exits with 1. */
  fail(error: unknown): void;
}

/** The part that differs between services: what they do with Kafka. */
export interface Service {
  /** Extra routes next to health and metrics. */
  readonly routes?: Readonly<Record<string, Route>>;
  /** Readiness checks besides the broker-and-topic one every service has; answered from memory. */
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
/** How long a second stop request waits for a slow log reader to take the lines in hand before exiting. */
const EXIT_LOG_WAIT_MS = 5_000;

/**
 * Runs a service as a process: validated config, logger, metrics, Kafka client, background
 * readiness, HTTP server, and graceful shutdown on SIGTERM/SIGINT (a second signal exits without waiting
 * for the stop, once its lines in hand are out or after 5 s).
 * Whatever it can check before connecting to Kafka — the settings, the HTTP port — stops it with
 * {@link EXIT_CONFIG} and one line per problem, naming the variable. Lines are written asynchronously
 * (see {@link LogOutput}); every exit first lets the lines in hand out, then writes its last line synchronously.
 */
export async function runService<C extends ServiceConfig>(definition: ServiceDefinition<C>): Promise<void> {
  const config = readConfigOrExit(definition);
  const logOutput = new LogOutput(config.logFormat);
  const root = createRootLogger({ level: config.logLevel, format: config.logFormat }, logOutput);
  const logger = namedLogger(root, definition.name);
  const registry = createMetricsRegistry();
  const kafka = createKafka(config, root, config.logLevel);
  const stop = new AbortController();
  // Its own client without retries and quiet: a failed lookup is reported by readiness, once per change.
  const topicReadiness = new TopicReadiness(
    createKafka(config, root, config.logLevel, {
      clientId: `${config.clientId}-readiness`,
      connectionTimeout: 2_000,
      requestTimeout: 3_000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    }),
    config.topic,
    config.bootstrapServers.join(','),
    logger,
    stop.signal,
  );
  // Assigned once below, but `shutdown` may run before that (create() can fail), when a const would throw.
  // eslint-disable-next-line prefer-const
  let service: Service | undefined;
  let http: HttpServer | undefined;

  let exitingNow = false;
  const shutdown = async (reason: string, exitCode: number): Promise<void> => {
    if (stop.signal.aborted) {
      if (exitingNow) return;
      exitingNow = true;
      await logOutput.drainForExit(EXIT_LOG_WAIT_MS);
      logger.warn({ reason }, 'Second stop request: exiting now');
      process.exit(1);
    }
    stop.abort();
    logger.info({ reason }, 'Shutting down');
    setTimeout(() => {
      logger.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'Shutdown did not finish in time: exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    let status = exitCode;
    try {
      await service?.stop();
      await topicReadiness.stop();
      await http?.close();
    } catch (error) {
      logger.error({ error: String(error) }, 'Shutdown failed');
      status = 1;
    }
    if (exitingNow) return;
    await logOutput.drainForExit(SHUTDOWN_TIMEOUT_MS);
    logger.info({ exitCode: status }, 'Stopped');
    process.exit(status);
  };
  const fail = (error: unknown): void => {
    logger.fatal({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 'Fatal error');
    void shutdown('fatal error', 1);
  };

  service = definition.create({
    config,
    logger,
    logOutput,
    kafka,
    registry,
    errors: new KafkaErrorCounter(registry),
    topicReadiness: topicReadiness.check,
    stopping: stop.signal,
    kafkaBack: topicReadiness.kafkaBack,
    fail,
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void shutdown(signal, 0));
  process.on('unhandledRejection', fail);
  process.on('uncaughtException', fail);

  try {
    http = await startHttpServer({
      port: config.httpPort,
      logger,
      registry,
      liveness: [processLiveness(definition.name)],
      readiness: [topicReadiness.check, ...(service.readiness ?? [])],
      routes: service.routes,
    });
  } catch (error) {
    exitForConfig(definition.name, [listenProblem(config.httpPort, error)]);
  }
  logger.info({ ...describeConnection(config), topic: config.topic }, 'Starting');
  topicReadiness.start();
  service.start().catch(fail);
}

function readConfigOrExit<C extends ServiceConfig>(definition: ServiceDefinition<C>): C {
  const env = new Env(process.env);
  const config = definition.readConfig(env, readServiceConfig(env, definition.name));
  try {
    env.validate();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    exitForConfig(definition.name, error.problems);
  }
  return config;
}

/** Why the HTTP port cannot be listened on, naming the setting. */
function listenProblem(port: number, error: unknown): string {
  const name = ServiceEnv.HTTP_PORT;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return `${name} ${port} is already in use by another process: set ${name} to a free port, or stop the other process`;
    case 'EACCES':
      return `${name} ${port} may not be listened on by this user (ports below 1024 need a privilege): set ${name} to 1024 or above, e.g. 8080`;
    default:
      return `${name} ${port} cannot be listened on: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** One line per problem on stderr, written synchronously so it is out before the exit whatever reads it; then EX_CONFIG. */
function exitForConfig(service: string, problems: readonly string[]): never {
  pino.destination({ dest: 2, sync: true }).write(problems.map((problem) => `${service}: ${problem}\n`).join(''));
  process.exit(EXIT_CONFIG);
}
