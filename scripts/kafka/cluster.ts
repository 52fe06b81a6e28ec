import { randomBytes, randomInt } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { Kafka, KafkaConfig, logLevel } from 'kafkajs';
import { freePort } from './free-port';
import { ensureKafkaJars, ensureMetricsReporterJars, kafkaClasspath, metricsReporterClasspath } from './jars';
import { KafkaNode, NodeRole } from './kafka-node';
import {
  ADMIN_USER, LocalAuthorization, LocalListener, LocalNodeSpec, nodeServerProperties, NodePorts, scramJaas,
} from './node-properties';
import { LocalPki } from './pki';

export { ADMIN_USER };
export type { ListenerAuthentication, LocalAuthorization, LocalListener, LocalNodeSpec } from './node-properties';

export interface LocalKafkaClusterOptions {
  /** Name of the cluster (the broker certificate's subject is `CN=<name>-kafka`). @default 'local' */
  readonly name?: string;
  /** @default one node that is broker and controller, id 1 */
  readonly nodes?: readonly LocalNodeSpec[];
  /** @default one listener `plain` without TLS or authentication */
  readonly listeners?: readonly LocalListener[];
  /** Turns on authorization. @default - none: every client may do everything */
  readonly authorization?: LocalAuthorization;
  /** Broker configuration, e.g. from `spec.kafka.config`; the harness sets listeners and security itself. */
  readonly config?: Readonly<Record<string, string>>;
  /** Loads Strimzi's metrics reporter into every node, serving Prometheus text on a free port. @default off */
  readonly metricsReporter?: { readonly allowList?: readonly string[] };
  /** PEM keystore for TLS listeners instead of one signed by the harness's cluster CA. */
  readonly tlsKeystore?: string;
  /** Nodes' folders; kept on {@link LocalKafkaCluster.stop}. @default a new temp folder, deleted by destroy() */
  readonly dataDir?: string;
  /** Where credentials are written as the User Operator's Secrets hold them. @default `<dataDir>/credentials` */
  readonly credentialsDir?: string;
  /** slf4j-simple level of the nodes' own logs. @default 'info' */
  readonly logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Called with every line a node logs (the lines also go to `<dataDir>/node-<id>/broker.log`). */
  readonly onLogLine?: (line: string, nodeId: number) => void;
  /** `server.properties` entries applied last, over everything else. */
  readonly serverProperties?: Readonly<Record<string, string>>;
  /** How long to wait for a node to start and serve. @default 90 s */
  readonly startTimeoutMs?: number;
}

const LISTENER_NAME = /^[a-z0-9]{1,11}$/;

/** A node of a running {@link LocalKafkaCluster}. */
export interface LocalNode {
  readonly id: number;
  readonly roles: readonly NodeRole[];
  readonly rack?: string;
  /** `http://127.0.0.1:<port>/metrics` when the metrics reporter is loaded. */
  readonly metricsUrl?: string;
  readonly running: boolean;
  readonly logPath: string;
  logTail(lines?: number): string;
  /** `127.0.0.1:<port>` of a client listener on this broker. */
  address(listener: string): string;
}

/**
 * A KRaft cluster of Apache Kafka nodes on loopback (one combined node, N combined nodes, or dedicated
 * controllers and brokers), secured as a Strimzi cluster can be: listeners with SCRAM-SHA-512 or mTLS
 * authentication, with or without TLS, and StandardAuthorizer. Nodes can be killed and restarted one by one.
 *
 * Internal listeners, like Strimzi's, are not for clients: `CONTROLLER` (KRaft, PLAINTEXT on loopback,
 * its principal ANONYMOUS a super user since SCRAM cannot protect it: the credentials live in the metadata
 * log) and `REPLICATION` (inter-broker; SCRAM as {@link ADMIN_USER} when the cluster is secured), which the
 * harness's own admin client uses too.
 */
export class LocalKafkaCluster {
  /** Checks the options, then starts every node and waits until every broker serves requests. */
  public static async start(options: LocalKafkaClusterOptions = {}): Promise<LocalKafkaCluster> {
    const cluster = await LocalKafkaCluster.create(options);
    try {
      await Promise.all(cluster.nodes.map((node) => cluster.startNode(node.id)));
      await cluster.waitForGroupCoordinator(options.startTimeoutMs ?? 90_000);
    } catch (error) {
      await cluster.destroy();
      throw error;
    }
    return cluster;
  }

