import {
  createTopic, eventually, jsonLines, keysOnTopic, producedKeys, receivedKeys, RunningService, sharedBootstrap, startService, uniqueName,
} from './helpers';

const duplicates = (keys: readonly string[]): number => keys.length - new Set(keys).size;

describe('consumer SIGKILL', () => {
  test('a new consumer in the group takes over after the session timeout; nothing is lost, duplicates are counted', async () => {
    // GIVEN a producer sending every 20 ms and a consumer in a stable group (session timeout 10 s, the default)
    const bootstrap = sharedBootstrap();
    const topic = uniqueName('crash');
    await createTopic(bootstrap, topic);
    const env = { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: uniqueName('crash') };
    const producer = await startService('producer', { ...env, PRODUCER_INTERVAL_MS: '20' });
    const first = await startService('consumer', env);
    let second: RunningService | undefined;
    try {
      await eventually(() => expect(receivedKeys(first).length).toBeGreaterThanOrEqual(100));

      // WHEN it is killed with SIGKILL (no commit, no leaving the group) and a replacement starts at once
      first.process.signal('SIGKILL');
      await first.process.exited;
      const killedAt = Date.now();
      const replacement = await startService('consumer', env);
      second = replacement;

      // THEN the replacement consumes again once the broker has expired the dead member
      await eventually(() => expect(receivedKeys(replacement).length).toBeGreaterThan(0), 60_000, 50);
      const recoveryMs = Date.now() - killedAt;

      // WHEN the producer stops and the replacement has caught up
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await producer.process.stop()).toBe(0);
      const produced = producedKeys(producer);
      const onTopic = await keysOnTopic(bootstrap, topic);
      await eventually(() => expect(new Set([...receivedKeys(first), ...receivedKeys(replacement)]).size).toBeGreaterThanOrEqual(onTopic.length),
        60_000);
      const consumed = [...receivedKeys(first), ...receivedKeys(replacement)];

      // THEN every record on the topic (= every produced one) was consumed; the ones after the last commit twice
      const consumedSet = new Set(consumed);
      const lost = onTopic.filter((key) => !consumedSet.has(key));
      console.log(
        [
          'Consumer SIGKILL, replacement started at once:',
          `  produced ${produced.length}, in the topic ${onTopic.length}, consumed ${consumed.length} (${receivedKeys(first).length} before the ` +
            `kill, ${receivedKeys(replacement).length} after)`,
          `  lost ${lost.length}, duplicated (consumed twice) ${duplicates(consumed)}`,
          `  recovery: first record consumed by the replacement ${(recoveryMs / 1000).toFixed(1)} s after the kill`,
        ].join('\n'),
      );
      expect(new Set(onTopic)).toEqual(new Set(produced));
      expect(lost).toEqual([]);
      expect(duplicates(onTopic)).toBe(0);
      // At least once: what is read twice is at most what came after the last commit (once a second, at most 1 s of records)
      expect(duplicates(consumed)).toBeLessThanOrEqual(100);
      expect(jsonLines(replacement.process, /Fatal error/)).toEqual([]);
    } finally {
      await Promise.all([producer.process.stop(), first.process.stop(), second?.process.stop()]);
    }
  }, 150_000);
});
