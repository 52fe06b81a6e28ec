import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdk8s';
import { Admin, Kafka } from 'kafkajs';
import { buildConnectApp } from '../../examples/connect-app';
import { LocalKafkaCluster } from '../../scripts/kafka/cluster';
import { LocalConnectWorker } from '../../scripts/kafka/connect-worker';
import { SynthesizedManifests } from '../../scripts/kafka/manifests';
import { readSynthesizedCluster } from '../../scripts/kafka/synthesized-cluster';
import { toTopicConfig } from '../../scripts/kafka/synthesized-topic';
import { applyKafkaUsers } from '../../scripts/kafka/users';
import { synthApp } from '../lib/support/synth';
import { AuthorizerLog, clientOf } from './support/clients';
import { KafkaUserObject } from './support/seed-users';

/**
 * The Connect example (examples/connect-app.ts) run for real: Kafka 4.3.1 from its synthesized Kafka (SCRAM over TLS,
 * StandardAuthorizer with allow.everyone.if.no.acl.found=false), its KafkaUsers and KafkaTopics applied as the
 * operators would, and a Kafka Connect 4.3.1 worker (Apache Kafka's jars from Maven Central, the FileStream plugin
 * from its spec.build) configured from its KafkaConnect, running its KafkaConnectors. Only the derived ACLs.
 */
const DIR = mkdtempSync(join(tmpdir(), 'connect-test-'));
const SOURCE = join(DIR, 'orders-in.txt');
const SINK = join(DIR, 'orders-out.txt');
const app = Testing.app();
buildConnectApp(app, { brokers: 1, sourceFile: SOURCE, sinkFile: SINK, workerConfig: { 'offset.flush.interval.ms': '1000' } });
const OBJECTS = synthApp(app);
const MANIFESTS = SynthesizedManifests.fromObjects(OBJECTS, 'examples/connect-app.ts');
const USERS = OBJECTS.filter((o) => o.kind === 'KafkaUser') as unknown as KafkaUserObject[];
const WORKER = 'User:orders-connect';
const BRIDGE = 'orders-bridge';
const GROUPS = ['orders-connect', 'connect-orders-file-sink', BRIDGE];
const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `order-${from + i}`);

/** `users` with the operation `operation` taken out of the ACL on `resource` (`topic:<name>` or `group:<name>`) of `user`. */
function withoutOperation(user: string, resource: string, operation: string): KafkaUserObject[] {
  const copy = JSON.parse(JSON.stringify(USERS)) as KafkaUserObject[];
  const acls = copy.find((u) => u.metadata.name === user)!.spec.authorization!.acls;
  const acl = acls.find((a) => `${a.resource.type}:${a.resource.name}` === resource && a.operations.includes(operation));
  if (!acl) throw new Error(`KafkaUser '${user}' has no ${operation} on ${resource} to remove`);
  acl.operations = acl.operations.filter((o) => o !== operation);
  copy.find((u) => u.metadata.name === user)!.spec.authorization!.acls = acls.filter((a) => a.operations.length > 0);
  return copy;
}

