import { measure } from '../model/sensor-measurement';
import { HealthCheckResponse, HttpResponse, jsonResponse, keepTrying, pause, Service, ServiceContext } from '../runtime';
import { ProducerConfig } from './config';
import { MeasurementSender, NotSentError } from './measurement-sender';

/** Waits between tries to connect: a wait also ends as soon as Kafka answers again. */
const CONNECT_BACKOFF = { firstDelayMs: 1_000, maxDelayMs: 30_000 };

/** How long `GET /data` waits for the broker's acknowledgement before answering 503. */
const DATA_TIMEOUT_MS = 5_000;
/** How long a stop waits for a send in flight before giving it up. */
const STOP_GRACE_MS = 5_000;
/** Log output the producer may have waiting for a slow reader before it generates no more measurements. */
const MAX_UNWRITTEN_LOG_BYTES = 1 << 20;

/**
 * Sends a SensorMeasurement every `intervalMs` (fixed rate, never overlapping) and one more on each
 * `GET /data`. Every measurement generated is retried until written or the service stops (see
 * {@link MeasurementSender}); while a send fails, no new measurement is generated and `/data` is 503.
 */
export class DataProducer implements Service {
  public readonly routes = { '/data': { get: () => this.produceOnRequest() } };
  public readonly readiness = [() => this.producerState()];

  private readonly sender: MeasurementSender;
  private connected = false;
  private loop?: Promise<void>;

  public constructor(private readonly context: ServiceContext<ProducerConfig>) {
    const { kafka, config, logger, registry, errors, stopping, kafkaBack } = context;
    this.sender = new MeasurementSender({ kafka, topic: config.topic, logger, messageLogLevel: config.messageLogLevel, registry, errors, stopping,
      kafkaBack });
  }

  public async start(): Promise<void> {
    const { logger, errors, config, stopping, kafkaBack } = this.context;
    this.connected =
      (await keepTrying('Connecting the producer', () => this.sender.connect().then(() => true), {
        logger,
        stopping,
        kafkaBack,
        backoff: CONNECT_BACKOFF,
        describe: (error) => errors.record('connect', error, { topic: config.topic }),
      })) ?? false;
    if (!this.connected) return;
    const { intervalMs, batchSize, topic } = config;
    logger.info({ topic, intervalMs, batchSize }, 'Producing');
    this.loop = this.produceEveryInterval();
  }

  /** Called once the runtime's `stopping` signal is aborted. */
  public async stop(): Promise<void> {
    await this.sender.stop(STOP_GRACE_MS);
    await this.loop;
  }

  private get stopped(): boolean {
    return this.context.stopping.aborted;
  }

  private async produceEveryInterval(): Promise<void> {
    const { config, logOutput, stopping } = this.context;
    const { intervalMs, batchSize } = config;
    let next = Date.now();
    while (!this.stopped) {
      // Resolves once acknowledged (after retries); rejects only with NotSentError when stopping.
      await this.sender.send(Array.from({ length: batchSize }, measure)).catch(() => undefined);
      // A log reader far behind holds back new measurements (memory stays bounded) but never the event loop.
      await logOutput.whenWritten(logOutput.accepted - MAX_UNWRITTEN_LOG_BYTES);
      // Fixed rate: due one interval after the previous due time (send time does not add up), but
      // after a slow send or an outage it goes on from now instead of bursting to catch up.
      next = Math.max(next + intervalMs, Date.now());
      await pause(next - Date.now(), stopping);
    }
  }

  private async produceOnRequest(): Promise<HttpResponse> {
    if (this.stopped) return jsonResponse(503, { error: 'The producer is stopping' });
    if (!this.connected) return jsonResponse(503, { error: 'The producer has not connected to Kafka yet' });
    const failing = this.sender.failing;
    if (failing) return jsonResponse(503, { error: `Kafka is not accepting measurements: ${failing.message}`, hint: failing.hint });
    const topic = this.context.topicReadiness();
    if (topic.status === 'DOWN') return jsonResponse(503, { error: `Kafka is not available: ${topic.data?.error}`, hint: topic.data?.hint });
    const measurement = measure();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), DATA_TIMEOUT_MS)));
    const sent = this.sender.send([measurement]).then(
      ([acknowledged]) => acknowledged,
      (error: unknown) => (error instanceof NotSentError ? 'not sent' : Promise.reject(error)),
    );
    try {
      const result = await Promise.race([sent, timedOut]);
      if (result === 'timeout') {
        return jsonResponse(503, {
          error: `Kafka has not acknowledged the measurement within ${DATA_TIMEOUT_MS} ms; it is retried until written or the producer stops`,
        });
      }
      if (result === 'not sent') return jsonResponse(503, { error: 'The producer stopped before Kafka acknowledged the measurement' });
      return jsonResponse(200, measurement);
    } finally {
      clearTimeout(timer);
    }
  }

  private producerState(): HealthCheckResponse {
    const name = 'kafka producer';
    const lastAcknowledgedAt = this.sender.lastAcknowledgedAt?.toISOString();
    const data = { topic: this.context.config.topic, ...(lastAcknowledgedAt && { lastAcknowledgedAt }) };
    if (this.stopped) return { name, status: 'DOWN', data: { ...data, error: 'stopping' } };
    if (!this.connected) return { name, status: 'DOWN', data: { ...data, error: 'not connected yet' } };
    const failing = this.sender.failing;
    if (failing) return { name, status: 'DOWN', data: { ...data, error: failing.message, ...(failing.hint && { hint: failing.hint }) } };
    return { name, status: 'UP', data };
  }
}
