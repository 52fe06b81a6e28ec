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
      await eventually(async () => {
        const ready = await expectHealth(consumer, '/health/ready', 503, 'DOWN');
        expect(ready.checks[0].data).toMatchObject({ error: `topic '${topic}' does not exist` });
      });
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

describe('readiness explains a client set up for another listener', () => {
  test('SASL settings against a listener without SASL: not ready, says what to change, shows the password nowhere', async () => {
    // GIVEN a consumer with SCRAM credentials pointed at a plaintext listener without authentication
    const password = 'pw-Kx72-not-for-logs';
    const consumer = await startService('consumer', {
      KAFKA_BOOTSTRAP_SERVERS: sharedBootstrap(),
      KAFKA_TOPIC: uniqueName('sasl'),
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'data-consumer',
      KAFKA_SASL_PASSWORD: password,
    });
    try {
      // THEN readiness is DOWN with the broker's reason and a hint
      await eventually(async () => {
        const report = await expectHealth(consumer, '/health/ready', 503, 'DOWN');
        expect(report.checks[0].data).toMatchObject({ hint: expect.stringMatching(/scram-sha-512/) });
        expect(report.checks[1].data).toMatchObject({ error: expect.stringMatching(/SASL/), hint: expect.stringMatching(/unset KAFKA_SASL_\*/) });
      });

      // AND neither the log, /health nor /metrics holds the password
      const answers = [consumer.process.lines.join('\n'), await (await fetch(`${consumer.url}/health`)).text(),
        await (await fetch(`${consumer.url}/metrics`)).text()];
      for (const text of answers) expect(text).not.toContain(password);
      expect(consumer.process.lines.join('\n')).toContain('"authentication":"scram-sha-512","username":"data-consumer"');
    } finally {
      await consumer.process.stop();
    }
  }, 60_000);
});
