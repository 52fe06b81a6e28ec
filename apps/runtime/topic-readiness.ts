import { Admin, Kafka } from 'kafkajs';
import { HealthCheckResponse } from './health';
import { describeKafkaError } from './kafka-errors';
import { Logger } from './logger';
import { pause } from './retry';

/**
 * How often the topic is looked up while it is there, and while it (or the broker) is not: half a second
 * while DOWN, so that retries waiting for Kafka (see {@link TopicReadiness.kafkaBack}) go on soon after it is back.
 */
const UP_REFRESH_MS = 5_000;
const DOWN_REFRESH_MS = 500;
/** A lookup without answer within this time counts as a failure. */
const LOOKUP_TIMEOUT_MS = 4_000;

/**
 * Readiness of "the broker answers and the topic exists", refreshed in the background by one
 * long-lived admin connection (one metadata request every few seconds) and answered from memory,
 * so that probes cost nothing however many come. The admin is replaced after a failure, so the
 * check turns UP by itself when the broker returns; retries waiting for that are told at once.
 */
export class TopicReadiness {
  private state: HealthCheckResponse;
  private admin?: Admin;
  private loop?: Promise<void>;
  private back = new AbortController();

  public constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly bootstrapServers: string,
    private readonly logger: Logger,
    /** Ends the refreshes. */
    private readonly stopping: AbortSignal,
  ) {
    this.state = this.down('not checked yet');
  }

  public readonly check = (): HealthCheckResponse => this.state;

  /** A signal aborted when the check next turns UP (the broker answers and the topic exists). */
  public readonly kafkaBack = (): AbortSignal => this.back.signal;

  public start(): void {
    this.loop ??= this.refreshUntilStopped();
  }

  /** Waits for the refresh loop to end (once `stopping` aborted) and closes the admin connection. */
  public async stop(): Promise<void> {
    await this.loop;
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async refreshUntilStopped(): Promise<void> {
    while (!this.stopping.aborted) {
      const next = await this.lookUp();
      const changed = next.status !== this.state.status;
      if (changed) this.logger[next.status === 'UP' ? 'info' : 'warn'](next.data ?? {}, `Readiness ${next.status}: ${next.name}`);
      this.state = next;
      if (changed && next.status === 'UP') {
        this.back.abort();
        this.back = new AbortController();
      }
      await pause(next.status === 'UP' ? UP_REFRESH_MS : DOWN_REFRESH_MS, this.stopping);
    }
  }

  private async lookUp(): Promise<HealthCheckResponse> {
    const admin = (this.admin ??= this.kafka.admin({ retry: { retries: 0 } }));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${LOOKUP_TIMEOUT_MS} ms`)), LOOKUP_TIMEOUT_MS);
    });
    try {
      const metadata = await Promise.race([
        admin.connect().then(() => admin.fetchTopicMetadata({ topics: [this.topic] })),
        timeout,
      ]);
      return this.up(metadata.topics[0]?.partitions.length ?? 0);
    } catch (error) {
      const described = describeKafkaError(error, { topic: this.topic });
      if (described.kind === 'unknown_topic_or_partition') return this.down(`topic '${this.topic}' does not exist`, described.hint);
      // A fresh admin next time: kafkajs' own may keep a broken connection after the broker went away.
      this.admin = undefined;
      void admin.disconnect().catch(() => undefined);
      return this.down(described.message, described.hint);
    } finally {
      clearTimeout(timer);
    }
  }

  private up(partitions: number): HealthCheckResponse {
    return { name: `kafka topic ${this.topic}`, status: 'UP', data: { bootstrapServers: this.bootstrapServers, topic: this.topic, partitions } };
  }

  private down(error: string, hint?: string): HealthCheckResponse {
    return {
      name: `kafka topic ${this.topic}`,
      status: 'DOWN',
      data: { bootstrapServers: this.bootstrapServers, topic: this.topic, error, ...(hint && { hint }) },
    };
  }
}