describe('Kafka Connect from the synthesized example on a secured broker', () => {
  let cluster: LocalKafkaCluster;
  let worker: LocalConnectWorker | undefined;
  const log = new AuthorizerLog();

  const withAdmin = async <T>(work: (admin: Admin) => Promise<T>): Promise<T> => {
    const admin = new Kafka(cluster.adminClientConfig()).admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect();
    }
  };
  const sinkLines = () => readFileSync(SINK, 'utf8').split('\n').filter((l) => l !== '');
  const waitForSink = async (count: number, timeoutMs: number): Promise<string[]> => {
    const deadline = Date.now() + timeoutMs;
    while (sinkLines().length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
    return sinkLines();
  };
  const startWorker = async () => {
    worker = await LocalConnectWorker.start(cluster, MANIFESTS, { dir: join(DIR, 'worker') });
    return worker;
  };
  const stopWorker = async () => {
    await worker?.stop();
    worker = undefined;
  };

  /** Runs `work` until it succeeds, for at most 30 s. */
  const retrying = async (work: () => Promise<unknown>): Promise<void> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await work();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  };

  // A fresh start for each run, as a new Connect cluster on new topics: every KafkaTopic of the app recreated (the
  // Topic Operator's job), the groups deleted, the files emptied.
  const resetState = async (): Promise<void> => {
    const topics = MANIFESTS.ofKind('KafkaTopic').map(toTopicConfig);
    await withAdmin(async (admin) => {
      const existing = await admin.listTopics();
      await admin.deleteTopics({ topics: topics.map((t) => t.topic).filter((t) => existing.includes(t)) });
      // a worker killed while stuck stays a member of its group until its session times out (10 s)
      await retrying(async () => {
        const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
        if (GROUPS.some((g) => groups.includes(g))) await admin.deleteGroups(GROUPS.filter((g) => groups.includes(g)));
      });
      // a deleted topic lingers for a moment
      await retrying(() => admin.createTopics({ topics, waitForLeaders: true }));
    });
    writeFileSync(SOURCE, '');
    writeFileSync(SINK, '');
  };

  beforeAll(async () => {
    const synthesized = await readSynthesizedCluster(MANIFESTS);
    cluster = await LocalKafkaCluster.start({ ...synthesized.options, onLogLine: log.onLogLine });
    await applyKafkaUsers(cluster, USERS);
  }, 180_000);

  afterAll(async () => {
    await stopWorker();
    await cluster?.destroy();
    rmSync(DIR, { recursive: true, force: true });
  }, 90_000);

  describe('with the derived ACLs', () => {
    let since: number;
    beforeAll(async () => {
      await resetState();
      since = log.mark();
      await startWorker();
      await worker!.applyConnectors();
    }, 240_000);

    test('records flow source → orders → sink', async () => {
      // WHEN 20 lines are appended to the source file
      appendFileSync(SOURCE, lines(0, 20).map((l) => `${l}\n`).join(''));
      // THEN the sink file holds the same 20 lines, in order, and `orders` holds 20 records
      expect(await waitForSink(20, 60_000)).toEqual(lines(0, 20));
      const offsets = await withAdmin((admin) => admin.fetchTopicOffsets('orders'));
      expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(20);
    }, 90_000);

    test('the connectors and their tasks report RUNNING', async () => {
      for (const name of ['orders-file-source', 'orders-file-sink']) {
        const status = await worker!.status(name);
        expect([status.connector.state, ...status.tasks.map((t) => t.state)]).toEqual(['RUNNING', 'RUNNING']);
      }
    }, 30_000);

    test('after a restart the worker resumes at its committed offsets: no record twice', async () => {
      // GIVEN the offsets committed (every second) WHEN the worker restarts and 10 more lines arrive
      await new Promise((r) => setTimeout(r, 3_000));
      await stopWorker();
      await startWorker();
      appendFileSync(SOURCE, lines(20, 30).map((l) => `${l}\n`).join(''));
      // THEN the sink holds each of the 30 lines exactly once
      await waitForSink(30, 60_000);
      await new Promise((r) => setTimeout(r, 3_000));
      expect(sinkLines()).toEqual(lines(0, 30));
    }, 180_000);

    test('the worker is denied only what it does not need: creating its topics and reading their configs', async () => {
      // (Connect falls back when it may not create its topics or check that they are compacted: the library creates
      // them, compacted, as Topics.)
      const denied = new Set(log.denials(since, WORKER).map((l) => /operation = (\w+) .* resource = (\S+) /.exec(l)!.slice(1).join(' ')));
      expect([...denied].sort()).toEqual(['configs', 'offsets', 'status'].flatMap((t) => [
        `CREATE Topic:LITERAL:orders-connect-${t}`, `DESCRIBE_CONFIGS Topic:LITERAL:orders-connect-${t}`]).sort());
    });

    afterAll(stopWorker, 60_000);
  });

  /**
   * Each derived ACL removed in turn (the others applied as derived): the test named `breaks` fails, and the broker's
   * authorizer logs `denial`.
   */
  describe('each derived ACL of the worker is needed', () => {
    const FLOW = 'records flow source → orders → sink';
    const STATUS = 'the connectors and their tasks report RUNNING';
    const RESTART = 'after a restart the worker resumes at its committed offsets: no record twice';
    test.each([
      ['topic:orders-connect-configs', 'Read', FLOW, /READ .* Topic:LITERAL:orders-connect-configs for request = Fetch/],
      ['topic:orders-connect-configs', 'Write', FLOW, /WRITE .* Topic:LITERAL:orders-connect-configs for request = Produce/],
      ['topic:orders-connect-offsets', 'Read', RESTART, /READ .* Topic:LITERAL:orders-connect-offsets for request = Fetch/],
      ['topic:orders-connect-offsets', 'Write', RESTART, /WRITE .* Topic:LITERAL:orders-connect-offsets for request = Produce/],
      ['topic:orders-connect-status', 'Read', STATUS, /READ .* Topic:LITERAL:orders-connect-status for request = Fetch/],
      ['topic:orders-connect-status', 'Write', STATUS, /WRITE .* Topic:LITERAL:orders-connect-status for request = Produce/],
      ['group:orders-connect', 'Read', FLOW, /DESCRIBE .* Group:LITERAL:orders-connect for request = FindCoordinator/],
      ['topic:orders', 'Read', FLOW, /READ .* Topic:LITERAL:orders for request = Fetch/],
      ['topic:orders', 'Write', FLOW, /WRITE .* Topic:LITERAL:orders for request = Produce/],
      ['group:connect-orders-file-sink', 'Read', FLOW, /DESCRIBE .* Group:LITERAL:connect-orders-file-sink for request = FindCoordinator/],
    ])('without %s %s, "%s" fails and the broker logs the denial', async (resource, operation, breaks, denial) => {
      // GIVEN the derived KafkaUsers with one operation taken out, applied as the User Operator would
      await resetState();
      await applyKafkaUsers(cluster, withoutOperation('orders-connect', resource, operation));
      const since = log.mark();
      try {
        await startWorker();
        // WHEN the connectors are applied and records arrive
        const applied = await worker!.applyConnectors(20_000).then(() => true, () => false);
        appendFileSync(SOURCE, lines(0, 20).map((l) => `${l}\n`).join(''));
        // THEN the broker denies exactly that operation
        const line = await log.waitForDenial(since, WORKER, denial, 60_000);
        process.stdout.write(`[connect ACL] without ${resource} ${operation}: ${line.replace(/^.*kafka\.authorizer\.logger - /, '')}\n`);
        // AND the named test's expectation does not hold
        if (breaks === FLOW) {
          expect(applied && (await waitForSink(20, 30_000)).length === 20).toBe(false);
        } else if (breaks === STATUS) {
          const states = await Promise.all(['orders-file-source', 'orders-file-sink'].map((n) => worker!.status(n).then(
            (s) => [s.connector.state, ...s.tasks.map((t) => t.state)].join(), (e: Error) => e.message)));
          expect(states).not.toEqual(['RUNNING,RUNNING', 'RUNNING,RUNNING']);
        } else {
          await waitForSink(20, 30_000);
          await new Promise((r) => setTimeout(r, 3_000));
          await stopWorker();
          await startWorker();
          appendFileSync(SOURCE, lines(20, 30).map((l) => `${l}\n`).join(''));
          await waitForSink(31, 30_000);
          expect(sinkLines()).not.toEqual(lines(0, 30));
        }
      } finally {
        await stopWorker();
        await applyKafkaUsers(cluster, USERS);
      }
    }, 300_000);
  });

  /**
   * Strimzi's HTTP Bridge is not on Maven Central, so it cannot run here. Its derived user is proven with a kafkajs
   * client doing exactly the bridge's Kafka operations: its producer sends (idempotent, acks=all), its consumer
   * joins the group, fetches and commits, and its admin lists the topics (GET /topics).
   */
  describe("the HTTP Bridge's derived user (its Kafka operations by a kafkajs client)", () => {
    const asBridge = () => clientOf(cluster, 'tls', { user: BRIDGE });
    const produce = async (kafka: Kafka) => {
      // Like the bridge's Java producer: idempotent (which needs retries), acks=all.
      const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 2 } });
      await producer.connect();
      try {
        await producer.send({ topic: 'orders', acks: -1, messages: [{ value: 'via-bridge' }] });
      } finally {
        await producer.disconnect();
      }
    };
    const consumeAndCommit = async (kafka: Kafka): Promise<string> => {
      const consumer = kafka.consumer({ groupId: BRIDGE, retry: { retries: 0 } });
      try {
        await consumer.connect();
        await consumer.subscribe({ topic: 'orders', fromBeginning: true });
        return await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no record within 30 s')), 30_000);
          consumer.on(consumer.events.CRASH, ({ payload }) => { clearTimeout(timer); reject(payload.error); });
          consumer.run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              await consumer.commitOffsets([{ topic, partition, offset: String(Number(message.offset) + 1) }]);
              clearTimeout(timer);
              resolve(String(message.value));
            },
          }).catch(reject);
        });
      } finally {
        await consumer.disconnect();
      }
    };

    beforeAll(resetState, 60_000);

    test('produces, lists topics, consumes and commits in its group', async () => {
      await produce(asBridge());
      const admin = asBridge().admin();
      await admin.connect();
      try {
        expect(await admin.listTopics()).toContain('orders');
      } finally {
        await admin.disconnect();
      }
      expect(await consumeAndCommit(asBridge())).toBe('via-bridge');
    }, 90_000);

    // An idempotent producer's first request is InitProducerId, which Kafka allows to a principal with Write on any
    // topic (KIP-679); without it the broker answers CLUSTER_AUTHORIZATION_FAILED, and its authorizer logs nothing.
    test.each([
      ['topic:orders', 'Write', 'produce', { client: /CLUSTER_AUTHORIZATION_FAILED|not authorized/i }],
      ['topic:orders', 'Read', 'consume', { broker: /READ .* Topic:LITERAL:orders for request = Fetch/ }],
      ['group:orders-bridge', 'Read', 'consume', { broker: /DESCRIBE .* Group:LITERAL:orders-bridge for request = FindCoordinator/ }],
    ])('without %s %s it cannot %s', async (resource, operation, what, denial: { client?: RegExp; broker?: RegExp }) => {
      await applyKafkaUsers(cluster, withoutOperation(BRIDGE, resource, operation));
      const since = log.mark();
      try {
        const error = await (what === 'produce' ? produce(asBridge()) : consumeAndCommit(asBridge())).then(() => undefined, (e: unknown) => e);
        expect(error).toBeDefined();
        const seen = denial.broker
          ? (await log.waitForDenial(since, `User:${BRIDGE}`, denial.broker)).replace(/^.*kafka\.authorizer\.logger - /, '')
          : `${(error as { type?: string }).type ?? ''} ${String(error)}`;
        if (denial.client) expect(seen).toMatch(denial.client);
        process.stdout.write(`[bridge ACL] without ${resource} ${operation}: ${seen}\n`);
      } finally {
        await applyKafkaUsers(cluster, USERS);
      }
    }, 90_000);
  });
});
