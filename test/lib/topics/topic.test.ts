import { Chart, Duration, Testing } from 'cdk8s';
import { CleanupPolicy, KafkaCluster, Retention, RetentionSize, Topic } from '../../../lib';
import { appWithChart, only } from '../support/synth';

function clusterIn(chart: Chart, props: { brokers?: number; topicOperator?: boolean } = {}) {
  return new KafkaCluster(chart, 'c', props);
}

describe('Topic', () => {
  test("binds to its cluster: the strimzi.io/cluster label is the cluster's name", () => {
    // GIVEN a topic created from a cluster object
    const { chart } = appWithChart();
    new Topic(chart, 'orders', { cluster: clusterIn(chart), labels: { team: 'a' } });
    // THEN the label is derived, and the defaults apply
    const topic = only(Testing.synth(chart), 'KafkaTopic');
    expect(topic.metadata).toEqual({ name: 'orders', labels: { 'team': 'a', 'strimzi.io/cluster': 'c' } });
    expect(topic.spec).toEqual({ partitions: 1, replicas: 1 });
  });

  test('replicas default to min(3, brokers)', () => {
    const { chart } = appWithChart();
    const topic = new Topic(chart, 't', { cluster: clusterIn(chart, { brokers: 5 }) });
    expect(topic.replicas).toBe(3);
  });

  test('typed config renders Kafka keys; other keys pass through', () => {
    const { chart } = appWithChart();
    new Topic(chart, 't', {
      cluster: clusterIn(chart, { brokers: 3 }),
      retention: Retention.of(Duration.days(7)),
      retentionBytes: RetentionSize.bytes(1e9),
      segmentBytes: 268435456,
      cleanupPolicy: CleanupPolicy.COMPACT_DELETE,
      minInsyncReplicas: 2,
      maxMessageBytes: 2097152,
      config: { 'compression.type': 'lz4' },
    });
    expect(only(Testing.synth(chart), 'KafkaTopic').spec.config).toEqual({
      'retention.ms': 604800000,
      'retention.bytes': 1e9,
      'segment.bytes': 268435456,
      'cleanup.policy': 'compact,delete',
      'min.insync.replicas': 2,
      'max.message.bytes': 2097152,
      'compression.type': 'lz4',
    });
  });

  test('a topic name that is not a resource name gets a derived metadata.name and spec.topicName', () => {
    // GIVEN topic names with upper case and underscores
    const { chart } = appWithChart();
    const cluster = clusterIn(chart);
    const a = new Topic(chart, 'a', { cluster, topicName: 'Orders_V2' });
    const b = new Topic(chart, 'b', { cluster, topicName: 'orders-v2' });
    // THEN the resource name is valid and distinct, and the real name is kept in spec.topicName
    expect(a.resourceName).toMatch(/^orders-v2-[0-9a-f]{8}$/);
    expect(b.resourceName).toBe('orders-v2');
    const topics = Testing.synth(chart).filter((o) => o.kind === 'KafkaTopic');
    expect(topics.map((t) => [t.metadata.name, t.spec.topicName])).toEqual([[a.resourceName, 'Orders_V2'], ['orders-v2', undefined]]);
  });

  test('the escape hatch reaches the KafkaTopic', () => {
    const { chart } = appWithChart();
    const topic = new Topic(chart, 't', { cluster: clusterIn(chart) });
    expect(topic.node.defaultChild).toBe(topic.resource);
  });
});
