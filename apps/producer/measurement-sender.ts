import { randomUUID } from 'node:crypto';
import { Kafka, Message, Partitioners, Producer, RecordMetadata } from 'kafkajs';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { SensorMeasurement } from '../model/sensor-measurement';
import { DescribedError, KafkaErrorCounter, keepTrying, LATENCY_BUCKETS_SECONDS, Logger, LogLevel, RetrySignals } from '../runtime';

/** A measurement the broker acknowledged, and where it was written. */
export interface Acknowledged {
  readonly key: string;
  readonly value: string;
  readonly partition: number;
  readonly offset: string;
}

/** Rejects a send when the sender stopped before the broker acknowledged it (it was logged as not sent). */
export class NotSentError extends Error {
  public constructor() {
    super('The producer stopped before Kafka acknowledged the measurement');
    this.name = 'NotSentError';
  }
}

export interface MeasurementSenderOptions extends RetrySignals {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly logger: Logger;
  readonly messageLogLevel: LogLevel;
  readonly registry: Registry;
  readonly errors: KafkaErrorCounter;
}

/** A record as handed to kafkajs, plus the partition its partitioner chose (kafkajs ignores other fields). */
interface OutgoingMessage extends Message {
  readonly key: string;
  readonly value: string;
  assignedPartition: number;
}

interface PendingBatch {
  readonly messages: OutgoingMessage[];
  resolve(acknowledged: Acknowledged[]): void;
  reject(error: NotSentError): void;
}

/**
 * Waits between sends of a failed batch (kafkajs retries what Kafka calls retriable itself; these are the
 * rest, e.g. a missing ACL); a wait also ends as soon as Kafka answers again.
 */
const SEND_BACKOFF = { firstDelayMs: 500, maxDelayMs: 5_000 };

/**
 * Sends measurements with an idempotent, acks=all kafkajs producer, one batch at a time in the order
 * they were generated. A batch that fails is sent again, the same batch, until the broker
 * acknowledges it or the sender stops: kafkajs gives a failed batch its sequence numbers back, so
 * the broker drops a copy it already has and a retry never writes a duplicate. What is still
 * unacknowledged at stop is logged as `Measurement not sent`, with key and value.
 */
export class MeasurementSender {
  /** The last attempt's error while a batch is being retried; undefined once a send succeeds. */
  public failing?: DescribedError;
  public lastAcknowledgedAt?: Date;

  private readonly producer: Producer;
  private readonly queue: PendingBatch[] = [];
  private draining?: Promise<void>;
  private readonly produced: Counter;
  private readonly notSent: Counter;
  private readonly pending: Gauge;
  private readonly sendSeconds: Histogram;

  public constructor(private readonly options: MeasurementSenderOptions) {
    this.producer = options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      // The KafkaTopic owns the topic: a send must never create it.
      allowAutoTopicCreation: false,
      // kafkajs' default partitioner, noting its choice on the message so that each record's offset
      // can be told from the reply (a field on the message costs far less than a WeakMap entry).
      createPartitioner: () => {
        const choose = Partitioners.DefaultPartitioner();
        return (args) => ((args.message as OutgoingMessage).assignedPartition = choose(args));
      },
    });
    const registers = [options.registry];
    this.produced = new Counter({ name: 'messages_produced_total', help: 'Measurements acknowledged by the broker.', registers });
    this.notSent = new Counter({
      name: 'measurements_not_sent_total',
      help: 'Measurements given up at stop before the broker acknowledged them (each logged as "Measurement not sent").',
      registers,
    });
    this.pending = new Gauge({ name: 'measurements_pending', help: 'Measurements generated and not yet acknowledged.', registers });
    this.sendSeconds = new Histogram({
      name: 'produce_duration_seconds',
      help: 'Time from send to acknowledgement of each successful send request (acks=all), client retries included.',
      buckets: LATENCY_BUCKETS_SECONDS,
      registers,
    });
  }

  public connect(): Promise<void> {
    return this.producer.connect();
  }

  /** Queues the measurements as one batch; resolves once the broker acknowledged them all. */
  public send(measurements: readonly SensorMeasurement[]): Promise<Acknowledged[]> {
    if (this.options.stopping.aborted) return Promise.reject(new NotSentError());
    const messages = measurements.map((measurement): OutgoingMessage =>
      ({ key: randomUUID(), value: JSON.stringify(measurement), assignedPartition: -1 }));
    this.pending.inc(messages.length);
    return new Promise((resolve, reject) => {
      this.queue.push({ messages, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /**
   * Once `stopping` aborted (no more retries): waits up to `graceMs` for a send in flight, logs every
   * measurement still unacknowledged as not sent, and disconnects.
   */
  public async stop(graceMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.draining, new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
    for (const batch of this.queue.splice(0)) {
      for (const { key, value } of batch.messages) {
        this.options.logger.warn({ key, value, topic: this.options.topic }, 'Measurement not sent');
      }
      this.notSent.inc(batch.messages.length);
      this.pending.dec(batch.messages.length);
      batch.reject(new NotSentError());
    }
    await this.producer.disconnect();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.options.stopping.aborted) {
      const batch = this.queue[0];
      const acknowledged = await this.deliver(batch.messages);
      if (!acknowledged || this.queue[0] !== batch) break;
      this.queue.shift();
      this.pending.dec(acknowledged.length);
      batch.resolve(acknowledged);
    }
    this.draining = undefined;
  }

  /** Sends one batch until acknowledged; undefined if the sender stopped first. */
  private deliver(messages: readonly OutgoingMessage[]): Promise<Acknowledged[] | undefined> {
    const { topic, logger, errors, stopping, kafkaBack } = this.options;
    return keepTrying(
      'Sending',
      async () => {
        const endTimer = this.sendSeconds.startTimer();
        const metadata = await this.producer.send({ topic, acks: -1, messages: [...messages] });
        endTimer();
        return this.acknowledge(messages, metadata);
      },
      {
        logger,
        stopping,
        kafkaBack,
        backoff: SEND_BACKOFF,
        fields: { measurements: messages.length },
        describe: (error) => (this.failing = errors.record('send', error, { topic })),
      },
    );
  }

  private acknowledge(messages: readonly OutgoingMessage[], metadata: readonly RecordMetadata[]): Acknowledged[] {
    const { topic, logger, messageLogLevel } = this.options;
    this.failing = undefined;
    this.lastAcknowledgedAt = new Date();
    this.produced.inc(messages.length);
    const nextOffset = new Map(metadata.map((m) => [m.partition, BigInt(m.baseOffset ?? '-1')]));
    const log = logger.isLevelEnabled(messageLogLevel);
    return messages.map((message) => {
      const partition = message.assignedPartition;
      const offset = nextOffset.get(partition) ?? -1n;
      nextOffset.set(partition, offset + 1n);
      const record = { key: message.key, value: message.value, partition, offset: offset.toString() };
      if (log) logger[messageLogLevel]({ key: record.key, topic, partition, offset: record.offset }, `Produced message ${record.value}`);
      return record;
    });
  }
}
