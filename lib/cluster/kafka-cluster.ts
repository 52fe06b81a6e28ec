import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Kafka, KafkaSpecKafkaListenersType, toJson_KafkaSpec, toJson_KafkaSpecKafkaListeners } from '../../imports/kafka.strimzi.io';
import { StrimziObject } from '../core/strimzi-object';
import { Subject } from '../core/subject';
import { PRUNE_PROTECTION_ANNOTATIONS } from '../plan/prune-protection';
import { SynthPlan } from '../plan/synth-plan';
import { checkedId } from '../rules/cdk8s-errors';
import { checkCluster } from '../rules/cluster-rules';
import { checkedArray, checkedRecord } from '../rules/props';
import { ListenerJson, LISTENER_TYPES } from '../rules/strimzi-listeners';
import { checkClusterSecurity } from '../security/cluster-security';
import { KafkaAuthorization } from '../security/kafka-authorization';
import { ListenerAuthentication, renderListenerAuthentication } from '../security/listener-authentication';
import { renderListenerPeers } from '../security/listener-peers';
import { resolveUserOperator, UserOperator, UserOperatorOptions } from '../security/user-operator';
import { KafkaPodDisruptionBudget } from './availability';
import { KafkaBrokerConfig, renderBrokerConfig } from './broker-config';
import { renderClusterFeatures } from './cluster-features';
import { CruiseControlOptions } from './cruise-control';
import { KafkaExporterOptions } from './kafka-exporter';
import { DEFAULT_LISTENERS, KafkaListener, ResolvedKafkaListener } from './kafka-listener';
import { KafkaVersion } from './kafka-version';
import { KafkaMetrics, PrometheusTarget } from './metrics';
import { NodePool, NodePoolOptions } from './node-pool';
import { poolLayout } from './pool-layout';
import { addProductionChecks, ClusterProfile } from './production';
import { RackAwareness } from './rack';
import { addStorageWarnings } from './spec-checks';
import { KafkaStorage } from './storage';

