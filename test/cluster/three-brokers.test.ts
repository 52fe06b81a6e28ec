import { Admin, ConfigResourceTypes, Consumer, Kafka, Partitioners, Producer } from 'kafkajs';
import { LocalKafkaCluster } from '../../scripts/kafka/cluster';
import { SynthesizedManifests } from '../../scripts/kafka/manifests';
import { readSynthesizedCluster, SynthesizedCluster } from '../../scripts/kafka/synthesized-cluster';
import { validateAgainstStrimziCrds } from '../lib/support/schemas';
import { threeBrokerClusterObjects } from './support/three-node-objects';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `check` every 250 ms until it returns a value, or throws after `timeoutMs`. */
async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

describe('a cluster of 1 controller and 3 brokers from synthesized Kafka and KafkaNodePool objects', () => {
  let synthesized: SynthesizedCluster;
  let cluster: LocalKafkaCluster;
  let admin: Admin;
  const objects = threeBrokerClusterObjects();
  // The production profile's listeners authenticate; the fault tests are about replication, so their clients use
  // the harness's own super user.
  const client = (): Kafka => new Kafka(cluster.adminClientConfig('fault-test'));

  /** Creates a topic of 3 replicas, min ISR 2, and waits until every replica is in sync. */
  async function createReplicatedTopic(topic: string, partitions: number): Promise<void> {
    await admin.createTopics({
      topics: [{ topic, numPartitions: partitions, replicationFactor: 3, configEntries: [{ name: 'min.insync.replicas', value: '2' }] }],
      waitForLeaders: true,
    });
    await until(`3 in-sync replicas of ${topic}`, async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0].partitions.every((p) => p.isr.length === 3) || undefined;
    });
  }

  /** Restarts every killed broker and waits until the topic's replicas are all in sync again. */
  async function heal(topic: string): Promise<void> {
    for (const node of cluster.brokers.filter((b) => !b.running)) await cluster.startNode(node.id);
    await until(`${topic} back in sync`, async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return topics[0].partitions.every((p) => p.isr.length === 3) || undefined;
    });
  }

  beforeAll(async () => {
    synthesized = await readSynthesizedCluster(SynthesizedManifests.fromObjects(objects));
    cluster = await LocalKafkaCluster.start(synthesized.options);
    admin = new Kafka(cluster.adminClientConfig()).admin();
    await admin.connect();
  }, 180_000);

  afterAll(async () => {
    await admin?.disconnect();
    await cluster?.destroy();
  }, 90_000);

  test('runs what the objects say: node roles, a rack per broker, the replication settings', async () => {
    // GIVEN valid Strimzi objects (checked against the 1.2.0 CRDs)
    expect(validateAgainstStrimziCrds(objects).flatMap((r) => r.errors)).toEqual([]);
    // THEN 3 broker-only nodes in zones round-robin and 1 controller-only node
    expect(cluster.nodes.map((n) => [n.roles.join(','), n.rack])).toEqual([
      ['broker', 'zone-0'], ['broker', 'zone-1'], ['broker', 'zone-2'], ['controller', undefined],
    ]);
    // AND each broker runs with the Kafka's spec.kafka.config and its own broker.rack
    const { resources } = await admin.describeConfigs({
      resources: cluster.brokers.map((b) => ({
        type: ConfigResourceTypes.BROKER,
        name: String(b.id),
        configNames: ['broker.rack', 'min.insync.replicas', 'default.replication.factor', 'offsets.topic.replication.factor'],
      })),
      includeSynonyms: false,
    });
    const byBroker = resources.map((r) => Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue])));
    expect(byBroker).toEqual(cluster.brokers.map((b) => ({
      'broker.rack': b.rack,
      'min.insync.replicas': '2',
      'default.replication.factor': '3',
      'offsets.topic.replication.factor': '3',
    })));
  }, 30_000);

  test("loads Strimzi's metrics reporter: a broker answers a scrape with Kafka broker metrics", async () => {
    // WHEN a broker's metrics endpoint is scraped
    const response = await fetch(cluster.brokers[0].metricsUrl!);
    const text = await response.text();
    // THEN it answers Prometheus text with the broker's own metrics (Yammer and Kafka metrics)
    expect(response.status).toBe(200);
    expect(text).toMatch(/^kafka_server_replicamanager_leadercount \d+(\.\d+)?$/m);
    expect(text).toMatch(/^kafka_server_brokertopicmetrics_messagesinpersec_total \d/m);
  }, 30_000);

  test('SIGKILL of a broker mid-stream: every acknowledged record is consumed, and consumption continues', async () => {
    // GIVEN a topic of 3 partitions, 3 replicas, min ISR 2, a consumer reading it and a producer configured like
    // the service's (idempotent, one request in flight, acks=all)
    const topic = 'fault-stream';
    await createReplicatedTopic(topic, 3);
    const reads: Array<{ n: number; partition: number; offset: string; at: number }> = [];
    const consumer: Consumer = client().consumer({ groupId: 'fault-stream-reader' });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.run({ eachMessage: async ({ partition, message }) => {
      reads.push({ n: Number(message.value?.toString()), partition, offset: message.offset, at: Date.now() });
    } });
    await joined;
    const producer: Producer = client().producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();

    // WHEN numbered records are sent one at a time and the leader of partition 0 is killed after a third of them
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const victim = topics[0].partitions.find((p) => p.partitionId === 0)!.leader;
    const victimPartitions = topics[0].partitions.filter((p) => p.leader === victim).map((p) => p.partitionId);
    const total = 300;
    const acknowledged = new Map<number, { partition: number; at: number }>();
    const failed: number[] = [];
    let killedAt = 0;
    for (let n = 0; n < total; n++) {
      if (n === total / 3) {
        await cluster.killNode(victim);
        killedAt = Date.now();
      }
      try {
        const [result] = await producer.send({ topic, acks: -1, messages: [{ key: `record-${n}`, value: String(n) }] });
        acknowledged.set(n, { partition: result.partition, at: Date.now() });
      } catch {
        failed.push(n);
      }
      await sleep(10);
    }
    await producer.disconnect();
    await until('the consumer to read every acknowledged record', async () =>
      [...acknowledged.keys()].every((n) => reads.some((r) => r.n === n)) || undefined);
    await consumer.disconnect();

    // THEN nothing acknowledged is lost, the log holds each record once, and the consumer went on after the kill
    const consumed = new Set(reads.map((r) => r.n));
    const lost = [...acknowledged.keys()].filter((n) => !consumed.has(n));
    const positions = new Map<number, Set<string>>();
    for (const r of reads) positions.set(r.n, (positions.get(r.n) ?? new Set()).add(`${r.partition}/${r.offset}`));
    const writtenTwice = [...positions.values()].filter((p) => p.size > 1).length;
    const redelivered = reads.length - [...positions.values()].reduce((sum, p) => sum + p.size, 0);
    const firstAckAfterKill = Math.min(...[...acknowledged.values()]
      .filter((a) => a.at > killedAt && victimPartitions.includes(a.partition)).map((a) => a.at));
    const figures = {
      sent: total,
      acknowledged: acknowledged.size,
      notAcknowledged: failed.length,
      consumed: consumed.size,
      lost: lost.length,
      duplicatedInLog: writtenTwice,
      redeliveredToConsumer: redelivered,
      killedBroker: victim,
      failoverMs: firstAckAfterKill - killedAt,
      consumedAfterKill: reads.filter((r) => r.at > killedAt).length,
    };
    console.log(`Broker SIGKILL mid-stream: ${JSON.stringify(figures)}`);
    expect(lost).toEqual([]);
    expect(writtenTwice).toBe(0);
    expect(acknowledged.size).toBeGreaterThan(total / 2);
    expect([...acknowledged.keys()].some((n) => n > total / 3)).toBe(true);
    expect(figures.consumedAfterKill).toBeGreaterThan(0);
    expect(Number.isFinite(figures.failoverMs)).toBe(true);

    await heal(topic);
  }, 240_000);

  test('with too few in-sync replicas, acks=all writes are refused (NOT_ENOUGH_REPLICAS), not accepted', async () => {
    // GIVEN a topic of 3 replicas and min ISR 2 whose leader survives while its two followers are killed
    const topic = 'min-isr';
    await createReplicatedTopic(topic, 1);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const leader = topics[0].partitions[0].leader;
    for (const follower of cluster.brokers.filter((b) => b.id !== leader)) await cluster.killNode(follower.id);
    // (the controller takes a broker out of every ISR once it fences it, after broker.session.timeout.ms)
    await until('the ISR to shrink to the leader', async () => {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
      return metadata.topics[0].partitions[0].isr.length === 1 || undefined;
    });
    const before = await admin.fetchTopicOffsets(topic);

    // WHEN the service-like producer writes with acks=all
    const producer = client().producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 2 } });
    await producer.connect();
    const error = await producer.send({ topic, acks: -1, messages: [{ value: 'must-not-be-kept' }] }).then(() => undefined, (e: unknown) => e);
    await producer.disconnect();

    // THEN the broker refuses it for lack of in-sync replicas, and the partition's log did not grow
    expect(error).toMatchObject({ cause: { type: 'NOT_ENOUGH_REPLICAS' } });
    expect(String(error)).toMatch(/fewer in-sync replicas than required/);
    expect(await admin.fetchTopicOffsets(topic)).toEqual(before);

    await heal(topic);
  }, 240_000);
});
