import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  createTopic, eventually, jsonLines, LogLine, metric, runJava, RunningService, sharedBootstrap, sharedDataDir, startService, uniqueName,
} from './helpers';

const COMPRESSIONS = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;
/** Good records per compression, each followed by an unusable one; plus one 900 KB unusable value. */
const GOOD = 20;
const RECORDS = COMPRESSIONS.length * (2 * GOOD + 1);

/** The folder of a partition's log below the broker's data folder, wherever the harness puts its log.dirs. */
function partitionDir(dataDir: string, partition: string): string {
  const found = readdirSync(dataDir, { recursive: true, withFileTypes: true }).find((entry) => entry.isDirectory() && entry.name === partition);
  if (!found) throw new Error(`No folder ${partition} below ${dataDir}`);
  return join(found.parentPath, found.name);
}

describe("records from Kafka's own Java producer, in every compression, unusable ones between good ones", () => {
  const bootstrap = sharedBootstrap();
  const topic = uniqueName('mixed');
  let consumer: RunningService;
  let received: LogLine[];
  let skipped: LogLine[];

  beforeAll(async () => {
    // GIVEN a topic written by Kafka's Java producer (kafka-clients 4.3.1) with each compression
    // type in turn: good SensorMeasurements, each followed by an unusable record, and a 900 KB value
    await createTopic(bootstrap, topic);
    await runJava(['MixedRecordsProducer.java', bootstrap, topic, String(GOOD), COMPRESSIONS.join(',')]);

    // WHEN the consumer service reads it from the start
    consumer = await startService('consumer', { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: topic });
    await eventually(() => {
      received = jsonLines(consumer.process, /^Received message: /);
      skipped = jsonLines(consumer.process, /^Skipping a record that is not a SensorMeasurement$/);
      expect(received.length + skipped.length).toBe(RECORDS);
    }, 60_000);
  }, 120_000);

  afterAll(() => consumer?.process.stop(), 30_000);

  test('the topic really holds batches of each compression (DumpLogSegments)', async () => {
    const segment = join(partitionDir(sharedDataDir(), `${topic}-0`), '00000000000000000000.log');
    const dump = await runJava(['org.apache.kafka.tools.DumpLogSegments', '--files', segment]);
    const codecs = new Set([...dump.matchAll(/compresscodec: (\w+)/g)].map((match) => match[1]));
    expect([...codecs].sort()).toEqual([...COMPRESSIONS].sort());
  }, 60_000);

  test.each(COMPRESSIONS)('%s: every good record is received, in order, with its value', (compression) => {
    // THEN the good records of that compression are all there, in the order written
    const mine = received.filter((line) => String(line.key).startsWith(`${compression}-`));
    expect(mine.map((line) => line.key)).toEqual(Array.from({ length: GOOD }, (_, i) => `${compression}-good-${i}`));
    const values = mine.map((line) => (JSON.parse(String(line.message).replace(/^Received message: /, '')) as { data: number }).data);
    expect(values).toEqual(Array.from({ length: GOOD }, (_, i) => (i + 0.5) / GOOD));
  });

  test.each(COMPRESSIONS)('%s: every unusable record is skipped and logged briefly with partition, offset and reason', (compression) => {
    const mine = skipped.filter((line) => String(line.key).startsWith(`${compression}-`));
    expect(mine.map((line) => line.key)).toEqual([...Array.from({ length: GOOD }, (_, i) => `${compression}-bad-${i}`), `${compression}-big`]);
    for (const line of mine) {
      expect(line).toMatchObject({ level: 'warn', partition: 0, offset: expect.stringMatching(/^\d+$/) });
      expect(['no_value', 'not_json', 'not_a_measurement']).toContain(line.reason);
      expect(String(line.valuePrefix ?? '').length).toBeLessThanOrEqual(64);
    }
    // The 900 KB value costs one short line, not 900 KB of log.
    const big = mine[mine.length - 1];
    expect(big).toMatchObject({ reason: 'not_json', valueBytes: 900_000, valuePrefix: 'x'.repeat(64) });
    expect(JSON.stringify(big).length).toBeLessThan(1_000);
  });

  test('the consumer keeps running, and /metrics counts the records by outcome and reason', async () => {
    expect(consumer.process.running).toBe(true);
    expect(jsonLines(consumer.process, /Fatal error|Shutting down/)).toEqual([]);
    expect(await metric(consumer, 'messages_consumed_total')).toBe(COMPRESSIONS.length * GOOD);
    // Per compression, reasons cycle over 5 kinds of bad value: 4 not_json (+ the big one), 4 no_value, 8 not_a_measurement.
    expect(await metric(consumer, 'messages_skipped_total', { reason: 'not_json' })).toBe(COMPRESSIONS.length * (GOOD * 2 / 5 + 1));
    expect(await metric(consumer, 'messages_skipped_total', { reason: 'no_value' })).toBe(COMPRESSIONS.length * (GOOD / 5));
    expect(await metric(consumer, 'messages_skipped_total', { reason: 'not_a_measurement' })).toBe(COMPRESSIONS.length * (GOOD * 2 / 5));
  });
});
