/**
 * `npm run bench:services`: the kafkajs services against their ceiling, bare kafkajs doing the same
 * work in the same run on the same broker, and against Kafka's own perf tools. Not a test: it prints
 * figures (throughput, end-to-end latency, CPU, RSS) and ratios; docs/services-benchmark.md records a run.
 *
 * The bare kafkajs clients run as child processes of this very file (`bare-producer` / `bare-consumer`
 * as first argument), so they have a process and an event loop of their own, as the services do.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import { KafkaBroker } from '../scripts/kafka/broker';
import { freePort } from '../scripts/kafka/free-port';
import { kafkaClasspath, KAFKA_VERSION } from '../scripts/kafka/jars';
import { ServiceName, ServiceProcess } from '../scripts/kafka/service-process';
import { spawnTied } from '../scripts/kafka/tied-process';

/** Records in the topic the consumers drain (written by ProducerPerformance). */
const RECORDS = 1_000_000;
/** Producers are measured over a window after a warm-up. */
const WARM_UP_MS = 3_000;
const WINDOW_MS = 10_000;
/** Each bare-vs-service pair is measured this many times, alternating, to see the noise. */
const ROUNDS = 2;
/** Measurements per send request: 1 as deployed, and a batch. */
const BATCH_SIZES = [1, 250];
/** End-to-end latency at 1,000 records/s: 10 measurements per request every 10 ms. */
const LATENCY_INTERVAL_MS = 10;
const LATENCY_BATCH = 10;
const LATENCY_WINDOW_MS = 20_000;
/** Records of Kafka's EndToEndLatency tool (one round trip at a time). */
const E2E_RECORDS = 2_000;
/** The seed's rate (one record every 2 s) is watched this long for CPU and memory. */
const SEED_RATE_WINDOW_MS = 60_000;
/** The chart's resource requests for each service. */
const CPU_REQUEST_MILLICORES = 50;
const MEMORY_REQUEST_BYTES = 100 * 1024 * 1024;
/** How often /metrics is read while a consumer drains the topic (each read costs the service a little CPU). */
const POLL_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const perSecond = (n: number): string => `${Math.round(n).toLocaleString('en-US')} rec/s`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;

function quietKafka(bootstrap: string, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: [bootstrap], logLevel: logLevel.NOTHING });
}

// --- the bare kafkajs clients (child processes) -------------------------------------------------

/**
 * An idempotent kafkajs producer sending what the service sends (UUID key, SensorMeasurement JSON
 * value, acks=all), `batchSize` per request, one request at a time; prints the records
 * acknowledged within the window after the warm-up.
 */
async function bareProducer(bootstrap: string, topic: string, batchSize: number): Promise<void> {
  const producer = quietKafka(bootstrap, 'bare-producer').producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const start = Date.now();
  let acknowledged = 0;
  let atWindowStart = -1;
  let cpuAtWindowStart = process.cpuUsage();
  while (Date.now() - start < WARM_UP_MS + WINDOW_MS) {
    if (atWindowStart < 0 && Date.now() - start >= WARM_UP_MS) {
      atWindowStart = acknowledged;
      cpuAtWindowStart = process.cpuUsage();
    }
    const messages = Array.from({ length: batchSize }, () => ({ key: randomUUID(), value: JSON.stringify({ data: Math.random() }) }));
    await producer.send({ topic, acks: -1, messages });
    acknowledged += batchSize;
  }
  const windowMs = Date.now() - start - WARM_UP_MS;
  const cpu = process.cpuUsage(cpuAtWindowStart);
  await producer.disconnect();
  const records = acknowledged - atWindowStart;
  process.stdout.write(`${JSON.stringify({ rate: (records * 1000) / windowMs, cpuMicrosPerRecord: (cpu.user + cpu.system) / records })}\n`);
}

