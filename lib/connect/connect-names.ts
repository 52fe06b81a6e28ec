/**
 * Names and labels Strimzi 1.2.0 derives for Kafka Connect and the HTTP Bridge (KafkaConnectResources,
 * KafkaBridgeResources, Labels.java): the constructs and the harness read them from here, never retype them.
 */

/** `strimzi.io/cluster`: on a KafkaConnector, the KafkaConnect it runs in; on a pod, the resource that made it. */
export const CLUSTER_LABEL = 'strimzi.io/cluster';

/** Annotation that makes the Cluster Operator manage a Connect cluster's connectors through KafkaConnector resources. */
export const USE_CONNECTOR_RESOURCES = 'strimzi.io/use-connector-resources';

/** Labels of the worker pods of KafkaConnect `name` (Strimzi's `strimzi.io/name` is `<name>-connect`). */
export function connectPodLabels(name: string): Record<string, string> {
  return { [CLUSTER_LABEL]: name, 'strimzi.io/kind': 'KafkaConnect', 'strimzi.io/name': `${name}-connect` };
}

/** Labels of the pods of KafkaBridge `name` (`strimzi.io/name` is `<name>-bridge`). */
export function bridgePodLabels(name: string): Record<string, string> {
  return { [CLUSTER_LABEL]: name, 'strimzi.io/kind': 'KafkaBridge', 'strimzi.io/name': `${name}-bridge` };
}

/** The Service in front of the bridge's HTTP port (KafkaBridgeResources.serviceName). */
export function bridgeServiceName(name: string): string {
  return `${name}-bridge-service`;
}

/** The Connect REST API Service (KafkaConnectResources.serviceName), reached by the Cluster Operator only. */
export function connectApiServiceName(name: string): string {
  return `${name}-connect-api`;
}

/** The consumer group of a sink connector's tasks (Kafka's `SinkUtils.consumerGroupId`). */
export function sinkConnectorGroupId(connectorName: string): string {
  return `connect-${connectorName}`;
}

/** The HTTP Bridge's default port (KafkaBridgeHttpConfig.HTTP_DEFAULT_PORT). */
export const BRIDGE_DEFAULT_HTTP_PORT = 8080;
