import { App, Chart, Duration, Testing } from 'cdk8s';
import { CleanupPolicy, KafkaCluster, Retention, RetentionSize, Topic, TopicProps, Warnings } from '../../../lib';
import { coded } from '../support/errors';
import { appWithChart, only, synthApp } from '../support/synth';
import { warned } from '../support/warnings';

/** A topic with `props` on a 3-broker cluster 'c', in chart 'test'. */
const make = (props: Partial<TopicProps>, id = 't') => () => {
  const { chart } = appWithChart();
  return new Topic(chart, id, { cluster: new KafkaCluster(chart, 'c', { brokers: 3 }), ...props });
};
/** The KafkaTopic's spec.config made from `props`. */
const configOf = (props: Partial<TopicProps>) => {
  const topic = make(props)();
  return only(Testing.synth(Chart.of(topic)), 'KafkaTopic').spec.config;
};

describe('topic rules: names (Kafka Topic.validate; Kubernetes metadata.name)', () => {
  test('at most 249 characters', () => {
    const name = 'a'.repeat(250);
    expect(make({ topicName: name })).toThrow(/\[topic-name-invalid\]: .*the name has 250 characters/);
    expect(make({ topicName: 'a'.repeat(249) })).not.toThrow();
  });

  test.each(['orders/eu', 'orders eu', 'zamówienia', 'orders\u0000'])('only [a-zA-Z0-9._-]: %p', (name) => {
    expect(make({ topicName: name })).toThrow(coded('topic-name-invalid', 'the name contains characters other than [a-zA-Z0-9._-]'));
  });

  test.each(['.', '..'])("'%s' is not allowed", (name) => {
    expect(make({ topicName: name })).toThrow(coded('topic-name-invalid', `'${name}' is not allowed`, "e.g. 'my-topic'"));
  });

  test("no '__' prefix", () => {
    expect(make({ topicName: '__consumer_offsets' })).toThrow(/\[topic-name-invalid\]: .*the name starts with '__'/);
  });

  test('empty, or not a string', () => {
    expect(make({ topicName: '' })).toThrow(/\[topic-name-invalid\]: .*the name has 0 characters/);
    expect(make({ topicName: 42 as unknown as string })).toThrow(/\[topic-name-not-a-string\]: .*the topic name is 42, not a string/);
  });

  test('an explicit resource name must be a DNS-1123 subdomain', () => {
    expect(make({ resourceName: 'Bad_Name' })).toThrow(
      /\[topic-resource-name-invalid\]: .*resourceName 'Bad_Name' is not a valid DNS-1123 subdomain: it must be at most 253 characters/,
    );
  });

  test('config and labels must be maps', () => {
    expect(make({ config: 'x' as unknown as Record<string, string> })).toThrow(/\[prop-not-a-map\]: .*config is "x", not a map of names to values/);
    expect(make({ labels: ['a'] as unknown as Record<string, string> }))
      .toThrow(/\[prop-not-a-map\]: .*labels is \["a"\], not a map of names to values/);
  });

  test('the cluster must be an IKafkaCluster', () => {
    const { chart } = appWithChart();
    expect(() => new Topic(chart, 't', { cluster: {} as KafkaCluster })).toThrow(/\[topic-cluster-invalid\]: .*its cluster is not an IKafkaCluster/);
  });
});

