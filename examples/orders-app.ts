import { App, Chart, Duration } from 'cdk8s';
import {
  CleanupPolicy, KafkaAuthorization, KafkaCluster, KafkaUser, ListenerAuthentication, MicroservicePair, Retention, Topic,
  UserAuthentication,
} from 'strimzi-cdk8s';

export function buildOrdersApp(app: App) {
  // Infrastructure: a 3-broker KRaft cluster with one mTLS listener and ACLs, and a topic, in namespace 'orders'.
  const infra = new Chart(app, 'orders-infra', { namespace: 'orders' });
  const cluster = new KafkaCluster(infra, 'orders-kafka', {
    brokers: 3,
    listeners: [{ name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }],
    authorization: KafkaAuthorization.simple({ superUsers: ['CN=ops-admin'] }),
  });
  const topic = new Topic(infra, 'orders', {
    cluster,
    partitions: 6,
    retention: Retention.of(Duration.days(7)),
    cleanupPolicy: CleanupPolicy.COMPACT_DELETE,
  });

  // Another client of the topic: the topic grants it reading in its own group, and nothing else.
  const audit = new KafkaUser(infra, 'orders-audit', { cluster, authentication: UserAuthentication.TLS });
  topic.grantRead(audit, 'orders-audit');

  // Services, in a chart of their own: told the bootstrap address, CA, topic and credentials by the objects above,
  // never by strings; each gets its own KafkaUser with only what its role needs.
  const services = new Chart(app, 'orders-services', { namespace: 'orders' });
  new MicroservicePair(services, 'orders', {
    cluster,
    topic,
    producer: { name: 'orders-producer', image: 'quay.io/my-team/data-producer:0.1.0', interval: Duration.seconds(1) },
    consumer: { name: 'orders-consumer', image: 'quay.io/my-team/data-consumer:0.1.0', groupId: 'orders-projection', replicas: 3 },
  });
  return services;
}

if (require.main === module) {
  const app = new App();
  buildOrdersApp(app);
  app.synth();
}
