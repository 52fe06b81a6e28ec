import { join } from 'node:path';
import { planLocalRun } from '../../scripts/kafka/local-plan';
import { SynthesizedManifests } from '../../scripts/kafka/manifests';
import { validateAgainstStrimziCrds } from '../lib/support/schemas';
import { seedObjects } from './support/secured-seed';
import { CONSUMER, GROUP, PRODUCER } from './support/seed-users';

const CREDENTIALS = '/work/.local';
const OPTIONS = { port: 9092, httpPorts: { producer: 8080, consumer: 8081 }, credentialsDir: CREDENTIALS };
const envOf = (plan: ReturnType<typeof planLocalRun>, name: string) => plan.services.find((s) => s.name === name)?.env;

describe('planLocalRun: npm run local derived from the synthesized objects', () => {
  test('the committed dist/: SCRAM-SHA-512 over TLS locally, KafkaUsers applied, CA and passwords as files', () => {
    // GIVEN the committed dist/ (the seed, secured)
    const plan = planLocalRun(SynthesizedManifests.fromDir(), OPTIONS);

    // THEN the local listener has the services' listener's security, and authorization is on
    expect(plan.clusterName).toBe('amm-techlab');
    expect(plan.listener).toEqual({ name: 'tls', tls: true, authentication: 'scram-sha-512', port: 9092 });
    expect(plan.authorization).toEqual({ superUsers: undefined });
    expect(plan.users.map((u) => u.object.metadata?.name)).toEqual([PRODUCER, CONSUMER]);
    expect(plan.topics.map((t) => t.topic)).toEqual(['manual']);
    // AND each service reads its own password file and trusts the local cluster CA
    expect(envOf(plan, 'producer')).toMatchObject({
      KAFKA_BOOTSTRAP_SERVERS: 'localhost:9092', KAFKA_TOPIC: 'manual', HTTP_PORT: '8080',
      KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: PRODUCER,
      KAFKA_SASL_PASSWORD_FILE: join(CREDENTIALS, 'users', PRODUCER, 'password'),
      KAFKA_SSL_CA_FILE: join(CREDENTIALS, 'cluster-ca.crt'),
    });
    expect(envOf(plan, 'consumer')).toMatchObject({
      KAFKA_BOOTSTRAP_SERVERS: 'localhost:9092', KAFKA_GROUP_ID: GROUP, HTTP_PORT: '8081',
      KAFKA_SASL_USERNAME: CONSUMER, KAFKA_SASL_PASSWORD_FILE: join(CREDENTIALS, 'users', CONSUMER, 'password'),
    });
  });

  test('the synthesized seed objects validate against the Strimzi CRDs', () => {
    expect(validateAgainstStrimziCrds(seedObjects('scram')).flatMap((r) => r.errors)).toEqual([]);
    expect(validateAgainstStrimziCrds(seedObjects('mtls')).flatMap((r) => r.errors)).toEqual([]);
  });

  test('mTLS on the TLS listener: TLS client authentication locally, CA and certificate files', () => {
    const plan = planLocalRun(SynthesizedManifests.fromObjects(seedObjects('mtls')), OPTIONS);

    expect(plan.listener).toEqual({ name: 'tls', tls: true, authentication: 'tls', port: 9092 });
    expect(envOf(plan, 'consumer')).toMatchObject({
      KAFKA_BOOTSTRAP_SERVERS: 'localhost:9092',
      KAFKA_SSL_CA_FILE: join(CREDENTIALS, 'cluster-ca.crt'),
      KAFKA_SSL_CERT_FILE: join(CREDENTIALS, 'users', CONSUMER, 'user.crt'),
      KAFKA_SSL_KEY_FILE: join(CREDENTIALS, 'users', CONSUMER, 'user.key'),
    });
  });

  describe('says what a local run cannot give, naming the object', () => {
    const broken = (edit: (objects: any[]) => void): (() => unknown) => () => {
      const objects = seedObjects('scram') as any[];
      edit(objects);
      return planLocalRun(SynthesizedManifests.fromObjects(objects, 'dist/'), OPTIONS);
    };
    const deployment = (objects: any[], name: string) => objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);

    test('a Secret that no KafkaUser or cluster CA provides', () => {
      expect(broken((objects) => {
        deployment(objects, CONSUMER).spec.template.spec.volumes.find((v: any) => v.secret.secretName === CONSUMER).secret.secretName = 'hand-made';
      })).toThrow(
        /Deployment 'data-consumer' in dist\/: KAFKA_SASL_PASSWORD_FILE reads key 'password' of Secret 'hand-made', which no KafkaUser or cluster CA/,
      );
    });

    test('a port no listener of the Kafka has', () => {
      expect(broken((objects) => {
        for (const d of objects.filter((o) =>
          o.kind === 'Deployment')) d.spec.template.spec.containers[0].env[0].value = 'amm-techlab-kafka-bootstrap:9099';
      })).toThrow(/connect to amm-techlab-kafka-bootstrap:9099, but Kafka 'amm-techlab' in dist\/ has no listener on port 9099/);
    });

    test('services on two different listeners', () => {
      expect(broken((objects) => {
        deployment(objects, PRODUCER).spec.template.spec.containers[0].env[0].value = 'amm-techlab-kafka-bootstrap:9092';
      })).toThrow(/connect to different bootstrap addresses .*; a local run serves one listener/);
    });

    test('a replicated topic on the one local broker', () => {
      expect(broken((objects) => {
        objects.find((o) => o.kind === 'KafkaTopic').spec.replicas = 3;
      })).toThrow(/KafkaTopic 'manual' in dist\/ wants 3 replicas, but a local run has one broker/);
    });

    test('an authentication type the harness does not run', () => {
      expect(broken((objects) => {
        objects.find((o) => o.kind === 'Kafka').spec.kafka.listeners[1].authentication = { type: 'custom', sasl: true };
      })).toThrow(/listener 'tls' uses authentication 'custom', which the local harness cannot run/);
    });

    test('an environment variable from a ConfigMap', () => {
      expect(broken((objects) => {
        deployment(objects, PRODUCER).spec.template.spec.containers[0].env.push({ name: 'X',
          valueFrom: { configMapKeyRef: { name: 'c', key: 'k' } } });
      })).toThrow(
        /Deployment 'data-producer' in dist\/: X takes its value from .*configMapKeyRef.*; a local run resolves only KAFKA_SASL_PASSWORD/,
      );
    });
  });
});
