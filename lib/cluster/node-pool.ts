import { ApiObject, Size } from 'cdk8s';
import { Construct } from 'constructs';
import {
  KafkaNodePool as GeneratedKafkaNodePool,
  KafkaNodePoolSpecResourcesLimits,
  KafkaNodePoolSpecResourcesRequests,
  KafkaNodePoolSpecRoles,
  toJson_KafkaNodePoolSpec,
} from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { StrimziObject } from '../core/strimzi-object';
import { isResourceName, toResourceName } from '../rules/kubernetes-names';
import { JvmOptions, renderJvmOptions } from './jvm-options';
import { ContainerResources, renderResources } from './resources';
import { PodScheduling, renderPodScheduling } from './scheduling';
import { NodePoolStorage } from './storage';

/** What the nodes of a pool do (`KafkaNodePool.spec.roles`). */
export enum NodeRole {
  /** The node serves clients and holds partitions. */
  BROKER = 'broker',
  /** The node is a KRaft controller, a voter of the metadata quorum. */
  CONTROLLER = 'controller',
}

/** A node pool of a cluster: a set of Kafka nodes with the same roles, storage, resources and scheduling. */
export interface NodePoolOptions {
  /**
   * Name of the KafkaNodePool; the pods are `<cluster>-<name>-<id>`. Give an existing pool's name to adopt it.
   */
  readonly name: string;
  /** Roles of the nodes: broker, controller, or both ("dual-role"). */
  readonly roles: NodeRole[];
  /** Number of nodes (0 keeps an emptied pool). */
  readonly replicas: number;
  /**
   * Storage of each node. Strimzi does not let a pool's storage type change later.
   * @default - 10Gi persistent JBOD volume holding the KRaft metadata (production profile: 100Gi for brokers,
   *   20Gi for controllers)
   */
  readonly storage?: NodePoolStorage;
  /**
   * CPU and memory of each node's Kafka container.
   * @default - none (production profile: see ClusterProfile.PRODUCTION)
   */
  readonly resources?: ContainerResources;
  /**
   * JVM options of each node.
   * @default - Strimzi's (production profile: heap set, see ClusterProfile.PRODUCTION)
   */
  readonly jvmOptions?: JvmOptions;
  /**
   * Where the pods run and how they are spread.
   * @default - anywhere, spread across racks when the cluster has rack awareness (production profile: also one
   *   pod of the role per node)
   */
  readonly scheduling?: PodScheduling;
  /**
   * Labels added to the KafkaNodePool resource.
   * @default - the cluster's labels
   */
  readonly labels?: Record<string, string>;
}

/** A node pool as the cluster makes it: the options plus what it learns from its cluster. */
export interface NodePoolProps extends NodePoolOptions {
  /** Name of the Kafka resource the pool belongs to. */
  readonly clusterName: string;
  /** Node label of the cluster's racks, when pods must be spread across them. */
  readonly rackTopologyKey?: string;
}

const CLUSTER_LABEL = 'strimzi.io/cluster';

/**
 * A `KafkaNodePool` of a KafkaCluster. The cluster makes its pools (from `nodePools`, or from `brokers`,
 * `controllers` and `storage`); the pool's resource is its `node.defaultChild` for escape hatches.
 */
export class NodePool extends Construct {
  /** Name of the KafkaNodePool. */
  public readonly name: string;
  /** Roles of its nodes. */
  public readonly roles: NodeRole[];
  /** Number of nodes. */
  public readonly replicas: number;
  /** Storage of each node. */
  public readonly storage: NodePoolStorage;
  /** The KafkaNodePool resource, checked against the Strimzi 1.2.0 CRD at synth. */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: NodePoolProps) {
    super(scope, id);
    this.name = props.name;
    // The pool reports problems under its cluster, the construct that makes it.
    const owner = Subject.of(scope, 'KafkaCluster', props.clusterName);
    const subject = owner.part('node pool', this.name);
    // Strimzi names the pods '<cluster>-<pool>-<id>'; they must be valid resource names.
    if (!isResourceName(this.name) || !isResourceName(`${props.clusterName}-${this.name}`)) {
      throw subject.error(
        'node-pool-name-invalid', `'${this.name}' is not a valid pool name: the pool and its pods ('${props.clusterName}-${this.name}-<id>') need ` +
          "resource names of lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
        `Use e.g. '${toResourceName(this.name)}'`,
      );
    }
    this.roles = [...new Set(props.roles)];
    if (this.roles.length === 0) {
      throw subject.error('node-pool-roles-empty', 'it has no role; Strimzi needs each pool to be broker, controller or both',
        'Set roles, e.g. [NodeRole.BROKER]');
    }
    if (this.roles.length !== props.roles.length) {
      throw subject.error('node-pool-role-twice', `its roles list a role twice (${props.roles.join(', ')})`, 'List each role once');
    }
    this.replicas = props.replicas;
    if (!Number.isInteger(this.replicas) || this.replicas < 0) {
      throw subject.error('node-pool-replicas-invalid', `replicas is ${this.replicas}; it must be a whole number of at least 0`,
        'Use e.g. replicas: 3');
    }
    this.storage = props.storage ?? NodePoolStorage.fromKafkaStorage();

    const isBroker = this.roles.includes(NodeRole.BROKER);
    // Strimzi's documented selectors for spreading: every pod of the role in the cluster, whatever its pool.
    const roleSelector = {
      [CLUSTER_LABEL]: props.clusterName,
      [isBroker ? 'strimzi.io/broker-role' : 'strimzi.io/controller-role']: 'true',
    };
    const storage = this.storage._render(subject);
    const resources = renderResources(subject, props.resources, {
      request: KafkaNodePoolSpecResourcesRequests.fromString,
      limit: KafkaNodePoolSpecResourcesLimits.fromString,
    });
    const memoryLimit: Size | undefined = props.resources?.memory?.limit;
    const jvmOptions = renderJvmOptions(subject, props.jvmOptions, memoryLimit);
    const pod = renderPodScheduling(subject, props.scheduling ?? {}, roleSelector, props.rackTopologyKey);

    this.resource = new StrimziObject(this, 'Resource', {
      gvk: GeneratedKafkaNodePool.GVK,
      metadata: { name: this.name, labels: { ...props.labels, [CLUSTER_LABEL]: props.clusterName } },
      owner,
      spec: () => toJson_KafkaNodePoolSpec({
        replicas: this.replicas,
        roles: this.roles.map((role) => role as string as KafkaNodePoolSpecRoles),
        storage,
        resources,
        jvmOptions,
        template: pod && { pod },
      }),
    });
  }

  /** Whether the pool's nodes are brokers. */
  public get isBroker(): boolean {
    return this.roles.includes(NodeRole.BROKER);
  }

  /** Whether the pool's nodes are KRaft controllers. */
  public get isController(): boolean {
    return this.roles.includes(NodeRole.CONTROLLER);
  }
}
