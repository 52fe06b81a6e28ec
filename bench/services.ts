/**
 * `npm run bench:services`: the kafkajs services against Kafka's own perf tools on one local broker.
 * Not a test: it prints figures (throughput, end-to-end latency, RSS) and their ratios to Kafka's tools;
 * docs/services-benchmark.md records a run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { KafkaBroker } from '../scripts/kafka/broker';
import { kafkaClasspath, KAFKA_VERSION } from '../scripts/kafka/jars';
import { ServiceName, ServiceProcess } from '../scripts/kafka/service-process';
import { spawnTied } from '../scripts/kafka/tied-process';
import { freePort } from '../scripts/kafka/free-port';
import { Kafka, logLevel } from 'kafkajs';

/** Records per throughput run of Kafka's tools, and in the topic the consumers drain. */
const RECORDS = 500_000;
/** How long the producer service is measured at full speed, after a warm-up. */
const WARM_UP_MS = 3_000;
const WINDOW_MS = 10_000;
/** Fixed rate for the latency run: the producer service sends every 10 ms (100 records/s). */
const LATENCY_INTERVAL_MS = 10;
const LATENCY_WINDOW_MS = 20_000;
/** Records of Kafka's EndToEndLatency tool (one round trip at a time). */
const E2E_RECORDS = 2_000;
/** Producer-service batch sizes measured: 1 as deployed (one record per request), and a batch. */
const BATCH_SIZES = [1, 250];

interface Service {
  readonly process: ServiceProcess;
  readonly url: string;
}

async function startService(name: ServiceName, env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const process = ServiceProcess.start(name, { env: { ...env, HTTP_PORT: String(port) } });
  return { process, url: `http://127.0.0.1:${port}` };
}

/** A one-partition, one-replica topic like the synthesized `manual`. */
async function createTopicOn(bootstrap: string, topic: string): Promise<void> {
  const admin = new Kafka({ clientId: 'bench', brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

async function scrape(service: Service): Promise<Record<string, number>> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => line.split(' '))
      .map(([name, value]) => [name, Number(value)]),
  );
}

async function scrapeWhenUp(service: Service): Promise<Record<string, number>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await scrape(service);
    } catch (error) {
      if (attempt > 100) throw error;
      await sleep(100);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function runJava(mainClass: string, args: readonly string[]): Promise<string> {
  const child = spawnTied('java', ['-Xmx1g', '-cp', kafkaClasspath(), mainClass, ...args], { stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`${mainClass} exited ${code}:\n${output}`)))),
  );
}

