/*
 * Starts a real Kafka broker, writes 10 records to topic 'probe', prints what the metrics endpoint given as the
 * first argument serves, and removes the broker. Run as its own process with JAVA_TOOL_OPTIONS set: jest gives
 * tests a copy of the environment, which the broker's JVM (started by the harness) would not see.
 */
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from '../../../../scripts/kafka/broker';

async function main(metricsUrl: string): Promise<void> {
  const broker = await KafkaBroker.start({ logLevel: 'warn' });
  try {
    const kafka = new Kafka({ brokers: [broker.bootstrapServers], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'probe', numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'probe', messages: Array.from({ length: 10 }, (_, i) => ({ value: `m${i}` })) });
    await producer.disconnect();
    process.stdout.write(await (await fetch(metricsUrl)).text());
  } finally {
    await broker.destroy();
  }
}

main(process.argv[2]).catch((e) => {
  process.stderr.write(`${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
