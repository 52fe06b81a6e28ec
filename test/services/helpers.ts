import { randomUUID } from 'node:crypto';
import { Admin, ITopicConfig, Kafka, logLevel } from 'kafkajs';
import { freePort } from '../../scripts/kafka/free-port';
import { ServiceName, ServiceProcess } from '../../scripts/kafka/service-process';
import { BOOTSTRAP_ENV } from './kafka-env';

/** The shared broker started by global setup. */
export function sharedBootstrap(): string {
  const bootstrap = process.env[BOOTSTRAP_ENV];
  if (!bootstrap) throw new Error(`${BOOTSTRAP_ENV} is not set: run these tests through jest's 'services' project`);
  return bootstrap;
}

/** A name no other test uses, for topics and consumer groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Runs `work` with a connected kafkajs admin. */
export async function withAdmin<T>(bootstrap: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = new Kafka({ clientId: 'services-test', brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

export async function createTopic(bootstrap: string, topic: string | ITopicConfig): Promise<void> {
  const config = typeof topic === 'string' ? { topic, numPartitions: 1, replicationFactor: 1 } : topic;
  await withAdmin(bootstrap, async (admin) => {
    const created = await admin.createTopics({ topics: [config], waitForLeaders: true });
    if (!created) throw new Error(`Topic ${config.topic} already exists`);
  });
}

/** A service process plus the HTTP port it listens on. */
export interface RunningService {
  readonly process: ServiceProcess;
  readonly url: string;
}

/** Starts a service on a free port; `env` adds to or overrides the test defaults. */
export async function startService(name: ServiceName, env: Record<string, string>): Promise<RunningService> {
  const port = await freePort();
  const process = ServiceProcess.start(name, {
    env: { PRODUCER_INTERVAL_MS: '100', ...env, HTTP_PORT: String(port) },
  });
  return { process, url: `http://127.0.0.1:${port}` };
}

export async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.json() };
}

/** Retries `assertion` until it passes or `timeoutMs` runs out, then throws its last error. */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 30_000, pauseMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }
}

/** The service's own (not kafkajs') structured lines (LOG_FORMAT=json) whose message matches. */
export function jsonLines(service: ServiceProcess, message: RegExp): Array<Record<string, unknown>> {
  return service.lines
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => entry.logger === `data-${service.name}` && message.test(String(entry.message)));
}
