import { readFileSync } from 'fs';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import {
  CleanupPolicy, KafkaCluster, KafkaClusterProps, KafkaListenerType, MicroservicePair, Retention, RetentionSize, Topic, TopicProps, Warning,
  Warnings,
} from '../../../lib';
import { DANGERS } from '../../../lib/rules/dangers';
import { buildSeedSystem } from '../../../main';

/** The warnings of an app with a cluster 'c' (`cluster` props) and, if `topic` is given, a topic 't' on it. */
function warningsOf(cluster: KafkaClusterProps, topic?: Partial<TopicProps>): readonly Warning[] {
  const app = Testing.app();
  const chart = new Chart(app, 'test');
  const c = new KafkaCluster(chart, 'c', cluster);
  if (topic) new Topic(chart, 't', { cluster: c, ...topic });
  return Warnings.of(app).all;
}
const codes = (warnings: readonly Warning[]) => warnings.map((w) => w.code);
const TOPIC = "Topic 't' (test/t)";
const CLUSTER = "KafkaCluster 'c' (test/c)";

describe('warnings: each dangerous but valid setting, with its message', () => {
  test('even-controllers', () => {
    expect(warningsOf({ brokers: 3, controllers: 2 })).toEqual([{
      code: 'even-controllers',
      message: `${CLUSTER}: the KRaft quorum has 2 controllers, an even number, which tolerates no more failures than 1 and makes a majority ` +
        `harder to keep. Use 1 or 3 controllers`,
    }]);
  });

  test('single-replica: one replica in a multi-broker cluster', () => {
    expect(warningsOf({ brokers: 3 }, { replicas: 1 })).toEqual([{
      code: 'single-replica',
      message: `${TOPIC}: the topic has 1 replica in a cluster of 3 brokers: losing the broker that holds a partition loses its records or stops ` +
        `it. ` +
        'Give the topic 3 replicas (or as many as there are brokers, up to 3)',
    }]);
    // AND one replica on a one-broker cluster is the only choice, so no warning
    expect(warningsOf({ brokers: 1 }, { replicas: 1 })).toEqual([]);
  });

  test('no-failure-tolerated: min.insync.replicas equal to the replicas (topic, and broker defaults)', () => {
    expect(warningsOf({ brokers: 3 }, { replicas: 3, minInsyncReplicas: 3 })).toEqual([{
      code: 'no-failure-tolerated',
      message: `${TOPIC}: min.insync.replicas is 3, equal to the replicas: while any one replica is down, writes with acks=all fail. Lower it to 2 ` +
        `so that one replica may be down`,
    }]);
    expect(warningsOf({ brokers: 3, config: { minInsyncReplicas: 3 } })).toEqual([{
      code: 'no-failure-tolerated',
      message: `${CLUSTER}: broker config min.insync.replicas is 3, equal to the replicas: while any one replica is down, writes with acks=all ` +
        `fail. Lower it to 2 so that one replica may be down`,
    }]);
  });

  test('weak-durability: min.insync.replicas 1 with 3 replicas', () => {
    expect(codes(warningsOf({ brokers: 3 }, { replicas: 3, minInsyncReplicas: 1 }))).toEqual(['weak-durability']);
    expect(warningsOf({ brokers: 3 }, { minInsyncReplicas: 1 })[0].message).toBe(
      `${TOPIC}: min.insync.replicas is 1 with 3 replicas: an acks=all write is acknowledged once the leader has it, and lost if that broker ` +
        `fails. Set minInsyncReplicas to 2`,
    );
  });

  test('unbounded-retention: unlimited time and size with the delete policy', () => {
    expect(warningsOf({}, { retention: Retention.unlimited() })).toEqual([{
      code: 'unbounded-retention',
      message: `${TOPIC}: retention is unlimited in time and size with the delete cleanup policy: the topic grows until its disks are full. ` +
        'Set retentionBytes, or use the compact cleanup policy if only the latest record per key matters',
    }]);
    // AND compaction, or a size limit, removes the danger
    expect(warningsOf({}, { retention: Retention.unlimited(), cleanupPolicy: CleanupPolicy.COMPACT })).toEqual([]);
    expect(warningsOf({}, { retention: Retention.unlimited(), retentionBytes: RetentionSize.of(Size.gibibytes(10)) })).toEqual([]);
  });

  test('retention-below-segment: retention.bytes below segment.bytes', () => {
    expect(warningsOf({}, { retentionBytes: RetentionSize.bytes(100 * 2 ** 20) })).toEqual([{
      code: 'retention-below-segment',
      message: `${TOPIC}: retention.bytes (104857600) is below segment.bytes (1073741824): a partition keeps a whole segment, so it holds up to ` +
        `1073741824 bytes anyway. ` +
        'Lower segmentBytes to a fraction of retentionBytes, or raise retentionBytes',
    }]);
  });

  test('unclean-leader-election: on a topic and on the brokers', () => {
    expect(warningsOf({}, { config: { 'unclean.leader.election.enable': true } })[0]).toEqual({
      code: 'unclean-leader-election',
      message: `${TOPIC}: unclean.leader.election.enable is true on this topic: records acknowledged to producers can be lost. Leave it false ` +
        `unless availability matters more than every record`,
    });
    expect(warningsOf({ config: { additional: { 'unclean.leader.election.enable': 'TRUE' } } })[0].message).toBe(
      `${CLUSTER}: unclean.leader.election.enable is true for every topic of the cluster: records acknowledged to producers can be lost. Leave it ` +
        `false unless availability matters more than every record`,
    );
  });

  test('auto-create-topics', () => {
    expect(warningsOf({ config: { autoCreateTopics: true } })).toEqual([{
      code: 'auto-create-topics',
      message: `${CLUSTER}: topics are created automatically: a client's misspelt topic name creates a new topic, with broker defaults and outside ` +
        `the KafkaTopic resources. ` +
        'Declare every topic with a Topic and leave autoCreateTopics off',
    }]);
  });

  test('unknown-broker-config: a key that looks like a misspelt Kafka key', () => {
    expect(warningsOf({ config: { additional: { 'log.retention.hour': 72 } } })).toEqual([{
      code: 'unknown-broker-config',
      message: `${CLUSTER}: broker config 'log.retention.hour' is not a Kafka 4.3 broker config; it looks like 'log.retention.hours'. ` +
        "Did you mean 'log.retention.hours'? If 'log.retention.hour' is a plugin's key, keep it",
    }]);
  });

  test('deprecated-listener: ingress', () => {
    const warnings = warningsOf({
      listeners: [{ name: 'ext', port: 9094, type: KafkaListenerType.INGRESS, tls: true,
        configuration: { bootstrap: { host: 'k.example.com' }, hostTemplate: 'b{nodeId}.example.com' } }],
    });
    expect(warnings).toEqual([{
      code: 'deprecated-listener',
      message: `${CLUSTER}: listener 'ext' uses the deprecated type 'ingress' (it needs the Ingress NGINX Controller with TLS passthrough). ` +
        "Use type 'tlsroute' where the Gateway API offers TLSRoute, or 'route' on OpenShift",
    }]);
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
    expect(Warnings.of(app).all).toEqual([{
      code: 'shared-consumer-group',
      message: "consumer 'c2' (b/Default/Consumer): consumer group 'audit' is also used by consumer 'data-consumer' (a/Default/Consumer): " +
        "the two services split " +
        "the records " +
        'between them and rebalance each other. Give each consumer a group id of its own (consumer.groupId)',
    }]);
  });

  test('mutable-image: no version tag, or latest', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    const cluster = new KafkaCluster(infra, 'c');
    new MicroservicePair(new Chart(app, 'a'), 'Default', { cluster, topic: new Topic(infra, 't', { cluster }), 
      producer: { image: 'registry.example.com/producer' },
      consumer: { image: 'consumer:latest' } });
    expect(Warnings.of(app).all).toEqual([
      {
        code: 'mutable-image',
        message: "producer 'data-producer' (a/Default/Producer): the image 'registry.example.com/producer' has no version tag or digest: " +
          "nodes may run " +
          "different builds, " +
          "and a rollback cannot restore the old one. Use a version tag (e.g. ':1.4.2') or a digest",
      },
      expect.objectContaining({ code: 'mutable-image',
        message: expect.stringContaining("consumer 'data-consumer' (a/Default/Consumer): the image 'consumer:latest'") }),
    ]);
  });

  test('placeholder-image: a service left on the default image, which no registry serves', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    const cluster = new KafkaCluster(infra, 'c');
    new MicroservicePair(new Chart(app, 'a'), 'Default', {
      cluster, topic: new Topic(infra, 't', { cluster }), producer: { image: 'registry.example.com/producer:1.0.0' },
    });
    expect(Warnings.of(app).all).toEqual([{
      code: 'placeholder-image',
      message: "consumer 'data-consumer' (a/Default/Consumer): it runs 'strimzi-cdk8s/data-consumer:0.1.0', the library's placeholder image, " +
        'which no registry serves: its pods would never start (ImagePullBackOff). Set consumer.image to the image you pushed ' +
        '(npm run images builds it), or set openShiftBuild to have OpenShift build it',
    }]);
  });

  test('raw-typed-config: a config key that a typed property sets', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    new Topic(infra, 't', { cluster: new KafkaCluster(infra, 'c'), config: { 'max.message.bytes': 2097152 } });
    expect(Warnings.of(app).all).toEqual([{
      code: 'raw-typed-config',
      message: "Topic 't' (infra/t): config 'max.message.bytes' is set in 'config'; Kafka and Strimzi accept it, " +
        "and the typed property 'maxMessageBytes' sets the same key. " +
        "Prefer the typed property 'maxMessageBytes' (kept as is here)",
    }]);
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
    expect(() => Testing.synth(chart)).toThrow(`${TOPIC}: the topic has 1 replica in a cluster of 3 brokers`);
    expect(() => Testing.synth(chart)).toThrow("(warning 'single-replica', an error in strict mode)");
  });

  test('strict mode from the environment', () => {
    process.env.STRIMZI_CDK8S_STRICT = 'true';
    try {
      const app = Testing.app();
      const chart = new Chart(app, 'test');
      new KafkaCluster(chart, 'c', { config: { autoCreateTopics: true } });
      expect(() => Testing.synth(chart)).toThrow("(warning 'auto-create-topics', an error in strict mode)");
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
