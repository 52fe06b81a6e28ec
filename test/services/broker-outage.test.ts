import { KafkaBroker } from '../../scripts/kafka/broker';
import {
  createTopic,
  eventually,
  getJson,
  jsonLines,
  keysOnTopic,
  producedKeys,
  receivedKeys,
  RunningService,
  startService,
  uniqueName,
} from './helpers';

type Report = { status: string; checks: Array<{ name: string; status: string; data?: Record<string, unknown> }> };

const OUTAGE_MS = 15_000;

async function health(service: RunningService, path: string): Promise<{ status: number; report: Report }> {
  const { status, body } = await getJson(`${service.url}${path}`);
  return { status, report: body as Report };
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const duplicates = (keys: readonly string[]): number => keys.length - new Set(keys).size;

describe('broker SIGKILL and restart: readiness follows, nothing logged as produced or committed is lost', () => {
  // A broker of its own: killing the shared one would break the other test files.
  let broker: KafkaBroker;
  let producer: RunningService;
  let consumer: RunningService;
  const topic = 'manual';
  const groupId = uniqueName('outage');

  beforeAll(async () => {
    broker = await KafkaBroker.start();
    await createTopic(broker.bootstrapServers, topic);
    const env = { KAFKA_BOOTSTRAP_SERVERS: broker.bootstrapServers, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: groupId };
    consumer = await startService('consumer', env);
    producer = await startService('producer', env);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([producer?.process.stop(), consumer?.process.stop()]);
    await broker?.destroy();
  }, 60_000);

  test('UP → SIGKILL: 503 DOWN, /data 503 at once → restart: UP again, every produced record in the topic and consumed', async () => {
    // GIVEN a producer sending every 100 ms and a consumer, both ready (MicroProfile Health)
    const topicCheck = { name: 'kafka topic manual', status: 'UP', data: { bootstrapServers: broker.bootstrapServers, topic, partitions: 1 } };
    await eventually(async () =>
      expect((await health(producer, '/health/ready')).report.checks).toEqual([
        topicCheck,
        { name: 'kafka producer', status: 'UP', data: { topic, lastAcknowledgedAt: expect.any(String) } },
      ]),
    );
    await eventually(async () => expect((await health(consumer, '/health/ready')).status).toBe(200));
    expect((await health(consumer, '/health/ready')).report.checks).toEqual([topicCheck,
      { name: `kafka consumer group ${groupId}`, status: 'UP', data: { groupId } }]);
    await eventually(() => expect(receivedKeys(consumer).length).toBeGreaterThan(20));

    // WHEN the broker is killed (SIGKILL: no shutdown, as a lost node)
    const killedAt = Date.now();
    await broker.kill();

    // THEN both turn 503 DOWN with the reason within seconds, while liveness stays 200
    for (const service of [producer, consumer]) {
      const { report } = await eventually(async () => {
        const answer = await health(service, '/health/ready');
        expect(answer.status).toBe(503);
        return answer;
      }, 15_000);
      expect(report.checks[0]).toMatchObject({ name: 'kafka topic manual', status: 'DOWN', data: { error: expect.any(String) } });
      expect((await health(service, '/health')).status).toBe(503);
      expect((await health(service, '/health/live')).status).toBe(200);
    }
    const downAfterMs = Date.now() - killedAt;

    // AND GET /data says at once that Kafka is away, and probes are answered from memory
    const dataAskedAt = Date.now();
    const data = await getJson(`${producer.url}/data`);
    const dataAnsweredMs = Date.now() - dataAskedAt;
    expect(data).toEqual({ status: 503,
      body: expect.objectContaining({ error: expect.stringMatching(/^Kafka is not (available|accepting measurements): /) }) });
    const probes = await Promise.all(Array.from({ length: 500 }, () => fetch(`${consumer.url}/health/ready`).then((r) => r.status)));
    expect(new Set(probes)).toEqual(new Set([503]));

    // WHEN the broker comes back on the same port after the outage
    await sleep(Math.max(0, killedAt + OUTAGE_MS - Date.now()));
    const restartedAt = Date.now();
    await broker.restart();
    const servingMs = Date.now() - restartedAt;

    // THEN both are ready again without a restart of their own, and measurements flow again
    for (const service of [producer, consumer]) {
      await eventually(async () => expect((await health(service, '/health/ready')).status).toBe(200), 60_000);
    }
    const readyAfterMs = Date.now() - restartedAt;
    const producedBefore = producedKeys(producer).length;
    await eventually(() => expect(producedKeys(producer).length).toBeGreaterThan(producedBefore + 10), 30_000);
    const lastProduced = producedKeys(producer).slice(-1)[0];
    await eventually(() => expect(receivedKeys(consumer)).toContain(lastProduced), 60_000);
    const flowingAfterMs = Date.now() - restartedAt;

    // WHEN the producer stops and the consumer has caught up
    expect(await producer.process.stop()).toBe(0);
    const produced = producedKeys(producer);
    const onTopic = await keysOnTopic(broker.bootstrapServers, topic);
    await eventually(() => expect(new Set(receivedKeys(consumer)).size).toBeGreaterThanOrEqual(new Set(onTopic).size), 60_000);
    const consumed = receivedKeys(consumer);

    // THEN nothing logged as produced is missing from the topic, nothing on the topic is missing from what was consumed
    const topicSet = new Set(onTopic);
    const consumedSet = new Set(consumed);
    const lostProduced = produced.filter((key) => !topicSet.has(key));
    const lostConsumed = onTopic.filter((key) => !consumedSet.has(key));
    const notSent = jsonLines(producer.process, /^Measurement not sent$/).length;
    console.log(
      [
        `Broker SIGKILL, ${OUTAGE_MS / 1000} s outage, restart (broker serving ${(servingMs / 1000).toFixed(1)} s after the restart began):`,
        `  produced (logged as acknowledged) ${produced.length}, in the topic ${onTopic.length}, consumed ${consumed.length}`,
        `  lost: produced but not in the topic ${lostProduced.length}, in the topic but not consumed ${lostConsumed.length}; logged as not sent ` +
          `${notSent}`,
        `  duplicated: in the topic ${duplicates(onTopic)}, consumed twice ${duplicates(consumed)}`,
        `  readiness DOWN ${(downAfterMs / 1000).toFixed(1)} s after the kill; GET /data answered 503 in ${dataAnsweredMs} ms`,
        `  recovery after the restart: both ready in ${(readyAfterMs / 1000).toFixed(1)} s, new records consumed in ` +
          `${(flowingAfterMs / 1000).toFixed(1)} s`,
      ].join('\n'),
    );
    expect(lostProduced).toEqual([]);
    expect(lostConsumed).toEqual([]);
    expect(duplicates(onTopic)).toBe(0);
    expect(notSent).toBe(0);
    for (const service of [producer, consumer]) expect(jsonLines(service.process, /Fatal error/)).toEqual([]);
  }, 240_000);
});
