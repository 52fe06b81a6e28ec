import { join } from 'node:path';
import { METRICS_REPORTER_CLASSES } from './jars';
import { NodeRole } from './kafka-node';

/** How clients authenticate on a listener: Strimzi's `listeners[].authentication.type`. */
export type ListenerAuthentication = 'scram-sha-512' | 'tls';

/** A listener clients connect to, described as in Strimzi's `spec.kafka.listeners[]`. */
export interface LocalListener {
  /** 1 to 11 lower-case letters or digits, as in Strimzi; `controller` and `replication` are the harness's own. */
  readonly name: string;
  /** Whether clients connect with TLS, trusting the cluster CA. @default false */
  readonly tls?: boolean;
  /** @default - none: any client may connect */
  readonly authentication?: ListenerAuthentication;
  /** Port on 127.0.0.1; only for clusters with one broker. @default a free port */
  readonly port?: number;
}

/** Strimzi's `simple` authorization: Kafka's StandardAuthorizer, denying whatever no ACL allows. */
export interface LocalAuthorization {
  /** Extra super users as Strimzi writes them: `CN=<name>` for mTLS users, the plain name for SCRAM users. */
  readonly superUsers?: readonly string[];
}

/** One node of a cluster. */
export interface LocalNodeSpec {
  /** `node.id`, unique in the cluster. */
  readonly id: number;
  readonly roles: readonly NodeRole[];
  /** `broker.rack`, for brokers. @default - none */
  readonly rack?: string;
}

/** The loopback ports of one node. */
export interface NodePorts {
  readonly controller?: number;
  readonly replication?: number;
  /** Client listener ports by listener name (brokers only). */
  readonly listeners: ReadonlyMap<string, number>;
  readonly metrics?: number;
}

/** Everything that decides the nodes' `server.properties`. */
export interface ClusterLayout {
  readonly nodes: readonly LocalNodeSpec[];
  readonly ports: ReadonlyMap<number, NodePorts>;
  readonly listeners: readonly LocalListener[];
  /** The super user's SCRAM password, when the cluster is secured. */
  readonly adminPassword?: string;
  readonly authorization?: LocalAuthorization;
  /** Broker configuration, e.g. from `spec.kafka.config`. */
  readonly config?: Readonly<Record<string, string>>;
  /** The metrics reporter's allow list, when nodes have a metrics port. */
  readonly metricsAllowList?: readonly string[];
  /** PEM keystore (key + certificate chain) that TLS listeners present. */
  readonly keystore?: string;
  /** PEM clients CA that mTLS listeners trust. */
  readonly clientsCaCertificate?: string;
  readonly dataDir: string;
  /** Entries applied last, over everything else. */
  readonly overrides?: Readonly<Record<string, string>>;
}

/** The harness's own super user: the brokers' inter-broker identity and the admin client's. */
export const ADMIN_USER = 'admin';

const CONTROLLER = 'CONTROLLER';
const REPLICATION = 'REPLICATION';

/** A JAAS line for SCRAM: a listener's (no user) or a client's. */
export function scramJaas(credentials?: { readonly username: string; readonly password: string }): string {
  const login = 'org.apache.kafka.common.security.scram.ScramLoginModule required';
  return credentials ? `${login} username="${credentials.username}" password="${credentials.password}";` : `${login};`;
}

/**
 * The `server.properties` of one node. Besides the client listeners, nodes have the internal listeners
 * `CONTROLLER` (KRaft, PLAINTEXT on loopback) and, on brokers, `REPLICATION` (inter-broker, SCRAM as
 * {@link ADMIN_USER} when the cluster is secured).
 */
