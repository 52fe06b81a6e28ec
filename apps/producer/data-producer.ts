import { randomUUID } from 'node:crypto';
import { Partitioners, Producer } from 'kafkajs';
import { measure, SensorMeasurement } from '../model/sensor-measurement';
import { Counter, jsonResponse, keepTrying, Service, ServiceContext } from '../runtime';
import { ProducerConfig } from './config';

/**
 * Sends a SensorMeasurement every `intervalMs` (fixed rate, never overlapping) and one more on each
 * `GET /data`. Idempotent with acks=all, so a retried send never writes a duplicate.
 */
export class DataProducer implements Service {
  public readonly routes = { '/data': () => this.produceOnRequest() };

  private readonly producer: Producer;
  private readonly produced: Counter;
  private readonly failed: Counter;
  // kafkajs numbers idempotent batches when it builds a request, so two sends in flight at once
  // (the timer and GET /data) could be rejected as out of sequence: sends run one after another.
  private sendQueue: Promise<unknown> = Promise.resolve();
  private stopped = false;
  private connected = false;
  private loop?: Promise<void>;
  private wake?: () => void;

  public constructor(private readonly context: ServiceContext<ProducerConfig>) {
    this.producer = context.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.produced = context.metrics.counter('messages_produced_total', 'Measurements acknowledged by the broker.');
    this.failed = context.metrics.counter('message_send_failures_total', 'Send requests that failed.');
  }

  public async start(): Promise<void> {
    const { logger } = this.context;
    this.connected = await keepTrying('Connecting producer', () => this.producer.connect(), {
      logger,
      stopped: () => this.stopped,
    });
    if (!this.connected) return;
    const { intervalMs, batchSize, topic } = this.context.config;
    logger.info('Producing', { topic, intervalMs, batchSize });
    this.loop = this.produceEveryInterval();
  }

  public async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.sendQueue.catch(() => undefined);
    await this.producer.disconnect();
  }

  /** Sends `count` measurements in one request; resolves once the broker acknowledged them all. */
  public send(count: number): Promise<SensorMeasurement[]> {
    const result = this.sendQueue.then(() => this.sendNow(count));
    this.sendQueue = result.catch(() => undefined);
    return result;
  }

  private async sendNow(count: number): Promise<SensorMeasurement[]> {
    const { config, logger } = this.context;
    const measurements = Array.from({ length: count }, () => measure());
    const messages = measurements.map((measurement) => ({ key: randomUUID(), value: JSON.stringify(measurement) }));
    if (logger.isEnabled(config.messageLogLevel)) {
      for (const message of messages) {
        logger.log(config.messageLogLevel, `Producing message ${message.value}`, { key: message.key, topic: config.topic });
      }
    }
    try {
      await this.producer.send({ topic: config.topic, acks: -1, messages });
    } catch (error) {
      this.failed.inc();
      throw error;
    }
    this.produced.inc(count);
    return measurements;
  }

  private async produceEveryInterval(): Promise<void> {
    const { intervalMs, batchSize } = this.context.config;
    let next = Date.now();
    while (!this.stopped) {
      try {
        await this.send(batchSize);
      } catch (error) {
        this.context.logger.warn('Sending failed', { error: String(error) });
      }
      // Fixed rate: due one interval after the previous due time (send time does not add up), but
      // after a slow send or an outage it goes on from now instead of bursting to catch up.
      next = Math.max(next + intervalMs, Date.now());
      await this.sleep(next - Date.now());
    }
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  private async produceOnRequest() {
    if (!this.connected || this.stopped) return jsonResponse(503, { error: 'The producer is not connected to Kafka' });
    const [measurement] = await this.send(1);
    return jsonResponse(200, measurement);
  }
}
