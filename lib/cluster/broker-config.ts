/**
 * Broker settings the library types and checks; everything else goes through `additional`.
 * Replication defaults follow the broker count, so a 1-broker cluster gets the seed's `1`s and a
 * 3-broker cluster gets Strimzi's production example (3 replicas, min ISR 2).
 */
export interface KafkaBrokerConfig {
  /**
   * `auto.create.topics.enable`.
   * @default false - topics are declared as KafkaTopic resources, so a typo in a client's topic name fails loudly
   */
  readonly autoCreateTopics?: boolean;
  /**
   * `offsets.topic.replication.factor`: replicas of the consumer offsets topic.
   * @default min(3, broker count)
   */
  readonly offsetsTopicReplicationFactor?: number;
  /**
   * `transaction.state.log.replication.factor`.
   * @default min(3, broker count)
   */
  readonly transactionStateLogReplicationFactor?: number;
  /**
   * `transaction.state.log.min.isr`.
   * @default min(2, max(1, transactionStateLogReplicationFactor - 1))
   */
  readonly transactionStateLogMinIsr?: number;
  /**
   * `default.replication.factor`: replicas of topics created without an explicit count.
   * @default min(3, broker count)
   */
  readonly defaultReplicationFactor?: number;
  /**
   * `min.insync.replicas`: in-sync replicas an `acks=all` write needs.
   * @default min(2, max(1, defaultReplicationFactor - 1))
   */
  readonly minInsyncReplicas?: number;
  /**
   * Any other broker setting, passed to `spec.kafka.config` as is. Keys Strimzi manages itself
   * (listeners, security, node ids, log dirs, ...) and keys typed above are rejected.
   * @default - none
   */
  readonly additional?: Record<string, string | number | boolean>;
}

/** Keys Strimzi sets itself; it ignores them in `spec.kafka.config` (Strimzi documentation, KafkaClusterSpec). */
const FORBIDDEN_PREFIXES = [
  'advertised.', 'authorizer.', 'broker.', 'controller', 'cruise.control.metrics.reporter.bootstrap.',
  'cruise.control.metrics.topic', 'host.name', 'inter.broker.listener.name', 'listener.', 'listeners',
  'log.dir', 'node.id', 'password.', 'port', 'process.roles', 'sasl.', 'security.', 'servers',
  'ssl.', 'super.user', 'zookeeper.',
];
/** The documented exceptions to the prefixes above. */
const ALLOWED_EXCEPTIONS = new Set([
  'ssl.cipher.suites', 'ssl.protocol', 'ssl.enabled.protocols', 'ssl.secure.random.implementation',
  'controller.quorum.election.backoff.max.ms', 'controller.quorum.election.timeout.ms',
  'controller.quorum.fetch.timeout.ms',
]);

const TYPED_KEYS: Record<string, keyof KafkaBrokerConfig> = {
  'auto.create.topics.enable': 'autoCreateTopics',
  'offsets.topic.replication.factor': 'offsetsTopicReplicationFactor',
  'transaction.state.log.replication.factor': 'transactionStateLogReplicationFactor',
  'transaction.state.log.min.isr': 'transactionStateLogMinIsr',
  'default.replication.factor': 'defaultReplicationFactor',
  'min.insync.replicas': 'minInsyncReplicas',
};

/**
 * Resolves defaults against the broker count, checks every rule and returns `spec.kafka.config`.
 * @param what names the cluster in error messages
 */
export function renderBrokerConfig(what: string, brokers: number, config: KafkaBrokerConfig = {}): Record<string, string | number | boolean> {
  const replicationFactor = (value: number | undefined, key: string): number => {
    const rf = value ?? Math.min(3, brokers);
    if (!Number.isInteger(rf) || rf < 1 || rf > brokers) {
      throw new Error(
        `${what}: ${key} is ${rf} but must be an integer from 1 to the broker count (${brokers}); ` +
          `a replication factor above the broker count can never be satisfied. Lower it or add brokers.`,
      );
    }
    return rf;
  };
  const minIsr = (value: number | undefined, rf: number, key: string, rfKey: string): number => {
    const isr = value ?? Math.min(2, Math.max(1, rf - 1));
    if (!Number.isInteger(isr) || isr < 1 || isr > rf) {
      throw new Error(
        `${what}: ${key} is ${isr} but must be an integer from 1 to ${rfKey} (${rf}); ` +
          `otherwise no write with acks=all can succeed. Lower ${key} or raise ${rfKey}.`,
      );
    }
    return isr;
  };

  const offsetsRf = replicationFactor(config.offsetsTopicReplicationFactor, 'offsets.topic.replication.factor');
  const txnRf = replicationFactor(config.transactionStateLogReplicationFactor, 'transaction.state.log.replication.factor');
  const txnIsr = minIsr(config.transactionStateLogMinIsr, txnRf, 'transaction.state.log.min.isr', 'transaction.state.log.replication.factor');
  const defaultRf = replicationFactor(config.defaultReplicationFactor, 'default.replication.factor');
  const isr = minIsr(config.minInsyncReplicas, defaultRf, 'min.insync.replicas', 'default.replication.factor');

  for (const key of Object.keys(config.additional ?? {})) {
    const typed = TYPED_KEYS[key];
    if (typed) {
      throw new Error(`${what}: broker config '${key}' is set in 'additional'; set it with the typed property '${typed}' instead.`);
    }
    if (!ALLOWED_EXCEPTIONS.has(key) && FORBIDDEN_PREFIXES.some((p) => key.startsWith(p))) {
      throw new Error(
        `${what}: broker config '${key}' is managed by Strimzi and would be ignored. ` +
          `Configure it through the cluster's listeners, authentication or storage instead, or remove it.`,
      );
    }
  }

  return {
    'auto.create.topics.enable': config.autoCreateTopics ?? false,
    'offsets.topic.replication.factor': offsetsRf,
    'transaction.state.log.replication.factor': txnRf,
    'transaction.state.log.min.isr': txnIsr,
    'default.replication.factor': defaultRf,
    'min.insync.replicas': isr,
    ...config.additional,
  };
}
