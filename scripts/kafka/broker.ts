import { ChildProcess, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from './free-port';
import { ensureKafkaJars, kafkaClasspath, KAFKA_VERSION } from './jars';
import { spawnTied, stopProcess } from './tied-process';

/** How a local broker is started. */
export interface KafkaBrokerOptions {
  /** Client (PLAINTEXT) port on 127.0.0.1. @default a free port */
  readonly port?: number;
  /** KRaft controller port on 127.0.0.1. @default a free port */
  readonly controllerPort?: number;
  /** Storage and log folder; kept on {@link KafkaBroker.stop} so the broker can start again. @default a new temp folder, deleted by {@link KafkaBroker.destroy} */
  readonly dataDir?: string;
  /** slf4j-simple level of the broker's own log. @default 'info' */
  readonly logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Called with each line the broker logs (the lines also go to `<dataDir>/broker.log`). */
  readonly onLogLine?: (line: string) => void;
  /** Adds a TLS listener (`SSL`), for clients that must trust a CA, like Strimzi's `tls` listener. */
  readonly tls?: {
    /** PEM file with the broker's private key (unencrypted PKCS#8) followed by its certificate chain. */
    readonly keyAndCertificateFile: string;
    /** @default a free port */
    readonly port?: number;
  };
  /** Extra `server.properties` entries, e.g. for a benchmark. */
  readonly serverProperties?: Readonly<Record<string, string>>;
  /** How long to wait for the broker to serve requests. @default 90 s */
  readonly startTimeoutMs?: number;
}

/**
 * A single KRaft node (broker + controller) of Apache Kafka {@link KAFKA_VERSION} on loopback, run
 * from the jars on Maven Central. It can be stopped and started again on the same ports and data,
 * which is how tests take a broker away from a service and give it back.
 */
export class KafkaBroker {
  /** Fetches the jars if needed, formats storage, starts the node and waits until it serves requests. */
  public static async start(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    ensureKafkaJars();
    const broker = new KafkaBroker(
      options.port ?? (await freePort()),
      options.controllerPort ?? (await freePort()),
      options.tls ? (options.tls.port ?? (await freePort())) : undefined,
      options.dataDir ?? mkdtempSync(join(tmpdir(), 'kafka-')),
      options.dataDir === undefined,
      options,
    );
    await broker.restart();
    return broker;
  }

  /** `host:port` of the plaintext listener. */
  public readonly bootstrapServers: string;
  /** `host:port` of the TLS listener, if there is one. */
  public readonly tlsBootstrapServers?: string;
  private process?: ChildProcess;
  private logFile?: WriteStream;

  private constructor(
    public readonly port: number,
    public readonly controllerPort: number,
    public readonly tlsPort: number | undefined,
    public readonly dataDir: string,
    private readonly ownsDataDir: boolean,
    private readonly options: KafkaBrokerOptions,
  ) {
    this.bootstrapServers = `127.0.0.1:${port}`;
    if (tlsPort !== undefined) this.tlsBootstrapServers = `127.0.0.1:${tlsPort}`;
  }

  /** Whether the JVM is running. */
  public get running(): boolean {
    return this.process !== undefined;
  }

  /** Starts a stopped broker again with the same ports and data. */
  public async restart(): Promise<void> {
    if (this.process) throw new Error(`Kafka broker on ${this.bootstrapServers} is already running`);
    const properties = join(this.dataDir, 'server.properties');
    writeFileSync(properties, this.serverProperties());
    if (!existsSync(join(this.logDir, 'meta.properties'))) this.format(properties);

    this.logFile = createWriteStream(join(this.dataDir, 'broker.log'), { flags: 'a' });
    const child = spawnTied(
      'java',
      [
        '-Xms256m',
        '-Xmx512m',
        `-Dorg.slf4j.simpleLogger.defaultLogLevel=${this.options.logLevel ?? 'info'}`,
        '-Dorg.slf4j.simpleLogger.showDateTime=true',
        '-cp',
        kafkaClasspath(),
        'kafka.Kafka',
        properties,
      ],
      { stdio: 'pipe' },
    );
    this.process = child;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on('line', (line) => {
        this.logFile?.write(`${line}\n`);
        this.options.onLogLine?.(line);
      });
    }
    child.once('exit', () => {
      if (this.process === child) this.process = undefined;
    });
    try {
      await this.waitUntilServing(child);
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Stops the JVM gracefully (SIGTERM, then SIGKILL after 20 s); data stays for {@link restart}. */
  public async stop(): Promise<void> {
    const child = this.process;
    if (child) await stopProcess(child, 20_000);
    this.process = undefined;
    await new Promise<void>((resolve) => (this.logFile ? this.logFile.end(resolve) : resolve()));
    this.logFile = undefined;
  }

  /**
   * Kills the JVM at once with SIGKILL, as a crashed node or a lost machine would; no shutdown hook runs.
   * Data stays for {@link restart}.
   */
  public async kill(): Promise<void> {
    const child = this.process;
    if (child) await stopProcess(child, 0, 'SIGKILL');
    this.process = undefined;
    await new Promise<void>((resolve) => (this.logFile ? this.logFile.end(resolve) : resolve()));
    this.logFile = undefined;
  }

  /** Stops the broker and deletes its data folder if the broker created it. */
  public async destroy(): Promise<void> {
    await this.stop();
    if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The last lines of the broker's log, for error messages. */
  public logTail(lines = 40): string {
    const file = join(this.dataDir, 'broker.log');
    return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }

  private get logDir(): string {
    return join(this.dataDir, 'data');
  }

  private serverProperties(): string {
    const tls = this.options.tls;
    const tlsListener = this.tlsBootstrapServers ? `,SSL://${this.tlsBootstrapServers}` : '';
    const properties: Record<string, string> = {
      'process.roles': 'broker,controller',
      'node.id': '1',
      'controller.quorum.voters': `1@127.0.0.1:${this.controllerPort}`,
      listeners: `PLAINTEXT://127.0.0.1:${this.port},CONTROLLER://127.0.0.1:${this.controllerPort}${tlsListener}`,
      'advertised.listeners': `PLAINTEXT://127.0.0.1:${this.port}${tlsListener}`,
      'controller.listener.names': 'CONTROLLER',
      'inter.broker.listener.name': 'PLAINTEXT',
      'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SSL:SSL',
      ...(tls && {
        'listener.name.ssl.ssl.keystore.type': 'PEM',
        'listener.name.ssl.ssl.keystore.location': tls.keyAndCertificateFile,
      }),
      'log.dirs': this.logDir,
      // One node: every internal topic has one replica, as in the synthesized single-node cluster.
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'share.coordinator.state.topic.replication.factor': '1',
      'share.coordinator.state.topic.min.isr': '1',
      'min.insync.replicas': '1',
      // As on the synthesized cluster: topics exist only when created on purpose.
      'auto.create.topics.enable': 'false',
      // A consumer group gets its partitions at once instead of after the default 3 s wait.
      'group.initial.rebalance.delay.ms': '0',
      // The default 50 partitions make the first consumer group wait for 50 leaders on 2 cores.
      'offsets.topic.num.partitions': '1',
      ...this.options.serverProperties,
    };
    return Object.entries(properties)
      .map(([key, value]) => `${key}=${value}\n`)
      .join('');
  }

  private format(properties: string): void {
    // A KRaft cluster id is 16 random bytes in URL-safe base64 (22 characters). It may start with
    // '-', which the tool would read as an option unless it is attached with '='.
    const clusterId = randomBytes(16).toString('base64url');
    const format = spawnSync(
      'java',
      ['-cp', kafkaClasspath(), 'kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, '--config', properties],
      { encoding: 'utf8' },
    );
    if (format.status !== 0) {
      throw new Error(`Formatting Kafka storage in ${this.logDir} failed:\n${format.stdout}${format.stderr}`);
    }
  }

  // An open port is not enough: the broker must have elected itself controller and registered.
  private async waitUntilServing(child: ChildProcess): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? 90_000;
    const deadline = Date.now() + timeoutMs;
    const kafka = new Kafka({
      clientId: 'kafka-harness',
      brokers: [this.bootstrapServers],
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      retry: { retries: 0 },
    });
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`Kafka ${KAFKA_VERSION} exited while starting:\n${this.logTail()}`);
      }
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.length > 0) return;
      } catch {
        // not serving yet
      } finally {
        await admin.disconnect();
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`Kafka ${KAFKA_VERSION} did not serve requests on ${this.bootstrapServers} within ${timeoutMs} ms:\n${this.logTail()}`);
  }
}
