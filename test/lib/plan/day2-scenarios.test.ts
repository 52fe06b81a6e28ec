import * as fs from 'fs';
import { Duration, Size } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { CleanupPolicy, KafkaVolume, NodePoolStorage, NodeRole, Warnings } from '../../../lib';
import { Day2App, README_POOL_NAMES, buildDay2App, outputDirectory, synthInto } from '../../support/day2-app';
import { about, coded } from '../support/errors';
import { muteStderr } from '../support/stderr';
import { warned } from '../support/warnings';

// Every scenario of issue 13: the app synthesized before, then after into the same directory, the plan asserted
// line by line (codes and key phrases), the refusal and the acknowledged or safe path both run.

muteStderr();

let baseline: string;
beforeAll(() => {
  baseline = outputDirectory();
  expect(synthInto(baseline, (app) => buildDay2App(app)).error).toBeUndefined();
});

/** A copy of the baseline's output, so that each test starts from the same previous synth. */
function previous(): string {
  const dir = outputDirectory();
  fs.cpSync(baseline, dir, { recursive: true });
  return dir;
}

const after = (dir: string, v: Day2App, acknowledge: string[] = []) => synthInto(dir, (app) => buildDay2App(app, v), acknowledge);
/** The volumes of each node pool in the output in `dir`. */
const volumesOf = (dir: string) => Object.fromEntries(fs.readdirSync(dir)
  .flatMap((f) => parseAllDocuments(fs.readFileSync(`${dir}/${f}`, 'utf8')).map((d) => d.toJSON()))
  .filter((o) => o.kind === 'KafkaNodePool').map((o) => [o.metadata.name, o.spec.storage.volumes]));

describe('the plan of every synth', () => {
  test('a first synth says there is nothing to compare; the same app again has no changes', () => {
    // GIVEN an empty output directory WHEN the app is synthesized twice
    const dir = outputDirectory();
    const first = synthInto(dir, (app) => buildDay2App(app));
    const second = synthInto(dir, (app) => buildDay2App(app));
    // THEN the first says so and the second finds nothing changed
    expect(first.report.lines).toEqual([expect.stringMatching(/^plan: nothing to compare with in .* \(first synth\); 22 object\(s\) to create$/)]);
    expect(second.report.lines).toEqual([expect.stringMatching(/^plan against .*: no changes \(22 objects\)$/)]);
    expect(second.report.firstSynth).toBe(false);
  });

  test('a harmless change is shown with its fields and passes', () => {
    const plan = after(previous(), { ordersPartitions: 12 });
    expect(plan.error).toBeUndefined();
    expect(plan.report.lines[0]).toMatch(/: 1 to change$/);
    expect(plan.lines).toEqual(["  ~ KafkaTopic 'orders' (topics/orders) changed: spec.partitions 6 -> 12"]);
  });
});

