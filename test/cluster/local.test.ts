import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, KafkaMessage, logLevel } from 'kafkajs';
import { freePort } from '../../scripts/kafka/free-port';
import { LocalKafka, startLocalKafka } from '../../scripts/kafka/local';
import { LocalPlan, planLocalRun } from '../../scripts/kafka/local-plan';
import { SynthesizedManifests } from '../../scripts/kafka/manifests';
import { SeedSecurity, seedObjects } from './support/secured-seed';
import { kafkaFromServiceEnv } from './support/service-env';

async function produceAndConsume(plan: LocalPlan): Promise<KafkaMessage> {
  const env = (name: string) => plan.services.find((s) => s.name === name)!.env;
  const producerEnv = env('producer');
  const consumerEnv = env('consumer');
  const producer = kafkaFromServiceEnv(producerEnv).producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  await producer.send({ topic: producerEnv.KAFKA_TOPIC, acks: -1, messages: [{ value: '{"data":0.5}' }] });
  await producer.disconnect();
  const consumer = kafkaFromServiceEnv(consumerEnv).consumer({ groupId: consumerEnv.KAFKA_GROUP_ID });
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: consumerEnv.KAFKA_TOPIC, fromBeginning: true });
    return await new Promise<KafkaMessage>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, ({ payload }) => reject(payload.error));
      consumer.run({ eachMessage: async ({ message }) => resolve(message) }).catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

describe('npm run local: a broker set up as the manifests describe, and the services’ environment', () => {
  let credentialsDir: string;
  let local: LocalKafka | undefined;

  beforeEach(() => (credentialsDir = mkdtempSync(join(tmpdir(), 'local-credentials-'))));
  afterEach(async () => {
    await local?.broker.destroy();
    local = undefined;
    rmSync(credentialsDir, { recursive: true, force: true });
  }, 60_000);

  async function start(manifests: SynthesizedManifests): Promise<LocalPlan> {
    const plan = planLocalRun(manifests, { port: await freePort(), httpPorts: { producer: 8080, consumer: 8081 }, credentialsDir });
    local = await startLocalKafka(plan, credentialsDir);
    return plan;
  }

  test('for a seed without security: a record flows with the Deployments’ environment alone, no credentials', async () => {
    const plan = await start(SynthesizedManifests.fromObjects(seedObjects('none')));
    await expect(produceAndConsume(plan)).resolves.toMatchObject({ value: Buffer.from('{"data":0.5}') });
    expect(existsSync(join(credentialsDir, 'users'))).toBe(false);
  }, 90_000);

  test.each<[SeedSecurity, string[]]>([
    ['scram', ['cluster-ca.crt', 'users/admin/password', 'users/data-producer/password', 'users/data-consumer/password']],
    ['mtls', ['cluster-ca.crt', 'users/data-producer/user.crt', 'users/data-producer/user.key', 'users/data-consumer/user.crt',
      'users/data-consumer/user.key']],
  ])('for a seed secured with %s: credentials where the env points, and a record flows with them', async (security, files) => {
    // GIVEN the secured seed's objects  WHEN the local broker is set up from them
    const plan = await start(SynthesizedManifests.fromObjects(seedObjects(security)));

    // THEN the User Operator's Secret files exist under the credentials folder
    for (const file of files) expect(existsSync(join(credentialsDir, file))).toBe(true);
    // AND the producer's and consumer's environments alone are enough to send and receive through the ACLs
    await expect(produceAndConsume(plan)).resolves.toMatchObject({ value: Buffer.from('{"data":0.5}') });
    // AND a client without those credentials gets nothing
    const intruder = new Kafka({ brokers: plan.services[0].env.KAFKA_BOOTSTRAP_SERVERS.split(','), retry: { retries: 0 },
      logLevel: logLevel.NOTHING }).admin();
    await expect(intruder.connect().then(() => intruder.listTopics())).rejects.toThrow();
    await intruder.disconnect();
  }, 90_000);
});
