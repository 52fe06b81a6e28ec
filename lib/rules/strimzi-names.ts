import { KafkaResources as R } from '../base/kafka-resources';
import { NAME_RULES, NameRule } from './kubernetes-names';

/**
 * The objects the Strimzi 1.2.0 Cluster Operator creates for a Kafka cluster, in the cluster's namespace, and the
 * rule each name must follow. Sources (strimzi-kafka-operator at tag 1.2.0): KafkaResources.java,
 * CruiseControlResources.java, KafkaExporterResources.java, ListenersUtils.java (backwardsCompatible*Name) and
 * KafkaCluster.java (per-node Pods, ConfigMaps and certificate Secrets named after the pod).
 */

/** One object Strimzi creates: its kind, name, what it is, and the name rule of its kind. */
export interface DerivedName {
  readonly kind: string;
  readonly name: string;
  readonly what: string;
  readonly rule: NameRule;
  /** The node pool the name comes from, when it comes from one. */
  readonly pool?: string;
}

/** The facts of a cluster the names depend on, read from the Kafka resource (or the construct's props). */
export interface ClusterNaming {
  readonly name: string;
  readonly listeners: readonly { readonly name: string; readonly port: number; readonly type: string }[];
  /** Which optional parts of `spec` are set (`entityOperator`, `cruiseControl`, `kafkaExporter`). */
  readonly parts: ReadonlySet<string>;
  /** `spec.entityOperator.userOperator.secretPrefix`, which prefixes the Secret of each KafkaUser. */
  readonly userSecretPrefix?: string;
}

/** A node pool of the cluster. */
export interface PoolNaming {
  readonly name: string;
  readonly replicas: number;
  readonly broker: boolean;
}

// Services are DNS-1035 labels; a pod's name is its host name (`<pod>.<cluster>-kafka-brokers`), a DNS-1123 label.
const RULE_OF_KIND: Record<string, NameRule> = { Service: NAME_RULES.dns1035Label, Pod: NAME_RULES.dns1123Label };
const ruleOf = (kind: string) => RULE_OF_KIND[kind] ?? NAME_RULES.dns1123Subdomain;

/** Objects of every cluster: [kind, its name (KafkaResources), what it is, the part of spec it needs]. */
const CLUSTER_OBJECTS: readonly (readonly [string, (cluster: string) => string, string, string?])[] = [
  ['Service', R.bootstrapServiceName, 'bootstrap Service'],
  ['Service', R.brokersServiceName, 'headless Service of the brokers'],
  ['Secret', R.clusterCaCertificateSecretName, 'cluster CA certificate'],
  ['Secret', R.clusterCaKeySecretName, 'cluster CA key'],
  ['Secret', R.clientsCaCertificateSecretName, 'clients CA certificate'],
  ['Secret', R.clientsCaKeySecretName, 'clients CA key'],
  ['Secret', (c) => R.componentName(c, 'cluster-operator-certs'), 'Cluster Operator certificate'],
  ['ServiceAccount', R.kafkaComponentName, 'ServiceAccount of the brokers'],
  ['PodDisruptionBudget', R.kafkaComponentName, 'PodDisruptionBudget of the brokers'],
  ['NetworkPolicy', (c) => R.componentName(c, 'network-policy-kafka'), 'NetworkPolicy of the brokers'],
  ['Deployment', (c) => R.componentName(c, 'entity-operator'), 'Entity Operator', 'entityOperator'],
  ['ServiceAccount', (c) => R.componentName(c, 'entity-operator'), 'ServiceAccount of the Entity Operator', 'entityOperator'],
  ['Secret', (c) => R.componentName(c, 'entity-topic-operator-certs'), 'Topic Operator certificate', 'entityOperator'],
  ['Secret', (c) => R.componentName(c, 'entity-user-operator-certs'), 'User Operator certificate', 'entityOperator'],
  ['Deployment', (c) => R.componentName(c, 'cruise-control'), 'Cruise Control', 'cruiseControl'],
  ['Service', (c) => R.componentName(c, 'cruise-control'), 'Cruise Control Service', 'cruiseControl'],
  ['Deployment', (c) => R.componentName(c, 'kafka-exporter'), 'Kafka Exporter', 'kafkaExporter'],
];

/** Kinds Strimzi exposes a listener of each external type with, besides its Services. */
const LISTENER_EXPOSURE: Record<string, string> = { route: 'Route', ingress: 'Ingress', tlsroute: 'TLSRoute' };

/**
 * Every object Strimzi creates for `cluster` and its node pools. Node ids are given out from 0 across the
 * pools, so each pool is assumed to use ids up to the total node count.
 */
export function strimziDerivedNames(cluster: ClusterNaming, pools: readonly PoolNaming[]): DerivedName[] {
  const c = cluster.name;
  const names: DerivedName[] = CLUSTER_OBJECTS
    .filter(([, , , part]) => part === undefined || cluster.parts.has(part))
    .map(([kind, nameOf, what]) => ({ kind, name: nameOf(c), what, rule: ruleOf(kind) }));
  const external = cluster.listeners.filter((l) => l.type !== 'internal');
  // ListenersUtils: a listener called 'external' on 9094 keeps the names of Strimzi's first external listeners.
  const legacy = (l: { name: string; port: number }) => l.name === 'external' && l.port === 9094;
  for (const l of external) {
    names.push({ kind: 'Service', name: R.listenerBootstrapServiceName(c, l.name), what: `bootstrap Service of listener '${l.name}'`,
      rule: ruleOf('Service') });
    const exposure = LISTENER_EXPOSURE[l.type];
    if (exposure) {
      names.push({ kind: exposure, name: legacy(l) ? R.bootstrapServiceName(c) : R.listenerBootstrapServiceName(c, l.name),
        what: `bootstrap ${exposure} of listener '${l.name}'`, rule: ruleOf(exposure) });
    }
  }
  const nodeIds = [...Array(pools.reduce((sum, p) => sum + Math.max(0, p.replicas), 0)).keys()];
  for (const pool of pools) {
    const base = R.podSetName(c, pool.name);
    names.push({ kind: 'StrimziPodSet', name: base, what: `StrimziPodSet of node pool '${pool.name}'`, rule: ruleOf('StrimziPodSet'),
      pool: pool.name });
    for (const id of nodeIds) {
      for (const kind of ['Pod', 'ConfigMap', 'Secret']) {
        names.push({ kind, name: R.podName(c, pool.name, id), what: `${kind} of node ${id} in pool '${pool.name}'`,
          rule: ruleOf(kind), pool: pool.name });
      }
      if (!pool.broker) continue;
      for (const l of external) {
        const perBroker = legacy(l) ? R.podName(c, pool.name, id) : R.podName(c, `${pool.name}-${l.name}`, id);
        names.push({ kind: 'Service', name: perBroker, what: `Service of broker ${id} for listener '${l.name}'`, rule: ruleOf('Service'),
          pool: pool.name });
        const exposure = LISTENER_EXPOSURE[l.type];
        if (exposure) names.push({ kind: exposure, name: perBroker, what: `${exposure} of broker ${id} for listener '${l.name}'`,
          rule: ruleOf(exposure), pool: pool.name });
      }
    }
  }
  return names;
}

/** The Secret the User Operator writes for a KafkaUser (KafkaUserModel.getSecretName). */
export function userSecretName(cluster: ClusterNaming, userName: string): DerivedName {
  return { kind: 'Secret', name: R.userSecretName(userName, cluster.userSecretPrefix), what: `credentials of KafkaUser '${userName}'`,
    rule: ruleOf('Secret') };
}
