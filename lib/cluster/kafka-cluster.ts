import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Kafka, toJson_KafkaSpec, toJson_KafkaSpecKafkaListeners } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { StrimziObject } from '../core/strimzi-object';
import { ClusterListener, defaultListeners, KafkaListener } from '../listeners/kafka-listener';
import { PRUNE_PROTECTION_ANNOTATIONS } from '../plan/prune-protection';
import { SynthPlan } from '../plan/synth-plan';
import { checkedId } from '../rules/cdk8s-errors';
import { checkCluster } from '../rules/cluster-rules';
import { checkedArray, checkedRecord } from '../rules/props';
import { ListenerJson } from '../rules/strimzi-listeners';
import { KafkaPodDisruptionBudget } from './availability';
import { KafkaBrokerConfig, renderBrokerConfig } from './broker-config';
import { renderClusterFeatures } from './cluster-features';
import { checkClusterSecurity } from './cluster-security';
import { CruiseControlOptions } from './cruise-control';
import { KafkaAuthorization } from './kafka-authorization';
import { IKafkaCluster, KafkaClusterBase } from './kafka-cluster-base';
import { KafkaExporterOptions } from './kafka-exporter';
import { KafkaVersion } from './kafka-version';
import { KafkaMetrics, PrometheusTarget } from './metrics';
import { NodePool, NodePoolOptions } from './node-pool';
import { poolLayout } from './pool-layout';
import { addProductionChecks, ClusterProfile } from './production';
import { RackAwareness } from './rack';
import { addStorageWarnings } from './spec-checks';
import { KafkaStorage } from './storage';
import { renderUserOperator, resolveUserOperator, UserOperator, UserOperatorOptions } from './user-operator';

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
   * The User Operator, which turns KafkaUser resources into credentials: whether it runs and how it names Secrets.
   * @default - it runs, and credentials Secrets are named after their users
   */
  readonly userOperator?: UserOperatorOptions;
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

/** A Kafka cluster defined elsewhere (by another app, chart or team), as `KafkaCluster.fromExisting` needs it. */
export interface ExistingKafkaClusterProps {
  /** Name of the Kafka resource. */
  readonly name: string;
  /**
   * Namespace of the cluster; topics and users of it must be made in charts of this namespace.
   * @default - the namespace of the chart the reference is made in
   */
  readonly namespace?: string;
  /**
   * The cluster's listeners (as its Kafka resource lists them), from which bootstrap addresses and the
   * authentication of clients are derived.
   * @default `plain` (9092, no TLS) and `tls` (9093, TLS), both internal, both with SCRAM-SHA-512 authentication
   */
  readonly listeners?: KafkaListener[];
  /**
   * Number of brokers, to check topic replicas against.
   * @default - unknown: topics default to 3 replicas and their replicas are not checked
   */
  readonly brokers?: number;
  /**
   * The cluster's authorization.
   * @default KafkaAuthorization.simple()
   */
  readonly authorization?: KafkaAuthorization;
  /**
   * The cluster's User Operator.
   * @default - it runs, and credentials Secrets are named after their users
   */
  readonly userOperator?: UserOperatorOptions;
  /**
   * Whether the cluster runs the Topic Operator.
   * @default true
   */
  readonly topicOperator?: boolean;
  /**
   * Whether topics made against the cluster tell GitOps tools to keep them when pruning (see
   * `KafkaClusterProps.preventPrune`); each Topic can still say otherwise.
   * @default false
   */
  readonly preventPrune?: boolean;
}

/**
 * A Strimzi Kafka cluster in KRaft mode: a `Kafka` resource plus its `KafkaNodePool`(s).
 *
 * Exposes what clients need (`bootstrapServers()`, `clusterCaCert`, `brokerCount`) so that wiring a
 * client never means typing a string that can drift from the cluster.
 */
export class KafkaCluster extends KafkaClusterBase {
  /** The seed's listeners: `plain` on 9092 and `tls` on 9093, both internal, both with SCRAM-SHA-512 authentication. */
  public static readonly DEFAULT_LISTENERS: KafkaListener[] = defaultListeners();

