import { Consumer, EachMessagePayload } from 'kafkajs';
import { parseSensorMeasurement } from '../model/sensor-measurement';
import { Counter, HealthCheckResponse, keepTrying, Service, ServiceContext } from '../runtime';
import { ConsumerConfig } from './config';

/**
 * Reads SensorMeasurements in a consumer group, logs and counts each. Offsets are committed after
 * each batch and when stopping, after the message in hand is finished, so a restart loses nothing.
 */
export class DataConsumer implements Service {
  public readonly readiness = [async () => this.membership()];

  private readonly consumed: Counter;
  private readonly malformed: Counter;
  private consumer?: Consumer;
  private joined = false;
  private stopped = false;

  public constructor(private readonly context: ServiceContext<ConsumerConfig>) {
    this.consumed = context.metrics.counter('messages_consumed_total', 'Measurements received.');
    this.malformed = context.metrics.counter('messages_malformed_total', 'Records skipped because they are not a SensorMeasurement.');
  }

  public async start(): Promise<void> {
    await keepTrying('Starting the consumer', () => this.startConsumer(), {
      logger: this.context.logger,
      stopped: () => this.stopped,
    });
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    // kafkajs stops fetching, waits for the message in hand, commits resolved offsets, leaves the group.
    await this.consumer?.disconnect();
  }

  private async startConsumer(): Promise<void> {
    const { config, logger } = this.context;
    const consumer = this.createConsumer();
    this.consumer = consumer;
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [config.topic], fromBeginning: config.autoOffsetReset === 'earliest' });
      await consumer.run({ eachMessage: (payload) => this.handle(payload) });
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    logger.info('Consuming', { topic: config.topic, groupId: config.groupId });
  }

  private createConsumer(): Consumer {
    const { config, kafka } = this.context;
    const consumer = kafka.consumer({
      groupId: config.groupId,
      // Kafka's own fetch.max.wait.ms (500 ms) instead of kafkajs' 5 s: a stop waits for the fetch
      // in flight, so on an idle topic the long poll would hold every shutdown for 5 s.
      maxWaitTimeInMs: 500,
    });
    consumer.on(consumer.events.GROUP_JOIN, () => (this.joined = true));
    consumer.on(consumer.events.STOP, () => (this.joined = false));
    // kafkajs restarts the consumer itself after retriable errors (a lost broker); others are fatal.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.joined = false;
      if (!payload.restart && !this.stopped) this.context.fail(payload.error);
    });
    return consumer;
  }

  private membership(): HealthCheckResponse {
    const { groupId } = this.context.config;
    return { name: `kafka consumer group ${groupId}`, status: this.joined ? 'UP' : 'DOWN', data: { groupId } };
  }

  private async handle({ message, partition }: EachMessagePayload): Promise<void> {
    const { config, logger } = this.context;
    const value = message.value?.toString('utf8') ?? '';
    if (!parseSensorMeasurement(value)) {
      this.malformed.inc();
      logger.warn('Skipping a record that is not a SensorMeasurement', { partition, offset: message.offset, value });
      return;
    }
    this.consumed.inc();
    if (logger.isEnabled(config.messageLogLevel)) {
      logger.log(config.messageLogLevel, `Received message: ${value}`, {
        key: message.key?.toString('utf8'),
        partition,
        offset: message.offset,
        latencyMs: Date.now() - Number(message.timestamp),
        count: this.consumed.value,
      });
    }
  }
}
