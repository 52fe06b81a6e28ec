import { Size, Testing } from 'cdk8s';
import {
  KafkaCluster, KafkaClusterProps, KafkaMetrics, KafkaVolume, NodePoolStorage, NodeRole,
} from '../../../lib';
import { validateAgainstStrimziCrds } from '../support/schemas';
import { appWithChart } from '../support/synth';

/*
 * Strimzi's own example clusters, written with typed props only and compared with the examples' specs.
 * Source: strimzi/strimzi-kafka-operator at tag 1.2.0, packaging/examples/kafka/*.yaml and
 * packaging/examples/{cruise-control/kafka-cruise-control.yaml, metrics/strimzi-metrics-reporter/kafka-metrics.yaml}.
 * The expected specs below are those files' fields, encoded as data. The library differs from them in
 * deliberate, stated ways, added to each expectation by `withLibraryDefaults`: it sets
 * `auto.create.topics.enable: false` (topics are declared as KafkaTopics), it states `deleteClaim: false`
 * (Strimzi's default) on persistent volumes, and it is secure by default: SCRAM-SHA-512 on every listener,
 * `simple` authorization, and listeners nothing is wired to admit the cluster's namespace only.
 */

const LISTENERS = [
  { name: 'plain', port: 9092, type: 'internal', tls: false },
  { name: 'tls', port: 9093, type: 'internal', tls: true },
];
const REPLICATED = {
  'offsets.topic.replication.factor': 3, 'transaction.state.log.replication.factor': 3, 'transaction.state.log.min.isr': 2,
  'default.replication.factor': 3, 'min.insync.replicas': 2,
};
const SINGLE = {
  'offsets.topic.replication.factor': 1, 'transaction.state.log.replication.factor': 1, 'transaction.state.log.min.isr': 1,
  'default.replication.factor': 1, 'min.insync.replicas': 1,
};
const kafkaSpec = (config: object, extra: object = {}) => ({
  kafka: { version: '4.3.1', metadataVersion: '4.3-IV0', listeners: LISTENERS, config },
  entityOperator: { topicOperator: {}, userOperator: {} },
  ...extra,
});
const pool = (name: string, replicas: number, roles: string[], volumes: object[]) => ({
  name, spec: { replicas, roles, storage: { type: 'jbod', volumes } },
});
const PERSISTENT_100 = { id: 0, type: 'persistent-claim', size: '100Gi', kraftMetadata: 'shared' };
const EPHEMERAL = { id: 0, type: 'ephemeral', kraftMetadata: 'shared' };

/** The library's two stated differences from the examples. */
function withLibraryDefaults(expected: { kafka: any; pools: any[] }) {
  return {
    kafka: {
      ...expected.kafka,
      kafka: {
        ...expected.kafka.kafka,
        config: { 'auto.create.topics.enable': false, ...expected.kafka.kafka.config },
        listeners: expected.kafka.kafka.listeners.map((l: object) => ({
          ...l, authentication: { type: 'scram-sha-512' }, networkPolicyPeers: [{ podSelector: {} }],
        })),
        authorization: { type: 'simple' },
      },
    },
    pools: expected.pools.map((p) => ({
      ...p,
      spec: {
        ...p.spec,
        storage: {
          ...p.spec.storage,
          volumes: p.spec.storage.volumes.map((v: any) => (v.type === 'persistent-claim' ? { ...v, deleteClaim: false } : v)),
        },
      },
    })),
  };
}

const persistent100 = () => KafkaVolume.persistentClaim({ size: Size.gibibytes(100) });
const splitPools = (storage: () => NodePoolStorage, brokerStorage = storage): KafkaClusterProps['nodePools'] => [
  { name: 'controller', roles: [NodeRole.CONTROLLER], replicas: 3, storage: storage() },
  { name: 'broker', roles: [NodeRole.BROKER], replicas: 3, storage: brokerStorage() },
];

