import { Subject } from '../base/subject';

/**
 * Rules of Kafka Connect and the HTTP Bridge as data, each with a stable code (asserted by the tests and listed in
 * docs/connect.md) and its source, so that a reviewer can check it against Strimzi's and Kafka's own code.
 */
export interface ConnectRule {
  readonly code: string;
  readonly source: string;
}

export const CONNECT_RULES = {
  forbiddenConfig: { code: 'connect-forbidden-config',
    source: 'Strimzi 1.2.0 KafkaConnectSpec.FORBIDDEN_PREFIXES (and the v1 CRD description of spec.config)' },
  typedConfig: { code: 'connect-typed-config', source: 'strimzi-cdk8s: a key a typed prop derives is set only there' },
  storageReplicas: { code: 'connect-storage-replicas', source: 'Kafka: a partition has at most one replica per broker' },
  name: { code: 'connect-name',
    source: 'Kubernetes metadata.name (DNS-1123 subdomain); Strimzi names pods <name>-connect-<n> / <name>-bridge-<hash>' },
  converter: { code: 'connect-converter', source: 'Kafka Connect WorkerConfig key.converter / value.converter: a Converter class name' },
  build: { code: 'connect-build', source: 'Strimzi 1.2.0 KafkaConnect CRD spec.build (output, plugins, artifacts)' },
  namespace: { code: 'connect-namespace', source: "Strimzi: KafkaConnect/KafkaBridge read their KafkaUser's Secret from their own namespace" },
  connectorClass: { code: 'connector-class', source: 'Kafka Connect: connector.class is a Java class name' },
  connectorTasks: { code: 'connector-tasks-max', source: 'KafkaConnector CRD spec.tasksMax (minimum 1)' },
  connectorConfig: { code: 'connector-forbidden-config',
    source: 'Strimzi 1.2.0 KafkaConnectorSpec.FORBIDDEN_PARAMETERS (connector.class, tasks.max); Kafka SinkConnectorConfig topics / topics.regex' },
  connectorTopics: { code: 'connector-topics', source: 'Kafka Connect: a sink reads the topics in `topics`; a source writes topics it chooses' },
  connectorCluster: { code: 'connector-cluster', source: 'Kafka ACLs act only in the cluster that holds the topic' },
  bridgeHttpPort: { code: 'bridge-http-port', source: 'KafkaBridge CRD spec.http.port (minimum 1023)' },
  bridgeTopics: { code: 'bridge-topics', source: 'Strimzi HTTP Bridge: a producer or consumer needs at least one topic to be enabled' },
} satisfies Record<string, ConnectRule>;

/** An Error for a broken rule, naming its code. */
export function ruleError(subject: Subject, rule: ConnectRule, problem: string, fix: string): Error {
  return subject.error(rule.code, problem, fix);
}

/** The message of a broken cross-object rule, for `node.addValidation`. */
export function ruleMessage(subject: Subject, rule: ConnectRule, problem: string, fix: string): string {
  return subject.errorMessage(rule.code, problem, fix);
}

/**
 * Keys of `spec.config` Strimzi manages for a Connect cluster and ignores (with a warning in its log) when a user
 * sets them: prefixes, and the exceptions a user may set. Strimzi 1.2.0 KafkaConnectSpec.
 */
export const CONNECT_FORBIDDEN_PREFIXES: readonly string[] = [
  'ssl.', 'sasl.', 'security.', 'listeners', 'plugin.path', 'rest.', 'bootstrap.servers', 'consumer.interceptor.classes',
  'producer.interceptor.classes', 'prometheus.metrics.reporter.', 'group.id', 'config.storage.topic', 'offset.storage.topic',
  'status.storage.topic',
];
export const CONNECT_FORBIDDEN_EXCEPTIONS: readonly string[] = [
  'ssl.endpoint.identification.algorithm', 'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols',
];

/** The same for the HTTP Bridge's producer, consumer and admin client `config` (Strimzi 1.2.0 KafkaBridge*Spec). */
export const BRIDGE_FORBIDDEN_PREFIXES: readonly string[] = ['ssl.', 'bootstrap.servers', 'sasl.', 'security.'];

/** The prefix of `key` among `prefixes` unless it is one of `exceptions`; undefined when the key may be set. */
export function forbiddenPrefix(key: string, prefixes: readonly string[], exceptions: readonly string[] = []): string | undefined {
  if (exceptions.includes(key)) return undefined;
  return prefixes.find((prefix) => key === prefix || key.startsWith(prefix));
}

/** A fully qualified Java class name, e.g. `org.apache.kafka.connect.file.FileStreamSinkConnector`. */
export const JAVA_CLASS_NAME = /^([A-Za-z_$][A-Za-z0-9_$]*\.)*[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Kafka Connect's own default partitions of the storage topics (DistributedConfig); the config topic must have one. */
export const STORAGE_TOPIC_PARTITIONS = { config: 1, offset: 25, status: 5 } as const;
