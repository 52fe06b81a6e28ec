import { createTopic, eventually, getJson, RunningService, sharedBootstrap, startService, uniqueName } from './helpers';

type Report = { status: string; checks: Array<{ name: string; status: string; data?: Record<string, unknown> }> };

async function expectHealth(service: RunningService, path: string, status: number, report: 'UP' | 'DOWN'): Promise<Report> {
  const { status: actual, body } = await getJson(`${service.url}${path}`);
  expect({ path, status: actual, report: (body as Report).status }).toEqual({ path, status, report });
  return body as Report;
}

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
