import {
  createTopic,
  eventually,
  getJson,
  jsonLines,
  jsonOutput,
  metric,
  producedKeys,
  receivedKeys,
  RunningService,
  sharedBootstrap,
  startService,
  uniqueName,
  waitForMessage,
} from './helpers';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('producer and consumer on a real broker', () => {
  const bootstrap = sharedBootstrap();
  const topic = uniqueName('flow');
  let producer: RunningService;
  let consumer: RunningService;

  beforeAll(async () => {
    // GIVEN a topic, a consumer reading it and a producer sending every 100 ms, both logging JSON
    await createTopic(bootstrap, topic);
    const env = { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: uniqueName('flow') };
    consumer = await startService('consumer', env);
    producer = await startService('producer', env);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([producer?.process.stop(), consumer?.process.stop()]);
  }, 30_000);

  test('every measurement acknowledged is received once, with the value as sent', async () => {
    // WHEN the producer has had at least 10 measurements acknowledged
    const sent = await eventually(() => {
      const lines = jsonLines(producer.process, /^Produced message /);
      expect(lines.length).toBeGreaterThanOrEqual(10);
      return lines.slice(0, 10);
    });

    // THEN each was logged after the broker acknowledged it, with its partition and offset, and the consumer received it
    sent.forEach((line, i) => expect(line).toMatchObject({ topic, partition: 0, offset: String(i), key: expect.any(String) }));
    for (const line of sent) {
      const value = String(line.message).replace(/^Produced message /, '');
      const received = await waitForMessage(consumer, `Received message: ${value}`);
      expect(received).toMatchObject({ key: line.key, partition: 0, offset: line.offset, latencyMs: expect.any(Number) });
      const measurement = JSON.parse(value) as { data: number };
      expect(Object.keys(measurement)).toEqual(['data']);
      expect(measurement.data).toBeGreaterThanOrEqual(0);
      expect(measurement.data).toBeLessThan(1);
    }
    const keys = receivedKeys(consumer);
    expect(new Set(keys).size).toBe(keys.length);
  }, 60_000);

  test('each record has its own key, a UUID', () => {
    const keys = producedKeys(producer);
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('GET /data sends one measurement now and returns it once acknowledged', async () => {
    // WHEN a client asks for a measurement
    const { status, body } = await getJson(`${producer.url}/data`);

    // THEN it gets a SensorMeasurement that the producer logs as produced (the log is written asynchronously, so
    // the line may reach the pipe after the response), and the consumer receives it
    expect(status).toBe(200);
    expect(body).toEqual({ data: expect.any(Number) });
    await waitForMessage(producer, `Produced message ${JSON.stringify(body)}`);
    await waitForMessage(consumer, `Received message: ${JSON.stringify(body)}`);
  }, 30_000);

  test('/metrics: the default process and Node.js metrics and the documented service metrics, histograms included', async () => {
    // WHEN both are scraped after the consumer caught up
    await eventually(async () => expect(await metric(consumer, 'messages_consumed_total')).toBeGreaterThanOrEqual((await metric(producer,
      'messages_produced_total')) - 1));
    const [producerText, consumerText] = await Promise.all([producer, consumer].map(async (s) => (await fetch(`${s.url}/metrics`)).text()));

    // THEN prom-client's defaults are there on both, and each service's own metrics with their types
    const declared = (text: string): string[] => [...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => `${m[1]} ${m[2]}`);
    const defaults = ['process_cpu_seconds_total counter', 'process_resident_memory_bytes gauge', 'nodejs_heap_size_used_bytes gauge',
      'nodejs_eventloop_lag_seconds gauge', 'nodejs_gc_duration_seconds histogram'];
    const shared = ['kafka_errors_total counter', 'http_requests_total counter'];
    expect(declared(producerText)).toEqual(expect.arrayContaining([
      ...defaults, ...shared,
      'messages_produced_total counter', 'produce_duration_seconds histogram', 'measurements_pending gauge', 'measurements_not_sent_total counter',
    ]));
    expect(declared(consumerText)).toEqual(expect.arrayContaining([
      ...defaults, ...shared,
      'messages_consumed_total counter', 'messages_skipped_total counter', 'end_to_end_latency_seconds histogram', 'consumer_lag gauge',
      'consumer_rebalances_total counter',
    ]));
    expect(await metric(producer, 'produce_duration_seconds_count')).toBe(await metric(producer, 'messages_produced_total'));
    // one end-to-end observation per fetched batch (its oldest record), so at most one per record
    const observed = await metric(consumer, 'end_to_end_latency_seconds_count');
    expect(observed).toBeGreaterThan(0);
    expect(observed).toBeLessThanOrEqual(await metric(consumer, 'messages_consumed_total'));
    expect(await metric(consumer, 'consumer_lag', { topic, partition: '0' })).toBeGreaterThanOrEqual(0);
    expect(await metric(consumer, 'consumer_rebalances_total')).toBeGreaterThanOrEqual(1);
    expect(await metric(producer, 'http_requests_total', { path: '/data', status: '200' })).toBe(1);
  }, 30_000);

  test('LOG_FORMAT=json: every line of both services parses, with level label, ISO time, message and logger', () => {
    for (const service of [producer, consumer]) {
      // THEN nothing but JSON objects was written
      const lines = service.process.lines;
      expect(jsonOutput(service.process)).toHaveLength(lines.length);
      for (const line of jsonOutput(service.process)) {
        expect(['debug', 'info', 'warn', 'error', 'fatal']).toContain(line.level);
        expect(line.time).toMatch(ISO_TIME);
        expect(typeof line.message).toBe('string');
        expect(line.logger).toMatch(new RegExp(`^(data-${service.process.name}|kafkajs\\.\\w+)$`));
      }
    }
  });
});

describe('LOG_FORMAT=text', () => {
  test('is readable: time, level, logger, message, then the fields', async () => {
    // GIVEN a producer logging as text, as for a local run
    const bootstrap = sharedBootstrap();
    const topic = uniqueName('text');
    await createTopic(bootstrap, topic);
    const producer = await startService('producer', { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, LOG_FORMAT: 'text' });
    try {
      // WHEN it has produced
      const line = await producer.process.waitForLine(/Produced message/);

      // THEN the line reads as one sentence with its fields after it
      expect(line)
        .toMatch(new RegExp(String.raw`^\[\d{4}-\d{2}-\d{2}T[\d:.]+Z\] INFO: data-producer Produced message \{"data":[\d.e-]+\} ` +
          String.raw`\{"key":"[0-9a-f-]{36}","topic":"text-[0-9a-f]+","partition":0,"offset":"\d+"\}$`));
    } finally {
      await producer.process.stop();
    }
  }, 30_000);
});
