import { readFileSync } from 'fs';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import {
  CleanupPolicy, KafkaCluster, KafkaClusterProps, KafkaListenerType, MicroservicePair, Retention, RetentionSize, Topic, TopicProps, Warning,
  Warnings,
} from '../../../lib';
import { DANGERS } from '../../../lib/rules/dangers';
import { buildSeedSystem } from '../../../main';
import { strictWarning, warned } from '../support/warnings';

/** The warnings of an app with a cluster 'c' (`cluster` props) and, if `topic` is given, a topic 't' on it. */
function warningsOf(cluster: KafkaClusterProps, topic?: Partial<TopicProps>): readonly Warning[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  const c = new KafkaCluster(chart, 'c', cluster);
  if (topic) new Topic(chart, 't', { cluster: c, ...topic });
  return Warnings.of(app).all;
}
const TOPIC = "Topic 't' (test/t)";
const CLUSTER = "KafkaCluster 'c' (test/c)";

describe('warnings: each dangerous but valid setting, with its code, object and key phrases', () => {
  test('even-controllers', () => {
    expect(warningsOf({ brokers: 3, controllers: 2 })).toEqual([warned('even-controllers', CLUSTER, '2 controllers, an even number', '1 or 3')]);
  });

  test('single-replica: one replica in a multi-broker cluster', () => {
    expect(warningsOf({ brokers: 3 }, { replicas: 1 })).toEqual([warned('single-replica', TOPIC, '1 replica', '3 brokers', '3 replicas')]);
    // AND one replica on a one-broker cluster is the only choice, so no warning
    expect(warningsOf({ brokers: 1 }, { replicas: 1 })).toEqual([]);
  });

  test('no-failure-tolerated: min.insync.replicas equal to the replicas (topic, and broker defaults)', () => {
    expect(warningsOf({ brokers: 3 }, { replicas: 3, minInsyncReplicas: 3 }))
      .toEqual([warned('no-failure-tolerated', TOPIC, 'min.insync.replicas is 3, equal to the replicas', 'to 2')]);
    expect(warningsOf({ brokers: 3, config: { minInsyncReplicas: 3 } }))
      .toEqual([warned('no-failure-tolerated', CLUSTER, 'broker config min.insync.replicas is 3', 'to 2')]);
  });

  test('weak-durability: min.insync.replicas 1 with 3 replicas', () => {
    expect(warningsOf({ brokers: 3 }, { replicas: 3, minInsyncReplicas: 1 })).toEqual([warned('weak-durability')]);
    expect(warningsOf({ brokers: 3 }, { minInsyncReplicas: 1 }))
      .toEqual([warned('weak-durability', TOPIC, 'min.insync.replicas is 1', '3 replicas')]);
  });

  test('unbounded-retention: unlimited time and size with the delete policy', () => {
    expect(warningsOf({}, { retention: Retention.unlimited() })).toEqual([warned('unbounded-retention', TOPIC, 'unlimited in time and size')]);
    // AND compaction, or a size limit, removes the danger
    expect(warningsOf({}, { retention: Retention.unlimited(), cleanupPolicy: CleanupPolicy.COMPACT })).toEqual([]);
    expect(warningsOf({}, { retention: Retention.unlimited(), retentionBytes: RetentionSize.of(Size.gibibytes(10)) })).toEqual([]);
  });

  test('retention-below-segment: retention.bytes below segment.bytes', () => {
    expect(warningsOf({}, { retentionBytes: RetentionSize.bytes(100 * 2 ** 20) }))
      .toEqual([warned('retention-below-segment', TOPIC, 'retention.bytes (104857600)', 'segment.bytes (1073741824)')]);
  });

  test('unclean-leader-election: on a topic and on the brokers', () => {
    expect(warningsOf({}, { config: { 'unclean.leader.election.enable': true } }))
      .toEqual([warned('unclean-leader-election', TOPIC, 'unclean.leader.election.enable is true on this topic')]);
    expect(warningsOf({ config: { additional: { 'unclean.leader.election.enable': 'TRUE' } } }))
      .toEqual([warned('unclean-leader-election', CLUSTER, 'for every topic of the cluster')]);
  });

  test('auto-create-topics', () => {
    expect(warningsOf({ config: { autoCreateTopics: true } })).toEqual([warned('auto-create-topics', CLUSTER, 'created automatically')]);
  });

  test('unknown-broker-config: a key that looks like a misspelt Kafka key', () => {
    expect(warningsOf({ config: { additional: { 'log.retention.hour': 72 } } }))
      .toEqual([warned('unknown-broker-config', CLUSTER, "'log.retention.hour' is not a Kafka 4.3 broker config", "'log.retention.hours'")]);
  });

  test('deprecated-listener: ingress', () => {
    const warnings = warningsOf({
      listeners: [{ name: 'ext', port: 9094, type: KafkaListenerType.INGRESS, tls: true,
        configuration: { bootstrap: { host: 'k.example.com' }, hostTemplate: 'b{nodeId}.example.com' } }],
    });
    expect(warnings).toEqual([warned('deprecated-listener', CLUSTER, "listener 'ext'", "deprecated type 'ingress'")]);
  });

  test('shared-consumer-group: two pairs consuming in one group', () => {
    // GIVEN two pairs on one cluster whose consumers use the same group id
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    const cluster = new KafkaCluster(infra, 'c');
    const topic = new Topic(infra, 't', { cluster });
    const images = { producer: { image: 'registry.example.com/p:1.0.0' }, consumer: { image: 'registry.example.com/c:1.0.0' } };
    new MicroservicePair(new Chart(app, 'a'), 'Default', { cluster, topic, ...images, consumer: { ...images.consumer, groupId: 'audit' } });
    new MicroservicePair(new Chart(app, 'b'), 'Default', {
      cluster, topic, producer: { ...images.producer, name: 'p2' }, consumer: { ...images.consumer, name: 'c2', groupId: 'audit' },
    });
    // THEN the second is warned, naming the first
    expect(Warnings.of(app).all).toEqual([
      warned('shared-consumer-group', "consumer 'c2' (b/Default/Consumer)", "group 'audit'", "consumer 'data-consumer' (a/Default/Consumer)"),
    ]);
  });

  test('mutable-image: no version tag, or latest', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    const cluster = new KafkaCluster(infra, 'c');
    new MicroservicePair(new Chart(app, 'a'), 'Default', { cluster, topic: new Topic(infra, 't', { cluster }), 
      producer: { image: 'registry.example.com/producer' },
      consumer: { image: 'consumer:latest' } });
    expect(Warnings.of(app).all).toEqual([
      warned('mutable-image', "producer 'data-producer' (a/Default/Producer)", "'registry.example.com/producer'", 'no version tag or digest'),
      warned('mutable-image', "consumer 'data-consumer' (a/Default/Consumer)", "'consumer:latest'"),
    ]);
  });

  test('placeholder-image: a service left on the default image, which no registry serves', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    const cluster = new KafkaCluster(infra, 'c');
    new MicroservicePair(new Chart(app, 'a'), 'Default', {
      cluster, topic: new Topic(infra, 't', { cluster }), producer: { image: 'registry.example.com/producer:1.0.0' },
    });
    expect(Warnings.of(app).all).toEqual([
      warned('placeholder-image', "consumer 'data-consumer' (a/Default/Consumer)", "'strimzi-cdk8s/data-consumer:0.1.0'", 'consumer.image',
        'openShiftBuild'),
    ]);
  });

  test('raw-typed-config: a config key that a typed property sets', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    new Topic(infra, 't', { cluster: new KafkaCluster(infra, 'c'), config: { 'max.message.bytes': 2097152 } });
    expect(Warnings.of(app).all).toEqual([warned('raw-typed-config', "Topic 't' (infra/t)", "config 'max.message.bytes'", "'maxMessageBytes'")]);
  });

  test('every warning of the table has a test above', () => {
    // GIVEN the codes of lib/rules/dangers.ts THEN each is asserted in this file (read as text, so a new one must be added here)
    const source = readFileSync(__filename, 'utf8');
    const untested = Object.values(DANGERS).map((d) => d.code).filter((code) => !source.includes(`test('${code}`));
    expect(untested).toEqual([]);
  });
});