describe('topics', () => {
  test("renaming a Topic's construct id renames the Kafka topic: refused, and passes when acknowledged", () => {
    // WHEN the orders Topic's construct id changes (it has no topicName)
    const refused = after(previous(), { ordersId: 'orders-v2' });
    // THEN the KafkaTopic is replaced, which deletes the topic's records, and the clients follow to the empty one
    expect(refused.lines).toEqual([
      "  ± KafkaTopic 'orders' -> 'orders-v2' (topics/orders-v2) replaced",
      expect.stringMatching(/^ {6}! topic-renamed \(refused\): Kafka topic 'orders' would be deleted with all its records/),
      expect.stringMatching(/^ {2}~ KafkaUser 'orders-producer' .*acls\[0\]\.resource\.name "orders" -> "orders-v2"$/),
      expect.stringMatching(/^ {2}~ Deployment 'orders-producer' .*env\[KAFKA_TOPIC\]\.value "orders" -> "orders-v2"$/),
      expect.stringContaining("~ KafkaUser 'orders-consumer'"),
      expect.stringContaining("~ Deployment 'orders-consumer'"),
    ]);
    expect(refused.error).toMatch(about("KafkaTopic 'orders' (topics/orders-v2)",
      coded('topic-renamed', "topic 'orders'", "topicName: 'orders'", "'topic-renamed:KafkaTopic/orders'")));
    // AND acknowledged for that topic it passes, and says so
    const acknowledged = after(previous(), { ordersId: 'orders-v2' }, ['topic-renamed:KafkaTopic/orders']);
    expect(acknowledged.error).toBeUndefined();
    expect(acknowledged.lines[1]).toMatch(/^ {6}! topic-renamed \(acknowledged\): /);
  });

  test('a renamed or moved Topic construct with its topicName pinned changes no KafkaTopic', () => {
    // WHEN the construct id changes and topicName keeps the Kafka name
    const plan = after(previous(), { ordersId: 'orders-v2', ordersTopicName: 'orders' });
    // THEN nothing changes at all
    expect(plan.error).toBeUndefined();
    expect(plan.report.entries).toEqual([]);
    expect(plan.report.lines).toEqual([expect.stringContaining(': no changes')]);
  });

  test('removing a Topic deletes its records: refused, acknowledged, or kept by making it unmanaged first', () => {
    const dir = previous();
    // WHEN the audit Topic is removed
    const refused = after(dir, { audit: 'removed' });
    // THEN the KafkaTopic deletion is refused
    expect(refused.lines).toEqual([
      "  - KafkaTopic 'audit' (removed from 0001-topics.k8s.yaml) deleted",
      expect.stringMatching(/^ {6}! topic-deleted \(refused\): the Topic Operator would delete Kafka topic 'audit' and all its records$/),
    ]);
    expect(refused.error).toMatch(about("KafkaTopic 'audit' (removed from 0001-topics.k8s.yaml)", coded('topic-deleted', 'managed: false')));
    expect(after(previous(), { audit: 'removed' }, ['topic-deleted:KafkaTopic/audit']).error).toBeUndefined();

    // WHEN instead the Topic is first made unmanaged, and removed in a later synth
    const unmanaged = after(dir, { audit: 'unmanaged' });
    const removed = after(dir, { audit: 'removed' });
    // THEN the first is a plain change, and the removal keeps the Kafka topic, so neither is refused
    expect(unmanaged.error).toBeUndefined();
    expect(unmanaged.lines).toEqual([`  ~ KafkaTopic 'audit' (topics/audit) changed: metadata.annotations (none) -> {"strimzi.io/managed":"false"}`]);
    expect(removed.error).toBeUndefined();
    expect(removed.lines).toEqual([
      "  - KafkaTopic 'audit' (removed from 0001-topics.k8s.yaml) deleted",
      "      ! topic-kept (caution): the KafkaTopic goes but Kafka topic 'audit' and its records stay, managed by no one",
    ]);
  });

  test("changing a KafkaTopic's resourceName for the same Kafka topic is refused unless it was unmanaged first", () => {
    const refused = after(previous(), { ordersResourceName: 'orders-topic' });
    expect(refused.lines.slice(0, 2)).toEqual([
      "  ± KafkaTopic 'orders' -> 'orders-topic' (topics/orders) replaced",
      expect.stringMatching(
        /^ {6}! topic-resource-renamed \(refused\): pruning the old KafkaTopic 'orders' would make the Topic Operator delete Kafka topic 'orders'/,
      ),
    ]);
    // Strimzi's procedure: unmanaged first, then the new resource name.
    const dir = previous();
    expect(after(dir, { ordersManaged: false }).error).toBeUndefined();
    const renamed = after(dir, { ordersManaged: false, ordersResourceName: 'orders-topic' });
    expect(renamed.error).toBeUndefined();
    expect(renamed.lines[1]).toContain('! topic-kept (caution)');
  });

  test('lowering partitions is refused whatever is acknowledged: Kafka cannot do it', () => {
    const plan = after(previous(), { ordersPartitions: 3 }, ['partitions-lowered:KafkaTopic/orders']);
    expect(plan.lines).toEqual([
      "  ~ KafkaTopic 'orders' (topics/orders) changed: spec.partitions 6 -> 3",
      '      ! partitions-lowered (refused: impossible): partitions would go from 6 to 3, which Kafka cannot do (the Topic Operator refuses it)',
      "  acknowledgement 'partitions-lowered:KafkaTopic/orders' matches no change of this synth: remove it once its change is applied",
    ]);
    expect(plan.error).toContain("KafkaTopic 'orders' (topics/orders) [partitions-lowered]:");
    expect(plan.error).not.toContain('acknowledge');
  });

  test('changing replicas is shown with what it means and passes', () => {
    const plan = after(previous(), { paymentsReplicas: 4 });
    expect(plan.error).toBeUndefined();
    expect(plan.lines).toEqual([
      "  ~ KafkaTopic 'payments' (topics/payments) changed: spec.replicas 3 -> 4",
      '      ! topic-replicas-changed (caution): replicas go from 3 to 4: partition data is copied to more brokers (needs Cruise Control)',
    ]);
  });

  test('shortening retention or changing the cleanup policy removes records: refused unless acknowledged', () => {
    const retention = after(previous(), { paymentsRetention: Duration.days(1) });
    expect(retention.lines).toEqual([
      "  ~ KafkaTopic 'payments' (topics/payments) changed: spec.config.retention.ms 604800000 -> 86400000",
      expect.stringMatching(/^ {6}! retention-shortened \(refused\): retention\.ms would go from 604800000 ms \(168 h\) to 86400000 ms \(24 h\)/),
    ]);
    expect(retention.error).toContain("[retention-shortened]");
    expect(after(previous(), { paymentsRetention: Duration.days(1) }, ['retention-shortened:KafkaTopic/payments']).error).toBeUndefined();
    // A longer retention loses nothing.
    expect(after(previous(), { paymentsRetention: Duration.days(30) }).error).toBeUndefined();

    const policy = after(previous(), { auditCleanupPolicy: CleanupPolicy.COMPACT });
    expect(policy.lines[1])
      .toMatch(
        /^ {6}! cleanup-policy-changed \(refused\): cleanup\.policy would go from 'delete' to 'compact': older records of each key are compacted/,
      );
    expect(after(previous(), { auditCleanupPolicy: CleanupPolicy.COMPACT }, ['cleanup-policy-changed:KafkaTopic/audit']).error).toBeUndefined();
  });
});

