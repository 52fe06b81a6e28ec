import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Admin, ITopicConfig, Kafka, logLevel } from 'kafkajs';
import { freePort } from '../../scripts/kafka/free-port';
import { kafkaClasspath } from '../../scripts/kafka/jars';
import { ServiceName, ServiceProcess } from '../../scripts/kafka/service-process';
import { spawnTied } from '../../scripts/kafka/tied-process';
import { BOOTSTRAP_ENV, DATA_DIR_ENV } from './kafka-env';

function fromGlobalSetup(variable: string): string {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is not set: run these tests through jest's 'services' project`);
  return value;
}

/** The shared broker started by global setup. */
export function sharedBootstrap(): string {
  return fromGlobalSetup(BOOTSTRAP_ENV);
}

/** The shared broker's data folder. */
export function sharedDataDir(): string {
  return fromGlobalSetup(DATA_DIR_ENV);
}

/** A name no other test uses, for topics and consumer groups. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

function testClient(bootstrap: string): Kafka {
  return new Kafka({ clientId: 'services-test', brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

/** Runs `work` with a connected kafkajs admin. */
export async function withAdmin<T>(bootstrap: string, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = testClient(bootstrap).admin();
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

/**
 * The key of every record on `topic` (duplicates included), from the start to the end the topic
 * has when called, read by a throw-away consumer group.
 */
export async function keysOnTopic(bootstrap: string, topic: string): Promise<string[]> {
  const ends = await withAdmin(bootstrap, (admin) => admin.fetchTopicOffsets(topic));
  const remaining = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  const consumer = testClient(bootstrap).consumer({ groupId: uniqueName('audit'), maxWaitTimeInMs: 200 });
  const keys: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        if (Number(message.offset) >= (remaining.get(partition) ?? 0)) return;
        keys.push(String(message.key));
        if (Number(message.offset) + 1 >= (remaining.get(partition) ?? 0)) remaining.delete(partition);
      },
    });
    await eventually(() => expect(remaining.size).toBe(0), 60_000);
  } finally {
    await consumer.disconnect();
  }
  return keys;
}

/** A service process plus the HTTP port it listens on. */
export interface RunningService {
  readonly process: ServiceProcess;
  readonly url: string;
}

/**
 * Starts a service on a free port, logging JSON; `env` adds to or overrides the test defaults. NODE_ENV is
 * `production`, as in the images: jest's `test` would switch kafkajs to its test-only retry timings.
 */
export async function startService(name: ServiceName, env: Record<string, string>): Promise<RunningService> {
  const port = await freePort();
  const process = ServiceProcess.start(name, {
    env: { NODE_ENV: 'production', PRODUCER_INTERVAL_MS: '100', LOG_FORMAT: 'json', ...env, HTTP_PORT: String(port) },
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

export type LogLine = Record<string, unknown>;

/** Every output line that is a JSON object (LOG_FORMAT=json), parsed. */
export function jsonOutput(service: ServiceProcess): LogLine[] {
  return service.lines.filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as LogLine);
}

/** The service's own (not kafkajs') lines whose message matches. */
export function jsonLines(service: ServiceProcess, message: RegExp): LogLine[] {
  return jsonOutput(service).filter((entry) => entry.logger === `data-${service.name}` && message.test(String(entry.message)));
}

/** Waits until the service logs a line (JSON) whose message is exactly `message`; returns it. */
export function waitForMessage(service: RunningService, message: string, timeoutMs = 30_000): Promise<LogLine> {
  return eventually(() => {
    const found = jsonOutput(service.process).find((line) => line.message === message);
    if (!found) throw new Error(`${service.process.name} logged no '${message}' within ${timeoutMs} ms`);
    return found;
  }, timeoutMs);
}

/** Keys of the records the producer logged as acknowledged. */
export function producedKeys(producer: RunningService): string[] {
  return jsonLines(producer.process, /^Produced message /).map((entry) => String(entry.key));
}

/** Keys of the records the consumer logged as received. */
export function receivedKeys(consumer: RunningService): string[] {
  return jsonLines(consumer.process, /^Received message: /).map((entry) => String(entry.key));
}

/** The sum of the samples of a metric in `/metrics` whose labels include `labels`. */
export async function metric(service: RunningService, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const samples = text
    .split('\n')
    .map((line) => /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && match[1] === name)
    .filter((match) => Object.entries(labels).every(([key, value]) => (match[2] ?? '').includes(`${key}="${value}"`)));
  if (samples.length === 0) throw new Error(`No sample of ${name} ${JSON.stringify(labels)} in /metrics:\n${text}`);
  return samples.reduce((sum, match) => sum + Number(match[3]), 0);
}

/** Runs a Java class or single-file program of this folder's `java/` on Kafka's jars; resolves with its output. */
export function runJava(args: readonly string[]): Promise<string> {
  const child = spawnTied('java', ['-Dorg.slf4j.simpleLogger.defaultLogLevel=warn', '-cp', kafkaClasspath(), ...args], {
    cwd: join(__dirname, 'java'),
    stdio: 'pipe',
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`java ${args.join(' ')} exited ${code}:\n${output}`)))),
  );
}
