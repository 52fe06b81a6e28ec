import { Chart, Testing } from 'cdk8s';
import { KafkaAuthorization, KafkaCluster, ListenerAuthentication, MicroservicePair, Topic } from '../../../lib';
import { buildSeedSystem } from '../../../main';
import { KubeObject } from '../../lib/support/schemas';
import { synthApp } from '../../lib/support/synth';

/**
 * How the services authenticate: SCRAM-SHA-512 over TLS (the seed in dist/), mTLS on the `tls` listener, or not
 * at all (authentication and authorization switched off, as a user may choose).
 */
export type SeedSecurity = 'scram' | 'mtls' | 'none';

/**
 * The seed as the library synthesizes it: for 'scram' the seed of main.ts itself (dist/); for the others the
 * same cluster, topic and services on the `tls` listener with client certificates, or without any security.
 */
export function seedObjects(security: SeedSecurity): KubeObject[] {
  const app = Testing.app();
  if (security === 'scram') {
    buildSeedSystem(app);
    return synthApp(app);
  }
  const none = security === 'none';
  const chart = new Chart(app, 'kafka-cluster');
  const cluster = new KafkaCluster(chart, 'amm-techlab', {
    listeners: [
      { name: 'plain', port: 9092, authentication: none ? ListenerAuthentication.NONE : ListenerAuthentication.SCRAM_SHA_512 },
      { name: 'tls', port: 9093, tls: true, authentication: none ? ListenerAuthentication.NONE : ListenerAuthentication.TLS },
    ],
    ...(none && { authorization: KafkaAuthorization.none() }),
  });
  const topic = new Topic(chart, 'manual', { cluster, replicas: 1 });
  new MicroservicePair(new Chart(app, 'data-services'), 'Default', { cluster, topic, listener: 'tls' });
  return synthApp(app);
}
