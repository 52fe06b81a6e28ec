import { IConstruct } from 'constructs';
import { Subject } from '../base/subject';
import { warn } from '../base/warnings';
import { DANGERS } from '../rules/dangers';
import { KAFKA_BROKER_CONFIGS } from '../rules/kafka-broker-configs';
import { configValueProblem, configValueText, nearestKey, rawTypedKeys } from '../rules/kafka-config';
import { WHOLE_NUMBER_LIMITS, wholeNumberProblem } from '../rules/numbers';
import { strimziManagedInstead, strimziManagedPrefix } from '../rules/strimzi-broker-config';

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
   * (listeners, security, node ids, log dirs, ...) and keys typed above are rejected; values of keys Kafka 4.3
   * defines are checked against its definitions; other keys (a plugin's) pass, with a warning when they look like
   * a misspelt Kafka key.
   * @default - none
   */
  readonly additional?: Record<string, string | number | boolean>;
}

const TYPED_KEYS: Record<string, keyof KafkaBrokerConfig> = {
  'auto.create.topics.enable': 'autoCreateTopics',
  'offsets.topic.replication.factor': 'offsetsTopicReplicationFactor',
  'transaction.state.log.replication.factor': 'transactionStateLogReplicationFactor',
  'transaction.state.log.min.isr': 'transactionStateLogMinIsr',
  'default.replication.factor': 'defaultReplicationFactor',
  'min.insync.replicas': 'minInsyncReplicas',
};

/**
 * Resolves defaults against the broker count, checks every rule (Strimzi's managed keys, Kafka 4.3's broker
 * config definitions, replication limits) and returns `spec.kafka.config`. Throws naming `subject` at the first
 * broken rule; dangerous settings become warnings of the app of `scope`.
 * @param listeners the cluster's listeners, which allow per-listener keys (`listener.name.<name>-<port>.<key>`)
 */
export function renderBrokerConfig(
  scope: IConstruct, subject: Subject, brokers: number, listeners: readonly { name: string; port: number }[], given: KafkaBrokerConfig = {},
): Record<string, string | number | boolean> {
  const replicationFactor = (value: number | undefined, key: string): number => {
    const rf = value ?? Math.min(3, brokers);
    const problem = wholeNumberProblem(rf, { ...WHOLE_NUMBER_LIMITS.replicationFactor, max: Math.min(brokers,
      WHOLE_NUMBER_LIMITS.replicationFactor.max) });
    if (problem) {
      throw subject.error('broker-replication-factor-invalid',
        `${key} is invalid: ${problem.replace(/ \(.*\)$/, '')}; it must be from 1 to the broker count (${brokers}), ` +
        'as a replication factor above the broker count can never be satisfied', 'Lower it or add brokers');
    }
    return rf;
  };
  const minIsr = (value: number | undefined, rf: number, key: string, rfKey: string): number => {
    const isr = value ?? Math.min(2, Math.max(1, rf - 1));
    if (wholeNumberProblem(isr, { ...WHOLE_NUMBER_LIMITS.minInsyncReplicas, max: rf })) {
      throw subject.error('broker-min-isr-invalid',
        `${key} is ${isr} but must be a whole number from 1 to ${rfKey} (${rf}); otherwise no write with acks=all can succeed`,
        `Lower ${key} or raise ${rfKey}`);
    }
    if (isr === rf && rf > 1) warn(scope, subject, DANGERS.noFailureTolerated, `broker config ${key}`, isr);
    return isr;
  };

  let config = given;
  const additional = config.additional ?? {};
  if (typeof additional !== 'object' || Array.isArray(additional)) {
    throw subject.error('broker-config-not-a-map', `'additional' is ${JSON.stringify(additional)}, not a map of broker config keys to values`,
      "Pass e.g. { 'log.retention.hours': 72 }");
  }
  // A raw key that a typed property sets is accepted with a hint (unless the typed property disagrees) and then
  // goes through that property's checks and defaults, as Kafka reads it from its text.
  const typedKeys = Object.fromEntries(Object.entries(TYPED_KEYS).map(([key, prop]) => [key, { prop, value: config[prop] }]));
  const raw = rawTypedKeys(scope, subject, 'additional', additional, typedKeys);
  config = { ...config, ...Object.fromEntries(Object.entries(raw).map(([key, value]) => [TYPED_KEYS[key], fromText(TYPED_KEYS[key], value)])) };

  if (config.autoCreateTopics !== undefined && typeof config.autoCreateTopics !== 'boolean') {
    throw subject.error('cluster-auto-create-topics-not-boolean', `autoCreateTopics is ${JSON.stringify(config.autoCreateTopics)}, not true or false`,
      'Set it to true or false');
  }
  if (config.autoCreateTopics) warn(scope, subject, DANGERS.autoCreateTopics);
  const offsetsRf = replicationFactor(config.offsetsTopicReplicationFactor, 'offsets.topic.replication.factor');
  const txnRf = replicationFactor(config.transactionStateLogReplicationFactor, 'transaction.state.log.replication.factor');
  const txnIsr = minIsr(config.transactionStateLogMinIsr, txnRf, 'transaction.state.log.min.isr', 'transaction.state.log.replication.factor');
  const defaultRf = replicationFactor(config.defaultReplicationFactor, 'default.replication.factor');
  const isr = minIsr(config.minInsyncReplicas, defaultRf, 'min.insync.replicas', 'default.replication.factor');

  for (const [key, value] of Object.entries(additional)) {
    if (!(key in TYPED_KEYS)) checkAdditionalKey(scope, subject, key, value, listeners);
  }

  return {
    'auto.create.topics.enable': config.autoCreateTopics ?? false,
    'offsets.topic.replication.factor': offsetsRf,
    'transaction.state.log.replication.factor': txnRf,
    'transaction.state.log.min.isr': txnIsr,
    'default.replication.factor': defaultRf,
    'min.insync.replicas': isr,
    ...Object.fromEntries(Object.entries(additional).filter(([key]) => !(key in TYPED_KEYS))),
  };
}

