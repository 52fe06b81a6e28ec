import { createTopic, eventually, getJson, RunningService, sharedBootstrap, startService, uniqueName } from './helpers';

const RECEIVED = /Received message: (\{"data":[^}]*\})/;
const PRODUCING = /Producing message (\{"data":[^}]*\}) key=(\S+)/;

describe('producer and consumer on a real broker', () => {
  const bootstrap = sharedBootstrap();
  const topic = uniqueName('flow');
  let producer: RunningService;
  let consumer: RunningService;

  beforeAll(async () => {
    // GIVEN a topic, a consumer reading it from the start and a producer sending every 100 ms
    await createTopic(bootstrap, topic);
    const env = { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: uniqueName('flow'), KAFKA_AUTO_OFFSET_RESET: 'earliest' };
    consumer = await startService('consumer', env);
    producer = await startService('producer', env);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([producer?.process.stop(), consumer?.process.stop()]);
  }, 30_000);

  test('every measurement the producer sends is received once, as {"data": <number in [0,1)>}', async () => {
    // WHEN the producer has sent at least 10 measurements
    await eventually(() => expect(producer.process.lines.filter((l) => PRODUCING.test(l)).length).toBeGreaterThanOrEqual(10));
    const sent = producer.process.lines.flatMap((l) => PRODUCING.exec(l)?.slice(1, 2) ?? []).slice(0, 10);

    // THEN the consumer logs each of them, with the value exactly as sent
    const received = await eventually(() => {
      const values = consumer.process.lines.flatMap((l) => RECEIVED.exec(l)?.slice(1, 2) ?? []);
      expect(values).toEqual(expect.arrayContaining(sent));
      return values;
    });
    for (const value of received) {
      const measurement = JSON.parse(value) as { data: number };
      expect(Object.keys(measurement)).toEqual(['data']);
      expect(measurement.data).toBeGreaterThanOrEqual(0);
      expect(measurement.data).toBeLessThan(1);
    }
    expect(new Set(received).size).toBe(received.length);
  }, 60_000);

  test('each record has its own key', () => {
    // GIVEN the sends logged so far
    const keys = producer.process.lines.flatMap((l) => PRODUCING.exec(l)?.slice(2, 3) ?? []);

    // THEN every key is a distinct UUID
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('GET /data sends one measurement now and returns it', async () => {
    // WHEN a client asks for a measurement
    const { status, body } = await getJson(`${producer.url}/data`);

    // THEN it gets a SensorMeasurement, and the consumer receives that very value
    expect(status).toBe(200);
    expect(body).toEqual({ data: expect.any(Number) });
    const value = JSON.stringify(body);
    await consumer.process.waitForLine(new RegExp(`Received message: ${value.replace(/[.{}]/g, '\\$&')}`));
  }, 30_000);

  test('/metrics counts what was produced and consumed', async () => {
    // WHEN both services are scraped after the consumer caught up
    const counter = async (service: RunningService, name: string): Promise<number> => {
      const text = await (await fetch(`${service.url}/metrics`)).text();
      const match = new RegExp(`^${name} (\\d+)$`, 'm').exec(text);
      if (!match) throw new Error(`${name} missing from:\n${text}`);
      return Number(match[1]);
    };

    // THEN the counters are in Prometheus text format and the consumer's catches up with the producer's
    await eventually(async () => {
      const produced = await counter(producer, 'messages_produced_total');
      const consumed = await counter(consumer, 'messages_consumed_total');
      expect(produced).toBeGreaterThan(0);
      expect(consumed).toBeGreaterThanOrEqual(produced - 1);
    });
    await expect(counter(producer, 'process_resident_memory_bytes')).resolves.toBeGreaterThan(0);
  }, 30_000);
});
