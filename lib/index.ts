// The public API of strimzi-cdk8s. Helpers used between the constructs stay unexported.
export { KafkaVersion } from './kafka-version';
export { KafkaListenerType, DEFAULT_LISTENERS } from './kafka-listener';
export type { KafkaListener } from './kafka-listener';
export type { KafkaBrokerConfig } from './broker-config';
export { KafkaCluster } from './kafka-cluster';
export type { KafkaClusterProps, KafkaStorage, SecretKeyReference } from './kafka-cluster';
export { Topic, CleanupPolicy } from './topic';
export type { TopicProps } from './topic';
export { KafkaMicroservice, HTTP_PORT } from './kafka-microservice';
export type { KafkaMicroserviceOptions, KafkaMicroserviceProps } from './kafka-microservice';
export { MicroservicePair } from './microservice-pair';
export type { MicroservicePairProps, ProducerOptions, ConsumerOptions } from './microservice-pair';
