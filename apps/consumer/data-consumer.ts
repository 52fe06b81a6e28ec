import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { Counter, Gauge, Histogram } from 'prom-client';
import { readSensorMeasurement } from '../model/sensor-measurement';
import { DescribedError, HealthCheckResponse, keepTrying, LATENCY_BUCKETS_SECONDS, Service, ServiceContext, Sleeper } from '../runtime';
import { ConsumerConfig } from './config';

/** Within a long batch, offsets are handed to kafkajs (and a heartbeat sent) every so many records. */
const RESOLVE_EVERY = 1_000;
/**
 * How often within a batch kafkajs is asked whether the batch went stale (a seek), and the clock is read for the
 * records' end-to-end latency: both cost more than the record itself; 100 records take ~0.2 ms.
 */
const STALE_CHECK_EVERY = 100;
/** Offsets are also committed during long batches, at most this often: what a crash replays stays small. */
const COMMIT_INTERVAL_MS = 1_000;
/** How much of a skipped record's key and value goes into its log line. */
const PREFIX_BYTES = 64;
/** Delay before restarting after an error kafkajs does not retry by itself, doubled up to the maximum. */
const FIRST_RESTART_DELAY_MS = 2_000;
const MAX_RESTART_DELAY_MS = 60_000;

/**
 * Reads SensorMeasurements in a consumer group, logs and counts each, and skips (counts, logs
 * briefly) every record that is not one. An offset is handed to kafkajs only after its record's log
 * line is written (logging is synchronous), and kafkajs commits after each batch and at stop, so a
 * restart neither loses a record nor its line; after a crash, records since the last commit are
 * read again (at least once).
 */
export class DataConsumer implements Service {
  public readonly readiness = [() => this.membership()];

  private readonly sleeper = new Sleeper();
  private readonly consumed: Counter;
  private readonly skipped: Counter<'reason'>;
  private readonly endToEnd: Histogram;
  private readonly lag: Gauge<'topic' | 'partition'>;
  private readonly rebalances: Counter;
  private consumer?: Consumer;
  private starting?: Promise<void>;
  private member = false;
  private problem?: DescribedError;
  private stopped = false;
  private received = 0;
  private restartDelayMs = FIRST_RESTART_DELAY_MS;