// Kafka parses a config value from its text: 'true' is true, '3' is 3.
function fromText(prop: keyof KafkaBrokerConfig, value: unknown): unknown {
  if (prop === 'autoCreateTopics') return value === 'true' ? true : value === 'false' ? false : value;
  return typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
}

/** One key of `additional`: not typed, not managed by Strimzi, and (when Kafka knows it) a value Kafka accepts. */
function checkAdditionalKey(scope: IConstruct, subject: Subject, key: string, value: unknown,
  listeners: readonly { name: string; port: number }[]): void {
  const prefix = strimziManagedPrefix(key, listeners);
  if (prefix !== undefined) {
    throw subject.error('broker-config-strimzi-managed',
      `broker config '${key}' is managed by Strimzi 1.2.0 (forbidden prefix '${prefix}'), which would ignore it`,
      `Configure it through ${strimziManagedInstead(key)}, or remove it`);
  }
  const definition = KAFKA_BROKER_CONFIGS[key];
  if (!definition) {
    const near = nearestKey(key, Object.keys(KAFKA_BROKER_CONFIGS)
      .filter((k) => !KAFKA_BROKER_CONFIGS[k].internal && !strimziManagedPrefix(k, listeners)));
    const text = configValueText(value);
    if ('problem' in text) throw subject.error('broker-config-value-type-invalid', `broker config '${key}' is invalid: ${text.problem}`,
      'Use a string, number or boolean');
    if (near) warn(scope, subject, DANGERS.unknownBrokerConfig, key, near);
    return;
  }
  const problem = definition.internal ? 'Kafka keeps this key internal, for its own tests' : configValueProblem(definition, value);
  if (problem) {
    throw subject.error('broker-config-value-invalid',
      `broker config ${key}=${JSON.stringify(value)} is invalid: ${problem}; the Cluster Operator refuses the cluster`,
      `Use a value Kafka 4.3 accepts${definition.default ? ` (its default is ${definition.default})` : ''}`);
  }
  if (key === 'unclean.leader.election.enable' && /^true$/i.test(String(value).trim())) warn(scope, subject, DANGERS.uncleanLeaderElection,
    'for every topic of the cluster');
}
