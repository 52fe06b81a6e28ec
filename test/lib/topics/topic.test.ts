import { App, Chart, Duration, Testing } from 'cdk8s';
import { CleanupPolicy, KafkaCluster, Topic, TopicProps } from '../../../lib';
import { appWithChart, only, synthApp } from '../support/synth';

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
      retention: Duration.days(7),
      retentionBytes: 1e9,
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

describe('Topic validation rules', () => {
  const make = (props: Partial<TopicProps>, id = 't') => () => {
    const { chart } = appWithChart();
    new Topic(chart, id, { cluster: clusterIn(chart, { brokers: 3 }), ...props });
  };
  const NAME_RULE = "Kafka topic names are 1 to 249 characters of letters, digits, '.', '_' and '-', are not '.' or '..', " +
    "and do not start with '__' (reserved for Kafka's internal topics).";

  test('topic names are at most 249 characters', () => {
    expect(make({ topicName: 'a'.repeat(250) })).toThrow(`Topic '${'a'.repeat(250)}': the name has 250 characters. ${NAME_RULE}`);
    expect(make({ topicName: 'a'.repeat(249) })).not.toThrow();
  });

  test('topic names use only [a-zA-Z0-9._-]', () => {
    expect(make({ topicName: 'orders/eu' })).toThrow(`Topic 'orders/eu': the name contains characters other than [a-zA-Z0-9._-]. ${NAME_RULE}`);
  });

  test.each(['.', '..'])("topic name '%s' is not allowed", (name) => {
    expect(make({ topicName: name })).toThrow(`Topic '${name}': '${name}' is not allowed. ${NAME_RULE}`);
  });

  test("topic names do not start with '__'", () => {
    expect(make({ topicName: '__consumer_offsets' })).toThrow(`Topic '__consumer_offsets': the name starts with '__'. ${NAME_RULE}`);
  });

  test('partitions are at least 1', () => {
    expect(make({ partitions: 0 })).toThrow("Topic 't': partitions is 0 but must be an integer of at least 1.");
    expect(make({ partitions: 1.5 })).toThrow("Topic 't': partitions is 1.5 but must be an integer of at least 1.");
  });

  test('replicas are at least 1', () => {
    expect(make({ replicas: 0 })).toThrow("Topic 't': replicas is 0 but must be an integer of at least 1.");
  });

  test('replicas cannot exceed the broker count (checked at synth)', () => {
    // GIVEN a 1-broker cluster and a topic asking for 3 replicas
    const { chart } = appWithChart();
    new Topic(chart, 't', { cluster: clusterIn(chart), replicas: 3 });
    // WHEN synthesized THEN the rule and the fix are named
    expect(() => Testing.synth(chart)).toThrow(
      "Topic 't': replicas is 3 but cluster 'c' has only 1 broker(s); a partition cannot have more replicas than brokers. Lower replicas or add brokers.",
    );
  });

  test('min.insync.replicas cannot exceed replicas', () => {
    expect(make({ replicas: 2, minInsyncReplicas: 3 })).toThrow(
      "Topic 't': min.insync.replicas is 3 but must be an integer from 1 to replicas (2); otherwise no write with acks=all can succeed. " +
        'Lower minInsyncReplicas or raise replicas.',
    );
  });

  test('typed config keys cannot be passed untyped', () => {
    expect(make({ config: { 'retention.ms': 1000 } })).toThrow(
      "Topic 't': config 'retention.ms' is set in 'config'; set it with the typed property 'retention' instead.",
    );
  });

  test('an explicit resource name must be valid', () => {
    expect(make({ resourceName: 'Bad_Name' })).toThrow(
      "Topic 't' resourceName: 'Bad_Name' is not a valid Kubernetes resource name: it must be at most 253 characters of lower-case letters, " +
        "digits, '-' and '.', starting and ending with a letter or digit. Use e.g. 'bad-name'.",
    );
  });

  test('duplicate topic names in one cluster (checked at synth)', () => {
    // GIVEN two topics of the same name in two charts, and two that collide on '.' vs '_'
    const app = Testing.app();
    const chart = new Chart(app, 'a');
    const cluster = clusterIn(chart);
    new Topic(chart, 'orders', { cluster });
    new Topic(new Chart(app, 'b'), 'orders', { cluster });
    new Topic(chart, 'x', { cluster, topicName: 'metrics.eu' });
    new Topic(chart, 'y', { cluster, topicName: 'metrics_eu' });
    // WHEN synthesized THEN both collisions are reported with the objects' paths
    expect(() => synthApp(app)).toThrow(
      "KafkaCluster 'c' has topics whose names collide: 'orders' (a/orders), 'orders' (b/orders). " +
        "Kafka allows one topic per name (and treats '.' and '_' alike); remove or rename all but one.",
    );
    expect(() => synthApp(app)).toThrow(/'metrics.eu' \(a\/x\), 'metrics_eu' \(a\/y\)/);
  });

  test('a topic bound to a cluster in another namespace (checked at synth)', () => {
    // GIVEN a cluster in 'kafka' and a topic in a chart of namespace 'apps'
    const app = new App();
    const cluster = new KafkaCluster(new Chart(app, 'k', { namespace: 'kafka' }), 'c');
    new Topic(new Chart(app, 'apps', { namespace: 'apps' }), 't', { cluster });
    // WHEN synthesized THEN the rule and the fix are named
    expect(() => synthApp(app)).toThrow(
      "Topic 't' is in namespace 'apps' but its cluster 'c' is in 'kafka': the Topic Operator only watches its cluster's namespace. " +
        "Create the topic in a chart with namespace 'kafka'.",
    );
  });

  test('a topic of a cluster without Topic Operator (checked at synth)', () => {
    const { chart } = appWithChart();
    new Topic(chart, 't', { cluster: clusterIn(chart, { topicOperator: false }) });
    expect(() => Testing.synth(chart)).toThrow(
      "Topic 't': cluster 'c' runs no Topic Operator, so the KafkaTopic would be ignored. Enable 'topicOperator' on the cluster.",
    );
  });
});
