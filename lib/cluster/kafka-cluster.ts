import { ApiObjectMetadata, Chart, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  Kafka,
  KafkaNodePool,
  KafkaNodePoolSpec,
  KafkaNodePoolSpecRoles,
  KafkaNodePoolSpecStorageType,
  KafkaNodePoolSpecStorageVolumesKraftMetadata,
  KafkaNodePoolSpecStorageVolumesType,
  KafkaSpecKafkaListenersType,
  toJson_KafkaNodePoolSpec,
  toJson_KafkaSpec,
  toJson_KafkaSpecKafkaListeners,
} from '../../imports/kafka.strimzi.io';
import { StrimziObject } from '../core/strimzi-object';
import { Subject } from '../core/subject';
import { KafkaBrokerConfig, renderBrokerConfig } from './broker-config';
import { DEFAULT_LISTENERS, KafkaListener, ResolvedKafkaListener } from './kafka-listener';
import { KafkaVersion } from './kafka-version';
import { checkedId } from '../rules/cdk8s-errors';
import { checkCluster, checkStorageClass, storageSize } from '../rules/cluster-rules';
import { checkedArray, checkedRecord } from '../rules/props';
import { ListenerJson, LISTENER_TYPES } from '../rules/strimzi-listeners';

/** Persistent storage of every node: one JBOD volume on a PersistentVolumeClaim, holding the KRaft metadata too. */
export interface KafkaStorage {
  /**
   * Size of each node's volume.
   * @default Size.gibibytes(10)
   */
  readonly size?: Size;
  /**
   * Whether the claims are deleted with the cluster. `false` keeps the data when the Kafka resource is deleted.
   * @default false
   */
  readonly deleteClaim?: boolean;
  /**
   * StorageClass of the claims.
   * @default - the cluster's default StorageClass
   */
  readonly storageClass?: string;
}

export interface KafkaClusterProps {
  /**
   * Name of the Kafka resource; clients reach it as `<name>-kafka-bootstrap`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Kafka version (and with it the KRaft metadata version).
   * @default KafkaVersion.DEFAULT (4.3.1)
   */
  readonly version?: KafkaVersion;
  /**
   * Number of brokers. Without `controllers` every node is broker and controller (one node pool).
   * @default 1
   */
  readonly brokers?: number;
  /**
   * Number of dedicated controller nodes, in a node pool of their own. Use an odd number for a quorum.
   * @default - none: the brokers are controllers too
   */
  readonly controllers?: number;
  /**
   * Listeners clients connect to.
   * @default `plain` (9092, no TLS) and `tls` (9093, TLS), both internal
   */
  readonly listeners?: KafkaListener[];
  /**
   * Broker configuration (`spec.kafka.config`).
   * @default - replication settings derived from the broker count, topic auto-creation off
   */
  readonly config?: KafkaBrokerConfig;
  /**
   * Storage of every node.
   * @default - 10Gi persistent claim per node, kept when the cluster is deleted
   */
  readonly storage?: KafkaStorage;
  /**
   * Whether to run the Topic Operator, which turns KafkaTopic resources into topics.
   * @default true
   */
  readonly topicOperator?: boolean;
  /**
   * Whether to run the User Operator, which turns KafkaUser resources into credentials.
   * @default true
   */
  readonly userOperator?: boolean;
  /**
   * Labels added to the Kafka and KafkaNodePool resources.
   * @default - none
   */
  readonly labels?: Record<string, string>;
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
  /** Whether the Topic Operator runs (KafkaTopic resources take effect only then). */
  public readonly topicOperatorEnabled: boolean;
  /** Secret and key of the cluster CA certificate that TLS clients must trust. */
  public readonly clusterCaCert: SecretKeyReference;
  /**
   * The Kafka resource (also `node.defaultChild`): `ApiObject.of(cluster).addJsonPatch(...)` patches it in
   * Strimzi's own field names, and the result is checked against the Strimzi 1.2.0 CRD at synth.
   */
  public readonly resource: StrimziObject;
  /** The KafkaNodePool resources: one combined pool, or brokers then controllers. */
  public readonly nodePools: readonly StrimziObject[];

  private readonly topicNames = new Map<string, string[]>();

