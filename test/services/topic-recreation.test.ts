import {
  createTopic,
  eventually,
  getJson,
  jsonLines,
  keysOnTopic,
  producedKeys,
  receivedKeys,
  RunningService,
  sharedBootstrap,
  startService,
  uniqueName,
  withAdmin,
} from './helpers';

type Report = { checks: Array<{ status: string; data?: { error?: string } }> };

describe('topic deleted and created again', () => {
  test('the producer waits and resumes; a consumer group left without committed offsets reads the new topic from its first record', async () => {
    // GIVEN a producer and a consumer on a topic, measurements flowing
    const bootstrap = sharedBootstrap();
    const topic = uniqueName('recreated');
    const groupId = uniqueName('recreated');
    await createTopic(bootstrap, topic);
    const env = { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: groupId, PRODUCER_INTERVAL_MS: '50' };
    const first = await startService('consumer', env);
    const producer = await startService('producer', env);
    let second: RunningService | undefined;
    try {
      await eventually(() => expect(receivedKeys(first).length).toBeGreaterThanOrEqual(20));
      expect(await first.process.stop()).toBe(0);

      // WHEN the topic is deleted, which also deletes the group's committed offsets
      await withAdmin(bootstrap, (admin) => admin.deleteTopics({ topics: [topic] }));

      // THEN the producer says it is gone (and keeps its measurement in hand)
      await eventually(async () => {
        const { status, body } = await getJson(`${producer.url}/health/ready`);
        expect(status).toBe(503);
        expect((body as Report).checks[0].data?.error).toBe(`topic '${topic}' does not exist`);
      });
      const producedBeforeRecreation = new Set(producedKeys(producer));

      // WHEN it is created again and the producer has written to it before any consumer reads it
      await createTopic(bootstrap, topic);
      await eventually(() => expect(producedKeys(producer).length).toBeGreaterThan(producedBeforeRecreation.size + 40), 60_000);
      const [committed] = await withAdmin(bootstrap, (admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
      expect(committed.partitions).toEqual([{ partition: 0, offset: '-1', metadata: null }]);
      const consumer = await startService('consumer', env);
      second = consumer;
      await eventually(() => expect(receivedKeys(consumer).length).toBeGreaterThan(0), 60_000);
      expect(await producer.process.stop()).toBe(0);

      // THEN every record of the new topic is consumed, the first ones included
      const onNewTopic = await keysOnTopic(bootstrap, topic);
      expect(onNewTopic.length).toBeGreaterThan(40);
      await eventually(() => expect(receivedKeys(consumer)).toEqual(expect.arrayContaining(onNewTopic)), 60_000);
      expect(jsonLines(consumer.process, /^Received message: /)[0]).toMatchObject({ offset: '0' });
      // and what the producer acknowledged after the deletion is all in the new topic, nothing given up
      const inNewTopic = new Set(onNewTopic);
      expect(producedKeys(producer).filter((key) => !producedBeforeRecreation.has(key) && !inNewTopic.has(key))).toEqual([]);
      expect(jsonLines(producer.process, /^Measurement not sent$/)).toEqual([]);
    } finally {
      await Promise.all([producer.process.stop(), first.process.stop(), second?.process.stop()]);
    }
  }, 150_000);
});
