import { ApiObject, Chart, JsonPatch, Size, Testing } from 'cdk8s';
import { KafkaCluster, KafkaListenerType, KafkaVersion } from '../../../lib';
import { appWithChart, only } from '../support/synth';

describe('KafkaCluster', () => {
  test('defaults: one combined node, plain and tls listeners, seed replication settings', () => {
    // GIVEN a cluster with no props
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'my-cluster');
    // WHEN synthesized
    const objects = Testing.synth(chart);
    // THEN it exposes the facts clients need
    expect(cluster.bootstrapServers()).toBe('my-cluster-kafka-bootstrap:9092');
    expect(cluster.bootstrapServers('tls')).toBe('my-cluster-kafka-bootstrap:9093');
    expect(cluster.clusterCaCert).toEqual({ secretName: 'my-cluster-cluster-ca-cert', key: 'ca.crt' });
    expect(cluster.brokerCount).toBe(1);
    // AND the resources carry them
    expect(only(objects, 'Kafka').spec.kafka.config).toEqual({
      'auto.create.topics.enable': false,
      'offsets.topic.replication.factor': 1,
      'transaction.state.log.replication.factor': 1,
      'transaction.state.log.min.isr': 1,
      'default.replication.factor': 1,
      'min.insync.replicas': 1,
    });
    expect(only(objects, 'KafkaNodePool').spec.roles).toEqual(['controller', 'broker']);
  });

  test('replication settings follow the broker count', () => {
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'big', { brokers: 5 });
    expect(only(Testing.synth(chart), 'Kafka').spec.kafka.config).toMatchObject({
      'offsets.topic.replication.factor': 3,
      'transaction.state.log.replication.factor': 3,
      'transaction.state.log.min.isr': 2,
      'default.replication.factor': 3,
      'min.insync.replicas': 2,
    });
  });

  test('dedicated controllers get a node pool of their own', () => {
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'split', { brokers: 3, controllers: 3 });
    const pools = Testing.synth(chart).filter((o) => o.kind === 'KafkaNodePool');
    expect(pools.map((p) => [p.metadata.name, p.spec.replicas, p.spec.roles])).toEqual([
      ['brokers', 3, ['broker']],
      ['controllers', 3, ['controller']],
    ]);
  });

  test('version, storage, operators and extra config are rendered', () => {
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', {
      version: KafkaVersion.V4_2_1,
      storage: { size: Size.mebibytes(512), storageClass: 'ssd', deleteClaim: true },
      userOperator: false,
      config: { additional: { 'log.retention.hours': 24 } },
    });
    const objects = Testing.synth(chart);
    const kafka = only(objects, 'Kafka');
    expect(kafka.spec.kafka).toMatchObject({ version: '4.2.1', metadataVersion: '4.2-IV1' });
    expect(kafka.spec.kafka.config['log.retention.hours']).toBe(24);
    expect(kafka.spec.entityOperator).toEqual({ topicOperator: {} });
    expect(only(objects, 'KafkaNodePool').spec.storage.volumes[0]).toMatchObject({ size: '512Mi', class: 'ssd', deleteClaim: true });
  });

  test('a cluster-ip listener has a bootstrap Service of its own', () => {
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c', { listeners: [{ name: 'internal2', port: 9095, type: KafkaListenerType.CLUSTER_HYPHEN_IP }] });
    expect(cluster.bootstrapServers('internal2')).toBe('c-kafka-internal2-bootstrap:9095');
  });

  test('the escape hatch reaches the Kafka resource', () => {
    // GIVEN a cluster patched through ApiObject.of (node.defaultChild)
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c');
    ApiObject.of(cluster).addJsonPatch(JsonPatch.add('/spec/kafka/config/num.partitions', 6));
    // THEN the patch shows in the output
    expect(only(Testing.synth(chart), 'Kafka').spec.kafka.config['num.partitions']).toBe(6);
  });

  test('KafkaVersion lists what Strimzi 1.2.0 supports, 4.3.1 by default', () => {
    expect(KafkaVersion.SUPPORTED.map((v) => v.version)).toEqual(['4.2.0', '4.2.1', '4.3.0', '4.3.1']);
    expect(KafkaVersion.DEFAULT).toBe(KafkaVersion.V4_3_1);
    expect(KafkaVersion.of('4.3.0')).toBe(KafkaVersion.V4_3_0);
  });
});

