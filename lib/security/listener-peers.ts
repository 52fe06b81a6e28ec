import {
  KafkaSpecKafkaListenersNetworkPolicyPeers,
  KafkaSpecKafkaListenersType,
} from '../../imports/kafka.strimzi.io';
import { Subject } from '../core/subject';

/** A source allowed to reach a listener: Kubernetes' NetworkPolicyPeer (pods, namespaces or an IP block). */
export type ListenerPeer = KafkaSpecKafkaListenersNetworkPolicyPeers;

/** The listener fields this module reads. */
interface PeeredListener {
  readonly name: string;
  readonly type: KafkaSpecKafkaListenersType;
  readonly networkPolicyPeers: readonly ListenerPeer[];
}

/** Listener types clients reach from inside the Kubernetes cluster only; the others are for outside traffic. */
const IN_CLUSTER_TYPES: readonly KafkaSpecKafkaListenersType[] = [
  KafkaSpecKafkaListenersType.INTERNAL,
  KafkaSpecKafkaListenersType.CLUSTER_HYPHEN_IP,
];

/** True for a listener pods of the Kubernetes cluster connect to (internal or cluster-ip). */
export function isInClusterListener(listener: { readonly type: KafkaSpecKafkaListenersType }): boolean {
  return IN_CLUSTER_TYPES.includes(listener.type);
}

/**
 * Throws for a peer Kubernetes would refuse in the NetworkPolicy Strimzi makes from it (NetworkPolicyPeer: an
 * ipBlock alone, or a podSelector and/or namespaceSelector; an empty peer is invalid).
 */
export function checkListenerPeers(cluster: Subject, listener: PeeredListener): void {
  for (const peer of listener.networkPolicyPeers) {
    const selects = peer.podSelector !== undefined || peer.namespaceSelector !== undefined;
    if (!selects && peer.ipBlock === undefined) {
      throw cluster.part('listener', listener.name).error('listener-peer-empty', 'has an empty networkPolicyPeers entry, which Kubernetes refuses',
        'Give the entry a podSelector, a namespaceSelector or an ipBlock ({ namespaceSelector: {} } admits every namespace)');
    }
    if (selects && peer.ipBlock !== undefined) {
      throw cluster.part('listener', listener.name).error(
        'listener-peer-ipblock-with-selector',
        'has a networkPolicyPeers entry with both an ipBlock and a selector; Kubernetes allows either an ipBlock or selectors',
        'Split it into two entries');
    }
  }
}

/** The pods wired to each listener, per cluster (keyed by the cluster object, filled while the app is built). */
const wiredPods = new WeakMap<object, Map<string, Array<Record<string, string>>>>();

/**
 * Admits the pods with these labels to a listener of the cluster, through the listener's `networkPolicyPeers`.
 * Called by the constructs that wire a client to a listener (e.g. MicroservicePair); the pods must live in the
 * cluster's namespace (a podSelector peer without namespaceSelector means that namespace).
 */
export function admitPodsToListener(cluster: object, listenerName: string, podLabels: Record<string, string>): void {
  const byListener = wiredPods.get(cluster) ?? new Map<string, Array<Record<string, string>>>();
  wiredPods.set(cluster, byListener);
  byListener.set(listenerName, [...(byListener.get(listenerName) ?? []), { ...podLabels }]);
}

/**
 * `networkPolicyPeers` of a listener, resolved at synth: the pods wired to it, then the peers given on the listener.
 * Strimzi opens a listener without peers to every pod of every namespace, so an in-cluster listener that nothing
 * was wired to and that lists no peers gets the pods of the cluster's own namespace only (`podSelector: {}`), where
 * the User Operator writes the credentials its clients need. External listeners (route, loadbalancer, nodeport,
 * ingress) carry traffic from outside the pod network and stay as given.
 */
export function renderListenerPeers(cluster: object, listener: PeeredListener): ListenerPeer[] | undefined {
  const labelSets = (wiredPods.get(cluster)?.get(listener.name) ?? []).map((labels) => JSON.stringify(labels));
  const wired = [...new Set(labelSets)].map((labels) => ({ podSelector: { matchLabels: JSON.parse(labels) } }));
  const peers = [...wired, ...listener.networkPolicyPeers];
  if (peers.length > 0) return peers;
  return isInClusterListener(listener) ? [{ podSelector: {} }] : undefined;
}
