// The public API of strimzi-cdk8s. Helpers used between the constructs stay unexported.
export { KafkaVersion } from './cluster/kafka-version';
export { KafkaListenerType, DEFAULT_LISTENERS } from './cluster/kafka-listener';
export type { KafkaListener } from './cluster/kafka-listener';
export type { KafkaBrokerConfig } from './cluster/broker-config';
export { KafkaCluster } from './cluster/kafka-cluster';
export type { KafkaClusterProps, KafkaStorage, SecretKeyReference } from './cluster/kafka-cluster';
export { Topic, CleanupPolicy } from './topics/topic';
export type { TopicProps } from './topics/topic';
export type { Unlimited } from './rules/topic-config';
export { KafkaMicroservice, HTTP_PORT } from './services/kafka-microservice';
export type { KafkaMicroserviceOptions, KafkaMicroserviceProps } from './services/kafka-microservice';
export { MicroservicePair } from './services/microservice-pair';
export type { MicroservicePairProps, ProducerOptions, ConsumerOptions } from './services/microservice-pair';
export { STRICT_CONTEXT, Warnings } from './core/warnings';
export type { Warning } from './core/warnings';
/** The classes and types `cdk8s import` generates from every Strimzi 1.2.0 CRD, for what the constructs do not type. */
export * as strimzi from '../imports/kafka.strimzi.io';