function match(output: string, pattern: RegExp, what: string): RegExpExecArray {
  const found = pattern.exec(output);
  if (!found) throw new Error(`Cannot find ${what} in:\n${output}`);
  return found;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const perSecond = (n: number): string => `${Math.round(n).toLocaleString('en-US')} rec/s`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(3)}×`;

async function main(): Promise<void> {
  const broker = await KafkaBroker.start({ logLevel: 'warn' });
  const work = mkdtempSync(join(tmpdir(), 'bench-services-'));
  const bootstrap = broker.bootstrapServers;
  const base = { KAFKA_BOOTSTRAP_SERVERS: bootstrap, LOG_LEVEL: 'info', MESSAGE_LOG_LEVEL: 'debug' };
  const rows: string[][] = [];
  const started: Service[] = [];
  try {
    // The tools send the very values the services send: SensorMeasurement JSON.
    const payloads = join(work, 'payloads.txt');
    writeFileSync(payloads, Array.from({ length: 1000 }, () => JSON.stringify({ data: Math.random() })).join('\n'));
    const recordBytes = JSON.stringify({ data: Math.random() }).length;

    // --- producer throughput -------------------------------------------------------------------
    await createTopicOn(bootstrap, 'perf-java');
    const javaProducer = await runJava('org.apache.kafka.tools.ProducerPerformance', [
      '--topic', 'perf-java', '--num-records', String(RECORDS), '--payload-file', payloads, '--throughput', '-1',
      '--producer-props', `bootstrap.servers=${bootstrap}`, 'acks=all', 'enable.idempotence=true',
    ]);
    const javaProduceRate = Number(match(javaProducer, /records sent, ([\d.]+) records\/sec/, 'the producer rate')[1]);
    rows.push(['Producer throughput, acks=all, idempotent', 'ProducerPerformance', perSecond(javaProduceRate), '1']);

    for (const batchSize of BATCH_SIZES) {
      const topic = `perf-service-${batchSize}`;
      await createTopicOn(bootstrap, topic);
      const producer = await startService('producer', {
        ...base, KAFKA_TOPIC: topic, PRODUCER_INTERVAL_MS: '0', PRODUCER_BATCH_SIZE: String(batchSize),
      });
      started.push(producer);
      await scrapeWhenUp(producer);
      await sleep(WARM_UP_MS);
      const before = await scrape(producer);
      let rssUnderLoad = 0;
      for (const end = Date.now() + WINDOW_MS; Date.now() < end; await sleep(500)) {
        rssUnderLoad = Math.max(rssUnderLoad, (await scrape(producer)).process_resident_memory_bytes);
      }
      const after = await scrape(producer);
      const rate = (after.messages_produced_total - before.messages_produced_total) / ((after.process_uptime_seconds - before.process_uptime_seconds));
      await producer.process.stop();
      rows.push([`… data-producer, PRODUCER_BATCH_SIZE=${batchSize}`, 'service', `${perSecond(rate)} (RSS ${mib(rssUnderLoad)})`, ratio(rate, javaProduceRate)]);
    }

    // --- consumer throughput: both drain the topic ProducerPerformance filled ---------------------
    const javaConsumer = await runJava('org.apache.kafka.tools.ConsumerPerformance', [
      '--bootstrap-server', bootstrap, '--topic', 'perf-java', '--num-records', String(RECORDS), '--group', 'perf-java-consumer',
    ]);
    // The CSV line after the header: ..., nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
    const csv = match(javaConsumer, /^\d{4}-.*$/m, 'the consumer result line')[0].split(',').map((f) => f.trim());
    const javaConsumeRate = Number(csv[9]);
    rows.push(['Consumer throughput (after the group join)', 'ConsumerPerformance', perSecond(javaConsumeRate), '1']);

    const consumer = await startService('consumer', {
      ...base, KAFKA_TOPIC: 'perf-java', KAFKA_GROUP_ID: 'perf-service-consumer', KAFKA_AUTO_OFFSET_RESET: 'earliest',
    });
    started.push(consumer);
    let first: { at: number; count: number } | undefined;
    let last = { at: 0, count: 0 };
    let consumerRss = 0;
    while (last.count < RECORDS) {
      const metrics = await scrapeWhenUp(consumer);
      last = { at: metrics.process_uptime_seconds, count: metrics.messages_consumed_total };
      if (!first && last.count > 0) first = last;
      if (first) consumerRss = Math.max(consumerRss, metrics.process_resident_memory_bytes);
      await sleep(100);
    }
    const serviceConsumeRate = (last.count - (first?.count ?? 0)) / (last.at - (first?.at ?? 0));
    await consumer.process.stop();
    rows.push(['… data-consumer', 'service', `${perSecond(serviceConsumeRate)} (RSS ${mib(consumerRss)})`, ratio(serviceConsumeRate, javaConsumeRate)]);

    // --- end-to-end latency at a fixed rate, and idle RSS ---------------------------------------
    await createTopicOn(bootstrap, 'latency');
    const latencyEnv = { ...base, KAFKA_TOPIC: 'latency', LOG_FORMAT: 'json', MESSAGE_LOG_LEVEL: 'info' };
    const idleConsumer = await startService('consumer', { ...latencyEnv, KAFKA_GROUP_ID: 'latency' });
    const idleProducer = await startService('producer', latencyEnv); // the deployed default: every 2 s
    started.push(idleConsumer, idleProducer);
    await idleConsumer.process.waitForLine(/Received message/, 30_000);
    await sleep(10_000);
    const idleRss = {
      producer: (await scrape(idleProducer)).process_resident_memory_bytes,
      consumer: (await scrape(idleConsumer)).process_resident_memory_bytes,
    };
    await idleProducer.process.stop();

    const fastProducer = await startService('producer', { ...latencyEnv, PRODUCER_INTERVAL_MS: String(LATENCY_INTERVAL_MS) });
    started.push(fastProducer);
    await scrapeWhenUp(fastProducer);
    await sleep(WARM_UP_MS);
    const from = idleConsumer.process.lines.length;
    await sleep(LATENCY_WINDOW_MS);
    const latencies = idleConsumer.process.lines
      .slice(from)
      .filter((line) => line.includes('"Received message: '))
      .map((line) => Number((JSON.parse(line) as { latencyMs: number }).latencyMs))
      .sort((a, b) => a - b);
    await fastProducer.process.stop();
    await idleConsumer.process.stop();
    const serviceP = (p: number): number => percentile(latencies, p);
    const rateAchieved = latencies.length / (LATENCY_WINDOW_MS / 1000);

    await createTopicOn(bootstrap, 'latency-java');
    const javaE2e = await runJava('org.apache.kafka.tools.EndToEndLatency', [bootstrap, 'latency-java', String(E2E_RECORDS), 'all', String(recordBytes)]);
    const javaAvg = Number(match(javaE2e, /Avg latency: ([\d.]+) ms/, 'the average latency')[1]);
    const javaPercentiles = match(javaE2e, /50th = (\d+), 99th = (\d+), 99\.9th = (\d+)/, 'the latency percentiles').slice(1).map(Number);

    // --- report ----------------------------------------------------------------------------------
    const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0];
    const kafkajsVersion = (require('kafkajs/package.json') as { version: string }).version;
    console.log(`\nDate: ${new Date().toISOString()}`);
    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${mib(totalmem())} RAM`);
    console.log(`Versions: Kafka ${KAFKA_VERSION} (broker and tools), kafkajs ${kafkajsVersion}, Node ${process.version}, ${java}`);
    console.log(`Record: value ${recordBytes} B SensorMeasurement JSON (the services add a 36 B UUID key), 1 partition, 1 replica, acks=all\n`);
    console.log('| Measure | Client | Result | Ratio to Kafka tool |');
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(`\nEnd-to-end latency (ms), producer service → broker → consumer service at ${1000 / LATENCY_INTERVAL_MS} rec/s target (${rateAchieved.toFixed(0)} rec/s achieved, ${latencies.length} records):`);
    console.log(`  service: p50 ${serviceP(50)}, p95 ${serviceP(95)}, p99 ${serviceP(99)}, p99.9 ${serviceP(99.9)}, max ${latencies[latencies.length - 1]}`);
    console.log(`  EndToEndLatency (${E2E_RECORDS} sequential round trips): avg ${javaAvg}, p50 ${javaPercentiles[0]}, p99 ${javaPercentiles[1]}, p99.9 ${javaPercentiles[2]}`);
    console.log(`  ratio p50 ${ratio(serviceP(50), Math.max(javaPercentiles[0], 1))}, p99 ${ratio(serviceP(99), Math.max(javaPercentiles[1], 1))}`);
    console.log(`\nRSS idle (default 2 s interval, after 10 s): data-producer ${mib(idleRss.producer)}, data-consumer ${mib(idleRss.consumer)}`);
  } finally {
    await Promise.all(started.map((service) => service.process.stop()));
    await broker.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