/** A kafkajs consumer parsing each value as JSON, as the service does; prints its rate from first to last record. */
async function bareConsumer(bootstrap: string, topic: string, records: number): Promise<void> {
  const consumer = quietKafka(bootstrap, 'bare-consumer').consumer({ groupId: `bare-${randomUUID()}`, maxWaitTimeInMs: 500 });
  let consumed = 0;
  let first = 0;
  let firstCpu = process.cpuUsage();
  let atFirst = 0;
  let measurements = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      if (first === 0) {
        first = performance.now();
        firstCpu = process.cpuUsage();
        atFirst = batch.messages.length;
      }
      for (const message of batch.messages) {
        const parsed = JSON.parse(message.value?.toString('utf8') ?? '') as { data?: unknown };
        if (typeof parsed.data === 'number') measurements++;
      }
      consumed += batch.messages.length;
      if (consumed >= records) done();
    },
  });
  await finished;
  const seconds = (performance.now() - first) / 1000;
  await consumer.disconnect();
  const cpu = process.cpuUsage(firstCpu);
  process.stdout.write(
    `${JSON.stringify({ rate: consumed / seconds, measurements, cpuMicrosPerRecord: (cpu.user + cpu.system) / (consumed - atFirst) })}\n`,
  );
}

/** Records per second, and CPU time (user + system) per record, of one client over its measured span. */
interface Measured {
  readonly rate: number;
  readonly cpuMicrosPerRecord: number;
}

function runBare(args: readonly string[]): Promise<Measured> {
  const child = spawnTied(process.execPath, ['--import', 'tsx', __filename, ...args], { stdio: 'pipe' });
  let result: Measured | undefined;
  let errors = '';
  if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => (result = JSON.parse(line) as Measured));
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 && result ? resolve(result) : reject(new Error(`bare ${args[0]} exited ${code}:\n${errors}`)))),
  );
}

// --- the services and Kafka's tools ---------------------------------------------------------------

interface Service {
  readonly process: ServiceProcess;
  readonly url: string;
}

/** Runs the compiled services (built at the start), as the images do. */
async function startService(name: ServiceName, env: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const process = ServiceProcess.start(name, { env: { ...env, HTTP_PORT: String(port) }, compiled: true });
  return { process, url: `http://127.0.0.1:${port}` };
}

/** Unlabelled samples of `/metrics` by name. */
async function scrape(service: Service): Promise<Record<string, number>> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  return Object.fromEntries(
    text
      .split('\n')
      .map((line) => /^([a-zA-Z_:][\w:]*) (\S+)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], Number(match[2])]),
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

