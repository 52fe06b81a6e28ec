import { readFileSync } from 'node:fs';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { HealthCheck, HealthCheckResponse, HealthStatus } from './health';
import { Logger } from './logger';

/** Where and how to reach the Kafka cluster. */
export interface KafkaConnection {
  readonly bootstrapServers: readonly string[];
  readonly clientId: string;
  /** PEM CA bundle to trust; when set the connection uses TLS (Strimzi's `tls` listener). */
  readonly sslCaFile?: string;
}

/** A kafkajs client for the connection, logging through `logger`. */
export function createKafka(connection: KafkaConnection, logger: Logger, overrides: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: connection.clientId,
    brokers: [...connection.bootstrapServers],
    ssl: connection.sslCaFile ? { ca: [readFileSync(connection.sslCaFile, 'utf8')] } : undefined,
    logLevel: logger.kafkaLogLevel,
    logCreator: logger.kafkaLogCreator(),
    ...overrides,
  });
}

const CHECK_TIMEOUT_MS = 5_000;

/**
 * Readiness: the cluster answers and `topic` exists. Each probe uses a fresh admin connection without
 * retries, so it reflects the broker as it is now and recovers by itself when the broker returns.
 * Changes of state are logged once rather than on every probe.
 */
export function topicReadiness(connection: KafkaConnection, topic: string, logger: Logger): HealthCheck {
  const kafka = createKafka(connection, logger, {
    clientId: `${connection.clientId}-health`,
    connectionTimeout: 2_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const name = `kafka topic ${topic}`;
  const base = { bootstrapServers: connection.bootstrapServers.join(','), topic };
  let last: HealthStatus | undefined;

  const probe = async (): Promise<HealthCheckResponse> => {
    const admin = kafka.admin();
    try {
      await admin.connect();
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      const partitions = metadata.topics[0]?.partitions.length ?? 0;
      return { name, status: 'UP', data: { ...base, partitions } };
    } catch (error) {
      const missing = (error as { type?: string }).type === 'UNKNOWN_TOPIC_OR_PARTITION';
      return { name, status: 'DOWN', data: { ...base, error: missing ? `topic '${topic}' does not exist` : String(error) } };
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  };

  return async () => {
    const response = await withTimeout(probe(), CHECK_TIMEOUT_MS, {
      name,
      status: 'DOWN',
      data: { ...base, error: `no answer within ${CHECK_TIMEOUT_MS} ms` },
    });
    if (response.status !== last) {
      logger.log(response.status === 'UP' ? 'info' : 'warn', `Readiness ${response.status}`, response.data);
      last = response.status;
    }
    return response;
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