  public constructor(private readonly context: ServiceContext<ConsumerConfig>) {
    const registers = [context.registry];
    this.consumed = new Counter({ name: 'messages_consumed_total', help: 'SensorMeasurements received and processed.', registers });
    this.skipped = new Counter({
      name: 'messages_skipped_total',
      help: 'Records skipped because they are not a SensorMeasurement, by reason (no_value, not_json, not_a_measurement).',
      labelNames: ['reason'],
      registers,
    });
    this.endToEnd = new Histogram({
      name: 'end_to_end_latency_seconds',
      help: 'Time from a record\'s timestamp (set by its producer) to its processing here, for the oldest record of each fetched batch.',
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
    this.lag = new Gauge({
      name: 'consumer_lag',
      help: 'Records behind the end of each assigned partition after the last processed batch (high watermark - next offset).',
      labelNames: ['topic', 'partition'],
      registers,
    });
    this.rebalances = new Counter({ name: 'consumer_rebalances_total', help: 'Times this consumer joined its group (each rebalance).', registers });
  }

  public start(): Promise<void> {
    return this.startUntilStopped(0);
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper.wake();
    await this.starting;
    // kafkajs stops fetching, waits for the batch in hand (which ends at the next record), commits, leaves the group.
    await this.consumer?.disconnect();
  }

  private startUntilStopped(delayMs: number): Promise<void> {
    const { logger, errors, config } = this.context;
    this.starting ??= (async () => {
      await this.sleeper.sleep(delayMs);
      await keepTrying('Starting the consumer', () => this.startConsumer(), {
        logger,
        sleeper: this.sleeper,
        stopped: () => this.stopped,
        describe: (error) => (this.problem = errors.record('connect', error, { groupId: config.groupId, topic: config.topic })),
      });
    })().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async startConsumer(): Promise<void> {
    const { config, logger, kafka } = this.context;
    const consumer = kafka.consumer({
      groupId: config.groupId,
      sessionTimeout: config.sessionTimeoutMs,
      // A third of the session or less, as Kafka advises, so that one lost heartbeat is not fatal.
      heartbeatInterval: Math.max(500, Math.floor(config.sessionTimeoutMs / 5)),
      // Kafka's own fetch.max.wait.ms (500 ms) instead of kafkajs' 5 s: a stop waits for the fetch
      // in flight, so on an idle topic the long poll would hold every shutdown for 5 s.
      maxWaitTimeInMs: 500,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.member = true;
      this.problem = undefined;
      this.restartDelayMs = FIRST_RESTART_DELAY_MS;
      this.rebalances.inc();
      this.lag.reset();
    });
    consumer.on(consumer.events.STOP, () => (this.member = false));
    consumer.on(consumer.events.CRASH, ({ payload }) => this.onCrash(consumer, payload.error, payload.restart));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [config.topic], fromBeginning: config.autoOffsetReset === 'earliest' });
      await consumer.run({
        eachBatchAutoResolve: false,
        autoCommitInterval: COMMIT_INTERVAL_MS,
        eachBatch: (payload) => this.handleBatch(payload),
      });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    logger.info({ topic: config.topic, groupId: config.groupId, autoOffsetReset: config.autoOffsetReset }, 'Consuming');
  }

  private onCrash(consumer: Consumer, error: Error, restartedByKafkajs: boolean): void {
    if (consumer !== this.consumer || this.stopped) return;
    const { errors, config, logger } = this.context;
    this.member = false;
    this.problem = errors.record('consume', error, { groupId: config.groupId, topic: config.topic });
    if (restartedByKafkajs) return;
    // kafkajs gives up on errors it does not call retriable (a missing ACL, a record it cannot
    // decode); keep trying, slower each time, and say why on readiness instead of exiting.
    const { kind, message, hint } = this.problem;
    logger.error({ kind, error: message, hint, restartInMs: this.restartDelayMs }, 'The consumer stopped on an error: restarting it');
    void this.startUntilStopped(this.restartDelayMs);
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, MAX_RESTART_DELAY_MS);
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const log = this.context.logger.isLevelEnabled(this.context.config.messageLogLevel);
    let consumed = 0;
    let handled = 0;
    let last: string | undefined;
    // Observed once per batch, for its oldest record (the worst latency in it): a histogram observation costs as
    // much as the rest of a record's processing, and the record count is messages_consumed_total's job.
    let oldestLatencyMs: number | undefined;
    let now = Date.now();
    for (const message of batch.messages) {
      if (!isRunning()) break;
      if (handled % STALE_CHECK_EVERY === 0) {
        if (isStale()) break;
        now = Date.now();
      }
      if (this.handle(batch.partition, message, log, now)) {
        consumed++;
        oldestLatencyMs ??= now - Number(message.timestamp);
      }
      last = message.offset;
      if (++handled % RESOLVE_EVERY === 0) {
        resolveOffset(last);
        await commitOffsetsIfNecessary();
        await heartbeat();
      }
    }
    this.consumed.inc(consumed);
    if (oldestLatencyMs !== undefined) this.endToEnd.observe(oldestLatencyMs / 1000);
    if (last === undefined) return;
    resolveOffset(last);
    this.lag.set({ topic: batch.topic, partition: batch.partition }, Math.max(0, Number(batch.highWatermark) - Number(last) - 1));
  }

  /** Logs and counts one record processed at `now`; false if it was skipped. */
  private handle(partition: number, message: KafkaMessage, log: boolean, now: number): boolean {
    const { logger, config } = this.context;
    const result = readSensorMeasurement(message.value);
    if (typeof result === 'string') {
      this.skipped.inc({ reason: result });
      logger.warn(
        {
          partition,
          offset: message.offset,
          reason: result,
          key: message.key?.subarray(0, PREFIX_BYTES).toString('utf8'),
          valueBytes: message.value?.length ?? 0,
          valuePrefix: message.value?.subarray(0, PREFIX_BYTES).toString('utf8'),
        },
        'Skipping a record that is not a SensorMeasurement',
      );
      return false;
    }
    this.received++;
    if (log) {
      logger[config.messageLogLevel](
        { key: message.key?.toString('utf8'), partition, offset: message.offset, latencyMs: now - Number(message.timestamp), count: this.received },
        `Received message: ${JSON.stringify({ data: result.data })}`,
      );
    }
    return true;
  }

  private membership(): HealthCheckResponse {
    const { groupId } = this.context.config;
    const name = `kafka consumer group ${groupId}`;
    if (this.member) return { name, status: 'UP', data: { groupId } };
    const problem = this.problem;
    const error = this.stopped ? 'stopping' : (problem?.message ?? 'not a member of the group yet');
    return { name, status: 'DOWN', data: { groupId, error, ...(problem?.hint && { hint: problem.hint }) } };
  }
}
