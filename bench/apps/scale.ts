import { App, Chart } from 'cdk8s';
import { KafkaCluster, MicroservicePair, Topic } from '../../lib';

// A large app: one 3-broker cluster, 1000 topics and 100 producer/consumer pairs (each on its own topic).
const TOPICS = 1000;
const PAIRS = 100;

const app = new App();
const infra = new Chart(app, 'infra');
const cluster = new KafkaCluster(infra, 'scale', { brokers: 3 });
const topics = Array.from({ length: TOPICS }, (_, i) => new Topic(infra, `topic-${i}`, { cluster, partitions: 3 }));
for (let i = 0; i < PAIRS; i++) {
  new MicroservicePair(new Chart(app, `pair-${i}`), 'Default', {
    cluster,
    topic: topics[i],
    producer: { name: `producer-${i}` },
    consumer: { name: `consumer-${i}` },
  });
}
app.synth();