export interface KafkaClusterProps {
  /**
   * Name of the Kafka resource; clients reach it as `<name>-kafka-bootstrap`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * A preset of defaults: `ClusterProfile.PRODUCTION` gives what Strimzi recommends for production; every prop
   * below still overrides it.
   * @default ClusterProfile.DEVELOPMENT
   */
  readonly profile?: ClusterProfile;
  /**
   * Kafka version (and with it the KRaft metadata version).
   * @default KafkaVersion.DEFAULT (4.3.1)
   */
  readonly version?: KafkaVersion;
  /**
   * Number of brokers. Without `controllers` every node is broker and controller (one node pool).
   * @default 1 (production profile: 3)
   */
  readonly brokers?: number;
  /**
   * Number of dedicated controller nodes, in a node pool of their own. Use an odd number for a quorum.
   * @default - none: the brokers are controllers too (production profile: 3)
   */
  readonly controllers?: number;
  /**
   * The node pools, named, each with its roles, replicas, storage, resources, JVM options and scheduling; instead
   * of `brokers`, `controllers` and `storage`. Name existing pools to adopt them.
   * @default - made from `brokers`, `controllers` and `storage`
   */
  readonly nodePools?: NodePoolOptions[];
  /**
   * Listeners clients connect to.
   * @default `plain` (9092, no TLS) and `tls` (9093, TLS), both internal, both with SCRAM-SHA-512 authentication
   */
  readonly listeners?: KafkaListener[];
  /**
   * Authorization of every client request (`spec.kafka.authorization`).
   * @default KafkaAuthorization.simple() - clients may do only what their KafkaUser's ACLs allow
   */
  readonly authorization?: KafkaAuthorization;
  /**
   * Broker configuration (`spec.kafka.config`).
   * @default - replication settings derived from the broker count, topic auto-creation off
   */
  readonly config?: KafkaBrokerConfig;
  /**
   * Storage of every node (with `brokers` and `controllers`).
   * @default - 10Gi persistent claim per node, kept when the cluster is deleted (production profile: 100Gi per
   *   broker, 20Gi per controller)
   */
  readonly storage?: KafkaStorage;
  /**
   * Rack awareness: brokers learn their zone and Kafka spreads each partition's replicas across zones; the pods
   * are spread across zones too. `false` turns it off.
   * @default - off (production profile: on, across `topology.kubernetes.io/zone`)
   */
  readonly rack?: RackAwareness | false;
  /**
   * The Kafka pods' PodDisruptionBudget, which Strimzi makes (never add another).
   * @default - Strimzi's (maxUnavailable 1; production profile: the same, stated)
   */
  readonly podDisruptionBudget?: KafkaPodDisruptionBudget;
  /**
   * How the brokers and controllers export Prometheus metrics; `false` for none.
   * @default - none (production profile: KafkaMetrics.strimziMetricsReporter())
   */
  readonly metrics?: KafkaMetrics | false;
  /**
   * Kafka Exporter, for consumer lag and topic offsets as Prometheus metrics; `false` for none.
   * @default - none (production profile: on, every topic and group)
   */
  readonly kafkaExporter?: KafkaExporterOptions | false;
  /**
   * Cruise Control, which rebalances partitions (KafkaRebalance); needs at least 2 brokers.
   * @default - none
   */
  readonly cruiseControl?: CruiseControlOptions;
  /**
   * Whether to run the Topic Operator, which turns KafkaTopic resources into topics.
   * @default true
   */
  readonly topicOperator?: boolean;
  /**
   * Whether to run the User Operator, which turns KafkaUser resources into credentials, and its settings.
   * @default true (credentials Secrets named after their users)
   */
  readonly userOperator?: boolean | UserOperatorOptions;
  /**
   * Labels added to the Kafka and KafkaNodePool resources.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Whether GitOps tools keep the Kafka and KafkaNodePool resources (and, by default, the cluster's topics) when
   * they leave the manifests or their application is deleted: SynthPlan.PRUNE_PROTECTION_ANNOTATIONS (Argo
   * CD `Prune=false,Delete=false`, Flux `prune: disabled`, Helm `resource-policy: keep`).
   * @default false - the synth's plan already refuses removing them unless acknowledged
   */
  readonly preventPrune?: boolean;
}

/** Where a cluster's CA certificate lives, for clients of TLS listeners. */
export interface SecretKeyReference {
  /** Name of the Secret. */
  readonly secretName: string;
  /** Key in the Secret's data. */
  readonly key: string;
}

const CLUSTER_LABEL = 'strimzi.io/cluster';

/**
 * A Strimzi Kafka cluster in KRaft mode: a `Kafka` resource plus its `KafkaNodePool`(s).
 *
 * Exposes what clients need (`bootstrapServers()`, `clusterCaCert`, `brokerCount`) so that wiring a
 * client never means typing a string that can drift from the cluster.
 */
export class KafkaCluster extends Construct {
  /** Name of the Kafka resource. */
  public readonly name: string;
  /** Namespace of the cluster (its chart's), or undefined for the namespace `oc apply` targets. */
  public readonly namespace?: string;
  /** Kafka version the cluster runs. */
  public readonly version: KafkaVersion;
  /** Number of broker nodes. */
  public readonly brokerCount: number;
  /** The listeners, with defaults applied. */
  public readonly listeners: readonly ResolvedKafkaListener[];
  /** Authorization of client requests. */
  public readonly authorization: KafkaAuthorization;
  /** Whether the User Operator runs (KafkaUser resources take effect only then) and how it names Secrets. */
  public readonly userOperator: UserOperator;
  /** Whether the Topic Operator runs (KafkaTopic resources take effect only then). */
  public readonly topicOperatorEnabled: boolean;
  /** Secret and key of the cluster CA certificate that TLS clients must trust. */
  public readonly clusterCaCert: SecretKeyReference;
  /**
   * The Kafka resource (also `node.defaultChild`): `ApiObject.of(cluster).addJsonPatch(...)` patches it in
   * Strimzi's own field names, and the result is checked against the Strimzi 1.2.0 CRD at synth.
   */
  public readonly resource: StrimziObject;
  /** The node pools (each one's KafkaNodePool is its `node.defaultChild`): one combined pool, or brokers then controllers, or those given. */
  public readonly nodePools: readonly NodePool[];
  /** The profile the defaults came from. */
  public readonly profile: ClusterProfile;
  /** Number of KRaft controller nodes. */
  public readonly controllerCount: number;
  /** Where a Prometheus finds the cluster's metrics: Kafka pods, Kafka Exporter and Cruise Control, as enabled. */
  public readonly prometheusTargets: readonly PrometheusTarget[];
  /** The generated JMX Exporter ConfigMaps (Kafka's, Cruise Control's), when those metrics use it. */
  public readonly metricsConfigMaps: readonly ApiObject[];
  /** Whether GitOps tools are told to keep the cluster's resources (and by default its topics) when pruning. */
  public readonly preventPrune: boolean;

