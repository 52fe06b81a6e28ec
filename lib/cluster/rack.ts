import { KafkaSpecKafkaRack, KafkaSpecKafkaRackType } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { ZONE_TOPOLOGY_KEY } from './scheduling';

/** Kafka's replica selector that lets a consumer with `client.rack` fetch from a replica in its own rack (KIP-392). */
const RACK_AWARE_REPLICA_SELECTOR = 'org.apache.kafka.common.replica.RackAwareReplicaSelector';

/**
 * Rack awareness (`spec.kafka.rack`, type `topology-label`): each broker's `broker.rack` is its node's value of
 * `topologyKey`, and Kafka places a partition's replicas in different racks. Strimzi reads the node label with an
 * init container (the operator needs its ClusterRoleBinding for that) but, since 0.49, no longer spreads the pods
 * itself: the library spreads each role's pods across the racks unless told not to.
 */
export interface RackAwareness {
  /**
   * Node label whose value is the rack.
   * @default 'topology.kubernetes.io/zone'
   */
  readonly topologyKey?: string;
  /**
   * Whether each node pool's pods are spread evenly across the racks (a topology spread constraint per role).
   * Without it all brokers may be scheduled into one rack, and rack awareness protects nothing.
   * @default true
   */
  readonly spreadPods?: boolean;
  /**
   * Whether consumers that set `client.rack` fetch from a replica in their own rack (`replica.selector.class`),
   * saving cross-zone traffic.
   * @default false
   */
  readonly closestReplicaFetching?: boolean;
}

/** What rack awareness adds to a cluster. */
export interface RenderedRack {
  readonly rack: KafkaSpecKafkaRack;
  /** Broker config it adds. */
  readonly config: Record<string, string>;
  /** The topology key to spread pods across, when they are spread. */
  readonly spreadTopologyKey?: string;
}

/** Rack awareness in the CRD's form; the topology key must be a label key (the CRD's CEL rule wants it non-empty). */
export function renderRack(owner: Subject, rack: RackAwareness): RenderedRack {
  const topologyKey = rack.topologyKey ?? ZONE_TOPOLOGY_KEY;
  if (topologyKey.trim() === '') {
    throw owner.error('rack-topology-key-empty', 'rack awareness has an empty topologyKey; Strimzi requires the node label that names the rack',
      `Use e.g. '${ZONE_TOPOLOGY_KEY}'`);
  }
  return {
    rack: { type: KafkaSpecKafkaRackType.TOPOLOGY_HYPHEN_LABEL, topologyKey },
    config: rack.closestReplicaFetching ? { 'replica.selector.class': RACK_AWARE_REPLICA_SELECTOR } : {},
    spreadTopologyKey: rack.spreadPods ?? true ? topologyKey : undefined,
  };
}
