import { ApiObject, JsonPatch, Size, Testing } from 'cdk8s';
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
      userOperator: { enabled: false },
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
    const cluster = new KafkaCluster(chart, 'c', { listeners: [{ name: 'internal2', port: 9095, type: KafkaListenerType.CLUSTER_IP }] });
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
