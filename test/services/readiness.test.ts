import { KafkaBroker } from '../../scripts/kafka/broker';
import { createTopic, eventually, getJson, RunningService, sharedBootstrap, startService, uniqueName } from './helpers';

type Report = { status: string; checks: Array<{ name: string; status: string; data?: Record<string, unknown> }> };

async function expectHealth(service: RunningService, path: string, status: number, report: 'UP' | 'DOWN'): Promise<Report> {
  const { status: actual, body } = await getJson(`${service.url}${path}`);
  expect({ path, status: actual, report: (body as Report).status }).toEqual({ path, status, report });
  return body as Report;
}

describe('readiness follows the broker, liveness only the process', () => {
  // A broker of its own: stopping the shared one would break the other test files.
  let broker: KafkaBroker;
  let services: RunningService[] = [];
  const topic = 'manual';
  const groupId = uniqueName('ready');

  beforeAll(async () => {
    broker = await KafkaBroker.start();
    await createTopic(broker.bootstrapServers, topic);
    const env = { KAFKA_BOOTSTRAP_SERVERS: broker.bootstrapServers, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: groupId };
    services = [await startService('producer', env), await startService('consumer', env)];
  }, 90_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.process.stop()));
    await broker?.destroy();
  }, 60_000);

  test('UP while the broker serves, 503 DOWN while it is stopped, UP again when it is back (same processes)', async () => {
    // GIVEN both services are ready, in MicroProfile Health format; the consumer also needs its group
    const topicCheck = { name: 'kafka topic manual', status: 'UP', data: { bootstrapServers: broker.bootstrapServers, topic, partitions: 1 } };
    const [producer, consumer] = services;
    expect((await eventually(() => expectHealth(producer, '/health/ready', 200, 'UP'))).checks).toEqual([topicCheck]);
    expect((await eventually(() => expectHealth(consumer, '/health/ready', 200, 'UP'))).checks).toEqual([
      topicCheck,
      { name: `kafka consumer group ${groupId}`, status: 'UP', data: { groupId } },
    ]);

    // WHEN the broker stops
    await broker.stop();

    // THEN readiness (and the overall /health) is 503 DOWN with the reason, while liveness stays 200 UP
    for (const service of services) {
      const ready = await eventually(() => expectHealth(service, '/health/ready', 503, 'DOWN'));
      expect(ready.checks[0]).toMatchObject({ name: 'kafka topic manual', status: 'DOWN', data: { error: expect.any(String) } });
      await expectHealth(service, '/health', 503, 'DOWN');
      await expectHealth(service, '/health/live', 200, 'UP');
    }

    // WHEN the broker comes back on the same port
    await broker.restart();

    // THEN both services are ready again without a restart (a consumer whose client gave up during
    // the outage rejoins as a new member once the broker expires the old one: up to 30 s more)
    for (const service of services) {
      await eventually(() => expectHealth(service, '/health/ready', 200, 'UP'), 75_000);
      await expectHealth(service, '/health', 200, 'UP');
      expect(service.process.lines.some((l) => /Shutting down|Fatal/.test(l))).toBe(false);
    }
  }, 180_000);

  test('after the outage the producer sends again and the consumer receives again', async () => {
    // GIVEN the broker is back (previous test)
    const [producer, consumer] = services;

    // WHEN a measurement is requested
    const { status, body } = await eventually(async () => {
      const response = await getJson(`${producer.url}/data`);
      expect(response.status).toBe(200);
      return response;
    }, 30_000);

    // THEN it is sent, and the same consumer process receives it
    expect(status).toBe(200);
    expect(body).toEqual({ data: expect.any(Number) });
    const value = JSON.stringify(body).replace(/[.{}]/g, '\\$&');
    await consumer.process.waitForLine(new RegExp(`Received message: ${value}`), 30_000);
  }, 90_000);

  test('after an outage long enough for kafkajs to give up, the consumer restarts itself', async () => {
    // GIVEN the broker is away for 15 s, longer than kafkajs' retries (about 10 s)
    const [producer, consumer] = services;
    const from = consumer.process.lines.length;
    await broker.stop();
    await consumer.process.waitForLine(/Restarting the consumer/, 30_000, from);

    // WHEN it returns
    await broker.restart();

    // THEN the same consumer process is ready again (after the broker expired its old member) and receives
    await eventually(() => expectHealth(consumer, '/health/ready', 200, 'UP'), 75_000);
    const { body } = await eventually(async () => {
      const response = await getJson(`${producer.url}/data`);
      expect(response.status).toBe(200);
      return response;
    }, 30_000);
    const value = JSON.stringify(body).replace(/[.{}]/g, '\\$&');
    await consumer.process.waitForLine(new RegExp(`Received message: ${value}`), 30_000);
    expect(consumer.process.lines.some((l) => /Shutting down|Fatal/.test(l))).toBe(false);
  }, 150_000);
});

describe('readiness needs the topic', () => {
  test('DOWN naming the missing topic, UP once it is created (no restart)', async () => {
    // GIVEN a consumer pointed at a topic that does not exist yet
    const bootstrap = sharedBootstrap();
    const topic = uniqueName('late');
    const consumer = await startService('consumer', { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: topic });
    try {
      // THEN it is alive but not ready, and says why
      const ready = await eventually(() => expectHealth(consumer, '/health/ready', 503, 'DOWN'));
      expect(ready.checks[0].data).toMatchObject({ error: `topic '${topic}' does not exist` });
      await expectHealth(consumer, '/health/live', 200, 'UP');

      // WHEN the topic is created
      await createTopic(bootstrap, topic);

      // THEN it becomes ready and starts consuming
      await eventually(() => expectHealth(consumer, '/health/ready', 200, 'UP'));
      await consumer.process.waitForLine(/Consuming/, 30_000);
    } finally {
      await consumer.process.stop();
    }
  }, 90_000);
});