  private static async create(options: LocalKafkaClusterOptions): Promise<LocalKafkaCluster> {
    const specs = options.nodes ?? [{ id: 1, roles: ['broker', 'controller'] }];
    const listeners = options.listeners ?? [{ name: 'plain' }];
    validate(specs, listeners, options.authorization);
    ensureKafkaJars();
    if (options.metricsReporter) ensureMetricsReporterJars();

    const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'kafka-'));
    mkdirSync(dataDir, { recursive: true });
    const ports = new Map<number, NodePorts>();
    for (const spec of specs) ports.set(spec.id, await allocatePorts(spec, listeners, options));
    const secured = options.authorization !== undefined || listeners.some((l) => l.authentication !== undefined);
    const needsPki = listeners.some((l) => l.authentication === 'tls' || (l.tls && !options.tlsKeystore));
    const pki = needsPki ? LocalPki.create(join(dataDir, 'pki'), options.name ?? 'local') : undefined;
    return new LocalKafkaCluster(options, specs, listeners, dataDir, ports, secured ? generatePassword() : undefined, pki);
  }

  /** The listeners clients connect to. */
  public readonly listeners: readonly LocalListener[];
  /** Where credentials are written: `users/<user>/…` and `cluster-ca.crt`, as the User Operator's Secrets hold them. */
  public readonly credentialsDir: string;
  private readonly nodeById = new Map<number, KafkaNode>();
  private readonly clusterId = randomBytes(16).toString('base64url');

  private constructor(
    private readonly options: LocalKafkaClusterOptions,
    private readonly specs: readonly LocalNodeSpec[],
    listeners: readonly LocalListener[],
    public readonly dataDir: string,
    private readonly ports: ReadonlyMap<number, NodePorts>,
    private readonly adminPassword: string | undefined,
    private pki: LocalPki | undefined,
  ) {
    this.listeners = listeners;
    this.credentialsDir = options.credentialsDir ?? join(dataDir, 'credentials');
    this.writeClusterCredentials();
    const classpath = [kafkaClasspath(), ...(options.metricsReporter ? [metricsReporterClasspath()] : [])].join(delimiter);
    for (const spec of specs) {
      this.nodeById.set(spec.id, new KafkaNode({
        id: spec.id,
        roles: spec.roles,
        dir: join(dataDir, `node-${spec.id}`),
        classpath,
        serverProperties: nodeServerProperties({
          nodes: specs,
          ports,
          listeners,
          adminPassword,
          authorization: options.authorization,
          config: options.config,
          metricsAllowList: options.metricsReporter?.allowList,
          keystore: options.tlsKeystore ?? pki?.brokerKeystore,
          clientsCaCertificate: pki?.clientsCaCertificate,
          dataDir,
          overrides: options.serverProperties,
        }, spec),
        clusterId: this.clusterId,
        bootstrapScram: adminPassword ? [`SCRAM-SHA-512=[name=${ADMIN_USER},password=${adminPassword}]`] : [],
        // Controller-only nodes hold metadata only.
        heap: spec.roles.includes('broker') ? '512m' : '256m',
        logLevel: options.logLevel ?? 'info',
        onLogLine: options.onLogLine && ((line) => options.onLogLine?.(line, spec.id)),
      }));
    }
  }

  /** The harness's cluster and clients CAs; made now if no listener needed them at start. */
  public certificateAuthorities(): LocalPki {
    this.pki ??= LocalPki.create(join(this.dataDir, 'pki'), this.options.name ?? 'local');
    return this.pki;
  }

  /** Whether StandardAuthorizer runs (ACLs are enforced). */
  public get authorizationEnabled(): boolean {
    return this.options.authorization !== undefined;
  }

  /** Every node, in the order given. */
  public get nodes(): readonly LocalNode[] {
    return this.specs.map((spec) => this.node(spec.id));
  }

  /** The brokers (nodes with the broker role). */
  public get brokers(): readonly LocalNode[] {
    return this.nodes.filter((n) => n.roles.includes('broker'));
  }

  public node(id: number): LocalNode {
    const spec = this.specs.find((s) => s.id === id);
    const process = this.nodeById.get(id);
    if (!spec || !process) throw new Error(`The local cluster has no node ${id}; its nodes are ${this.specs.map((s) => s.id).join(', ')}.`);
    const ports = this.ports.get(id)!;
    return {
      id,
      roles: spec.roles,
      rack: spec.rack,
      metricsUrl: ports.metrics === undefined ? undefined : `http://127.0.0.1:${ports.metrics}/metrics`,
      get running() {
        return process.running;
      },
      logPath: process.logPath,
      logTail: (lines?: number) => process.logTail(lines),
      address: (listener: string) => {
        const port = ports.listeners.get(this.listener(listener).name);
        if (port === undefined) throw new Error(`Node ${id} is not a broker: it has no client listener.`);
        return `127.0.0.1:${port}`;
      },
    };
  }

  /** The listener of that name; throws naming those that exist. */
  public listener(name: string): LocalListener {
    const listener = this.listeners.find((l) => l.name === name);
    if (!listener) throw new Error(`The local cluster has no listener '${name}'; its listeners are ${this.listeners.map((l) => l.name).join(', ')}.`);
    return listener;
  }

  /** Every broker's `127.0.0.1:<port>` on a client listener (the first listener by default). */
  public bootstrapServers(listener: string = this.listeners[0].name): string[] {
    return this.brokers.map((b) => b.address(listener));
  }

  /** kafkajs settings for the harness's own super user, on the internal REPLICATION listener. */
  public adminClientConfig(clientId = 'kafka-harness'): KafkaConfig {
    return {
      clientId,
      brokers: this.specs
        .filter((s) => s.roles.includes('broker'))
        .map((s) => `127.0.0.1:${this.ports.get(s.id)!.replication}`),
      logLevel: logLevel.NOTHING,
      ...(this.adminPassword && { sasl: { mechanism: 'scram-sha-512', username: ADMIN_USER, password: this.adminPassword } }),
    };
  }

  /** Java client properties of {@link adminClientConfig}, in a file readable by us only (HarnessAdmin uses it). */
  public adminClientPropertiesFile(): string {
    const file = join(this.dataDir, 'admin-client.properties');
    const properties = [`bootstrap.servers=${this.adminClientConfig().brokers.toString()}`];
    if (this.adminPassword) {
      properties.push(
        'security.protocol=SASL_PLAINTEXT',
        'sasl.mechanism=SCRAM-SHA-512',
        `sasl.jaas.config=${scramJaas({ username: ADMIN_USER, password: this.adminPassword })}`,
      );
    }
    writeFileSync(file, `${properties.join('\n')}\n`, { mode: 0o600 });
    return file;
  }

  /** Starts a stopped or killed node on its ports and data, and waits until it serves. */
  public async startNode(id: number): Promise<void> {
    const node = this.nodeById.get(id);
    if (!node) throw new Error(`The local cluster has no node ${id}.`);
    const timeoutMs = this.options.startTimeoutMs ?? 90_000;
    await node.start(timeoutMs);
    if (node.isBroker) await this.waitUntilBrokerRegistered(id, timeoutMs);
  }

  /** Kills one node with SIGKILL, as a crash would; its data stays for {@link startNode}. */
  public async killNode(id: number): Promise<void> {
    await this.nodeById.get(id)?.kill();
  }

  /** Stops one node gracefully. */
  public async stopNode(id: number): Promise<void> {
    await this.nodeById.get(id)?.stop();
  }

  /** Stops every node gracefully (brokers first, so that they can still reach the controllers); data stays. */
  public async stop(): Promise<void> {
    const nodes = [...this.nodeById.values()];
    await Promise.all(nodes.filter((n) => n.isBroker).map((n) => n.stop()));
    await Promise.all(nodes.filter((n) => !n.isBroker).map((n) => n.stop()));
  }

  /** Stops every node and deletes the data folder if the cluster created it. */
  public async destroy(): Promise<void> {
    await this.stop();
    if (this.options.dataDir === undefined) rmSync(this.dataDir, { recursive: true, force: true });
  }

  // The cluster CA goes where clients read it (Strimzi's `<cluster>-cluster-ca-cert`), and the admin's password
  // where a SCRAM user's is, so that tools can log in as the super user.
  private writeClusterCredentials(): void {
    mkdirSync(this.credentialsDir, { recursive: true, mode: 0o700 });
    if (this.pki) copyFileSync(this.pki.clusterCaCertificate, join(this.credentialsDir, 'cluster-ca.crt'));
    if (this.adminPassword) {
      const dir = join(this.credentialsDir, 'users', ADMIN_USER);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      writeFileSync(join(dir, 'password'), this.adminPassword, { mode: 0o600 });
    }
  }

  // The first consumer group makes the brokers create __consumer_offsets, and until its leaders are elected
  // kafkajs gives up at once ("Failed to find group coordinator", not retried). Asking for a group's offsets as
  // the admin creates it now, so that clients find a cluster as ready as a long-running one.
  private async waitForGroupCoordinator(timeoutMs: number): Promise<void> {
    const admin = new Kafka({ ...this.adminClientConfig(), retry: { retries: 0 } }).admin();
    const deadline = Date.now() + timeoutMs;
    await admin.connect();
    try {
      for (;;) {
        try {
          await admin.fetchOffsets({ groupId: 'kafka-harness-start' });
          return;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`No group coordinator within ${timeoutMs} ms: ${String(error)}`, { cause: error });
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  private async waitUntilBrokerRegistered(id: number, timeoutMs: number): Promise<void> {
    const node = this.nodeById.get(id)!;
    const deadline = Date.now() + timeoutMs;
    const kafka = new Kafka({
      ...this.adminClientConfig(),
      brokers: [`127.0.0.1:${this.ports.get(id)!.replication}`],
      connectionTimeout: 1_000,
      retry: { retries: 0 },
    });
    while (Date.now() < deadline) {
      if (!node.running) throw new Error(`Kafka node ${id} stopped while starting:\n${node.logTail()}`);
      const admin = kafka.admin();
      try {
        await admin.connect();
        const cluster = await admin.describeCluster();
        if (cluster.brokers.some((b) => b.nodeId === id)) return;
      } catch {
        // not serving yet
      } finally {
        await admin.disconnect();
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`Kafka node ${id} did not serve requests within ${timeoutMs} ms:\n${node.logTail()}`);
  }
}

function validate(specs: readonly LocalNodeSpec[], listeners: readonly LocalListener[], authorization?: LocalAuthorization): void {
  const ids = specs.map((s) => s.id);
  if (new Set(ids).size !== ids.length || ids.some((id) => !Number.isInteger(id) || id < 0)) {
    throw new Error(`Local cluster node ids must be distinct non-negative integers, got ${ids.join(', ')}.`);
  }
  const brokers = specs.filter((s) => s.roles.includes('broker')).length;
  if (brokers === 0 || !specs.some((s) => s.roles.includes('controller'))) {
    throw new Error('A local cluster needs at least one broker and one controller node (a node may be both).');
  }
  if (listeners.length === 0) throw new Error("A local cluster needs at least one client listener, e.g. { name: 'plain' }.");
  const names = new Set<string>();
  for (const listener of listeners) {
    if (!LISTENER_NAME.test(listener.name) || ['controller', 'replication'].includes(listener.name) || names.has(listener.name)) {
      throw new Error(
        `Listener name '${listener.name}' cannot be used: names are 1 to 11 lower-case letters or digits, unique, ` +
          "and not 'controller' or 'replication' (the harness's internal listeners).",
      );
    }
    names.add(listener.name);
    if (listener.port !== undefined && brokers > 1) {
      throw new Error(
        `Listener '${listener.name}' has a fixed port ${listener.port}, but the cluster has ${brokers} brokers on one host; leave the port out.`,
      );
    }
    if (authorization && listener.authentication === undefined) {
      throw new Error(
        `Listener '${listener.name}' has no authentication but the cluster has authorization: its clients would be ` +
          "ANONYMOUS, which the local cluster must make a super user for its PLAINTEXT controller listener, so they could " +
          "do anything. Give the listener authentication ('scram-sha-512' or 'tls').",
      );
    }
  }
}

async function allocatePorts(spec: LocalNodeSpec, listeners: readonly LocalListener[], options: LocalKafkaClusterOptions): Promise<NodePorts> {
  const isBroker = spec.roles.includes('broker');
  const listenerPorts = new Map<string, number>();
  if (isBroker) for (const l of listeners) listenerPorts.set(l.name, l.port ?? (await freePort()));
  return {
    controller: spec.roles.includes('controller') ? await freePort() : undefined,
    replication: isBroker ? await freePort() : undefined,
    listeners: listenerPorts,
    metrics: options.metricsReporter ? await freePort() : undefined,
  };
}

const PASSWORD_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random password of 32 letters and digits, as the User Operator generates for SCRAM users. */
export function generatePassword(): string {
  return Array.from({ length: 32 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}
