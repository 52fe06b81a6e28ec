/**
 * Every name and label the Strimzi 1.2.0 Cluster Operator (and its User Operator) derives for a Kafka cluster,
 * in one place, as Strimzi keeps them in `KafkaResources.java` (with `CruiseControlResources`,
 * `KafkaExporterResources`, `Labels`, `ListenersUtils` and `KafkaUserModel`). Nothing else in the library
 * computes one of these names, so a client is wired to what Strimzi really creates.
 */
export class KafkaResources {
  /** The label every resource of a cluster carries, and that binds a KafkaTopic, KafkaUser or KafkaNodePool to it. */
  public static readonly CLUSTER_LABEL = 'strimzi.io/cluster';
  /** The label naming the kind of the custom resource a pod belongs to (`Kafka`). */
  public static readonly KIND_LABEL = 'strimzi.io/kind';
  /** The label naming the component a pod belongs to, e.g. `<cluster>-kafka`. */
  public static readonly NAME_LABEL = 'strimzi.io/name';
  /** The label `true` on the pods of broker nodes. */
  public static readonly BROKER_ROLE_LABEL = 'strimzi.io/broker-role';
  /** The label `true` on the pods of KRaft controller nodes. */
  public static readonly CONTROLLER_ROLE_LABEL = 'strimzi.io/controller-role';
  /** Key of the CA certificate in the CA Secrets (and of the clients CA in a TLS user's Secret). */
  public static readonly CA_CERTIFICATE_KEY = 'ca.crt';
  /** Key of a SCRAM user's password in its Secret. */
  public static readonly USER_PASSWORD_KEY = 'password';
  /** Key of a SCRAM user's ready-made JAAS line in its Secret. */
  public static readonly USER_SASL_JAAS_CONFIG_KEY = 'sasl.jaas.config';
  /** Key of a TLS user's PEM certificate in its Secret. */
  public static readonly USER_CERTIFICATE_KEY = 'user.crt';
  /** Key of a TLS user's PEM private key in its Secret. */
  public static readonly USER_PRIVATE_KEY_KEY = 'user.key';

  /** `{ 'strimzi.io/cluster': <cluster> }`: the label of every resource bound to the cluster. */
  public static clusterLabels(clusterName: string): Record<string, string> {
    return { [KafkaResources.CLUSTER_LABEL]: clusterName };
  }

  /** The labels Strimzi gives the cluster's broker pods (Labels.java: cluster, kind, broker role). */
  public static brokerPodLabels(clusterName: string): Record<string, string> {
    return { ...KafkaResources.clusterLabels(clusterName), [KafkaResources.KIND_LABEL]: 'Kafka', [KafkaResources.BROKER_ROLE_LABEL]: 'true' };
  }

  /** Strimzi's documented selector for every pod of one role (broker or controller), whatever its pool. */
  public static rolePodLabels(clusterName: string, broker: boolean): Record<string, string> {
    const role = broker ? KafkaResources.BROKER_ROLE_LABEL : KafkaResources.CONTROLLER_ROLE_LABEL;
    return { ...KafkaResources.clusterLabels(clusterName), [role]: 'true' };
  }

  /** The labels of the pods of one component (`kafka`, `kafka-exporter`, `cruise-control`). */
  public static componentPodLabels(clusterName: string, component: string): Record<string, string> {
    return { ...KafkaResources.clusterLabels(clusterName), [KafkaResources.NAME_LABEL]: KafkaResources.componentName(clusterName, component) };
  }

  /** `<cluster>-<component>`: the `strimzi.io/name` of a component, and the name of its Deployment or Service. */
  public static componentName(clusterName: string, component: string): string {
    return `${clusterName}-${component}`;
  }

  /** `<cluster>-kafka`: the Kafka pods' `strimzi.io/name`, ServiceAccount and PodDisruptionBudget. */
  public static kafkaComponentName(clusterName: string): string {
    return KafkaResources.componentName(clusterName, 'kafka');
  }

  /** `<cluster>-kafka-bootstrap`: the bootstrap Service of the `internal` listeners. */
  public static bootstrapServiceName(clusterName: string): string {
    return `${clusterName}-kafka-bootstrap`;
  }

  /** `<cluster>-kafka-<listener>-bootstrap`: the bootstrap Service of a listener of another type. */
  public static listenerBootstrapServiceName(clusterName: string, listenerName: string): string {
    return `${clusterName}-kafka-${listenerName}-bootstrap`;
  }

  /** `<cluster>-kafka-brokers`: the headless Service of the brokers. */
  public static brokersServiceName(clusterName: string): string {
    return `${clusterName}-kafka-brokers`;
  }

  /** `<cluster>-cluster-ca-cert`: the Secret with the cluster CA certificate TLS clients trust. */
  public static clusterCaCertificateSecretName(clusterName: string): string {
    return `${clusterName}-cluster-ca-cert`;
  }

  /** `<cluster>-cluster-ca`: the Secret with the cluster CA key. */
  public static clusterCaKeySecretName(clusterName: string): string {
    return `${clusterName}-cluster-ca`;
  }

  /** `<cluster>-clients-ca-cert`: the Secret with the clients CA certificate, which signs user certificates. */
  public static clientsCaCertificateSecretName(clusterName: string): string {
    return `${clusterName}-clients-ca-cert`;
  }

  /** `<cluster>-clients-ca`: the Secret with the clients CA key. */
  public static clientsCaKeySecretName(clusterName: string): string {
    return `${clusterName}-clients-ca`;
  }

  /** `<cluster>-<pool>`: the StrimziPodSet of a node pool, and the prefix of its pods. */
  public static podSetName(clusterName: string, poolName: string): string {
    return `${clusterName}-${poolName}`;
  }

  /** `<cluster>-<pool>-<id>`: the pod (and its ConfigMap and certificate Secret) of node `id`. */
  public static podName(clusterName: string, poolName: string, nodeId: number): string {
    return `${KafkaResources.podSetName(clusterName, poolName)}-${nodeId}`;
  }

  /** `<secretPrefix><user>`: the Secret the User Operator writes a KafkaUser's credentials to. */
  public static userSecretName(userName: string, secretPrefix?: string): string {
    return `${secretPrefix ?? ''}${userName}`;
  }

  private constructor() {}
}
