import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LocalKafkaCluster } from './cluster';
import { ensureMavenPluginJars } from './jars';
import { CLUSTER_LABEL, SynthesizedManifests, SynthesizedObject } from './manifests';
import { scramJaas } from './node-properties';
import { KafkaSpec } from './synthesized-cluster';
import { userSecretDir } from './users';

/** The parts of a `kafka.strimzi.io/v1` KafkaConnect the harness reads. */
interface KafkaConnectSpec {
  readonly bootstrapServers?: unknown;
  readonly groupId?: unknown;
  readonly configStorageTopic?: unknown;
  readonly offsetStorageTopic?: unknown;
  readonly statusStorageTopic?: unknown;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly tls?: { readonly trustedCertificates?: ReadonlyArray<{ readonly secretName?: unknown; readonly certificate?: unknown }> };
  readonly authentication?: {
    readonly type?: unknown;
    readonly username?: unknown;
    readonly passwordSecret?: { readonly secretName?: unknown; readonly password?: unknown };
    readonly certificateAndKey?: { readonly secretName?: unknown; readonly certificate?: unknown; readonly key?: unknown };
  };
  readonly build?: { readonly plugins?: ReadonlyArray<{ readonly name?: unknown; readonly artifacts?: ReadonlyArray<Record<string, unknown>> }> };
}

/** A connector as the Cluster Operator sends it to the Connect REST API. */
export interface LocalConnector {
  readonly name: string;
  /** `connector.class`, `tasks.max` and `spec.config`, as strings. */
  readonly config: Readonly<Record<string, string>>;
  /** `spec.state`: running, paused or stopped. */
  readonly state: string;
}

/** A synthesized KafkaConnect as a local worker's properties, and its KafkaConnectors. */
export interface LocalConnectPlan {
  readonly name: string;
  /** `connect-distributed.properties` of the worker (holds the password: write it readable by us only). */
  readonly properties: Readonly<Record<string, string>>;
  readonly connectors: readonly LocalConnector[];
}

// Client settings Strimzi writes for the worker and, prefixed, for the connectors' producers, consumers and admins
// (KafkaConnectConfigurationBuilder): the connectors' clients do not inherit the worker's own.
const CLIENT_PREFIXES = ['', 'producer.', 'consumer.', 'admin.'];

/**
 * Reads the KafkaConnect `name` (or the only one) of `manifests` as the Cluster Operator configures its workers:
 * bootstrap servers → the local listener on the same Kafka listener port; `tls.trustedCertificates` of the
 * cluster CA Secret → the harness's cluster CA (PEM truststore); `authentication` from the KafkaUser's Secret →
 * the files the harness wrote for that user; group id, storage topics and `spec.config` as written; each
 * `spec.build` plugin of `type: maven` fetched from Maven Central into its own folder of `plugin.path`, as
 * Strimzi's build lays it out. The REST API listens on `restPort`. KafkaConnectors labelled with the Connect
 * cluster's name become REST calls, as the Cluster Operator makes them.
 *
 * @throws naming the object for what a local worker cannot do (other artifact types, other authentication)
 */