describe('warnings: strict mode and clean apps', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => (stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)));
  afterEach(() => stderr.mockRestore());

  test('strict mode turns every warning into an error naming its code', () => {
    // GIVEN strict mode, and a topic with one replica in a 3-broker cluster
    const app = Testing.app();
    app.node.setContext(Warnings.STRICT_CONTEXT, true);
    const chart = new Chart(app, 'test');
    new Topic(chart, 't', { cluster: new KafkaCluster(chart, 'c', { brokers: 3 }), replicas: 1, retention: Retention.of(Duration.days(1)) });
    // WHEN synthesized THEN the synth fails with the warning as an error
    expect(() => Testing.synth(chart)).toThrow(strictWarning('single-replica', TOPIC, '1 replica', '3 brokers'));
  });

  test('strict mode from the environment', () => {
    process.env.STRIMZI_CDK8S_STRICT = 'true';
    try {
      const app = Testing.app();
      const chart = new Chart(app, 'test');
      new KafkaCluster(chart, 'c', { config: { autoCreateTopics: true } });
      expect(() => Testing.synth(chart)).toThrow(strictWarning('auto-create-topics', CLUSTER));
    } finally {
      delete process.env.STRIMZI_CDK8S_STRICT;
    }
  });

  test('the seed system and a production-like app have no warnings', () => {
    const seed = Testing.app();
    buildSeedSystem(seed);
    expect(Warnings.of(seed).all).toEqual([]);
    const app = new App({ outdir: '/tmp/unused' });
    const chart = new Chart(app, 'prod', { namespace: 'prod' });
    const cluster = new KafkaCluster(chart, 'c', { brokers: 3, controllers: 3 });
    new Topic(chart, 't', { cluster, partitions: 6, minInsyncReplicas: 2, retention: Retention.of(Duration.days(7)) });
    expect(Warnings.of(app).all).toEqual([]);
  });
});
