import { Kafka, KafkaConfig, SASLOptions } from 'kafkajs';
import { registerCompressionCodecs } from './compression';
import { KafkaSecurity } from './kafka-security';
import { skipIdlePendingRequestChecks } from './kafkajs-idle-fix';
import { kafkaLogCreator, kafkaLogLevel, Logger, LogLevel } from './logger';

/** Where and how to reach the Kafka cluster. */
export interface KafkaConnection {
  readonly bootstrapServers: readonly string[];
  readonly clientId: string;
  readonly security: KafkaSecurity;
}

/**
 * kafkajs' retries within one client call (5 by default) wait like Kafka's Java clients (`retry.backoff.ms`
 * 100, `retry.backoff.max.ms` 1000) rather than kafkajs' up to 30 s, so that a call retrying through an
 * outage goes on within a second of the broker's return. The services retry failed calls themselves.
 */
const CLIENT_RETRY = { initialRetryTime: 100, maxRetryTime: 1_000 };

/** A kafkajs client for the connection, logging through `root` at `level`, able to read every compression. */
export function createKafka(connection: KafkaConnection, root: Logger, level: LogLevel, overrides: Partial<KafkaConfig> = {}): Kafka {
  registerCompressionCodecs();
  skipIdlePendingRequestChecks();
  const { tls, sasl } = connection.security;
  return new Kafka({
    clientId: connection.clientId,
    brokers: [...connection.bootstrapServers],
    ssl: tls ? { ca: tls.ca ? [tls.ca] : undefined, cert: tls.cert, key: tls.key?.reveal() } : undefined,
    sasl: sasl && ({ mechanism: sasl.mechanism, username: sasl.username, password: sasl.password.reveal() } as SASLOptions),
    logLevel: kafkaLogLevel(level),
    logCreator: kafkaLogCreator(root),
    retry: CLIENT_RETRY,
    ...overrides,
  });
}

/** What the service says about its connection at start-up: no secrets, only which mechanisms are on. */
export function describeConnection(connection: KafkaConnection): Record<string, string | boolean> {
  const { tls, sasl } = connection.security;
  return {
    bootstrapServers: connection.bootstrapServers.join(','),
    clientId: connection.clientId,
    tls: tls !== undefined,
    authentication: sasl ? sasl.mechanism : tls?.cert ? 'tls' : 'none',
    ...(sasl && { username: sasl.username }),
  };
}
