import { Consumer, EachMessagePayload } from 'kafkajs';
import { parseSensorMeasurement } from '../model/sensor-measurement';
import { Counter, keepTrying, Service, ServiceContext } from '../runtime';
import { ConsumerConfig } from './config';

/**
 * Reads SensorMeasurements in a consumer group, logs and counts each. Offsets are committed after
 * each batch and when stopping, after the message in hand is finished, so a restart loses nothing.
 */
export class DataConsumer implements Service {
  private readonly consumer: Consumer;
  private readonly consumed: Counter;
  private readonly malformed: Counter;
  private stopped = false;

  public constructor(private readonly context: ServiceContext<ConsumerConfig>) {
    // Kafka's own fetch.max.wait.ms (500 ms) instead of kafkajs' 5 s: a stop waits for the fetch in
    // flight, so on an idle topic the long poll would hold every shutdown for 5 s.
    this.consumer = context.kafka.consumer({ groupId: context.config.groupId, maxWaitTimeInMs: 500 });
    this.consumed = context.metrics.counter('messages_consumed_total', 'Measurements received.');
    this.malformed = context.metrics.counter('messages_malformed_total', 'Records skipped because they are not a SensorMeasurement.');
    // kafkajs restarts the consumer itself after retriable errors; anything else is fatal.
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart && !this.stopped) context.fail(payload.error);
    });
  }

  public async start(): Promise<void> {
    const { config, logger } = this.context;
    const subscribed = await keepTrying(
      'Subscribing',
      async () => {
        await this.consumer.connect();
        await this.consumer.subscribe({ topics: [config.topic], fromBeginning: config.autoOffsetReset === 'earliest' });
      },
      { logger, stopped: () => this.stopped },
    );
    if (!subscribed) return;
    logger.info('Consuming', { topic: config.topic, groupId: config.groupId });
    await this.consumer.run({ eachMessage: (payload) => this.handle(payload) });
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    // kafkajs stops fetching, waits for the message in hand, commits resolved offsets, leaves the group.
    await this.consumer.disconnect();
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
