import { Admin, Kafka, KafkaMessage } from 'kafkajs';
import { KafkaBroker } from '../../scripts/kafka/broker';
import { applyKafkaUsers } from '../../scripts/kafka/users';
import { AuthorizerLog, clientOf, explainDenial } from './support/clients';
import { CONSUMER, GROUP, KafkaUserObject, PRODUCER, SEED_USERS, TOPIC, withoutAcl } from './support/seed-users';

/**
 * The seed's KafkaUsers applied to a broker secured like dist/ (SCRAM-SHA-512, StandardAuthorizer), then
 * exercised with plain kafkajs clients logging in with the credential files the harness wrote: each user can
 * do its job, and nothing else.
 */
describe('ACLs from the seed KafkaUsers on a secured broker', () => {
  let broker: KafkaBroker;
  const log = new AuthorizerLog();
  const asProducer = (): Kafka => clientOf(broker.cluster, 'plain', { user: PRODUCER });
  const asConsumer = (): Kafka => clientOf(broker.cluster, 'plain', { user: CONSUMER });

  beforeAll(async () => {
    broker = await KafkaBroker.start({
      listeners: [{ name: 'plain', authentication: 'scram-sha-512' }],
      authorization: {},
      onLogLine: log.onLogLine,
    });
    await withAdmin(new Kafka(broker.cluster.adminClientConfig()), (admin) =>
      admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true }));
    await applyKafkaUsers(broker.cluster, SEED_USERS);
    await produce(asProducer(), 'seed');
  }, 120_000);

  afterAll(async () => {
    await broker?.destroy();
  }, 60_000);

  describe('the producer', () => {
    test('can write its topic with an idempotent acks=all producer, like the service', async () => {
      await expect(produce(asProducer(), 'by-producer')).resolves.toMatch(/^\d+$/);
    }, 30_000);

    test('cannot read its topic in the consumer group: the error names the denied group', async () => {
      // GIVEN the producer's credentials in the consumer's group
      const since = log.mark();
      // WHEN it consumes
      const error = await consumeFirst(asProducer(), GROUP).then(() => undefined, (e: unknown) => e);
      // THEN kafkajs only says it found no coordinator; the broker's authorizer names the cause
      expect(error).toMatchObject({ name: 'KafkaJSGroupCoordinatorNotFound' });
      const explained = await explainDenial(error, log, since, `User:${PRODUCER}`);
      expect(explained.message).toMatch(/Failed to find group coordinator/);
      expect(explained.message).toMatch(
        new RegExp(
          `Principal = User:${PRODUCER} is Denied operation = DESCRIBE .* on resource = Group:LITERAL:${GROUP} for request = FindCoordinator`,
        ),
      );
    }, 60_000);

    test('cannot read its topic even in a group it may use (no topic Read)', async () => {
      // GIVEN the producer user with a test-only group ACL added, so that only the topic decides
      const probe = 'producer-probe';
      const widened = JSON.parse(JSON.stringify(SEED_USERS)) as KafkaUserObject[];
      widened.find((u) => u.metadata.name === PRODUCER)!.spec.authorization!.acls.push({ resource: { type: 'group', name: probe },
        operations: ['Read'] });
      await applyKafkaUsers(broker.cluster, widened);
      const since = log.mark();
      try {
        // WHEN it consumes in that group  THEN the fetch is refused for the topic
        await expect(consumeFirst(asProducer(), probe)).rejects.toThrow(/Not authorized to access topics: \[Topic authorization failed\]/);
        await log.waitForDenial(since, `User:${PRODUCER}`, new RegExp(`Denied operation = READ .* Topic:LITERAL:${TOPIC}`));
      } finally {
        await applyKafkaUsers(broker.cluster, SEED_USERS);
      }
    }, 60_000);

    test('cannot create or delete topics', async () => {
      const since = log.mark();
      await withAdmin(asProducer(), async (admin) => {
        await expect(admin.createTopics({ topics: [{ topic: 'sneaky', numPartitions: 1, replicationFactor: 1 }] }))
        .rejects.toThrow(/Topic creation errors/);
        await expect(admin.deleteTopics({ topics: [TOPIC] })).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
      });
      await log.waitForDenial(since, `User:${PRODUCER}`, /Denied operation = CREATE .* Topic:LITERAL:sneaky/);
      await log.waitForDenial(since, `User:${PRODUCER}`, new RegExp(`Denied operation = DELETE .* Topic:LITERAL:${TOPIC}`));
      // AND the topics are as they were
      const topics = await withAdmin(new Kafka(broker.cluster.adminClientConfig()), (admin) => admin.listTopics());
      expect(topics).toContain(TOPIC);
      expect(topics).not.toContain('sneaky');
    }, 30_000);

    test("cannot touch another group (the consumer's offsets)", async () => {
      const since = log.mark();
      await withAdmin(asProducer(), async (admin) => {
        // (kafkajs' admin knows no broker before its first metadata request)
        await admin.fetchTopicMetadata({ topics: [TOPIC] });
        await expect(admin.fetchOffsets({ groupId: GROUP, topics: [TOPIC] })).rejects.toThrow(/Failed to find group coordinator/);
      });
      await log.waitForDenial(since, `User:${PRODUCER}`, new RegExp(`Denied operation = DESCRIBE .* Group:LITERAL:${GROUP}`));
    }, 30_000);
  });

  describe('the consumer', () => {
    test('can read its topic in its group', async () => {
      const message = await consumeFirst(asConsumer(), GROUP);
      expect(message.value?.toString()).toBe('seed');
    }, 60_000);

    test('cannot write its topic', async () => {
      const since = log.mark();
      // A plain (not idempotent) producer, so that the Produce request itself is what is refused.
      const producer = asConsumer().producer();
      await producer.connect();
      try {
        await expect(producer.send({ topic: TOPIC, acks: -1, messages: [{ value: 'by-consumer' }] })).rejects.toMatchObject({
          type: 'TOPIC_AUTHORIZATION_FAILED',
        });
      } finally {
        await producer.disconnect();
      }
      await log.waitForDenial(since, `User:${CONSUMER}`, new RegExp(`Denied operation = WRITE .* Topic:LITERAL:${TOPIC} for request = Produce`));
    }, 30_000);

    test('cannot use another group', async () => {
      const since = log.mark();
      await expect(consumeFirst(asConsumer(), 'other-group')).rejects.toMatchObject({ name: 'KafkaJSGroupCoordinatorNotFound' });
      await log.waitForDenial(since, `User:${CONSUMER}`, /Denied operation = DESCRIBE .* Group:LITERAL:other-group/);
    }, 60_000);

    test('cannot create or delete topics', async () => {
      await withAdmin(asConsumer(), async (admin) => {
        await expect(admin.createTopics({ topics: [{ topic: 'sneaky', numPartitions: 1, replicationFactor: 1 }] }))
        .rejects.toThrow(/Topic creation errors/);
        await expect(admin.deleteTopics({ topics: [TOPIC] })).rejects.toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
      });
    }, 30_000);
  });

  describe('negative control', () => {
    test('with its group ACL removed from the KafkaUser, the consumer can no longer read in its group', async () => {
      // GIVEN the seed users with the consumer's group ACL left out, applied as the User Operator would
      await applyKafkaUsers(broker.cluster, withoutAcl(SEED_USERS, CONSUMER, 'group'));
      const since = log.mark();
      try {
        // WHEN the consumer reads in its group  THEN it is denied, as the read test would be
        await expect(consumeFirst(asConsumer(), GROUP)).rejects.toMatchObject({ name: 'KafkaJSGroupCoordinatorNotFound' });
        await log.waitForDenial(since, `User:${CONSUMER}`, new RegExp(`Denied operation = DESCRIBE .* Group:LITERAL:${GROUP}`));
      } finally {
        await applyKafkaUsers(broker.cluster, SEED_USERS);
      }
      // AND with the ACL back, reading works again
      await expect(consumeFirst(asConsumer(), GROUP)).resolves.toBeDefined();
    }, 90_000);
  });
});

async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/** Sends one record as the services do (idempotent, one request in flight, acks=all); resolves with its offset. */
async function produce(kafka: Kafka, value: string): Promise<string> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 2 } });
  await producer.connect();
  try {
    const [result] = await producer.send({ topic: TOPIC, acks: -1, messages: [{ value }] });
    return result.baseOffset ?? '';
  } finally {
    await producer.disconnect();
  }
}

/**
 * Joins `groupId` and resolves with the first record of the topic, or rejects with the error the consumer
 * crashed on. Commits nothing, so every test starts at the beginning.
 */
async function consumeFirst(kafka: Kafka, groupId: string, timeoutMs = 30_000): Promise<KafkaMessage> {
  const consumer = kafka.consumer({ groupId, retry: { retries: 0 } });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    return await new Promise<KafkaMessage>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No record within ${timeoutMs} ms in group ${groupId}`)), timeoutMs);
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        reject(payload.error);
      });
      consumer
        .run({ autoCommit: false, eachMessage: async ({ message }) => { clearTimeout(timer); resolve(message); } })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}
