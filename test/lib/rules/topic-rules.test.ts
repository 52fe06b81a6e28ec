import { App, Chart, Duration, Testing } from 'cdk8s';
import { CleanupPolicy, KafkaCluster, Retention, RetentionSize, Topic, TopicProps, Warnings } from '../../../lib';
import { appWithChart, only, synthApp } from '../support/synth';

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
const NAME_RULE = "Kafka topic names are 1 to 249 characters of letters, digits, '.', '_' and '-', are not '.' or '..', " +
  "and do not start with '__' (reserved for Kafka's internal topics)";

describe('topic rules: names (Kafka Topic.validate; Kubernetes metadata.name)', () => {
  test('at most 249 characters', () => {
    const name = 'a'.repeat(250);
    expect(make({ topicName: name })).toThrow(`Topic '${name}' (test/t): the name has 250 characters. ${NAME_RULE}. Rename the topic, e.g. '${'a'.repeat(249)}'`);
    expect(make({ topicName: 'a'.repeat(249) })).not.toThrow();
  });

  test.each(['orders/eu', 'orders eu', 'zamówienia', 'orders\u0000'])('only [a-zA-Z0-9._-]: %p', (name) => {
    expect(make({ topicName: name })).toThrow(`Topic '${name}' (test/t): the name contains characters other than [a-zA-Z0-9._-]. ${NAME_RULE}`);
  });

  test.each(['.', '..'])("'%s' is not allowed", (name) => {
    expect(make({ topicName: name })).toThrow(`Topic '${name}' (test/t): '${name}' is not allowed. ${NAME_RULE}. Rename the topic, e.g. 'my-topic'`);
  });

  test("no '__' prefix", () => {
    expect(make({ topicName: '__consumer_offsets' })).toThrow(`Topic '__consumer_offsets' (test/t): the name starts with '__'. ${NAME_RULE}. Rename the topic, e.g. 'consumer_offsets'`);
  });

  test('empty, or not a string', () => {
    expect(make({ topicName: '' })).toThrow(`Topic '' (test/t): the name has 0 characters. ${NAME_RULE}`);
    expect(make({ topicName: 42 as unknown as string })).toThrow(`Topic '42' (test/t): the topic name is 42, not a string. ${NAME_RULE}`);
  });

  test('an explicit resource name must be a DNS-1123 subdomain', () => {
    expect(make({ resourceName: 'Bad_Name' })).toThrow(
      "Topic 't' (test/t): resourceName 'Bad_Name' is not a valid DNS-1123 subdomain: it must be at most 253 characters of lower-case letters, " +
        "digits, '-' and '.', starting and ending with a letter or digit. Use e.g. 'bad-name'",
    );
  });

  test('config and labels must be maps', () => {
    expect(make({ config: 'x' as unknown as Record<string, string> })).toThrow(`Topic 't' (test/t): config is "x", not a map of names to values. Pass e.g. { 'compression.type': 'zstd' }`);
    expect(make({ labels: ['a'] as unknown as Record<string, string> })).toThrow(`Topic 't' (test/t): labels is ["a"], not a map of names to values`);
  });

  test('the cluster must be an IKafkaCluster', () => {
    const { chart } = appWithChart();
    expect(() => new Topic(chart, 't', { cluster: {} as KafkaCluster })).toThrow("Topic 't' (test/t): its cluster is not an IKafkaCluster. Pass the KafkaCluster that holds the topic, or KafkaCluster.fromExisting(...)");
  });
});

describe('topic rules: partitions, replicas, min.insync.replicas', () => {
  test.each([0, -1, 1.5, NaN])('partitions = %p is refused', (partitions) => {
    expect(make({ partitions })).toThrow("Topic 't' (test/t): partitions is invalid: ");
  });

  test('the partitions message', () => {
    expect(make({ partitions: 0 })).toThrow("Topic 't' (test/t): partitions is invalid: 0 is outside 1 to 2^31-1 (KafkaTopic spec.partitions (CRD minimum 1; a Kafka int)). Use a whole number of at least 1");
  });

  test.each([0, 1.5, 40000])('replicas = %p is refused', (replicas) => {
    expect(make({ replicas })).toThrow("Topic 't' (test/t): replicas is invalid: ");
  });

  test('the replicas message names the CRD limit and the brokers', () => {
    expect(make({ replicas: 40000 })).toThrow("Topic 't' (test/t): replicas is invalid: 40000 is outside 1 to 32767 (KafkaTopic spec.replicas (CRD 1 to 32767)). Use a whole number from 1 to the cluster's brokers (3)");
  });

  test('min.insync.replicas is from 1 to replicas', () => {
    expect(make({ replicas: 2, minInsyncReplicas: 3 })).toThrow(
      "Topic 't' (test/t): min.insync.replicas is invalid: 3 is outside 1 to 2; it must be from 1 to replicas (2), otherwise no write with acks=all can succeed. " +
        'Lower minInsyncReplicas or raise replicas',
    );
    expect(make({ minInsyncReplicas: 0 })).toThrow("Topic 't' (test/t): topic config min.insync.replicas=0 is invalid: it must be at least 1");
  });
});