describe('KafkaCluster validation rules', () => {
  const make = (props: ConstructorParameters<typeof KafkaCluster>[2], name = 'c') => () =>
    new KafkaCluster(appWithChart().chart, name, props);

  test('unsupported Kafka version', () => {
    expect(() => KafkaVersion.of('3.9.0')).toThrow(
      "Kafka version '3.9.0' is not supported by Strimzi 1.2.0: use one of 4.2.0, 4.2.1, 4.3.0, 4.3.1 (e.g. KafkaVersion.V4_3_1).",
    );
  });

  test('listener names must match [a-z0-9]{1,11}', () => {
    expect(make({ listeners: [{ name: 'Plain_Text', port: 9092 }] })).toThrow(
      "KafkaCluster 'c': listener name 'Plain_Text' is invalid: it must be 1 to 11 lower-case letters or digits ([a-z0-9]{1,11}). Use e.g. 'plaintext'.",
    );
    expect(make({ listeners: [{ name: 'averylongname', port: 9092 }] })).toThrow(/listener name 'averylongname' is invalid/);
  });

  test('listener names must be unique', () => {
    expect(make({ listeners: [{ name: 'a', port: 9092 }, { name: 'a', port: 9093 }] })).toThrow(
      "KafkaCluster 'c': listener name 'a' is used twice; give each listener its own name.",
    );
  });

  test('listener ports must be unique', () => {
    expect(make({ listeners: [{ name: 'a', port: 9092 }, { name: 'b', port: 9092 }] })).toThrow(
      "KafkaCluster 'c': port 9092 is used by two listeners ('b' and another); listener ports must be unique.",
    );
  });

  test.each([9090, 9091, 80])('listener port %d is below 9092', (port) => {
    expect(make({ listeners: [{ name: 'a', port }] })).toThrow(
      `KafkaCluster 'c': listener 'a' has port ${port}, but listener ports must be integers from 9092 to 65535`,
    );
  });

  test.each([[9404, 'Prometheus metrics'], [9999, 'JMX']])('listener port %d is reserved', (port, use) => {
    expect(make({ listeners: [{ name: 'a', port: port as number }] })).toThrow(
      `KafkaCluster 'c': listener 'a' has port ${port}, which Strimzi reserves for ${use}. Choose another port, e.g. 9094.`,
    );
  });

  test('at least one listener', () => {
    expect(make({ listeners: [] })).toThrow("KafkaCluster 'c': a cluster needs at least one listener");
  });

  test('replication factors cannot exceed the broker count', () => {
    expect(make({ brokers: 2, config: { offsetsTopicReplicationFactor: 3 } })).toThrow(
      "KafkaCluster 'c': offsets.topic.replication.factor is 3 but must be an integer from 1 to the broker count (2); " +
        'a replication factor above the broker count can never be satisfied. Lower it or add brokers.',
    );
    expect(make({ config: { defaultReplicationFactor: 2 } })).toThrow(/default.replication.factor is 2 but must be an integer from 1 to the broker count \(1\)/);
    expect(make({ config: { transactionStateLogReplicationFactor: 2 } })).toThrow(/transaction.state.log.replication.factor is 2/);
  });

  test('min ISR cannot exceed its replication factor', () => {
    expect(make({ brokers: 3, config: { defaultReplicationFactor: 2, minInsyncReplicas: 3 } })).toThrow(
      "KafkaCluster 'c': min.insync.replicas is 3 but must be an integer from 1 to default.replication.factor (2); " +
        'otherwise no write with acks=all can succeed. Lower min.insync.replicas or raise default.replication.factor.',
    );
    expect(make({ brokers: 3, config: { transactionStateLogMinIsr: 4 } })).toThrow(/transaction.state.log.min.isr is 4/);
  });

  test('broker count must be a positive integer', () => {
    expect(make({ brokers: 0 })).toThrow("KafkaCluster 'c' (test/c): brokers is 0; it must be a whole number of at least 1. Use e.g. brokers: 3");
    expect(make({ controllers: 0 })).toThrow("KafkaCluster 'c' (test/c): controllers is 0; it must be a whole number of at least 1");
  });

  test('config keys managed by Strimzi are rejected', () => {
    expect(make({ config: { additional: { 'listeners': 'PLAINTEXT://:9092' } } })).toThrow(
      "KafkaCluster 'c': broker config 'listeners' is managed by Strimzi and would be ignored.",
    );
    expect(make({ config: { additional: { 'ssl.keystore.location': '/x' } } })).toThrow(/'ssl.keystore.location' is managed by Strimzi/);
    expect(make({ config: { additional: { 'ssl.cipher.suites': 'TLS_AES_256_GCM_SHA384' } } })).not.toThrow();
  });

  test('typed config keys cannot be passed untyped', () => {
    expect(make({ config: { additional: { 'min.insync.replicas': 1 } } })).toThrow(
      "KafkaCluster 'c': broker config 'min.insync.replicas' is set in 'additional'; set it with the typed property 'minInsyncReplicas' instead.",
    );
  });

  test('cluster names must be DNS labels short enough for the bootstrap Service', () => {
    expect(make({}, 'My_Cluster')).toThrow(
      "KafkaCluster 'My_Cluster': 'My_Cluster' is not a valid name here: it must be at most 47 characters of lower-case letters, digits and '-', starting with a letter and ending with a letter or digit.",
    );
    expect(make({}, 'a'.repeat(48))).toThrow(/is not a valid name here: it must be at most 47 characters/);
  });

  test('storage size must be whole mebibytes', () => {
    expect(make({ storage: { size: Size.kibibytes(1500) } })).toThrow(
      "KafkaCluster 'c' node pool 'dual-role' (test/c): the JBOD volume 0 size must be a positive whole number of mebibytes. Use e.g. Size.gibibytes(10) or Size.mebibytes(512)",
    );
  });

  test('bootstrap servers of an unknown or external listener', () => {
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c', {
      listeners: [{ name: 'plain', port: 9092 }, { name: 'ext', port: 9094, type: KafkaListenerType.ROUTE, tls: true }],
    });
    expect(() => cluster.bootstrapServers('tls')).toThrow("KafkaCluster 'c' has no listener 'tls'; its listeners are: plain, ext.");
    expect(() => cluster.bootstrapServers('ext')).toThrow(
      "KafkaCluster 'c': listener 'ext' is of type 'route', which advertises external addresses; in-cluster clients must use an 'internal' or 'cluster-ip' listener.",
    );
  });
});

describe('KafkaCluster cross-object rules (checked at synth)', () => {
  test('two clusters in one namespace would share node pool names', () => {
    // GIVEN two clusters in the same chart
    const { chart } = appWithChart('kafka');
    new KafkaCluster(chart, 'a');
    new KafkaCluster(chart, 'b');
    // WHEN synthesized THEN the clash and the fix are named
    expect(() => Testing.synth(chart)).toThrow(
      "KafkaCluster 'a' and KafkaCluster 'b' are both in namespace 'kafka' and would both create KafkaNodePool 'dual-role'. " +
        'Put each cluster in a chart with its own namespace.',
    );
  });

  test('clusters in different namespaces are fine', () => {
    const app = Testing.app();
    new KafkaCluster(new Chart(app, 'x', { namespace: 'x' }), 'a');
    const chart = new Chart(app, 'y', { namespace: 'y' });
    new KafkaCluster(chart, 'b');
    expect(() => Testing.synth(chart)).not.toThrow();
  });
});