  constructor(scope: Construct, id: string, props: KafkaClusterProps = {}) {
    super(scope, checkedId(scope, id, 'KafkaCluster', props.name));
    this.name = props.name ?? id;
    const owner = Subject.of(this, 'KafkaCluster', this.name);
    this.namespace = Chart.of(this).namespace;
    this.version = KafkaVersion.check(owner, props.version ?? KafkaVersion.DEFAULT);
    this.brokerCount = props.brokers ?? 1;
    const listeners = checkedArray(owner, 'listeners', props.listeners, "[{ name: 'plain', port: 9092 }]");
    this.listeners = (listeners ?? DEFAULT_LISTENERS).map((l) => ({
      type: KafkaSpecKafkaListenersType.INTERNAL,
      tls: false,
      ...l,
    }));
    const listenerJson = () => this.listeners.map((l) => toJson_KafkaSpecKafkaListeners(l) as ListenerJson);
    const poolNames = props.controllers === undefined ? ['dual-role'] : ['brokers', 'controllers'];
    checkCluster(this, owner, {
      name: this.name, brokers: props.brokers ?? 1, controllers: props.controllers, listeners: listenerJson(),
      booleans: { topicOperator: props.topicOperator, userOperator: props.userOperator },
      pools: poolNames.map((name, i) => ({ name, replicas: i === 0 ? this.brokerCount : props.controllers ?? 0, broker: i === 0 })),
    });
    const config = renderBrokerConfig(this, owner, this.brokerCount, this.listeners, checkedRecord(owner, 'config', props.config, '{ minInsyncReplicas: 2 }'));
    this.topicOperatorEnabled = props.topicOperator ?? true;
    this.clusterCaCert = { secretName: `${this.name}-cluster-ca-cert`, key: 'ca.crt' };

    const labels = checkedRecord(owner, 'labels', props.labels, "{ team: 'payments' }");
    const metadata = (name: string): ApiObjectMetadata => ({
      name,
      labels: { ...labels, [CLUSTER_LABEL]: this.name },
    });

    this.resource = new StrimziObject(this, 'Resource', {
      gvk: Kafka.GVK,
      metadata: { name: this.name, labels },
      owner,
      spec: () => toJson_KafkaSpec({
        kafka: {
          version: this.version.version,
          metadataVersion: this.version.metadataVersion,
          listeners: this.listeners.map((l) => ({ name: l.name, port: l.port, type: l.type, tls: l.tls, configuration: l.configuration })),
          config,
        },
        entityOperator: {
          topicOperator: this.topicOperatorEnabled ? {} : undefined,
          userOperator: props.userOperator ?? true ? {} : undefined,
        },
      }),
    });

    const storage = renderStorage(owner, props.storage);
    const pool = (poolId: string, replicas: number, roles: KafkaNodePoolSpecRoles[]) => {
      const spec: KafkaNodePoolSpec = { replicas, roles, storage };
      return new StrimziObject(this, poolId, {
        gvk: KafkaNodePool.GVK,
        metadata: metadata(poolId),
        owner,
        spec: () => toJson_KafkaNodePoolSpec(spec),
      });
    };
    this.nodePools = props.controllers === undefined
      ? [pool('dual-role', this.brokerCount, [KafkaNodePoolSpecRoles.CONTROLLER, KafkaNodePoolSpecRoles.BROKER])]
      : [
        pool('brokers', this.brokerCount, [KafkaNodePoolSpecRoles.BROKER]),
        pool('controllers', props.controllers, [KafkaNodePoolSpecRoles.CONTROLLER]),
      ];

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
        `it is of type '${listener.type}', which advertises external addresses; in-cluster clients need an 'internal' or 'cluster-ip' listener`,
        `Connect through one of: ${this.listeners.filter((l) => LISTENER_TYPES[l.type]?.inCluster).map((l) => l.name).join(', ') || "(none: add an 'internal' listener)"}`);
    }
    return listener.type === KafkaSpecKafkaListenersType.INTERNAL
      ? `${this.name}-kafka-bootstrap:${listener.port}`
      : `${this.name}-kafka-${listener.name}-bootstrap:${listener.port}`;
  }

  /** The listener with this name; throws naming the listeners that exist. */
  public listener(listenerName: string): ResolvedKafkaListener {
    const listener = this.listeners.find((l) => l.name === listenerName);
    if (!listener) {
      throw Subject.of(this, 'KafkaCluster', this.name).error(`it has no listener '${listenerName}'`,
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
      .map((topics) => owner.message(`its topics ${topics.join(', ')} collide: Kafka allows one topic per name, and treats '.' and '_' alike`,
        'Remove or rename all but one'));
  }
}

function renderStorage(owner: Subject, storage: KafkaStorage = {}) {
  if (storage.storageClass !== undefined) checkStorageClass(owner, storage.storageClass);
  if (storage.deleteClaim !== undefined && typeof storage.deleteClaim !== 'boolean') {
    throw owner.error(`storage deleteClaim is ${JSON.stringify(storage.deleteClaim)}, not true or false`, 'Set it to true or false');
  }
  return {
    type: KafkaNodePoolSpecStorageType.JBOD,
    volumes: [{
      id: 0,
      type: KafkaNodePoolSpecStorageVolumesType.PERSISTENT_HYPHEN_CLAIM,
      size: storageSize(owner, storage.size ?? Size.gibibytes(10)),
      deleteClaim: storage.deleteClaim ?? false,
      class: storage.storageClass,
      kraftMetadata: KafkaNodePoolSpecStorageVolumesKraftMetadata.SHARED,
    }],
  };
}