describe("topic rules: config against Kafka 4.3's topic config definitions", () => {
  test('a raw key that a typed property sets (as migrated KafkaTopic YAML has it) is kept, with a hint', () => {
    // GIVEN a topic whose config has the raw keys of KafkaTopic YAML
    const topic = make({ config: { 'retention.ms': -1, 'cleanup.policy': 'delete,compact', 'retention.bytes': 1073741824 } })();
    // WHEN synthesized THEN they reach the KafkaTopic as written
    expect(only(Testing.synth(Chart.of(topic)), 'KafkaTopic').spec.config).toMatchObject({ 'retention.ms': -1, 'cleanup.policy': 'delete,compact', 'retention.bytes': 1073741824 });
    // AND each gets the hint naming its typed property
    const hints = Warnings.of(topic).all.filter((w) => w.code === 'raw-typed-config').map((w) => w.message);
    expect(hints).toHaveLength(3);
    expect(hints[0]).toMatch(/^Topic 't' \(test\/t\): config 'retention\.ms' is set in 'config'; Kafka and Strimzi accept it.*Prefer the typed property 'retention'/);
  });

  test('a raw key and its typed property must agree', () => {
    expect(make({ retention: Retention.of(Duration.days(7)), config: { 'retention.ms': -1 } })).toThrow(
      "Topic 't' (test/t): config 'retention.ms' is -1 in 'config' but the typed property 'retention' makes it 604800000; Kafka would get only one of them. " +
        "Set it once: keep 'retention' and remove 'retention.ms' from 'config'");
    // AND the same value written both ways is fine (lists in any order)
    expect(configOf({ cleanupPolicy: CleanupPolicy.COMPACT_DELETE, config: { 'cleanup.policy': 'delete, compact' } })['cleanup.policy']).toBe('delete, compact');
  });

  test('a raw key goes through the rules of its typed property', () => {
    expect(make({ replicas: 2, config: { 'min.insync.replicas': 3 } })).toThrow("Topic 't' (test/t): min.insync.replicas is invalid: 3 is outside 1 to 2");
    expect(make({ config: { 'retention.ms': 'forever' } })).toThrow("Topic 't' (test/t): topic config retention.ms=\"forever\" is invalid");
  });

  test('an unknown key is refused with the nearest known key', () => {
    expect(make({ config: { 'retention.msec': 5 } })).toThrow("Topic 't' (test/t): 'retention.msec' is not a topic config of Kafka 4.3; Kafka would refuse the topic. Did you mean 'retention.ms'?");
    expect(make({ config: { 'compresion.type': 'lz4' } })).toThrow("Did you mean 'compression.type'?");
    expect(make({ config: { 'totally.unrelated.key': 1 } })).toThrow("'totally.unrelated.key' is not a topic config of Kafka 4.3; Kafka would refuse the topic. Use a key from the topic configs in the Kafka documentation");
  });

  test('a broker-only key is not a topic config', () => {
    expect(make({ config: { 'log.retention.hours': 1 } })).toThrow("'log.retention.hours' is not a topic config of Kafka 4.3");
  });

  test('a key Kafka keeps internal is refused', () => {
    expect(make({ config: { 'internal.segment.bytes': 1000 } })).toThrow("'internal.segment.bytes' is not a topic config of Kafka 4.3 (Kafka keeps it internal, for its own tests)");
  });

  test.each([
    ['segment.bytes=1000 is invalid: it must be at least 1048576', { segmentBytes: 1000 }, '1073741824'],
    ['segment.bytes=2147483648 is invalid: it is beyond Kafka type INT (-2147483648 to 2147483647)', { segmentBytes: 2 ** 31 }, '1073741824'],
    ['max.message.bytes=-1 is invalid: it must be at least 0', { maxMessageBytes: -1 }, '1048588'],
    [`cleanup.policy="Delete" is invalid: 'Delete' is not one of compact, delete`, { cleanupPolicy: 'Delete' as CleanupPolicy }, 'delete'],
    ['compression.type="ZSTD" is invalid: it must be one of uncompressed, zstd, lz4, snappy, gzip, producer (exactly, case matters)', { config: { 'compression.type': 'ZSTD' } }, 'producer'],
    ['message.timestamp.type="createtime" is invalid: it must be one of CreateTime, LogAppendTime (exactly, case matters)', { config: { 'message.timestamp.type': 'createtime' } }, 'CreateTime'],
    ['min.cleanable.dirty.ratio=1.5 is invalid: it must be from 0 to 1', { config: { 'min.cleanable.dirty.ratio': 1.5 } }, '0.5'],
    ['compression.gzip.level=0 is invalid: it must be from 1 to 9 or -1', { config: { 'compression.gzip.level': 0 } }, '-1'],
    ['preallocate="yes" is invalid: it must be true or false', { config: { preallocate: 'yes' } }, 'false'],
    ['segment.ms=1.5 is invalid: it must be a whole number (Kafka type LONG)', { config: { 'segment.ms': 1.5 } }, '604800000'],
    [`segment.ms=${2 ** 60} is invalid: it is beyond the whole numbers JavaScript holds exactly (2^53): pass it as a string`, { config: { 'segment.ms': 2 ** 60 } }, '604800000'],
    ['flush.ms="9223372036854775808" is invalid: it is beyond Kafka type LONG (-9223372036854775808 to 9223372036854775807)', { config: { 'flush.ms': '9223372036854775808' } }, '9223372036854775807'],
    ["leader.replication.throttled.replicas=\"all\" is invalid: it must be '*' or a list of <partition>:<broker>, e.g. '0:1,1:2'", { config: { 'leader.replication.throttled.replicas': 'all' } }, undefined],
    ['delete.retention.ms=null is invalid: NaN is not a number JSON can hold', { config: { 'delete.retention.ms': NaN } }, '86400000'],
    ['segment.index.bytes=null is invalid: null is not a config value (use a string, number, boolean or list)', { config: { 'segment.index.bytes': null as unknown as number } }, '10485760'],
  ])('%s: refused with Kafka\'s rule', (problem, props, defaultValue) => {
    expect(make(props as Partial<TopicProps>)).toThrow(
      `Topic 't' (test/t): topic config ${problem}. Use a value Kafka 4.3 accepts${defaultValue === undefined ? '' : ` (its default is ${defaultValue})`}`,
    );
  });

  test('min.compaction.lag.ms may not exceed max.compaction.lag.ms', () => {
    expect(make({ config: { 'min.compaction.lag.ms': 100, 'max.compaction.lag.ms': 50 } })).toThrow(
      "Topic 't' (test/t): min.compaction.lag.ms (100) is above max.compaction.lag.ms (50); Kafka refuses the topic. Lower min.compaction.lag.ms or raise max.compaction.lag.ms",
    );
  });

  test('retention must be a Retention; a fractional Duration is wrapped with the fix', () => {
    expect(make({ retention: 7200000 as unknown as Retention })).toThrow(
      "Topic 't' (test/t): retention is 7200000, not a Retention. Use e.g. Retention.of(Duration.days(7)), or Retention.unlimited() to keep records forever",
    );
    expect(make({ retention: Retention.of(Duration.millis(0.5)) })).toThrow(
      "Topic 't' (test/t): retention was refused by cdk8s: 0.5 must be a whole number of millis. Use a value that is a whole number of millis, e.g. Duration.seconds(2) or Size.mebibytes(512)",
    );
  });

  test('a negative retentionBytes other than the unlimited value is said with unlimited', () => {
    expect(make({ retentionBytes: RetentionSize.bytes(-5) })).toThrow(`Topic 't' (test/t): retentionBytes is -5; Kafka reads any negative retention.bytes as "no size limit". Say so with RetentionSize.unlimited()`);
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
    expect(config).toMatchObject({ 'segment.bytes': 1048576, 'leader.replication.throttled.replicas': '0:1, 1:2', 'max.compaction.lag.ms': '9223372036854775807' });
  });
});