async function createTopic(bootstrap: string, topic: string): Promise<void> {
  const admin = quietKafka(bootstrap, 'bench').admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
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

/** A table row: bare kafkajs against the service, by rate and by CPU per record, and the service against Kafka's tool. */
function compared(measure: string, bare: Measured, service: Measured & { rss: number }, javaRate: number): string[] {
  return [
    measure,
    `${perSecond(bare.rate)} / ${perSecond(service.rate)} (RSS ${mib(service.rss)})`,
    ratio(service.rate, bare.rate),
    `${bare.cpuMicrosPerRecord.toFixed(2)} / ${service.cpuMicrosPerRecord.toFixed(2)}`,
    ratio(bare.cpuMicrosPerRecord, service.cpuMicrosPerRecord),
    ratio(service.rate, javaRate),
  ];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The producer service's acknowledged records per second (and CPU per record) over the window after the warm-up, and its peak RSS. */
async function serviceProducerRate(base: Record<string, string>, topic: string, batchSize: number): Promise<Measured & { rss: number }> {
  const producer = await startService('producer', { ...base, KAFKA_TOPIC: topic, PRODUCER_INTERVAL_MS: '0', PRODUCER_BATCH_SIZE: String(batchSize) });
  try {
    await scrapeWhenUp(producer);
    await sleep(WARM_UP_MS);
    const before = await scrape(producer);
    const startedAt = performance.now();
    let rss = 0;
    for (const end = Date.now() + WINDOW_MS; Date.now() < end; await sleep(500)) {
      rss = Math.max(rss, (await scrape(producer)).process_resident_memory_bytes);
    }
    const after = await scrape(producer);
    const seconds = (performance.now() - startedAt) / 1000;
    const records = after.messages_produced_total - before.messages_produced_total;
    return { rate: records / seconds, cpuMicrosPerRecord: ((after.process_cpu_seconds_total - before.process_cpu_seconds_total) * 1e6) / records,
      rss };
  } finally {
    await producer.process.stop();
  }
}

/** The consumer service's rate (and CPU per record) from its first batch to the last of `records`, read from /metrics every POLL_MS. */
async function serviceConsumerRate(base: Record<string, string>, topic: string, records: number): Promise<Measured & { rss: number }> {
  const consumer = await startService('consumer', { ...base, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `service-${randomUUID()}` });
  try {
    let first: { at: number; count: number; cpu: number } | undefined;
    let last = { at: 0, count: 0, cpu: 0 };
    let rss = 0;
    await scrapeWhenUp(consumer);
    while (last.count < records) {
      const metrics = await scrape(consumer);
      last = { at: performance.now(), count: metrics.messages_consumed_total, cpu: metrics.process_cpu_seconds_total };
      if (!first && last.count > 0) first = last;
      if (first) rss = Math.max(rss, metrics.process_resident_memory_bytes);
      await sleep(POLL_MS);
    }
    const counted = last.count - (first?.count ?? 0);
    return { rate: counted / ((last.at - (first?.at ?? 0)) / 1000), cpuMicrosPerRecord: ((last.cpu - (first?.cpu ?? 0)) * 1e6) / counted, rss };
  } finally {
    await consumer.process.stop();
  }
}

/** CPU (millicores) and peak RSS of a service over `ms`, from its own process metrics. */
async function resourceUse(service: Service, ms: number): Promise<{ millicores: number; rss: number }> {
  const before = await scrape(service);
  const startedAt = performance.now();
  let rss = before.process_resident_memory_bytes;
  for (const end = Date.now() + ms; Date.now() < end; await sleep(5_000)) rss = Math.max(rss, (await scrape(service)).process_resident_memory_bytes);
  const after = await scrape(service);
  const seconds = (performance.now() - startedAt) / 1000;
  return { millicores: ((after.process_cpu_seconds_total - before.process_cpu_seconds_total) / seconds) * 1000,
    rss: Math.max(rss, after.process_resident_memory_bytes) };
}

async function main(): Promise<void> {
  const build = spawnSync('npx', ['tsc', '-p', 'apps'], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`Compiling apps/ failed:\n${build.stdout}${build.stderr}`);
  const broker = await KafkaBroker.start({ logLevel: 'warn' });
  const work = mkdtempSync(join(tmpdir(), 'bench-services-'));
  const bootstrap = broker.bootstrapServers;
  // Per-message lines at debug while LOG_LEVEL is info: written nowhere, as the goal states.
  const base = { KAFKA_BOOTSTRAP_SERVERS: bootstrap, LOG_LEVEL: 'info', MESSAGE_LOG_LEVEL: 'debug', LOG_FORMAT: 'json' };
  const rows: string[][] = [];
  const started: Service[] = [];
  try {
    // The tools send the very values the services send: SensorMeasurement JSON.
    const payloads = join(work, 'payloads.txt');
    writeFileSync(payloads, Array.from({ length: 1000 }, () => JSON.stringify({ data: Math.random() })).join('\n'));
    const recordBytes = JSON.stringify({ data: Math.random() }).length;

    // --- producers: Kafka's tool, then bare kafkajs and the service, alternating -----------------
    await createTopic(bootstrap, 'perf-java');
    const javaProducer = await runJava('org.apache.kafka.tools.ProducerPerformance', [
      '--topic', 'perf-java', '--num-records', String(RECORDS), '--payload-file', payloads, '--throughput', '-1',
      '--producer-props', `bootstrap.servers=${bootstrap}`, 'acks=all', 'enable.idempotence=true',
    ]);
    const javaProduceRate = Number(match(javaProducer, /records sent, ([\d.]+) records\/sec/, 'the producer rate')[1]);
    rows.push(['Producer, acks=all, idempotent: ProducerPerformance (Java)', perSecond(javaProduceRate), '', '', '', '']);

    for (const batchSize of BATCH_SIZES) {
      for (let round = 1; round <= ROUNDS; round++) {
        const bareTopic = `bare-${batchSize}-${round}`;
        const serviceTopic = `service-${batchSize}-${round}`;
        await createTopic(bootstrap, bareTopic);
        await createTopic(bootstrap, serviceTopic);
        const bare = await runBare(['bare-producer', bootstrap, bareTopic, String(batchSize)]);
        const service = await serviceProducerRate(base, serviceTopic, batchSize);
        rows.push(compared(`Producer, ${batchSize} per request, round ${round}`, bare, service, javaProduceRate));
      }
    }

    // --- consumers: all drain the topic ProducerPerformance filled --------------------------------
    const javaConsumer = await runJava('org.apache.kafka.tools.ConsumerPerformance', [
      '--bootstrap-server', bootstrap, '--topic', 'perf-java', '--num-records', String(RECORDS), '--group', 'perf-java-consumer',
    ]);
    // The CSV line after the header: ..., nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
    const csv = match(javaConsumer, /^\d{4}-.*$/m, 'the consumer result line')[0].split(',').map((f) => f.trim());
    const javaConsumeRate = Number(csv[9]);
    rows.push(['Consumer (after the group join): ConsumerPerformance (Java)', perSecond(javaConsumeRate), '', '', '', '']);
    for (let round = 1; round <= ROUNDS; round++) {
      const bare = await runBare(['bare-consumer', bootstrap, 'perf-java', String(RECORDS)]);
      const service = await serviceConsumerRate(base, 'perf-java', RECORDS);
      rows.push(compared(`Consumer, JSON parse per record, round ${round}`, bare, service, javaConsumeRate));
    }

    // --- end-to-end latency at 1,000 records/s, the consumer logging each record (JSON) ---------
    await createTopic(bootstrap, 'latency');
    const latencyEnv = { ...base, KAFKA_TOPIC: 'latency', MESSAGE_LOG_LEVEL: 'info' };
    const latencyConsumer = await startService('consumer', { ...latencyEnv, KAFKA_GROUP_ID: 'latency' });
    started.push(latencyConsumer);
    await scrapeWhenUp(latencyConsumer);
    const fastProducer = await startService('producer', {
      ...latencyEnv, PRODUCER_INTERVAL_MS: String(LATENCY_INTERVAL_MS), PRODUCER_BATCH_SIZE: String(LATENCY_BATCH),
    });
    started.push(fastProducer);
    await scrapeWhenUp(fastProducer);
    await sleep(WARM_UP_MS);
    const from = latencyConsumer.process.lines.length;
    await sleep(LATENCY_WINDOW_MS);
    const latencies = latencyConsumer.process.lines
      .slice(from)
      .filter((line) => line.includes('"Received message: '))
      .map((line) => Number((JSON.parse(line) as { latencyMs: number }).latencyMs))
      .sort((a, b) => a - b);
    await fastProducer.process.stop();
    await latencyConsumer.process.stop();
    const serviceP = (p: number): number => percentile(latencies, p);
    const rateAchieved = latencies.length / (LATENCY_WINDOW_MS / 1000);

    await createTopic(bootstrap, 'latency-java');
    const javaE2e = await runJava('org.apache.kafka.tools.EndToEndLatency',
      [bootstrap, 'latency-java', String(E2E_RECORDS), 'all', String(recordBytes)]);
    const javaAvg = Number(match(javaE2e, /Avg latency: ([\d.]+) ms/, 'the average latency')[1]);
    const javaPercentiles = match(javaE2e, /50th = (\d+), 99th = (\d+), 99\.9th = (\d+)/, 'the latency percentiles').slice(1).map(Number);

    // --- CPU and memory at the seed's rate, as deployed (one record every 2 s, a line per record) ---
    await createTopic(bootstrap, 'seed-rate');
    const seedEnv = { ...base, KAFKA_TOPIC: 'seed-rate', MESSAGE_LOG_LEVEL: 'info' };
    const seedConsumer = await startService('consumer', { ...seedEnv, KAFKA_GROUP_ID: 'seed-rate' });
    const seedProducer = await startService('producer', seedEnv);
    started.push(seedConsumer, seedProducer);
    await Promise.all([scrapeWhenUp(seedConsumer), scrapeWhenUp(seedProducer)]);
    await sleep(10_000);
    const [producerUse, consumerUse] = await Promise.all([resourceUse(seedProducer, SEED_RATE_WINDOW_MS), resourceUse(seedConsumer,
      SEED_RATE_WINDOW_MS)]);

    // --- report ------------------------------------------------------------------------------------
    const java = spawnSync('java', ['-version'], { encoding: 'utf8' }).stderr.split('\n')[0];
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a JSON file outside the TypeScript project
    const kafkajsVersion = (require('kafkajs/package.json') as { version: string }).version;
    console.log(`\nDate: ${new Date().toISOString()}`);
    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${mib(totalmem())} RAM`);
    console.log(`Versions: Kafka ${KAFKA_VERSION} (broker and tools), kafkajs ${kafkajsVersion}, Node ${process.version}, ${java}`);
    console.log(
      `Record: value ${recordBytes} B SensorMeasurement JSON, 36 B UUID key (the Java tools send no key), 1 partition, 1 replica, acks=all\n`,
    );
    console.log(
      '| Measure | bare kafkajs / service | Service / bare (rate) | CPU µs per record, bare / service | Service / bare (CPU) | Service / Kafka ' +
        'tool |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log(`\nEnd-to-end latency (ms), data-producer → broker → data-consumer, ${LATENCY_BATCH} per request every ${LATENCY_INTERVAL_MS} ms ` +
      `(${rateAchieved.toFixed(0)} rec/s achieved, ${latencies.length} records), a JSON line per record:`);
    console.log(
      `  service: p50 ${serviceP(50)}, p95 ${serviceP(95)}, p99 ${serviceP(99)}, p99.9 ${serviceP(99.9)}, max ${latencies[latencies.length - 1]}  ` +
        `(goal: p99 ≤ 20)`,
    );
    console.log(
      `  EndToEndLatency (${E2E_RECORDS} sequential round trips): avg ${javaAvg}, p50 ${javaPercentiles[0]}, p99 ${javaPercentiles[1]}, p99.9 ` +
        `${javaPercentiles[2]}`,
    );
    console.log(`\nAt the seed's rate (one record every 2 s, a line per record), over ${SEED_RATE_WINDOW_MS / 1000} s, against the requests (cpu ` +
      `${CPU_REQUEST_MILLICORES}m, memory ${mib(MEMORY_REQUEST_BYTES)}):`);
    for (const [name, use] of [['data-producer', producerUse], ['data-consumer', consumerUse]] as const) {
      const within = use.millicores <= CPU_REQUEST_MILLICORES && use.rss <= MEMORY_REQUEST_BYTES ? 'within' : 'OVER';
      console.log(`  ${name}: cpu ${use.millicores.toFixed(1)}m, peak RSS ${mib(use.rss)} (${within} the requests)`);
    }
  } finally {
    await Promise.all(started.map((service) => service.process.stop()));
    await broker.destroy();
    rmSync(work, { recursive: true, force: true });
  }
}

const [role, ...args] = process.argv.slice(2);
const run =
  role === 'bare-producer' ? bareProducer(args[0], args[1], Number(args[2]))
  : role === 'bare-consumer' ? bareConsumer(args[0], args[1], Number(args[2]))
  : main();
run.then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
