/**
 * The broker config keys the Strimzi 1.2.0 Cluster Operator manages itself, so that `spec.kafka.config` may not
 * set them: `KafkaClusterSpec.FORBIDDEN_PREFIXES`, `FORBIDDEN_PREFIX_EXCEPTIONS` and `ALLOWED_PER_LISTENER_CONFIGS`
 * (api/src/main/java/io/strimzi/api/kafka/model/kafka/KafkaClusterSpec.java, tag 1.2.0, commit 6c7b43c4af0d),
 * applied as `AbstractConfiguration.filterForbidden` and `KafkaConfiguration.modifyWithListeners` apply them: a
 * key is forbidden when its lower-cased form starts with a prefix, unless the key is exactly an exception.
 * The operator drops a forbidden key with a warning in its log; the library refuses it at synth instead.
 */

/** `FORBIDDEN_PREFIXES`, in Strimzi's order. */
export const STRIMZI_FORBIDDEN_PREFIXES: readonly string[] = [
  'listeners', 'advertised.', 'broker.', 'listener.', 'host.name', 'port', 'inter.broker.listener.name', 'sasl.', 'ssl.',
  'security.', 'password.', 'log.dir', 'zookeeper.connect', 'zookeeper.set.acl', 'zookeeper.ssl', 'zookeeper.clientCnxnSocket',
  'authorizer.', 'super.user', 'cruise.control.metrics.topic', 'cruise.control.metrics.reporter.bootstrap.servers', 'node.id',
  'process.roles', 'controller.', 'metadata.log.dir', 'zookeeper.metadata.migration.enable',
  'client.quota.callback.static.kafka.admin.', 'client.quota.callback.static.produce', 'client.quota.callback.static.fetch',
  'client.quota.callback.static.storage.per.volume.limit.min.available.', 'client.quota.callback.static.excluded.principal.name.list',
  'prometheus.metrics.reporter.', 'cordoned.log.dirs',
];

/** `FORBIDDEN_PREFIX_EXCEPTIONS`: keys allowed although a prefix above matches them. */
export const STRIMZI_FORBIDDEN_PREFIX_EXCEPTIONS: readonly string[] = [
  'zookeeper.connection.timeout.ms', 'sasl.server.max.receive.size', 'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols',
  'ssl.secure.random.implementation', 'cruise.control.metrics.topic.num.partitions', 'cruise.control.metrics.topic.replication.factor',
  'cruise.control.metrics.topic.retention.ms', 'cruise.control.metrics.topic.auto.create.retries',
  'cruise.control.metrics.topic.auto.create.timeout.ms', 'cruise.control.metrics.topic.min.insync.replicas',
  'broker.session.timeout.ms', 'broker.heartbeat.interval.ms', 'controller.socket.timeout.ms',
  'controller.quorum.election.backoff.max.ms', 'controller.quorum.election.timeout.ms', 'controller.quorum.fetch.timeout.ms',
];

/** `ALLOWED_PER_LISTENER_CONFIGS`: allowed as `listener.name.<listener name>-<port>.<key>` for each listener. */
export const STRIMZI_ALLOWED_PER_LISTENER_CONFIGS: readonly string[] = ['connections.max.reauth.ms', 'max.connections',
  'max.connection.creation.rate'];

/** Where to configure instead what each prefix covers (Strimzi's documentation of KafkaClusterSpec). */
const INSTEAD: readonly (readonly [RegExp, string])[] = [
  [/^(listeners|advertised\.|listener\.|host\.name|port|inter\.broker\.listener\.name)/, "the cluster's `listeners`"],
  [/^(sasl\.|ssl\.|security\.|password\.)/, "the listeners' `tls` and authentication"],
  [/^(authorizer\.|super\.user)/, "the cluster's authorization (`spec.kafka.authorization`)"],
  [/^(log\.dir|metadata\.log\.dir|cordoned\.log\.dirs)/, 'the storage of the node pools'],
  [/^(node\.id|process\.roles|controller\.|broker\.)/, "the node pools (`brokers`, `controllers`), which Strimzi turns into KRaft settings"],
  [/^client\.quota\.callback\./, '`spec.kafka.quotas`'],
  [/^cruise\.control\./, '`spec.cruiseControl`'],
  [/^prometheus\.metrics\.reporter\./, '`spec.kafka.metricsConfig`'],
  [/^zookeeper\./, 'nothing: Strimzi 1.2.0 runs KRaft only, without ZooKeeper'],
];

/** The forbidden prefix that matches `key` for a cluster with these listeners, or undefined when the key is allowed. */
export function strimziManagedPrefix(key: string, listeners: readonly { name: string; port: number }[]): string | undefined {
  const prefix = STRIMZI_FORBIDDEN_PREFIXES.find((p) => key.toLowerCase().startsWith(p));
  if (prefix === undefined || STRIMZI_FORBIDDEN_PREFIX_EXCEPTIONS.includes(key)) return undefined;
  const perListener = listeners.flatMap((l) => STRIMZI_ALLOWED_PER_LISTENER_CONFIGS.map((c) => `listener.name.${l.name}-${l.port}.${c}`));
  return perListener.includes(key) ? undefined : prefix;
}

/** Where the setting a forbidden key stands for is made instead. */
export function strimziManagedInstead(key: string): string {
  return INSTEAD.find(([pattern]) => pattern.test(key.toLowerCase()))?.[1] ?? "the Kafka resource's own fields";
}