describe('topic rules across objects (checked at synth)', () => {
  test('replicas cannot exceed the broker count', () => {
    // GIVEN a 1-broker cluster and a topic asking for 3 replicas
    const { chart } = appWithChart();
    new Topic(chart, 't', { cluster: new KafkaCluster(chart, 'c'), replicas: 3 });
    // WHEN synthesized THEN the rule and the fix are named
    expect(() => Testing.synth(chart)).toThrow(
      "Topic 't' (test/t): replicas is 3 but cluster 'c' has only 1 broker(s); a partition cannot have more replicas than brokers. Lower replicas or add brokers",
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
      "KafkaCluster 'c' (a/c): its topics 'orders' (a/orders), 'orders' (b/orders) collide: Kafka allows one topic per name, and treats '.' and '_' alike. " +
        'Remove or rename all but one',
    );
    expect(() => synthApp(app)).toThrow(/'metrics.eu' \(a\/x\), 'metrics_eu' \(a\/y\) collide/);
  });

  test('a topic bound to a cluster in another namespace', () => {
    const app = new App();
    const cluster = new KafkaCluster(new Chart(app, 'k', { namespace: 'kafka' }), 'c');
    new Topic(new Chart(app, 'apps', { namespace: 'apps' }), 't', { cluster });
    expect(() => synthApp(app)).toThrow(
      "Topic 't' (apps/t): it is in namespace 'apps' but its cluster 'c' is in 'kafka': the Topic Operator only watches its cluster's namespace. " +
        "Create the topic in a chart with namespace 'kafka'",
    );
  });

  test('a topic of a cluster without Topic Operator', () => {
    const { chart } = appWithChart();
    new Topic(chart, 't', { cluster: new KafkaCluster(chart, 'c', { topicOperator: false }) });
    expect(() => Testing.synth(chart)).toThrow(
      "Topic 't' (test/t): cluster 'c' runs no Topic Operator, so the KafkaTopic would be ignored. Enable 'topicOperator' on the cluster",
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
      "KafkaTopic 'orders' (test/b/Resource): another KafkaTopic of the same name in the default namespace is made by test/a/Resource",
    );
  });
});