export function nodeServerProperties(layout: ClusterLayout, node: LocalNodeSpec): Record<string, string> {
  const ports = layout.ports.get(node.id)!;
  const isBroker = node.roles.includes('broker');
  const brokerCount = layout.nodes.filter((s) => s.roles.includes('broker')).length;
  const voters = layout.nodes
    .filter((s) => s.roles.includes('controller'))
    .map((s) => `${s.id}@127.0.0.1:${layout.ports.get(s.id)!.controller}`);
  const protocols: Record<string, string> = { [CONTROLLER]: 'PLAINTEXT' };
  const bound: string[] = [];
  const advertised: string[] = [];
  const security: Record<string, string> = {};
  if (ports.controller !== undefined) bound.push(`${CONTROLLER}://127.0.0.1:${ports.controller}`);
  if (isBroker) {
    const replication = `${REPLICATION}://127.0.0.1:${ports.replication}`;
    bound.push(replication);
    advertised.push(replication);
    protocols[REPLICATION] = layout.adminPassword ? 'SASL_PLAINTEXT' : 'PLAINTEXT';
    if (layout.adminPassword) {
      Object.assign(security, scramListener(REPLICATION, scramJaas({ username: ADMIN_USER, password: layout.adminPassword })));
      security['sasl.mechanism.inter.broker.protocol'] = 'SCRAM-SHA-512';
    }
    security['inter.broker.listener.name'] = REPLICATION;
    for (const listener of layout.listeners) {
      const name = listener.name.toUpperCase();
      const address = `${name}://127.0.0.1:${ports.listeners.get(listener.name)}`;
      bound.push(address);
      advertised.push(address);
      protocols[name] = securityProtocol(listener);
      Object.assign(security, listenerSecurity(layout, listener));
    }
  }
  const replicas = (kafkaDefault: number): string => String(Math.max(1, Math.min(kafkaDefault, brokerCount)));
  return {
    // Defaults for a small local cluster; the cluster's own config (e.g. spec.kafka.config) overrides them.
    // Internal topics get Kafka's default replicas and min ISR, capped by the broker count.
    'offsets.topic.replication.factor': replicas(3),
    'transaction.state.log.replication.factor': replicas(3),
    'transaction.state.log.min.isr': replicas(2),
    'share.coordinator.state.topic.replication.factor': replicas(3),
    'share.coordinator.state.topic.min.isr': replicas(2),
    // As on the synthesized cluster: topics exist only when created on purpose.
    'auto.create.topics.enable': 'false',
    // A consumer group gets its partitions at once instead of after the default 3 s wait.
    'group.initial.rebalance.delay.ms': '0',
    // The default 50 partitions make the first consumer group wait for 50 leaders on 2 cores.
    'offsets.topic.num.partitions': '1',
    ...layout.config,
    'process.roles': node.roles.join(','),
    'node.id': String(node.id),
    'controller.quorum.voters': voters.join(','),
    'controller.listener.names': CONTROLLER,
    listeners: bound.join(','),
    ...(advertised.length > 0 && { 'advertised.listeners': advertised.join(',') }),
    'listener.security.protocol.map': Object.entries(protocols).map(([l, p]) => `${l}:${p}`).join(','),
    ...security,
    ...(layout.authorization && {
      'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
      'allow.everyone.if.no.acl.found': 'false',
      'super.users': [ADMIN_USER, 'ANONYMOUS', ...(layout.authorization.superUsers ?? [])].map((u) => `User:${u}`).join(';'),
    }),
    ...(isBroker && node.rack !== undefined && { 'broker.rack': node.rack }),
    ...(ports.metrics !== undefined && metricsReporterProperties(ports.metrics, layout.metricsAllowList)),
    'log.dirs': join(layout.dataDir, `node-${node.id}`, 'data'),
    ...layout.overrides,
  };
}

function securityProtocol(listener: LocalListener): string {
  const tls = listener.tls || listener.authentication === 'tls';
  if (listener.authentication === 'scram-sha-512') return tls ? 'SASL_SSL' : 'SASL_PLAINTEXT';
  return tls ? 'SSL' : 'PLAINTEXT';
}

function listenerSecurity(layout: ClusterLayout, listener: LocalListener): Record<string, string> {
  const prefix = `listener.name.${listener.name}`;
  const properties: Record<string, string> = {};
  if (listener.tls || listener.authentication === 'tls') {
    properties[`${prefix}.ssl.keystore.type`] = 'PEM';
    properties[`${prefix}.ssl.keystore.location`] = required(layout.keystore, 'a keystore for TLS listeners');
  }
  if (listener.authentication === 'tls') {
    // As Strimzi's `tls` authentication: a client certificate signed by the clients CA is required.
    properties[`${prefix}.ssl.client.auth`] = 'required';
    properties[`${prefix}.ssl.truststore.type`] = 'PEM';
    properties[`${prefix}.ssl.truststore.location`] = required(layout.clientsCaCertificate, 'a clients CA for mTLS listeners');
  }
  if (listener.authentication === 'scram-sha-512') Object.assign(properties, scramListener(listener.name, scramJaas()));
  return properties;
}

function scramListener(name: string, jaas: string): Record<string, string> {
  const prefix = `listener.name.${name.toLowerCase()}`;
  return { [`${prefix}.sasl.enabled.mechanisms`]: 'SCRAM-SHA-512', [`${prefix}.scram-sha-512.sasl.jaas.config`]: jaas };
}

// As Strimzi configures `metricsConfig.type: strimziMetricsReporter`, on a free loopback port instead of 9404.
function metricsReporterProperties(port: number, allowList: readonly string[] = ['.*']): Record<string, string> {
  return {
    'metric.reporters': METRICS_REPORTER_CLASSES.kafka,
    'kafka.metrics.reporters': METRICS_REPORTER_CLASSES.yammer,
    'prometheus.metrics.reporter.listener.enable': 'true',
    'prometheus.metrics.reporter.listener': `http://127.0.0.1:${port}`,
    'prometheus.metrics.reporter.allowlist': allowList.join(','),
  };
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`The local cluster has no ${what}.`);
  return value;
}