describe('topic rules: partitions, replicas, min.insync.replicas', () => {
  test.each([0, -1, 1.5, NaN])('partitions = %p is refused', (partitions) => {
    expect(make({ partitions })).toThrow(/\[topic-partitions-invalid\]: .*partitions is invalid/);
  });

  test('the partitions message', () => {
    expect(make({ partitions: 0 }))
    .toThrow(/\[topic-partitions-invalid\]: .*partitions is invalid: 0 is outside 1 to 2\^31-1 \(KafkaTopic spec\.partitions \(CRD minimum 1/);
  });

  test.each([0, 1.5, 40000])('replicas = %p is refused', (replicas) => {
    expect(make({ replicas })).toThrow(/\[topic-replicas-invalid\]: .*replicas is invalid/);
  });

  test('the replicas message names the CRD limit and the brokers', () => {
    expect(make({ replicas: 40000 }))
    .toThrow(/\[topic-replicas-invalid\]: .*replicas is invalid: 40000 is outside 1 to 32767 \(KafkaTopic spec\.replicas \(CRD 1 to 32767\)\)/);
  });

  test('min.insync.replicas is from 1 to replicas', () => {
    expect(make({ replicas: 2, minInsyncReplicas: 3 })).toThrow(
      /\[topic-min-isr-invalid\]: .*min\.insync\.replicas is invalid: 3 is outside 1 to 2/,
    );
    expect(make({ minInsyncReplicas: 0 }))
      .toThrow(/\[topic-config-value-invalid\]: .*topic config min\.insync\.replicas=0 is invalid: it must be at least 1/);
  });
});

describe("topic rules: config against Kafka 4.3's topic config definitions", () => {
  test('a raw key that a typed property sets (as migrated KafkaTopic YAML has it) is kept, with a hint', () => {
    // GIVEN a topic whose config has the raw keys of KafkaTopic YAML
    const topic = make({ config: { 'retention.ms': -1, 'cleanup.policy': 'delete,compact', 'retention.bytes': 1073741824 } })();
    // WHEN synthesized THEN they reach the KafkaTopic as written
    expect(only(Testing.synth(Chart.of(topic)), 'KafkaTopic').spec.config)
      .toMatchObject({ 'retention.ms': -1, 'cleanup.policy': 'delete,compact', 'retention.bytes': 1073741824 });
    // AND each gets the hint naming its typed property
    expect(Warnings.of(topic).all.filter((w) => w.code === 'raw-typed-config')).toEqual([
      warned('raw-typed-config', "Topic 't' (test/t)", "config 'retention.ms'", "'retention'"),
      warned('raw-typed-config', "Topic 't' (test/t)", "config 'cleanup.policy'", "'cleanupPolicy'"),
      warned('raw-typed-config', "Topic 't' (test/t)", "config 'retention.bytes'", "'retentionBytes'"),
    ]);
  });

  test('a raw key and its typed property must agree', () => {
    expect(make({ retention: Retention.of(Duration.days(7)), config: { 'retention.ms': -1 } }))
      .toThrow(coded('raw-typed-config-conflict', "config 'retention.ms' is -1 in 'config'", "'retention' makes it 604800000"));
    // AND the same value written both ways is fine (lists in any order)
    expect(configOf({ cleanupPolicy: CleanupPolicy.COMPACT_DELETE, config: { 'cleanup.policy': 'delete, compact' } })['cleanup.policy'])
      .toBe('delete, compact');
  });

  test('a raw key goes through the rules of its typed property', () => {
    expect(make({ replicas: 2, config: { 'min.insync.replicas': 3 } }))
      .toThrow(coded('topic-min-isr-invalid', 'min.insync.replicas is invalid: 3 is outside 1 to 2'));
    expect(make({ config: { 'retention.ms': 'forever' } }))
      .toThrow(coded('topic-config-value-invalid', 'topic config retention.ms="forever" is invalid'));
  });

  test('an unknown key is refused with the nearest known key', () => {
    expect(make({ config: { 'retention.msec': 5 } })).toThrow(/\[topic-config-unknown\]: .*'retention\.msec' is not a topic config of Kafka 4\.3/);
    expect(make({ config: { 'compresion.type': 'lz4' } })).toThrow(/\[topic-config-unknown\]: .*Did you mean 'compression\.type'\?/);
    expect(make({ config: { 'totally.unrelated.key': 1 } }))
      .toThrow(/\[topic-config-unknown\]: .*'totally\.unrelated\.key' is not a topic config of Kafka 4\.3/);
  });

  test('a broker-only key is not a topic config', () => {
    expect(make({ config: { 'log.retention.hours': 1 } }))
    .toThrow(/\[topic-config-unknown\]: .*'log\.retention\.hours' is not a topic config of Kafka 4\.3/);
  });

  test('a key Kafka keeps internal is refused', () => {
    expect(make({ config: { 'internal.segment.bytes': 1000 } }))
    .toThrow(/\[topic-config-unknown\]: .*'internal\.segment\.bytes' is not a topic config of Kafka 4\.3 \(Kafka keeps it internal/);
  });

  test.each([
    ['segment.bytes=1000 is invalid: it must be at least 1048576', { segmentBytes: 1000 }, '1073741824'],
    ['segment.bytes=2147483648 is invalid: it is beyond Kafka type INT (-2147483648 to 2147483647)', { segmentBytes: 2 ** 31 }, '1073741824'],
    ['max.message.bytes=-1 is invalid: it must be at least 0', { maxMessageBytes: -1 }, '1048588'],
    [`cleanup.policy="Delete" is invalid: 'Delete' is not one of compact, delete`, { cleanupPolicy: 'Delete' as CleanupPolicy }, 'delete'],
    ['compression.type="ZSTD" is invalid: it must be one of uncompressed, zstd, lz4, snappy, gzip, producer (exactly, case matters)',
      { config: { 'compression.type': 'ZSTD' } }, 'producer'],
    ['message.timestamp.type="createtime" is invalid: it must be one of CreateTime, LogAppendTime (exactly, case matters)',
      { config: { 'message.timestamp.type': 'createtime' } }, 'CreateTime'],
    ['min.cleanable.dirty.ratio=1.5 is invalid: it must be from 0 to 1', { config: { 'min.cleanable.dirty.ratio': 1.5 } }, '0.5'],
    ['compression.gzip.level=0 is invalid: it must be from 1 to 9 or -1', { config: { 'compression.gzip.level': 0 } }, '-1'],
    ['preallocate="yes" is invalid: it must be true or false', { config: { preallocate: 'yes' } }, 'false'],
    ['segment.ms=1.5 is invalid: it must be a whole number (Kafka type LONG)', { config: { 'segment.ms': 1.5 } }, '604800000'],
    [`segment.ms=${2 ** 60} is invalid: it is beyond the whole numbers JavaScript holds exactly (2^53): pass it as a string`,
      { config: { 'segment.ms': 2 ** 60 } }, '604800000'],
    ['flush.ms="9223372036854775808" is invalid: it is beyond Kafka type LONG (-9223372036854775808 to 9223372036854775807)',
      { config: { 'flush.ms': '9223372036854775808' } }, '9223372036854775807'],
    ["leader.replication.throttled.replicas=\"all\" is invalid: it must be '*' or a list of <partition>:<broker>, e.g. '0:1,1:2'",
      { config: { 'leader.replication.throttled.replicas': 'all' } }, undefined],
    ['delete.retention.ms=null is invalid: NaN is not a number JSON can hold', { config: { 'delete.retention.ms': NaN } }, '86400000'],
    ['segment.index.bytes=null is invalid: null is not a config value (use a string, number, boolean or list)',
      { config: { 'segment.index.bytes': null as unknown as number } }, '10485760'],
  ])('%s: refused with Kafka\'s rule', (problem, props, defaultValue) => {
    expect(make(props as Partial<TopicProps>)).toThrow(
      coded('topic-config-value-invalid', `topic config ${problem}`,
        `accepts${defaultValue === undefined ? '' : ` (its default is ${defaultValue})`}`),
    );
  });

  test('min.compaction.lag.ms may not exceed max.compaction.lag.ms', () => {
    expect(make({ config: { 'min.compaction.lag.ms': 100, 'max.compaction.lag.ms': 50 } })).toThrow(
      /\[topic-config-bounds-crossed\]: .*min\.compaction\.lag\.ms \(100\) is above max\.compaction\.lag\.ms \(50\)/,
    );
  });

  test('retention must be a Retention; a fractional Duration is wrapped with the fix', () => {
    expect(make({ retention: 7200000 as unknown as Retention })).toThrow(
      /\[topic-retention-invalid\]: .*retention is 7200000, not a Retention/,
    );
    expect(make({ retention: Retention.of(Duration.millis(0.5)) })).toThrow(
      /\[cdk8s-not-whole-number\]: .*retention was refused by cdk8s: 0\.5 must be a whole number of millis/,
    );
  });

  test('a negative retentionBytes other than the unlimited value is said with unlimited', () => {
    expect(make({ retentionBytes: RetentionSize.bytes(-5) })).toThrow(/\[topic-retention-bytes-negative\]: .*retentionBytes is -5/);
  });

  test('retentionBytes must be a RetentionSize (a bare number, as before RetentionSize, is refused)', () => {
    // GIVEN a byte count cast past the types WHEN a topic gets it THEN it is refused with the factory to use
    expect(make({ retentionBytes: 1073741824 as unknown as RetentionSize })).toThrow(
      coded('topic-retention-bytes-invalid', 'retentionBytes is 1073741824, not a RetentionSize', 'RetentionSize.of('));
  });
});

describe('topic rules: every valid setting is expressible', () => {
  test("unlimited retention in time and size renders Kafka's -1", () => {
    // GIVEN unlimited retention, compacted so that it does not grow forever
    const config = configOf({ retention: Retention.unlimited(), retentionBytes: RetentionSize.unlimited(), cleanupPolicy: CleanupPolicy.COMPACT });
    // THEN both are -1
    expect(config).toMatchObject({ 'retention.ms': -1, 'retention.bytes': -1, 'cleanup.policy': 'compact' });
  });

  test('values at the limits Kafka allows, lists, strings for long values and every documented key pass', () => {
    const config = configOf({
      segmentBytes: 1048576,
      maxMessageBytes: 0,
      config: {
        'compression.type': 'zstd', 'compression.zstd.level': -131072, 'message.timestamp.type': 'LogAppendTime',
        'max.compaction.lag.ms': '9223372036854775807', 'local.retention.ms': -2, 'local.retention.bytes': -2,
        'leader.replication.throttled.replicas': '0:1, 1:2', 'follower.replication.throttled.replicas': '*',
        'min.cleanable.dirty.ratio': 0, 'unclean.leader.election.enable': false, 'preallocate': 'TRUE',
      },
    });
    expect(config).toMatchObject({ 'segment.bytes': 1048576, 'leader.replication.throttled.replicas': '0:1, 1:2',
      'max.compaction.lag.ms': '9223372036854775807' });
  });
});

describe('topic rules across objects (checked at synth)', () => {
  test('replicas cannot exceed the broker count', () => {
    // GIVEN a 1-broker cluster and a topic asking for 3 replicas
    const { chart } = appWithChart();
    new Topic(chart, 't', { cluster: new KafkaCluster(chart, 'c'), replicas: 3 });
    // WHEN synthesized THEN the rule and the fix are named
    expect(() => Testing.synth(chart)).toThrow(
      /\[topic-replicas-above-brokers\]: .*replicas is 3 but cluster 'c' has only 1 broker\(s\)/,
    );
  });

  test('duplicate topic names in one cluster, also a.b against a_b', () => {
    // GIVEN two topics of the same name in two charts, and two that collide on '.' vs '_'
    const app = Testing.app();
    const chart = new Chart(app, 'a');
    const cluster = new KafkaCluster(chart, 'c');
    new Topic(chart, 'orders', { cluster });
    new Topic(new Chart(app, 'b'), 'orders', { cluster });
    new Topic(chart, 'x', { cluster, topicName: 'metrics.eu' });
    new Topic(chart, 'y', { cluster, topicName: 'metrics_eu' });
    // WHEN synthesized THEN both collisions are reported with the objects' paths
    expect(() => synthApp(app)).toThrow(
      /\[topic-name-collision\]: .*its topics 'orders' \(a\/orders\), 'orders' \(b\/orders\) collide: Kafka allows one topic per name/,
    );
    expect(() => synthApp(app)).toThrow(/\[topic-name-collision\]: .*'metrics.eu' \(a\/x\), 'metrics_eu' \(a\/y\) collide/);
  });

  test('a topic bound to a cluster in another namespace', () => {
    const app = new App();
    const cluster = new KafkaCluster(new Chart(app, 'k', { namespace: 'kafka' }), 'c');
    new Topic(new Chart(app, 'apps', { namespace: 'apps' }), 't', { cluster });
    expect(() => synthApp(app)).toThrow(
      /\[topic-namespace-mismatch\]: .*it is in namespace 'apps' but its cluster 'c' is in 'kafka': the Topic Operator only watches/,
    );
  });

  test('a topic of a cluster without Topic Operator', () => {
    const { chart } = appWithChart();
    new Topic(chart, 't', { cluster: new KafkaCluster(chart, 'c', { topicOperator: false }) });
    expect(() => Testing.synth(chart)).toThrow(
      /\[topic-operator-missing\]: .*cluster 'c' runs no Topic Operator, so the KafkaTopic would be ignored/,
    );
  });

  test('two topics with one resource name in one namespace are one KafkaTopic', () => {
    // GIVEN two topics of different Kafka names given the same resource name
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c');
    new Topic(chart, 'a', { cluster, resourceName: 'orders' });
    new Topic(chart, 'b', { cluster, topicName: 'orders.v2', resourceName: 'orders' });
    // THEN the second names the first
    expect(() => Testing.synth(chart)).toThrow(
      /\[object-name-duplicate\]: .*another KafkaTopic of the same name in the default namespace is made by test\/a\/Resource/,
    );
  });
});
