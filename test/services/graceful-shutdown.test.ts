import {
  createTopic, eventually, jsonLines, keysOnTopic, producedKeys, receivedKeys, RunningService, sharedBootstrap, startService, uniqueName,
} from './helpers';

describe('consumer shutdown on SIGTERM', () => {
  test('finishes, commits and exits 0; after a restart every produced record is consumed exactly once', async () => {
    // GIVEN a producer sending every 20 ms and a consumer in a stable group, both logging JSON
    const bootstrap = sharedBootstrap();
    const topic = uniqueName('sigterm');
    await createTopic(bootstrap, topic);
    const env = {
      KAFKA_BOOTSTRAP_SERVERS: bootstrap,
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: uniqueName('sigterm'),
    };
    const producer = await startService('producer', { ...env, PRODUCER_INTERVAL_MS: '20' });
    const first = await startService('consumer', env);
    let second: RunningService | undefined;
    try {
      await eventually(() => expect(receivedKeys(first).length).toBeGreaterThanOrEqual(30));

      // WHEN the consumer gets SIGTERM in the middle of the stream
      const exitCode = await first.process.stop();

      // THEN it exits 0 after a clean stop
      expect(exitCode).toBe(0);
      expect(jsonLines(first.process, /^Stopped$/)).toEqual([expect.objectContaining({ exitCode: 0 })]);

      // WHEN records keep coming while it is down, the producer stops, and the consumer restarts
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(await producer.process.stop()).toBe(0);
      const produced = producedKeys(producer);
      second = await startService('consumer', env);

      // THEN every record on the topic (= every produced one) is consumed, none twice
      const onTopic = await keysOnTopic(bootstrap, topic);
      expect(new Set(onTopic)).toEqual(new Set(produced));
      const restarted = second;
      await eventually(() => expect(receivedKeys(first).length + receivedKeys(restarted).length).toBeGreaterThanOrEqual(onTopic.length));
      const consumed = [...receivedKeys(first), ...receivedKeys(restarted)];
      expect(receivedKeys(restarted).length).toBeGreaterThan(0);
      expect(consumed.sort()).toEqual([...onTopic].sort());
    } finally {
      await Promise.all([producer.process.stop(), first.process.stop(), second?.process.stop()]);
    }
  }, 120_000);
});
