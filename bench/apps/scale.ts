import { App, Chart } from 'cdk8s';
import { KafkaCluster, MicroservicePair, Topic } from '../../lib';

// A large app: one 3-broker cluster, SCALE_TOPICS topics (1000 by default) and a producer/consumer pair for every
// tenth topic, each pair in a chart of its own.
const TOPICS = Number(process.env.SCALE_TOPICS ?? 1000);
const PAIRS = Math.floor(TOPICS / 10);

const app = new App();
const infra = new Chart(app, 'infra');
const cluster = new KafkaCluster(infra, 'scale', { brokers: 3 });
const topics = Array.from({ length: TOPICS }, (_, i) => new Topic(infra, `topic-${i}`, { cluster, partitions: 3 }));
for (let i = 0; i < PAIRS; i++) {
  new MicroservicePair(new Chart(app, `pair-${i}`), 'Default', {
    cluster,
    topic: topics[i],
    producer: { name: `producer-${i}`, image: 'registry.example.com/team/data-producer:0.1.0' },
    consumer: { name: `consumer-${i}`, image: 'registry.example.com/team/data-consumer:0.1.0' },
  });
}
app.synth();