export function planLocalConnect(manifests: SynthesizedManifests, cluster: LocalKafkaCluster,
  options: { readonly name?: string; readonly restPort: number; readonly dir: string }): LocalConnectPlan {
  const candidates = manifests.ofKind('KafkaConnect').filter((c) => options.name === undefined || c.object.metadata?.name === options.name);
  if (candidates.length !== 1) throw new Error(
    `Expected one KafkaConnect${options.name ? ` named '${options.name}'` : ''} in ${manifests.sources.join(', ')}, found ${candidates.length}.`,
  );
  const connect = candidates[0];
  const name = String(connect.object.metadata?.name);
  const where = `KafkaConnect '${name}' in ${connect.source}`;
  const spec = (connect.object.spec ?? {}) as KafkaConnectSpec;
  const { listener, kafka } = listenerOf(manifests, String(spec.bootstrapServers), where);
  const secretPrefix = String(((kafka.object.spec ?? {}) as KafkaSpec).entityOperator?.userOperator?.secretPrefix ?? '');
  const userFile = (secretName: unknown, key: unknown): string => {
    const user = String(secretName).slice(secretPrefix.length);
    if (!String(secretName).startsWith(secretPrefix) || manifests.ofCluster('KafkaUser', String(kafka.object.metadata?.name)).every((u) =>
      u.object.metadata?.name !== user)) {
      throw new Error(`${where}: its authentication reads Secret '${String(secretName)}', which no KafkaUser of the manifests provides.`);
    }
    return join(userSecretDir(cluster.credentialsDir, user), String(key));
  };

  const client: Record<string, string> = {};
  const local = cluster.listener(listener);
  const trusted = spec.tls?.trustedCertificates ?? [];
  const clusterCaSecret = `${String(kafka.object.metadata?.name)}-cluster-ca-cert`;
  if (trusted.some((t) =>
    t.secretName !== clusterCaSecret)) throw new Error(
      `${where}: it trusts certificates other than the cluster CA ('${clusterCaSecret}'), which a local run does not have.`,
    );
  const tls = trusted.length > 0;
  if (tls !== (local.tls === true)) throw new Error(
    `${where}: tls is ${tls ? 'set' : 'not set'} but listener '${listener}' ${local.tls ? 'uses' : 'does not use'} TLS.`,
  );
  if (tls) Object.assign(client, { 'ssl.truststore.type': 'PEM', 'ssl.truststore.location': join(cluster.credentialsDir, 'cluster-ca.crt') });
  const authentication = spec.authentication;
  if (authentication?.type === 'scram-sha-512') {
    const password = readFileSync(userFile(authentication.passwordSecret?.secretName, authentication.passwordSecret?.password), 'utf8').trim();
    Object.assign(client, { 'sasl.mechanism': 'SCRAM-SHA-512', 'sasl.jaas.config': scramJaas({ username: String(authentication.username),
      password }) });
  } else if (authentication?.type === 'tls') {
    const secret = authentication.certificateAndKey;
    const keystore = join(options.dir, 'user-keystore.pem');
    // A PEM keystore holds the private key and then the certificate.
    writeFileSync(keystore, readFileSync(userFile(secret?.secretName, secret?.key), 'utf8') + readFileSync(userFile(secret?.secretName,
      secret?.certificate), 'utf8'), { mode: 0o600 });
    Object.assign(client, { 'ssl.keystore.type': 'PEM', 'ssl.keystore.location': keystore });
  } else if (authentication !== undefined) {
    throw new Error(`${where}: authentication type '${String(authentication.type)}' cannot run locally (the harness runs scram-sha-512 and tls).`);
  }
  client['security.protocol'] = `${authentication?.type === 'scram-sha-512' ? 'SASL_' : ''}${tls ? 'SSL' : 'PLAINTEXT'}`;

  const properties: Record<string, string> = {
    'bootstrap.servers': cluster.bootstrapServers(listener).join(','),
    'group.id': String(spec.groupId),
    'config.storage.topic': String(spec.configStorageTopic),
    'offset.storage.topic': String(spec.offsetStorageTopic),
    'status.storage.topic': String(spec.statusStorageTopic),
    ...Object.fromEntries(Object.entries(spec.config ?? {}).map(([key, value]) => [key, String(value)])),
    ...Object.fromEntries(CLIENT_PREFIXES.flatMap((prefix) => Object.entries(client).map(([key, value]) => [`${prefix}${key}`, value]))),
    'listeners': `http://127.0.0.1:${options.restPort}`,
    'rest.advertised.host.name': '127.0.0.1',
    'rest.advertised.port': String(options.restPort),
    'plugin.path': pluginPath(spec, where, options.dir),
  };
  // Kafka's own advice when every plugin has ServiceLoader manifests (Kafka's do): it spares ~25 s of reflective
  // scanning per start. Behaviour is the same; a manifest's own setting wins.
  properties['plugin.discovery'] ??= 'service_load';
  return { name, properties, connectors: manifests.ofKind('KafkaConnector').filter((c) => c.object.metadata?.labels?.[CLUSTER_LABEL] === name)
    .map(localConnector) };
}

/** The Kafka listener a client's `bootstrapServers` (`<cluster>-kafka[-<listener>]-bootstrap:<port>`) points at. */
function listenerOf(manifests: SynthesizedManifests, bootstrap: string, where: string): { listener: string; kafka: SynthesizedObject } {
  const [host, port] = bootstrap.split(',')[0].split(':');
  const kafka = manifests.ofKind('Kafka').find((k) => host.startsWith(`${String(k.object.metadata?.name)}-kafka-`));
  const listener = ((kafka?.object.spec ?? {}) as KafkaSpec).kafka?.listeners?.find((l) => String(l.port) === port);
  if (!kafka || !listener) throw new Error(`${where}: bootstrapServers '${bootstrap}' names no listener of a Kafka in the manifests.`);
  return { listener: String(listener.name), kafka };
}

// Strimzi's build puts each plugin in a folder of its own under the plugin path; maven artifacts come with their
// runtime dependencies. Other artifact types are URLs a local run cannot download.
function pluginPath(spec: KafkaConnectSpec, where: string, dir: string): string {
  const root = join(dir, 'plugins');
  mkdirSync(root, { recursive: true });
  for (const plugin of spec.build?.plugins ?? []) {
    const pluginDir = join(root, String(plugin.name));
    // Laid out afresh at every start, as a new image would be.
    rmSync(pluginDir, { recursive: true, force: true });
    mkdirSync(pluginDir, { recursive: true });
    for (const artifact of plugin.artifacts ?? []) {
      if (artifact.type !== 'maven') throw new Error(
        `${where}: plugin '${String(plugin.name)}' has a '${String(artifact.type)}' artifact; a local run fetches only maven artifacts (from Maven ` +
          `Central).`,
      );
      const lib = ensureMavenPluginJars(String(artifact.group), String(artifact.artifact), String(artifact.version));
      symlinkSync(lib, join(pluginDir, `${String(artifact.group)}-${String(artifact.artifact)}`));
    }
  }
  return root;
}

function localConnector(connector: SynthesizedObject): LocalConnector {
  const spec = (connector.object.spec ?? {}) as { class?: unknown; tasksMax?: unknown; config?: Record<string, unknown>; state?: unknown };
  return {
    name: String(connector.object.metadata?.name),
    config: {
      'connector.class': String(spec.class),
      ...(spec.tasksMax === undefined ? {} : { 'tasks.max': String(spec.tasksMax) }),
      ...Object.fromEntries(Object.entries(spec.config ?? {}).map(([key, value]) => [key, String(value)])),
    },
    state: String(spec.state ?? 'running'),
  };
}
