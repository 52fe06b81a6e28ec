import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, KafkaJSSASLAuthenticationError } from 'kafkajs';
import { KafkaBroker } from '../../scripts/kafka/broker';
import { ADMIN_USER } from '../../scripts/kafka/cluster';
import { applyKafkaUsers, AppliedUser } from '../../scripts/kafka/users';
import { clientOf } from './support/clients';
import { CLUSTER, PRODUCER, SEED_USERS, TOPIC } from './support/seed-users';

/** An mTLS user allowed to write the topic, shaped like the SCRAM producer. */
const TLS_PRODUCER = {
  apiVersion: 'kafka.strimzi.io/v1',
  kind: 'KafkaUser',
  metadata: { name: 'data-producer-tls', labels: { 'strimzi.io/cluster': CLUSTER } },
  spec: {
    authentication: { type: 'tls' },
    authorization: { type: 'simple', acls: [{ resource: { type: 'topic', name: TOPIC }, operations: ['Write'] }] },
  },
};

async function send(kafka: Kafka): Promise<string> {
  // Configured like the services' producer; an idempotent producer needs retries.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, retry: { retries: 2 } });
  await producer.connect();
  try {
    const [result] = await producer.send({ topic: TOPIC, acks: -1, messages: [{ value: 'measurement' }] });
    return result.baseOffset ?? '';
  } finally {
    await producer.disconnect();
  }
}

describe('a secured broker (SCRAM-SHA-512 with and without TLS, mTLS, StandardAuthorizer)', () => {
  let broker: KafkaBroker;
  let users: AppliedUser[];
  const log: string[] = [];

  beforeAll(async () => {
    broker = await KafkaBroker.start({
      listeners: [
        { name: 'scram', authentication: 'scram-sha-512' },
        { name: 'scramtls', tls: true, authentication: 'scram-sha-512' },
        { name: 'mtls', tls: true, authentication: 'tls' },
      ],
      authorization: {},
      onLogLine: (line) => log.push(line),
    });
    users = await applyKafkaUsers(broker.cluster, [...SEED_USERS, TLS_PRODUCER]);
    const admin = new Kafka(broker.cluster.adminClientConfig()).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    await admin.disconnect();
  }, 120_000);

  afterAll(async () => {
    await broker?.destroy();
  }, 60_000);

  test('writes credentials where the User Operator Secret keys are, readable by their owner only', () => {
    // GIVEN the applied users  THEN SCRAM users have a 32-character password, TLS users a certificate and key
    const dir = broker.cluster.credentialsDir;
    const password = readFileSync(join(dir, 'users', PRODUCER, 'password'), 'utf8');
    expect(password).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(users.find((u) => u.name === PRODUCER)?.secretFiles).toEqual({ password: join(dir, 'users', PRODUCER, 'password') });
    expect(readFileSync(join(dir, 'users', 'data-producer-tls', 'user.key'), 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(existsSync(join(dir, 'users', 'data-producer-tls', 'user.crt'))).toBe(true);
    expect(existsSync(join(dir, 'users', 'data-producer-tls', 'ca.crt'))).toBe(true);
    // the harness's own super user is there too, and the CA TLS clients trust
    expect(readFileSync(join(dir, 'users', ADMIN_USER, 'password'), 'utf8')).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(existsSync(join(dir, 'cluster-ca.crt'))).toBe(true);
    expect(statSync(join(dir, 'users', PRODUCER, 'password')).mode & 0o077).toBe(0);
  });

  test('SCRAM over PLAINTEXT and over TLS accept the written password', async () => {
    // WHEN the producer user sends on both SCRAM listeners  THEN the broker acknowledges both
    await expect(send(clientOf(broker.cluster, 'scram', { user: PRODUCER }))).resolves.toMatch(/^\d+$/);
    await expect(send(clientOf(broker.cluster, 'scramtls', { user: PRODUCER }))).resolves.toMatch(/^\d+$/);
  }, 30_000);

  test('mTLS accepts a certificate signed by the clients CA, as principal User:CN=<name>', async () => {
    // GIVEN the only ACL of the TLS user is for User:CN=data-producer-tls
    expect(users.find((u) => u.name === 'data-producer-tls')?.principal).toBe('User:CN=data-producer-tls');
    // WHEN it sends with its user.crt and user.key  THEN the write is authorized
    await expect(send(clientOf(broker.cluster, 'mtls', { user: 'data-producer-tls' }))).resolves.toMatch(/^\d+$/);
  }, 30_000);

  test('a wrong password is rejected', async () => {
    // WHEN the producer logs in with another password  THEN SASL authentication fails
    const kafka = clientOf(broker.cluster, 'scram', { username: PRODUCER, password: 'not-the-password' });
    const error = await send(kafka).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KafkaJSSASLAuthenticationError);
    expect(String(error)).toMatch(/invalid credentials with SASL mechanism SCRAM-SHA-512/);
  }, 30_000);

  test('an unknown user is rejected', async () => {
    const kafka = clientOf(broker.cluster, 'scram', { username: 'nobody', password: 'whatever' });
    await expect(send(kafka)).rejects.toBeInstanceOf(KafkaJSSASLAuthenticationError);
  }, 30_000);

  test('a client without credentials is rejected on the SCRAM listener', async () => {
    // GIVEN a client that does not speak SASL
    const admin = clientOf(broker.cluster, 'scram', { anonymous: true }).admin();
    const from = log.length;
    try {
      // WHEN it asks for metadata  THEN the broker closes the connection instead of answering
      await admin.connect();
      await expect(admin.listTopics()).rejects.toMatchObject({ name: 'KafkaJSConnectionClosedError' });
    } finally {
      await admin.disconnect();
    }
    await expectLogLine(log, from, /Unexpected Kafka request of type METADATA during SASL handshake/);
  }, 30_000);

  test('an mTLS client without a certificate is rejected in the TLS handshake', async () => {
    // GIVEN a client that trusts the cluster CA but presents no certificate
    const admin = clientOf(broker.cluster, 'mtls', { anonymous: true }).admin();
    // WHEN it connects  THEN the broker refuses the handshake
    const error = await admin.connect().catch((e: unknown) => e);
    await admin.disconnect();
    expect(String(error)).toMatch(/bad certificate|certificate required/);
  }, 30_000);

  test('a TLS client that does not trust the cluster CA refuses the broker', async () => {
    // GIVEN a client trusting only the public CAs
    const kafka = clientOf(broker.cluster, 'scramtls', { user: PRODUCER }, { ssl: true });
    // THEN the broker's certificate, signed by the local cluster CA, is not accepted
    await expect(send(kafka)).rejects.toThrow(/self-signed certificate in certificate chain/);
  }, 30_000);
});

async function expectLogLine(log: readonly string[], from: number, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!log.slice(from).some((line) => pattern.test(line))) {
    if (Date.now() > deadline) throw new Error(`The broker logged no line matching ${pattern}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