  /**
   * A cluster defined elsewhere (another app, chart or team), known by its name, namespace and listeners: topics,
   * users and services of this app can use it, and every name Strimzi derives (bootstrap Services, CA Secret,
   * user Secrets, the `strimzi.io/cluster` label) comes from those facts. Nothing is rendered for it.
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingKafkaClusterProps): IKafkaCluster {
    return new ExistingKafkaCluster(scope, id, props);
  }

  /** Name of the Kafka resource. */
  public readonly name: string;
  /** Namespace of the cluster (its chart's), or undefined for the namespace `oc apply` targets. */
  public readonly namespace?: string;
  /** Kafka version the cluster runs. */
  public readonly version: KafkaVersion;
  /** Number of broker nodes. */
  public readonly brokerCount?: number;
  /** The listeners, with defaults applied. */
  public readonly listeners: ClusterListener[];
  /** Authorization of client requests. */
  public readonly authorization: KafkaAuthorization;
  /** Whether the User Operator runs (KafkaUser resources take effect only then) and how it names Secrets. */
  public readonly userOperator: UserOperator;
  /** Whether the Topic Operator runs (KafkaTopic resources take effect only then). */
  public readonly topicOperatorEnabled: boolean;
  /**
   * The Kafka resource (also `node.defaultChild`): `ApiObject.of(cluster).addJsonPatch(...)` patches it in
   * Strimzi's own field names, and the result is checked against the Strimzi 1.2.0 CRD at synth.
   */
  public readonly resource: ApiObject;
  /** The node pools (each one's KafkaNodePool is its `node.defaultChild`): one combined pool, or brokers then controllers, or those given. */
  public readonly nodePools: NodePool[];
  /** The profile the defaults came from. */
  public readonly profile: ClusterProfile;
  /** Number of KRaft controller nodes. */
  public readonly controllerCount: number;
  /** Where a Prometheus finds the cluster's metrics: Kafka pods, Kafka Exporter and Cruise Control, as enabled. */
  public readonly prometheusTargets: PrometheusTarget[];
  /** The generated JMX Exporter ConfigMaps (Kafka's, Cruise Control's), when those metrics use it. */
  public readonly metricsConfigMaps: ApiObject[];
  /** Whether GitOps tools are told to keep the cluster's resources (and by default its topics) when pruning. */
  public readonly preventPrune: boolean;

  constructor(scope: Construct, id: string, props: KafkaClusterProps = {}) {
    super(scope, checkedId(scope, id, 'KafkaCluster', props.name));
    this.name = props.name ?? id;
    const owner = Subject.of(this, 'KafkaCluster', this.name);
    SynthPlan.of(this);
    this.namespace = Chart.of(this).namespace;
    this.version = KafkaVersion._check(owner, props.version ?? KafkaVersion.DEFAULT);
    this.profile = props.profile ?? ClusterProfile.DEVELOPMENT;
    const pools = poolLayout(owner, props, this.profile);
    const replicasOf = (role: string) => pools.filter((p) => p.roles.some((r) => r === role)).reduce((n, p) => n + p.replicas, 0);
    this.brokerCount = replicasOf('broker');
    this.controllerCount = replicasOf('controller');
    const listeners = checkedArray(owner, 'listeners', props.listeners, "[{ name: 'plain', port: 9092 }]");
    this.listeners = (listeners ?? defaultListeners()).map((listener) => new ClusterListener({ listener, clusterName: this.name, scope: this }));
    checkCluster(this, owner, {
      name: this.name, brokers: this.brokerCount, controllers: this.controllerCount,
      listeners: this.listeners.map((l) => toJson_KafkaSpecKafkaListeners(l._render(false)) as ListenerJson),
      booleans: { topicOperator: props.topicOperator },
    });
    this.authorization = props.authorization ?? KafkaAuthorization.simple();
    checkClusterSecurity(this, owner, this.listeners, this.authorization);
    this.userOperator = resolveUserOperator(owner, props.userOperator);
    const baseConfig = renderBrokerConfig(this, owner, this.brokerCount, this.listeners,
      checkedRecord(owner, 'config', props.config, '{ minInsyncReplicas: 2 }'));
    this.topicOperatorEnabled = props.topicOperator ?? true;
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
          listeners: this.listeners.map((l) => l._render(true)),
          authorization: this.authorization._render(),
          config,
          ...features.kafka,
        },
        entityOperator: {
          topicOperator: this.topicOperatorEnabled ? {} : undefined,
          userOperator: renderUserOperator(this.userOperator),
        },
        kafkaExporter: features.kafkaExporter,
        cruiseControl: features.cruiseControl,
      }),
    });

    this.nodePools = pools.map((pool) => new NodePool(this, pool.name, {
      ...pool,
      labels: { ...labels, ...pool.labels },
      clusterName: this.name,
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

  }
}

/** A cluster defined elsewhere: the facts given, the defaults of a KafkaCluster for the rest; renders nothing. */
class ExistingKafkaCluster extends KafkaClusterBase {
  public readonly name: string;
  public readonly namespace?: string;
  public readonly brokerCount?: number;
  public readonly listeners: ClusterListener[];
  public readonly authorization: KafkaAuthorization;
  public readonly userOperator: UserOperator;
  public readonly topicOperatorEnabled: boolean;
  public readonly preventPrune: boolean;

  constructor(scope: Construct, id: string, props: ExistingKafkaClusterProps) {
    super(scope, id);
    this.name = props.name;
    const owner = Subject.of(this, 'KafkaCluster', this.name);
    if (typeof props.name !== 'string' || props.name.trim() === '') {
      throw owner.error('existing-cluster-name-missing', 'fromExisting needs the name of the Kafka resource',
         "Give its name, e.g. { name: 'my-cluster' }");
    }
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    this.brokerCount = props.brokers;
    const listeners = checkedArray(owner, 'listeners', props.listeners, "[{ name: 'plain', port: 9092 }]") ?? defaultListeners();
    this.listeners = listeners.map((listener) => new ClusterListener({ listener, clusterName: this.name, scope: this, managed: false }));
    this.authorization = props.authorization ?? KafkaAuthorization.simple();
    this.userOperator = resolveUserOperator(owner, props.userOperator);
    this.topicOperatorEnabled = props.topicOperator ?? true;
    this.preventPrune = props.preventPrune ?? false;
  }
}