const EXAMPLES: Array<[string, KafkaClusterProps, { kafka: object; pools: object[] }]> = [
  ['kafka-ephemeral.yaml', { nodePools: splitPools(() => NodePoolStorage.jbod(KafkaVolume.ephemeral())) }, {
    kafka: kafkaSpec(REPLICATED),
    pools: [pool('controller', 3, ['controller'], [EPHEMERAL]), pool('broker', 3, ['broker'], [EPHEMERAL])],
  }],
  ['kafka-persistent.yaml', { nodePools: splitPools(() => NodePoolStorage.jbod(persistent100())) }, {
    kafka: kafkaSpec(REPLICATED),
    pools: [pool('controller', 3, ['controller'], [PERSISTENT_100]), pool('broker', 3, ['broker'], [PERSISTENT_100])],
  }],
  ['kafka-jbod.yaml', {
    nodePools: splitPools(
      () => NodePoolStorage.jbod(persistent100()),
      () => NodePoolStorage.jbod(KafkaVolume.persistentClaim({ size: Size.gibibytes(100), kraftMetadata: true }), persistent100()),
    ),
  }, {
    kafka: kafkaSpec(REPLICATED),
    pools: [
      pool('controller', 3, ['controller'], [PERSISTENT_100]),
      pool('broker', 3, ['broker'], [PERSISTENT_100, { id: 1, type: 'persistent-claim', size: '100Gi' }]),
    ],
  }],
  ['kafka-with-dual-role-nodes.yaml', { brokers: 3, storage: { size: Size.gibibytes(100) } }, {
    kafka: kafkaSpec(REPLICATED),
    pools: [pool('dual-role', 3, ['controller', 'broker'], [PERSISTENT_100])],
  }],
  ['kafka-single-node.yaml', { storage: { size: Size.gibibytes(100) } }, {
    kafka: kafkaSpec(SINGLE),
    pools: [pool('dual-role', 1, ['controller', 'broker'], [PERSISTENT_100])],
  }],
  ['cruise-control/kafka-cruise-control.yaml', { nodePools: splitPools(() => NodePoolStorage.jbod(persistent100())), cruiseControl: {} }, {
    kafka: kafkaSpec(REPLICATED, { cruiseControl: {} }),
    pools: [pool('controller', 3, ['controller'], [PERSISTENT_100]), pool('broker', 3, ['broker'], [PERSISTENT_100])],
  }],
  ['metrics/strimzi-metrics-reporter/kafka-metrics.yaml', {
    nodePools: splitPools(() => NodePoolStorage.jbod(persistent100())),
    metrics: KafkaMetrics.strimziMetricsReporter(),
    kafkaExporter: { topicRegex: '.*', groupRegex: '.*' },
  }, {
    kafka: {
      ...kafkaSpec(REPLICATED, { kafkaExporter: { topicRegex: '.*', groupRegex: '.*' } }),
      kafka: { version: '4.3.1', metadataVersion: '4.3-IV0', listeners: LISTENERS, config: REPLICATED,
        metricsConfig: { type: 'strimziMetricsReporter' } },
    },
    pools: [pool('controller', 3, ['controller'], [PERSISTENT_100]), pool('broker', 3, ['broker'], [PERSISTENT_100])],
  }],
];

describe("Strimzi 1.2.0's example clusters, written with typed props only", () => {
  test.each(EXAMPLES)('%s', (_file, props, example) => {
    // GIVEN the example's cluster as typed props, named my-cluster like the example
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'my-cluster', props);
    // WHEN synthesized
    const objects = Testing.synth(chart) as any[];
    // THEN the Kafka and KafkaNodePool specs are the example's (plus the library's stated defaults)
    const expected = withLibraryDefaults(example as { kafka: any; pools: any[] });
    expect(objects.find((o) => o.kind === 'Kafka').spec).toEqual(expected.kafka);
    const pools = objects.filter((o) => o.kind === 'KafkaNodePool');
    expect(pools.map((p) => ({ name: p.metadata.name, spec: p.spec }))).toEqual(expected.pools);
    expect(pools.every((p) => p.metadata.labels['strimzi.io/cluster'] === 'my-cluster')).toBe(true);
    // AND they validate against the CRDs
    expect(validateAgainstStrimziCrds(objects).filter((r) => r.errors.length)).toEqual([]);
  });
});
