import { Kafka, logLevel } from 'kafkajs';
import {
  createTopic, eventually, getJson, jsonLines, jsonOutput, RunningService, sharedBootstrap, startService, uniqueName, withAdmin,
} from './helpers';

const RECORDS = 20_000;
/** Longer than the consumer's session timeout (10 s), shorter than its shutdown timeout (20 s). */
const STALL_AFTER_SIGTERM_MS = 15_000;

/** The consumer group's committed offset on partition 0 (-1: none). */
async function committedOffset(bootstrap: string, groupId: string, topic: string): Promise<number> {
  const [result] = await withAdmin(bootstrap, (admin) => admin.fetchOffsets({ groupId, topics: [topic] }));
  return Number(result.partitions[0].offset);
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('no log line lost at exit behind a slow pipe reader, for anything committed', () => {
  const bootstrap = sharedBootstrap();
  const topic = uniqueName('slow-pipe');

  beforeAll(async () => {
    // GIVEN a topic holding 20,000 measurements
    await createTopic(bootstrap, topic);
    const producer = new Kafka({ clientId: 'services-test', brokers: [bootstrap], logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    for (let from = 0; from < RECORDS; from += 2_000) {
      const messages = Array.from({ length: 2_000 }, (_, i) => ({ key: `k-${from + i}`, value: JSON.stringify({ data: (from + i) / RECORDS }) }));
      await producer.send({ topic, messages });
    }
    await producer.disconnect();
  }, 60_000);

  /**
   * Starts a consumer logging a JSON line per record, stops reading its output once it has
   * committed something (the pipe fills and its writes wait), applies `exit` to the service's own
   * process id, reads on after 2 s and waits for the end.
   */
  async function consumeBehindSlowReader(exit: (consumer: RunningService,
    pid: number) => void): Promise<{ consumer: RunningService; groupId: string; exitCode: number | string }> {
    const groupId = uniqueName('slow-pipe');
    const consumer = await startService('consumer', { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: groupId });
    const { body } = await eventually(() => getJson(`${consumer.url}/health/live`));
    const pid = (body as { checks: Array<{ data: { pid: number } }> }).checks[0].data.pid;
    await eventually(async () => expect(await committedOffset(bootstrap, groupId, topic)).toBeGreaterThan(0), 30_000, 50);
    consumer.process.pauseOutput();
    await sleep(1_000);
    exit(consumer, pid);
    await sleep(2_000);
    consumer.process.resumeOutput();
    const exitCode = await consumer.process.exited;
    return { consumer, groupId, exitCode };
  }

  /** Every offset below the committed one has its `Received message` line, once. */
  async function expectEveryCommittedRecordLogged(consumer: RunningService, groupId: string): Promise<number> {
    const committed = await committedOffset(bootstrap, groupId, topic);
    const logged = jsonLines(consumer.process, /^Received message: /).map((line) => Number(line.offset));
    expect(committed).toBeGreaterThan(0);
    expect(new Set(logged).size).toBe(logged.length);
    const loggedSet = new Set(logged);
    const missing = Array.from({ length: committed }, (_, offset) => offset).filter((offset) => !loggedSet.has(offset));
    expect(missing).toEqual([]);
    return committed;
  }

  test('graceful stop (SIGTERM): every committed record has its line, and the last line is "Stopped"', async () => {
    const { consumer, groupId, exitCode } = await consumeBehindSlowReader((c) => c.process.signal('SIGTERM'));

    expect(exitCode).toBe(0);
    const committed = await expectEveryCommittedRecordLogged(consumer, groupId);
    const output = jsonOutput(consumer.process);
    expect(output[output.length - 1]).toMatchObject({ logger: 'data-consumer', message: 'Stopped', exitCode: 0 });
    console.log(
      `SIGTERM behind a slow pipe: ${committed} records committed, ${jsonLines(consumer.process, /^Received message: /).length} lines received`,
    );
  }, 90_000);

  test('SIGTERM while the reader stalls longer than the session timeout: the consumer stays in its group and commits every record it logged',
    async () => {
    // GIVEN a consumer (10 s session) whose log reader stalls from its start
    const groupId = uniqueName('stalled');
    const consumer = await startService('consumer', { KAFKA_BOOTSTRAP_SERVERS: bootstrap, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: groupId });
    consumer.process.pauseOutput();

    // WHEN it has joined its group (its lines then fill the pipe), gets SIGTERM, and the reader reads on only
    // 15 s after that: longer than the session timeout
    await eventually(async () => {
      const [group] = (await withAdmin(bootstrap, (admin) => admin.describeGroups([groupId]))).groups;
      expect({ state: group.state, members: group.members.length }).toEqual({ state: 'Stable', members: 1 });
    }, 60_000, 100);
    await sleep(1_000);
    consumer.process.signal('SIGTERM');
    await sleep(STALL_AFTER_SIGTERM_MS);
    consumer.process.resumeOutput();
    const exitCode = await consumer.process.exited;

    // THEN it exits 0 having committed exactly the records it logged: none lost, none to be read again
    const committed = await committedOffset(bootstrap, groupId, topic);
    const logged = jsonLines(consumer.process, /^Received message: /).map((line) => Number(line.offset));
    console.log(
      `SIGTERM with the log reader stalled ${STALL_AFTER_SIGTERM_MS / 1000} s: committed offset ${committed}, records logged ${logged.length}`,
    );
    expect(exitCode).toBe(0);
    expect(jsonOutput(consumer.process).filter((line) => /not aware of this member/.test(`${line.message} ${line.error}`))).toEqual([]);
    expect(new Set(logged).size).toBe(logged.length);
    expect(logged.length).toBeGreaterThan(0);
    expect(committed).toBe(logged.length);
    expect(Math.max(...logged)).toBe(committed - 1);
  }, 120_000);

  test('immediate exit (second signal during the shutdown): every committed record has its line, and the exit is logged', async () => {
    // Two different signals straight to the service (two of the same kind may merge into one)
    const { consumer, groupId, exitCode } = await consumeBehindSlowReader((_, pid) => {
      process.kill(pid, 'SIGTERM');
      process.kill(pid, 'SIGINT');
    });

    expect(exitCode).toBe(1);
    await expectEveryCommittedRecordLogged(consumer, groupId);
    const output = jsonOutput(consumer.process);
    expect(output[output.length - 1]).toMatchObject({ logger: 'data-consumer', message: 'Second stop request: exiting now' });
  }, 90_000);

  test('SIGKILL: nothing is committed before its line was written', async () => {
    const { consumer, groupId, exitCode } = await consumeBehindSlowReader((c) => c.process.signal('SIGKILL'));

    expect(exitCode).toBe('SIGKILL');
    await expectEveryCommittedRecordLogged(consumer, groupId);
  }, 90_000);
});
