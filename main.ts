import { App, Chart, Duration } from 'cdk8s';
import { KafkaCluster, MicroservicePair, Topic } from './lib';

/**
 * The seed's system ("Event driven architecture with Apache Kafka"), on Strimzi 1.2 with KRaft.
 * One file per concern in dist/, numbered in apply order: cluster, topic, services.
 */
const app = new App();

const clusterChart = new Chart(app, 'kafka-cluster');
const cluster = new KafkaCluster(clusterChart, 'amm-techlab', {
  labels: { application: 'amm-techlab' },
});

const topicChart = new Chart(app, 'manual-topic');
const manual = new Topic(topicChart, 'manual', {
  cluster,
  partitions: 1,
  replicas: 1,
  retention: Duration.hours(2),
  segmentBytes: 1073741824,
  labels: { application: 'amm-techlab' },
});

new MicroservicePair(app, 'data-services', {
  cluster,
  topic: manual,
  producer: { imageStreamTag: 'data-producer:0.1.0' },
  consumer: { imageStreamTag: 'data-consumer:0.1.0' },
});

app.synth();