describe('the cluster and its node pools', () => {
  test("renaming the cluster's construct id makes a new, empty cluster: refused; the name prop keeps it", () => {
    const refused = after(previous(), { clusterId: 'events-eu' });
    expect(refused.report.lines[0]).toMatch(/: 21 to change, 1 to replace, 1 refused$/);
    expect(refused.lines.slice(0, 2)).toEqual([
      "  ± Kafka 'events' -> 'events-eu' (kafka/events-eu) replaced",
      "      ! cluster-renamed (refused): Kafka cluster 'events' would be deleted and a new, empty cluster 'events-eu' created",
    ]);
    expect(refused.error).toContain("Kafka 'events' (kafka/events-eu) [cluster-renamed]:");
    expect(refused.error).toContain("set name: 'events' on the KafkaCluster");
    expect(after(previous(), { clusterId: 'events-eu' }, ['cluster-renamed:Kafka/events']).error).toBeUndefined();
    expect(after(previous(), { clusterId: 'events-eu', clusterName: 'events' }).report.entries).toEqual([]);
  });

  test('handing the cluster to another app (fromExisting here) deletes it from this one: refused unless acknowledged', () => {
    // GIVEN the app that rendered the cluster WHEN it references the cluster instead, to leave it to another app
    const refused = after(previous(), { clusterElsewhere: true });
    // THEN deleting the Kafka (and its pools) is refused, with the path that keeps the data
    expect(refused.lines).toEqual(expect.arrayContaining([
      "  - Kafka 'events' (removed from 0000-kafka.k8s.yaml) deleted",
      "      ! cluster-deleted (refused): Kafka cluster 'events' would be deleted: every topic becomes unreachable, and its volumes survive only " +
        'where deleteClaim is false',
      expect.stringMatching(/^ {6}! pool-deleted \(refused\): node pool 'brokers' and its 4 broker node\(s\) would be deleted/),
    ]));
    expect(refused.error).toContain("Kafka 'events' (removed from 0000-kafka.k8s.yaml) [cluster-deleted]:");
    expect(refused.error).toContain('Keep the cluster in the app');
    // AND the other app takes the objects over only once acknowledged (after it renders the same cluster)
    expect(after(previous(), { clusterElsewhere: true },
      ['cluster-deleted:Kafka/events', 'pool-deleted:KafkaNodePool/brokers', 'pool-deleted:KafkaNodePool/controllers']).error).toBeUndefined();
  });

  test("README-style pool names replace the profile's pools: each rename refused", () => {
    const plan = after(previous(), { nodePools: README_POOL_NAMES });
    expect(plan.lines).toEqual([
      "  ± KafkaNodePool 'brokers' -> 'broker' (kafka/events/broker) replaced",
      "      ! pool-renamed (refused): node pool 'brokers' (4 node(s)) would be deleted with its volumes and an empty pool 'broker' created",
      "  ± KafkaNodePool 'controllers' -> 'controller' (kafka/events/controller) replaced",
      "      ! pool-renamed (refused): node pool 'controllers' (3 node(s)) would be deleted with its volumes and an empty pool 'controller' created",
    ]);
    expect(plan.error).toContain("Keep the pool name 'brokers'");
  });

  test('setting only deleteClaim keeps the profile sizes, and turning it on is refused unless acknowledged', () => {
    const plan = after(previous(), { storage: { deleteClaim: true } });
    // THEN the sizes stay 100Gi / 20Gi: only deleteClaim changes
    expect(plan.lines).toEqual([
      "  ~ KafkaNodePool 'brokers' (kafka/events/brokers) changed: spec.storage.volumes[id=0].deleteClaim false -> true",
      expect.stringMatching(/^ {6}! delete-claim-on \(refused\): JBOD volume 0 of node pool 'brokers' would get deleteClaim: true/),
      "  ~ KafkaNodePool 'controllers' (kafka/events/controllers) changed: spec.storage.volumes[id=0].deleteClaim false -> true",
      expect.stringMatching(/^ {6}! delete-claim-on \(refused\): JBOD volume 0 of node pool 'controllers'/),
    ]);
    const dir = previous();
    const acknowledged = after(dir, { storage: { deleteClaim: true } },
      ['delete-claim-on:KafkaNodePool/brokers', 'delete-claim-on:KafkaNodePool/controllers']);
    expect(acknowledged.error).toBeUndefined();
    expect(volumesOf(dir)).toEqual({
      brokers: [{ id: 0, type: 'persistent-claim', size: '100Gi', deleteClaim: true, kraftMetadata: 'shared' }],
      controllers: [{ id: 0, type: 'persistent-claim', size: '20Gi', deleteClaim: true, kraftMetadata: 'shared' }],
    });
  });

  test('setting only storageClass keeps the profile sizes; the class change is shown, not refused', () => {
    const dir = previous();
    const plan = after(dir, { storage: { storageClass: 'fast-ssd' } });
    expect(plan.error).toBeUndefined();
    expect(plan.lines).toEqual([
      "  ~ KafkaNodePool 'brokers' (kafka/events/brokers) changed: spec.storage.volumes[id=0].class (none) -> \"fast-ssd\"",
      expect.stringMatching(
        /^ {6}! storage-class-changed \(caution\): JBOD volume 0 of node pool 'brokers' class goes from the default class to fast-ssd/,
      ),
      "  ~ KafkaNodePool 'controllers' (kafka/events/controllers) changed: spec.storage.volumes[id=0].class (none) -> \"fast-ssd\"",
      expect.stringContaining('! storage-class-changed (caution)'),
    ]);
    expect(volumesOf(dir)).toEqual({
      brokers: [{ id: 0, type: 'persistent-claim', size: '100Gi', deleteClaim: false, class: 'fast-ssd', kraftMetadata: 'shared' }],
      controllers: [{ id: 0, type: 'persistent-claim', size: '20Gi', deleteClaim: false, class: 'fast-ssd', kraftMetadata: 'shared' }],
    });
  });

  test('a size below the profile default warns, and shrinking a volume is refused as impossible', () => {
    const dir = previous();
    const plan = synthInto(dir, (app) => {
      buildDay2App(app, { storage: { size: Size.gibibytes(50) } });
      // THEN the brokers' 50Gi is warned about, the controllers' is not
      expect(Warnings.of(app).all.filter((w) => w.code === 'production-small-volume'))
        .toEqual([warned('production-small-volume', "KafkaCluster 'events' node pool 'brokers' (kafka/events)", '50Gi', '100Gi')]);
    }, ['volume-shrunk:KafkaNodePool/brokers']);
    expect(plan.lines).toEqual([
      "  ~ KafkaNodePool 'brokers' (kafka/events/brokers) changed: spec.storage.volumes[id=0].size \"100Gi\" -> \"50Gi\"",
      "      ! volume-shrunk (refused: impossible): JBOD volume 0 of node pool 'brokers' would shrink from 100Gi to 50Gi, which Kubernetes cannot do",
      "  ~ KafkaNodePool 'controllers' (kafka/events/controllers) changed: spec.storage.volumes[id=0].size \"20Gi\" -> \"50Gi\"",
      expect.stringContaining("acknowledgement 'volume-shrunk:KafkaNodePool/brokers' matches no change"),
    ]);
    expect(plan.error).toContain("KafkaNodePool 'brokers' (kafka/events/brokers) [volume-shrunk]:");
  });

  test('removing brokers is refused until their partitions are moved and it is acknowledged', () => {
    const refused = after(previous(), { brokers: 3 });
    expect(refused.lines).toEqual([
      "  ~ KafkaNodePool 'brokers' (kafka/events/brokers) changed: spec.replicas 4 -> 3",
      "      ! brokers-removed (refused): node pool 'brokers' would go from 4 to 3 broker(s): the removed brokers' partition replicas go with them",
    ]);
    expect(refused.error).toContain('KafkaRebalance, remove-brokers mode');
    expect(after(previous(), { brokers: 3 }, ['brokers-removed:KafkaNodePool/brokers']).error).toBeUndefined();
    // Adding brokers loses nothing.
    expect(after(previous(), { brokers: 5 }).error).toBeUndefined();
  });

  describe('pools given by name', () => {
    const pools = (extra: boolean, storage?: NodePoolStorage) => ({
      nodePools: [
        { name: 'brokers', roles: [NodeRole.BROKER], replicas: 4, storage },
        { name: 'controllers', roles: [NodeRole.CONTROLLER], replicas: 3 },
        ...(extra ? [{ name: 'archive', roles: [NodeRole.BROKER], replicas: 2,
          storage: NodePoolStorage.jbod(KafkaVolume.persistentClaim({ size: Size.tebibytes(1) })) }] : []),
      ],
    });

    test('removing a node pool is refused unless acknowledged', () => {
      const dir = outputDirectory();
      synthInto(dir, (app) => buildDay2App(app, pools(true)));
      const refused = after(dir, pools(false));
      expect(refused.lines).toEqual([
        "  - KafkaNodePool 'archive' (removed from 0000-kafka.k8s.yaml) deleted",
        "      ! pool-deleted (refused): node pool 'archive' and its 2 broker node(s) would be deleted, with the partition replicas and metadata " +
          "they hold",
      ]);
      expect(after(dir, pools(false), ['pool-deleted:KafkaNodePool/archive']).error).toBeUndefined();
    });

    test('changing the storage type of a volume is refused whatever is acknowledged: Strimzi cannot do it', () => {
      // GIVEN brokers on a persistent JBOD volume WHEN the volume becomes ephemeral THEN the change is impossible
      const dir = outputDirectory();
      synthInto(dir, (app) => buildDay2App(app, pools(false, NodePoolStorage.jbod(KafkaVolume.persistentClaim({ size: Size.gibibytes(100) })))));
      const ephemeral = () => pools(false, NodePoolStorage.jbod(KafkaVolume.ephemeral()));
      const refused = after(dir, ephemeral());
      expect(refused.lines).toEqual(expect.arrayContaining([
        "      ! storage-type-changed (refused: impossible): JBOD volume 0 of node pool 'brokers' type would change from persistent-claim to " +
          'ephemeral, which Strimzi refuses',
      ]));
      expect(refused.error).toContain("KafkaNodePool 'brokers' (kafka/events/brokers) [storage-type-changed]:");
      expect(after(dir, ephemeral(), ['storage-type-changed:KafkaNodePool/brokers']).error).toContain('[storage-type-changed]');
    });

    test("removing a JBOD volume or changing its id is refused unless acknowledged", () => {
      const dir = outputDirectory();
      const volume = (id: number) => KafkaVolume.persistentClaim({ size: Size.gibibytes(100), id });
      synthInto(dir, (app) => buildDay2App(app, pools(false, NodePoolStorage.jbod(volume(0), volume(1)))));
      const removed = after(dir, pools(false, NodePoolStorage.jbod(volume(0))));
      expect(removed.lines).toEqual([
        expect.stringMatching(/^ {2}~ KafkaNodePool 'brokers' \(kafka\/events\/brokers\) changed: spec\.storage\.volumes\[id=1\] \{.* -> \(none\)$/),
        "      ! volume-removed (refused): JBOD volume 1 of node pool 'brokers' would be removed from every node of the pool, with the partition " +
          "replicas it holds",
      ]);
      const renumbered = after(dir, pools(false, NodePoolStorage.jbod(volume(0), volume(2))));
      expect(renumbered.lines[1]).toContain('! volume-removed (refused): JBOD volume 1 of node pool');
      expect(after(dir, pools(false, NodePoolStorage.jbod(volume(0))), ['volume-removed:KafkaNodePool/brokers']).error).toBeUndefined();
    });
  });
});

describe('users, consumer groups and listeners', () => {
  test('renaming a consumer replaces its KafkaUser (and its group): refused unless acknowledged', () => {
    const plan = after(previous(), { ordersConsumer: 'orders-ledger' });
    const findings = plan.lines.filter((l) => l.includes('!'));
    expect(plan.lines).toContainEqual("  ± KafkaUser 'orders-consumer' -> 'orders-ledger' (orders-services/Default/Consumer/User) replaced");
    expect(findings).toEqual([
      "      ! user-renamed (refused): KafkaUser 'orders-consumer' would be deleted and 'orders-ledger' created with new credentials: clients " +
        "still using 'orders-consumer' are locked out",
      expect.stringMatching(/^ {6}! consumer-group-changed \(refused\): the consumer group would change from 'orders-consumer' to 'orders-ledger'/),
    ]);
    expect(after(previous(), { ordersConsumer: 'orders-ledger', ordersGroupId: 'orders-consumer' }, ['user-renamed:KafkaUser/orders-consumer']).error)
      .toBeUndefined();
  });

  test('removing services deletes their KafkaUsers: refused unless acknowledged', () => {
    const plan = after(previous(), { withoutPayments: true });
    expect(plan.lines.filter((l) => l.includes('KafkaUser') || l.includes('!'))).toEqual([
      "  - KafkaUser 'payments-producer' (removed from 0003-payments-services.k8s.yaml) deleted",
      "      ! user-deleted (refused): KafkaUser 'payments-producer' would be deleted with its Secret and ACLs: clients using it are locked out",
      "  - KafkaUser 'payments-consumer' (removed from 0003-payments-services.k8s.yaml) deleted",
      expect.stringContaining('! user-deleted (refused)'),
    ]);
    expect(after(previous(), { withoutPayments: true }, ['user-deleted:KafkaUser/payments-producer', 'user-deleted:KafkaUser/payments-consumer'])
      .error).toBeUndefined();
  });

  test("changing a consumer's group id is refused unless acknowledged", () => {
    const plan = after(previous(), { ordersGroupId: 'orders-v2' });
    expect(plan.lines).toEqual([
      expect.stringMatching(
        /^ {2}~ KafkaUser 'orders-consumer' .* changed: spec\.authorization\.acls\[1\]\.resource\.name "orders-consumer" -> "orders-v2"$/,
      ),
      "  ~ Deployment 'orders-consumer' (orders-services/Default/Consumer/Deployment) changed: " +
        "spec.template.spec.containers[orders-consumer].env[KAFKA_GROUP_ID].value \"orders-consumer\" -> \"orders-v2\"",
      expect.stringMatching(
        /^ {6}! consumer-group-changed \(refused\): .* the new group has none of the old offsets, so records are read again or skipped$/,
      ),
    ]);
    expect(plan.error).toContain("Deployment 'orders-consumer' (orders-services/Default/Consumer/Deployment) [consumer-group-changed]:");
    expect(after(previous(), { ordersGroupId: 'orders-v2' }, ['consumer-group-changed:Deployment/orders-consumer']).error).toBeUndefined();
  });

  test('changing the port of a listener clients are wired to is refused unless acknowledged', () => {
    const listeners = [{ name: 'plain', port: 9092 }, { name: 'tls', port: 9094, tls: true }];
    const plan = after(previous(), { listeners });
    expect(plan.lines.slice(0, 2)).toEqual([
      expect.stringMatching(/^ {2}~ Kafka 'events' \(kafka\/events\) changed: spec\.kafka\.listeners\[tls\]\.port 9093 -> 9094/),
      "      ! listener-changed (refused): listener 'tls' would change port from 9093 to 9094 while 4 client(s) are admitted to it: clients not " +
        "redeployed with it lose their connection",
    ]);
    expect(after(previous(), { listeners }, ['listener-changed:Kafka/events']).error).toBeUndefined();
  });

  test('removing a listener clients were wired to is refused, even when they move in the same change', () => {
    const dir = outputDirectory();
    synthInto(dir, (app) => buildDay2App(app, { paymentsListener: 'plain' }));
    const plan = after(dir, { listeners: [{ name: 'tls', port: 9093, tls: true }] });
    expect(plan.lines.filter((l) => l.includes('!'))).toEqual([
      "      ! listener-removed (refused): listener 'plain' would be removed while 2 client(s) are admitted to it: they lose their connection",
    ]);
  });
});