  private readonly topicNames = new Map<string, string[]>();

  constructor(scope: Construct, id: string, props: KafkaClusterProps = {}) {
    super(scope, checkedId(scope, id, 'KafkaCluster', props.name));
    this.name = props.name ?? id;
    const owner = Subject.of(this, 'KafkaCluster', this.name);
    SynthPlan.of(this);
    this.namespace = Chart.of(this).namespace;
    this.version = KafkaVersion.check(owner, props.version ?? KafkaVersion.DEFAULT);
    this.profile = props.profile ?? ClusterProfile.DEVELOPMENT;
    const pools = poolLayout(owner, props, this.profile);
    const replicasOf = (role: string) => pools.filter((p) => p.roles.some((r) => r === role)).reduce((n, p) => n + p.replicas, 0);
    this.brokerCount = replicasOf('broker');
    this.controllerCount = replicasOf('controller');
    const listeners = checkedArray(owner, 'listeners', props.listeners, "[{ name: 'plain', port: 9092 }]");
    this.listeners = (listeners ?? DEFAULT_LISTENERS).map((l) => ({
      type: KafkaSpecKafkaListenersType.INTERNAL,
      tls: false,
      authentication: ListenerAuthentication.SCRAM_SHA_512,
      networkPolicyPeers: [],
      ...l,
    }));
    checkCluster(this, owner, {
      name: this.name, brokers: this.brokerCount, controllers: this.controllerCount,
      listeners: this.listeners.map((l) => toJson_KafkaSpecKafkaListeners({ ...l, authentication: renderListenerAuthentication(l),
        networkPolicyPeers: undefined }) as ListenerJson),
      booleans: { topicOperator: props.topicOperator },
    });
    this.authorization = props.authorization ?? KafkaAuthorization.simple();
    checkClusterSecurity(this, owner, this.listeners, this.authorization);
    this.userOperator = resolveUserOperator(owner, props.userOperator);
    const baseConfig = renderBrokerConfig(this, owner, this.brokerCount, this.listeners,
      checkedRecord(owner, 'config', props.config, '{ minInsyncReplicas: 2 }'));
    this.topicOperatorEnabled = props.topicOperator ?? true;
    this.clusterCaCert = { secretName: `${this.name}-cluster-ca-cert`, key: 'ca.crt' };
    const features = renderClusterFeatures(this, owner, props, {
      name: this.name, profile: this.profile, brokers: this.brokerCount, controllers: this.controllerCount, config: baseConfig, pools,
    });
    const config = { ...baseConfig, ...features.config };
    this.prometheusTargets = features.prometheusTargets;
    this.metricsConfigMaps = features.metricsConfigMaps;

    const labels = checkedRecord(owner, 'labels', props.labels, "{ team: 'payments' }");
    this.resource = new StrimziObject(this, 'Resource', {
      gvk: Kafka.GVK,
      metadata: { name: this.name, labels },
      owner,
      spec: () => toJson_KafkaSpec({
        kafka: {
          version: this.version.version,
          metadataVersion: this.version.metadataVersion,
          listeners: this.listeners.map((l) => ({
            name: l.name, port: l.port, type: l.type, tls: l.tls, configuration: l.configuration,
            authentication: renderListenerAuthentication(l),
            networkPolicyPeers: renderListenerPeers(this, l),
          })),
          authorization: this.authorization.render(),
          config,
          ...features.kafka,
        },
        entityOperator: {
          topicOperator: this.topicOperatorEnabled ? {} : undefined,
          userOperator: this.userOperator.spec,
        },
        kafkaExporter: features.kafkaExporter,
        cruiseControl: features.cruiseControl,
      }),
    });

    this.nodePools = pools.map((pool) => new NodePool(this, pool.name, {
      ...pool,
      labels: { ...labels, ...pool.labels },
      clusterName: this.name,
      owner,
      rackTopologyKey: features.rack?.spreadTopologyKey,
    }));

    this.preventPrune = props.preventPrune ?? false;
    for (const resource of this.preventPrune ? [this.resource, ...this.nodePools.map((p) => p.resource)] : []) {
      for (const [key, value] of Object.entries(PRUNE_PROTECTION_ANNOTATIONS)) resource.metadata.addAnnotation(key, value);
    }

    addStorageWarnings(this, owner, this.nodePools);
    if (this.profile === ClusterProfile.PRODUCTION) {
      addProductionChecks(this, owner, {
        clusterName: this.name, namespace: this.namespace, pools: this.nodePools, metricsOn: features.metricsOn, rackOn: features.rack !== undefined,
      });
    }

    this.node.addValidation({ validate: () => this.duplicateTopicErrors(owner) });
  }

