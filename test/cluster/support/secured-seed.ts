import { Testing } from 'cdk8s';
import { buildSeedSystem } from '../../../main';
import { KubeObject } from '../../lib/support/schemas';
import { synthApp } from '../../lib/support/synth';
import { CLUSTER, PRODUCER, SEED_USERS } from './seed-users';

/** How the services authenticate in a secured seed: SCRAM on `plain` (9092), or mTLS on `tls` (9093). */
export type SeedSecurity = 'scram' | 'mtls';

type Env = Array<Record<string, unknown>>;

/**
 * The seed app as `npm run local` will meet it once the library secures dist/ (issue 6): the synthesized
 * seed with authentication on its listeners, `simple` authorization, the seed KafkaUsers (made `tls`
 * users for mTLS) and service Deployments wired to the User Operator's Secrets with the services' env
 * contract — the producer's password by `secretKeyRef`, the consumer's by a mounted Secret file, so both
 * forms a chart may use are covered. Replace with the synthesized seed once the library makes these objects.
 */
export function securedSeedObjects(security: SeedSecurity): KubeObject[] {
  const app = Testing.app();
  buildSeedSystem(app);
  const objects = JSON.parse(JSON.stringify(synthApp(app))) as any[];
  const kafka = objects.find((o) => o.kind === 'Kafka');
  kafka.spec.kafka.listeners[0].authentication = { type: 'scram-sha-512' };
  kafka.spec.kafka.listeners[1].authentication = { type: 'tls' };
  kafka.spec.kafka.authorization = { type: 'simple', superUsers: ['CN=ops-admin'] };
  const users = JSON.parse(JSON.stringify(SEED_USERS)) as any[];
  if (security === 'mtls') for (const user of users) user.spec.authentication = { type: 'tls' };

  for (const deployment of objects.filter((o) => o.kind === 'Deployment')) {
    const user = deployment.metadata.name as string;
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    const env = container.env as Env;
    const mountUserSecret = (path: string): void => {
      pod.volumes = [...(pod.volumes ?? []), { name: 'kafka-user', secret: { secretName: user } }];
      container.volumeMounts = [...(container.volumeMounts ?? []), { name: 'kafka-user', mountPath: path, readOnly: true }];
    };
    if (security === 'scram') {
      env.push({ name: 'KAFKA_SASL_MECHANISM', value: 'scram-sha-512' }, { name: 'KAFKA_SASL_USERNAME', value: user });
      if (user === PRODUCER) {
        env.push({ name: 'KAFKA_SASL_PASSWORD', valueFrom: { secretKeyRef: { name: user, key: 'password' } } });
      } else {
        mountUserSecret('/etc/kafka-user');
        env.push({ name: 'KAFKA_SASL_PASSWORD_FILE', value: '/etc/kafka-user/password' });
      }
    } else {
      const bootstrap = env.find((e) => e.name === 'KAFKA_BOOTSTRAP_SERVERS')!;
      bootstrap.value = `${CLUSTER}-kafka-bootstrap:9093`;
      pod.volumes = [...(pod.volumes ?? []), { name: 'cluster-ca', secret: { secretName: `${CLUSTER}-cluster-ca-cert`, items: [{ key: 'ca.crt', path: 'ca.crt' }] } }];
      container.volumeMounts = [...(container.volumeMounts ?? []), { name: 'cluster-ca', mountPath: '/etc/cluster-ca', readOnly: true }];
      mountUserSecret('/etc/kafka-user');
      env.push(
        { name: 'KAFKA_SSL_CA_FILE', value: '/etc/cluster-ca/ca.crt' },
        { name: 'KAFKA_SSL_CERT_FILE', value: '/etc/kafka-user/user.crt' },
        { name: 'KAFKA_SSL_KEY_FILE', value: '/etc/kafka-user/user.key' },
      );
    }
  }
  return [...objects, ...users];
}
