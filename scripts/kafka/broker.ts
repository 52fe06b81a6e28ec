import { LocalAuthorization, LocalKafkaCluster, LocalListener } from './cluster';

/** How a local broker is started. */
export interface KafkaBrokerOptions {
  /** Port of the first client listener on 127.0.0.1. @default a free port */
  readonly port?: number;
  /**
   * Client listeners, as Strimzi's (`name`, `tls`, `authentication`). The first one is
   * {@link KafkaBroker.bootstrapServers}.
   * @default one listener `plain` without TLS or authentication (plus `tls` when {@link tls} is given)
   */
  readonly listeners?: readonly LocalListener[];
  /** Turns on StandardAuthorizer; users and ACLs then come from KafkaUser objects (see users.ts). @default off */
  readonly authorization?: LocalAuthorization;
  /** Storage and log folder; kept on {@link KafkaBroker.stop} so the broker can start again. @default a new temp folder, deleted by {@link
   * KafkaBroker.destroy} */
  readonly dataDir?: string;
  /** Where credentials are written as the User Operator's Secrets hold them. @default `<dataDir>/credentials` */
  readonly credentialsDir?: string;
  /** slf4j-simple level of the broker's own log. @default 'info' */
  readonly logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Called with each line the broker logs (the lines also go to {@link KafkaBroker.logPath}). */
  readonly onLogLine?: (line: string) => void;
  /**
   * Adds a TLS listener `tls` (`SSL`) presenting the given keystore, for clients that must trust a CA of
   * their own, like Strimzi's `tls` listener. (Listeners with `tls: true` otherwise get a certificate from
   * the harness's cluster CA.)
   */
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

/** The id of the single node. */
const NODE_ID = 1;

/**
 * A single KRaft node (broker + controller) of Apache Kafka on loopback, run from the jars on Maven
 * Central: a one-node {@link LocalKafkaCluster}. It can be stopped and started again on the same ports and
 * data, which is how tests take a broker away from a service and give it back.
 */
export class KafkaBroker {
  /** Fetches the jars if needed, formats storage, starts the node and waits until it serves requests. */
  public static async start(options: KafkaBrokerOptions = {}): Promise<KafkaBroker> {
    return new KafkaBroker(await LocalKafkaCluster.start({
      nodes: [{ id: NODE_ID, roles: ['broker', 'controller'] }],
      listeners: brokerListeners(options),
      authorization: options.authorization,
      tlsKeystore: options.tls?.keyAndCertificateFile,
      dataDir: options.dataDir,
      credentialsDir: options.credentialsDir,
      logLevel: options.logLevel,
      onLogLine: options.onLogLine && ((line) => options.onLogLine?.(line)),
      serverProperties: options.serverProperties,
      startTimeoutMs: options.startTimeoutMs,
    }));
  }

  /** `host:port` of the first client listener. */
  public readonly bootstrapServers: string;
  /** `host:port` of the first TLS listener, if there is one. */
  public readonly tlsBootstrapServers?: string;

  private constructor(
    /** The one-node cluster: listeners, credentials, admin client settings. */
    public readonly cluster: LocalKafkaCluster,
  ) {
    const node = cluster.node(NODE_ID);
    this.bootstrapServers = node.address(cluster.listeners[0].name);
    const tls = cluster.listeners.find((l) => l.tls || l.authentication === 'tls');
    if (tls) this.tlsBootstrapServers = node.address(tls.name);
  }

  /** The folder holding the node's configuration, data and log. */
  public get dataDir(): string {
    return this.cluster.dataDir;
  }

  /** The broker's full log. */
  public get logPath(): string {
    return this.cluster.node(NODE_ID).logPath;
  }

  /** `host:port` of a client listener. */
  public address(listener: string): string {
    return this.cluster.node(NODE_ID).address(listener);
  }

  /** Whether the JVM is running. */
  public get running(): boolean {
    return this.cluster.node(NODE_ID).running;
  }

  /** Starts a stopped broker again with the same ports and data. */
  public async restart(): Promise<void> {
    if (this.running) throw new Error(`Kafka broker on ${this.bootstrapServers} is already running`);
    await this.cluster.startNode(NODE_ID);
  }

  /** Stops the JVM gracefully (SIGTERM, then SIGKILL after 20 s); data stays for {@link restart}. */
  public async stop(): Promise<void> {
    await this.cluster.stop();
  }

  /**
   * Kills the JVM at once with SIGKILL, as a crashed node or a lost machine would; no shutdown hook runs.
   * Data stays for {@link restart}.
   */
  public async kill(): Promise<void> {
    await this.cluster.killNode(NODE_ID);
  }

  /** Stops the broker and deletes its data folder if the broker created it. */
  public async destroy(): Promise<void> {
    await this.cluster.destroy();
  }

  /** The last lines of the broker's log, for error messages. */
  public logTail(lines = 40): string {
    return this.cluster.node(NODE_ID).logTail(lines);
  }
}

function brokerListeners(options: KafkaBrokerOptions): LocalListener[] {
  if (options.listeners && (options.port !== undefined || options.tls)) {
    throw new Error('KafkaBroker: give either `listeners` (with their ports) or `port`/`tls`, not both.');
  }
  if (options.listeners) return [...options.listeners];
  return [
    { name: 'plain', port: options.port },
    ...(options.tls ? [{ name: 'tls', tls: true, port: options.tls.port }] : []),
  ];
}
