import { KafkaBroker } from '../../scripts/kafka/broker';
import { freePort } from '../../scripts/kafka/free-port';
import { createTopic, eventually, jsonLines, jsonOutput, LogLine, RunningService, startService, uniqueName } from './helpers';

const OUTAGE_MS = 60_000;
/**
 * The services' retry waits grow to 30 s; resuming within this after the topic exists shows that the wait
 * ended when the broker answered. The target (2 s) is measured, printed and recorded in docs/services-faults.md;
 * this bound leaves room for a loaded CPU.
 */
const RESUMED_WITHIN_MS = 10_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** When the service's first line matching `message` was written (its own clock, the same machine's). */
function firstLineAt(service: RunningService, message: RegExp): number {
  const [line] = jsonLines(service.process, message);
  if (!line) throw new Error(`${service.process.name} logged no line matching ${message} yet`);
  return Date.parse(String(line.time));
}

/** Resolves with the time /health/ready first answered 200, polling every 100 ms. */
async function readyAt(service: RunningService, timeoutMs: number): Promise<number> {
  return eventually(async () => {
    expect((await fetch(`${service.url}/health/ready`)).status).toBe(200);
    return Date.now();
  }, timeoutMs, 100);
}

/** An error text that is some text, ': ', and the same text again. */
const repeatsItself = (text: string): boolean => /^(.+): \1$/s.test(text);

describe('broker absent for 60 s at start, then a fresh broker and the topic', () => {
  let broker: KafkaBroker | undefined;
  let producer: RunningService;
  let consumer: RunningService;

  afterAll(async () => {
    await Promise.all([producer?.process.stop(), consumer?.process.stop()]);
    await broker?.destroy();
  }, 60_000);

  test('both resume at once (not after their retry wait), and neither logs a line at ERROR', async () => {
    // GIVEN a producer and a consumer started against a port where no broker runs
    const port = await freePort();
    const topic = 'manual';
    const env = { KAFKA_BOOTSTRAP_SERVERS: `127.0.0.1:${port}`, KAFKA_TOPIC: topic, KAFKA_GROUP_ID: uniqueName('late-broker') };
    consumer = await startService('consumer', env);
    producer = await startService('producer', env);

    // WHEN a fresh broker starts on that port after 60 s and the topic is created
    await sleep(OUTAGE_MS);
    broker = await KafkaBroker.start({ port });
    await createTopic(broker.bootstrapServers, topic);
    const topicAt = Date.now();

    // THEN both are ready and records flow, soon after the topic exists
    const [producerReadyAt, consumerReadyAt] = await Promise.all([readyAt(producer, 90_000), readyAt(consumer, 90_000)]);
    const producedAt = await eventually(() => firstLineAt(producer, /^Produced message /), 60_000);
    const receivedAt = await eventually(() => firstLineAt(consumer, /^Received message: /), 60_000);
    const after = (at: number): string => `${((at - topicAt) / 1000).toFixed(1)} s`;
    const errorLines = (service: RunningService): LogLine[] =>
      jsonOutput(service.process).filter((line) => line.level === 'error' || line.level === 'fatal');
    const errorSummary = (service: RunningService): string => {
      const counts = new Map<string, number>();
      for (const line of errorLines(service)) {
        const text = `${line.logger}: ${String(line.message).replace(/\d{2,}/g, 'N')}${line.error ? ` (${String(line.error).slice(0, 60)})` : ''}`;
        counts.set(text, (counts.get(text) ?? 0) + 1);
      }
      return [...counts].map(([text, count]) => `\n      ${count} × ${text}`).join('');
    };
    console.log(
      [
        `Broker absent ${OUTAGE_MS / 1000} s at start, then a fresh broker and topic '${topic}': after the topic exists,`,
        `  producer ready ${after(producerReadyAt)}, first record produced ${after(producedAt)}`,
        `  consumer ready ${after(consumerReadyAt)}, first record received ${after(receivedAt)}`,
        `  lines at ERROR: producer ${errorLines(producer).length}${errorSummary(producer)}`,
        `  consumer ${errorLines(consumer).length}${errorSummary(consumer)}`,
      ].join('\n'),
    );
    for (const at of [producerReadyAt, producedAt, consumerReadyAt, receivedAt]) expect(at - topicAt).toBeLessThan(RESUMED_WITHIN_MS);

    // AND the outage was reported as retried conditions, with the count of tries
    for (const service of [producer, consumer]) {
      const retries = jsonLines(service.process, /: retrying$/);
      expect(retries.length).toBeGreaterThan(1);
      expect(retries.every((line) => line.level === 'warn' && typeof line.attempt === 'number')).toBe(true);
    }

    // AND every line is JSON, none at ERROR or FATAL, and no error text repeats itself
    for (const service of [producer, consumer]) {
      expect(service.process.lines.filter((line) => !line.startsWith('{'))).toEqual([]);
      expect(errorLines(service)).toEqual([]);
      const output = jsonOutput(service.process);
      const texts = output.flatMap((line: LogLine) => [line.message, line.error]).filter((text): text is string => typeof text === 'string');
      expect(texts.filter(repeatsItself)).toEqual([]);
    }
  }, 240_000);
});
