// The public API of strimzi-cdk8s. Helpers used between the constructs stay unexported.
export { KafkaVersion } from './cluster/kafka-version';
export { KafkaResources } from './base/kafka-resources';
export { KafkaListenerType, ClusterListener } from './listeners/kafka-listener';
export type { KafkaListener, ClusterListenerProps } from './listeners/kafka-listener';
export { ListenerAuthentication } from './listeners/listener-authentication';
export type { KafkaBrokerConfig } from './cluster/broker-config';
export { KafkaClusterBase } from './cluster/kafka-cluster-base';
export type { IKafkaCluster, SecretKeyReference } from './cluster/kafka-cluster-base';
export { KafkaCluster } from './cluster/kafka-cluster';
export type { KafkaClusterProps, ExistingKafkaClusterProps } from './cluster/kafka-cluster';
// Production clusters: node pools, storage, resources, JVM, scheduling, racks, disruption budget, metrics, Cruise Control.
export { NodePool, NodeRole } from './cluster/node-pool';
export type { NodePoolProps } from './cluster/node-pool';
export type { NodePoolOptions } from './cluster/node-pool';
export { NodePoolStorage, KafkaVolume } from './cluster/storage';
export type {
  KafkaStorage, PersistentClaimOptions, EphemeralOptions, JbodVolumeOptions, JbodPersistentClaimOptions, JbodEphemeralOptions,
} from './cluster/storage';
export type { ContainerResources } from './cluster/resources';
export type { JvmOptions } from './cluster/jvm-options';
export { PodAntiAffinity, TopologyKey, WhenUnsatisfiable, TolerationOperator, TaintEffect } from './cluster/scheduling';
export type { PodScheduling, TopologySpread, Toleration } from './cluster/scheduling';
export type { RackAwareness } from './cluster/rack';
export type { KafkaPodDisruptionBudget } from './cluster/availability';
export { KafkaMetrics } from './cluster/metrics';
export type { StrimziMetricsReporterOptions, JmxPrometheusExporterOptions, PrometheusTarget } from './cluster/metrics';
export type { JmxExporterRule } from './cluster/jmx-exporter-rules';
export type { KafkaExporterOptions } from './cluster/kafka-exporter';
export type { CruiseControlOptions, BrokerCapacity, BrokerCapacityOverride, BrokerResourceCapacity } from './cluster/cruise-control';
export { ClusterProfile } from './cluster/production';
export { Topic, CleanupPolicy } from './topics/topic';
export type { TopicProps, ITopic, ExistingTopicProps } from './topics/topic';
export { Retention, RetentionSize } from './topics/topic-config';
export { KafkaMicroservice } from './services/kafka-microservice';
export type {
  KafkaMicroserviceSettings, KafkaMicroserviceOptions, KafkaMicroserviceProps, KafkaMicroserviceUser,
} from './services/kafka-microservice';
export { MicroservicePair } from './services/microservice-pair';
export type {
  MicroservicePairProps, ProducerOptions, ConsumerOptions, OpenShiftBuildOptions, ProducerRouteOptions, PairImageBuilds,
} from './services/microservice-pair';
export { OpenShiftImageBuild, ImageBuildSource, OpenShiftRoute, InsecureTraffic } from './openshift';
export type { OpenShiftImageBuildProps, GitSourceOptions, ImageBuildSourceConfig, OpenShiftRouteProps } from './openshift';
export { KafkaAuthorization } from './cluster/kafka-authorization';
export type { SimpleAuthorizationOptions } from './cluster/kafka-authorization';
export type { UserOperatorOptions, UserOperator } from './cluster/user-operator';
export { KafkaUser, UserAuthentication } from './security/kafka-user';
export type { IKafkaUser, KafkaUserProps, ExistingKafkaUserProps, UserQuotas, UserCredentials, SecretMetadata } from './security/kafka-user';
export { Grant } from './security/grants';
export { AclResource, AclOperation, AclPatternType, AclResourceType, AclRuleType } from './security/acl';
export type { AclRule } from './security/acl';
export type { KafkaEgress } from './services/service-network-policy';
export { Warnings } from './base/warnings';
export { StrimziCdk8sError } from './base/strimzi-cdk8s-error';
// Day 2: the plan of every synth, and what it refuses.
export { SynthPlan } from './plan/synth-plan';
export type { PlanReport } from './plan/synth-plan';
export { PlanAction } from './plan/plan';
export type { PlanEntry, PlanFinding } from './plan/plan';
export type { FieldChange } from './plan/object-diff';
export { Consequence } from './plan/data-loss';
export type { Warning } from './base/warnings';
/** The classes and types `cdk8s import` generates from every Strimzi 1.2.0 CRD, for what the constructs do not type. */
export * as strimzi from '../imports/kafka.strimzi.io';
// Kafka Connect and the HTTP Bridge: identities, internal topics and ACLs derived from the wiring.
export { KafkaConnect } from './connect/kafka-connect';
export type { KafkaConnectProps } from './connect/kafka-connect';
export { KafkaConnector, ConnectorState } from './connect/kafka-connector';
export type { KafkaConnectorProps } from './connect/kafka-connector';
export { KafkaBridge } from './connect/kafka-bridge';
export type { KafkaBridgeProps } from './connect/kafka-bridge';
export { ConnectConverter } from './connect/connect-converter';
export type { JsonConverterOptions } from './connect/connect-converter';
export { ConnectBuildOutput } from './connect/connect-build';
export type { ConnectBuild, ConnectPlugin, RegistryOutputOptions } from './connect/connect-build';
export { PluginArtifact } from './connect/plugin-artifact';
export type { DownloadedArtifactOptions, MavenArtifactOptions } from './connect/plugin-artifact';
