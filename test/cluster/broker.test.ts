import { Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from '../../scripts/kafka/broker';

describe('KafkaBroker, the one-node cluster the services tests, benchmark and npm run local use', () => {
  test('starts at a quiet log level, and serves again after SIGKILL and restart with its data', async () => {
    // GIVEN a broker logging warnings only (as the benchmark runs it), with a topic
    const broker = await KafkaBroker.start({ logLevel: 'warn' });
    try {
      const admin = new Kafka({ brokers: [broker.bootstrapServers], logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'kept', numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
      await admin.disconnect();

      // WHEN it is killed and started again
      await broker.kill();
      expect(broker.running).toBe(false);
      await broker.restart();

      // THEN it serves on the same address and still has the topic
      const again = new Kafka({ brokers: [broker.bootstrapServers], logLevel: logLevel.NOTHING }).admin();
      await again.connect();
      await expect(again.listTopics()).resolves.toContain('kept');
      await again.disconnect();
    } finally {
      await broker.destroy();
    }
  }, 120_000);
});
