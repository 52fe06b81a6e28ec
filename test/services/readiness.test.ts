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

  beforeAll(async () => {
    broker = await KafkaBroker.start();
    await createTopic(broker.bootstrapServers, topic);
    const env = { KAFKA_BOOTSTRAP_SERVERS: broker.bootstrapServers, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: uniqueName('ready') };
    services = [await startService('producer', env), await startService('consumer', env)];
  }, 90_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.process.stop()));
    await broker?.destroy();
  }, 60_000);

  test('UP while the broker serves, 503 DOWN while it is stopped, UP again when it is back (same processes)', async () => {
    // GIVEN both services are ready, in MicroProfile Health format
    for (const service of services) {
      const ready = await eventually(() => expectHealth(service, '/health/ready', 200, 'UP'));
      expect(ready.checks).toEqual([
        { name: 'kafka topic manual', status: 'UP', data: { bootstrapServers: broker.bootstrapServers, topic, partitions: 1 } },
      ]);
    }

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

    // THEN both services are ready again without a restart
    for (const service of services) {
      await eventually(() => expectHealth(service, '/health/ready', 200, 'UP'), 30_000);
      await expectHealth(service, '/health', 200, 'UP');
      expect(service.process.lines.some((l) => /Shutting down|Fatal/.test(l))).toBe(false);
    }
  }, 120_000);

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
    await consumer.process.waitForLine(new RegExp(`Received message: ${value}`), 60_000);
  }, 90_000);
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
