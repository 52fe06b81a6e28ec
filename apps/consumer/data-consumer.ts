import { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { Counter, Gauge, Histogram } from 'prom-client';
import { readSensorMeasurement } from '../model/sensor-measurement';
import { Backoff, DescribedError, HealthCheckResponse, keepTrying, LATENCY_BUCKETS_SECONDS, pause, Service, ServiceContext } from '../runtime';
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
/** Waits between tries to start the consumer; a wait also ends as soon as Kafka answers again. */
const START_BACKOFF = { firstDelayMs: 1_000, maxDelayMs: 30_000 };
/** Waits before restarting after an error kafkajs does not retry by itself (reset once the group is joined). */
const RESTART_BACKOFF = { firstDelayMs: 2_000, maxDelayMs: 60_000 };
/** While its log lines wait for a slow reader, the consumer heartbeats this often, to stay in its group. */
const HEARTBEAT_WHILE_LOGGING_MS = 500;

/**
 * Reads SensorMeasurements in a consumer group, logs and counts each, and skips (counts, logs
 * briefly) every record that is not one. An offset is handed to kafkajs only after its record's log
 * line is written out, and kafkajs commits after each batch and at stop, so a restart neither loses
 * a record nor its line; after a crash, records since the last commit are read again (at least once).
 * While a slow log reader holds lines back, the consumer waits for it but keeps heartbeating, so it
 * stays in its group and a stop still commits.
 */
export class DataConsumer implements Service {
  public readonly readiness = [() => this.membership()];

  private readonly consumed: Counter;
  private readonly skipped: Counter<'reason'>;
  private readonly endToEnd: Histogram;
  private readonly lag: Gauge<'topic' | 'partition'>;
  private readonly rebalances: Counter;
  private consumer?: Consumer;
  private starting?: Promise<void>;
  private member = false;
  private problem?: DescribedError;
  private received = 0;
  private readonly restartBackoff = new Backoff(RESTART_BACKOFF);

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

  /** Called once the runtime's `stopping` signal is aborted. */
  public async stop(): Promise<void> {
    await this.starting;
    // kafkajs stops fetching, waits for the batch in hand (which ends at the next record), commits, leaves the group.
    await this.consumer?.disconnect();
  }

  private get stopped(): boolean {
    return this.context.stopping.aborted;
  }

  private startUntilStopped(delayMs: number): Promise<void> {
    const { logger, errors, config, stopping, kafkaBack } = this.context;
    this.starting ??= (async () => {
      await pause(delayMs, AbortSignal.any([stopping, kafkaBack()]));
      await keepTrying('Starting the consumer', () => this.startConsumer(), {
        logger,
        stopping,
        kafkaBack,
        backoff: START_BACKOFF,
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
      this.restartBackoff.reset();
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
    const { kind, message, hint, retriable } = this.problem;
    const restartInMs = this.restartBackoff.next();
    logger[retriable ? 'warn' : 'error']({ kind, error: message, hint, restartInMs }, 'The consumer stopped on an error: restarting it');
    void this.startUntilStopped(restartInMs);
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, commitOffsetsIfNecessary, isRunning, isStale } = payload;
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
        await this.resolveOnceLogged(payload, last);
        await commitOffsetsIfNecessary();
      }
    }
    this.consumed.inc(consumed);
    if (oldestLatencyMs !== undefined) this.endToEnd.observe(oldestLatencyMs / 1000);
    if (last === undefined) return;
    await this.resolveOnceLogged(payload, last);
    this.lag.set({ topic: batch.topic, partition: batch.partition }, Math.max(0, Number(batch.highWatermark) - Number(last) - 1));
  }

  /**
   * Hands `offset` to kafkajs (to commit) once the log lines of the records up to it are written out,
   * heartbeating while a slow reader holds them back, so that the group keeps this member. At a stop this
   * is what is waited for before the final commit.
   */
  private async resolveOnceLogged({ resolveOffset, heartbeat }: EachBatchPayload, offset: string): Promise<void> {
    const { logOutput } = this.context;
    const position = logOutput.accepted;
    while (!(await logOutput.whenWritten(position, HEARTBEAT_WHILE_LOGGING_MS))) await heartbeat();
    resolveOffset(offset);
    await heartbeat();
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