  /**
   * The bootstrap address in-cluster clients use for a listener, e.g. `amm-techlab-kafka-bootstrap:9092`.
   * @param listenerName an `internal` or `cluster-ip` listener of this cluster
   * @default listenerName 'plain'
   */
  public bootstrapServers(listenerName = 'plain'): string {
    const listener = this.listener(listenerName);
    if (!LISTENER_TYPES[listener.type]?.inCluster) {
      throw Subject.of(this, 'KafkaCluster', this.name).part('listener', listener.name).error(
        'listener-not-in-cluster',
        `it is of type '${listener.type}', which advertises external addresses; in-cluster clients need an 'internal' or 'cluster-ip' listener`,
        `Connect through one of: ${this.listeners.filter((l) => LISTENER_TYPES[l.type]?.inCluster).map((l) => l.name).join(', ') || "(none: add an " +
          "'internal' listener)"}`);
    }
    return listener.type === KafkaSpecKafkaListenersType.INTERNAL
      ? `${this.name}-kafka-bootstrap:${listener.port}`
      : `${this.name}-kafka-${listener.name}-bootstrap:${listener.port}`;
  }

  /** The listener with this name; throws naming the listeners that exist. */
  public listener(listenerName: string): ResolvedKafkaListener {
    const listener = this.listeners.find((l) => l.name === listenerName);
    if (!listener) {
      throw Subject.of(this, 'KafkaCluster', this.name).error('listener-unknown', `it has no listener '${listenerName}'`,
        `Use one of its listeners: ${this.listeners.map((l) => l.name).join(', ')}`);
    }
    return listener;
  }

  /** The label every KafkaTopic, KafkaUser and KafkaNodePool of this cluster must carry. */
  public get clusterLabel(): Record<string, string> {
    return { [CLUSTER_LABEL]: this.name };
  }

  /**
   * Records a topic of this cluster so that duplicates are reported at synth.
   * @internal called by Topic
   */
  public _registerTopic(topicName: string, path: string): void {
    // Kafka treats '.' and '_' as the same character in metric names and refuses topics that collide on them.
    const key = topicName.replace(/\./g, '_');
    this.topicNames.set(key, [...(this.topicNames.get(key) ?? []), `'${topicName}' (${path})`]);
  }

  private duplicateTopicErrors(owner: Subject): string[] {
    return [...this.topicNames.values()]
      .filter((topics) => topics.length > 1)
      .map((topics) => owner.errorMessage('topic-name-collision',
        `its topics ${topics.join(', ')} collide: Kafka allows one topic per name, and treats '.' and '_' alike`,
        'Remove or rename all but one'));
  }
}
