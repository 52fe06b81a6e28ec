import { App, Chart, Duration } from 'cdk8s';
import { CleanupPolicy, KafkaCluster, MicroservicePair, Topic } from 'strimzi-cdk8s';

export function buildOrdersApp(app: App) {
  // Infrastructure: a 3-broker KRaft cluster and a topic, in namespace 'orders'.
  const infra = new Chart(app, 'orders-infra', { namespace: 'orders' });
  const cluster = new KafkaCluster(infra, 'orders-kafka', { brokers: 3 });
  const topic = new Topic(infra, 'orders', {
    cluster,
    partitions: 6,
    retention: Duration.days(7),
    cleanupPolicy: CleanupPolicy.COMPACT_DELETE,
  });

  // Services: told the bootstrap address, CA and topic by the objects above, never by strings.
  return new MicroservicePair(app, 'orders-services', {
    namespace: 'orders',
    cluster,
    topic,
    listener: 'tls',
    producer: { name: 'orders-producer', interval: Duration.seconds(1) },
    consumer: { name: 'orders-consumer', groupId: 'orders-audit', replicas: 3 },
  });
}

if (require.main === module) {
  const app = new App();
  buildOrdersApp(app);
  app.synth();
}
