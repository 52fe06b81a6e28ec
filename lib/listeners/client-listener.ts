import { Subject } from '../base/subject';
import { ClusterListener } from './kafka-listener';
import { ListenerAuthentication } from './listener-authentication';

/** The cluster facts the choice reads (any IKafkaCluster). */
interface ListeningCluster {
  readonly name: string;
  readonly listeners: ClusterListener[];
  readonly authorization: { readonly enabled: boolean };
  listener(name: string): ClusterListener;
}

type Listener = ClusterListener;

/** Preference for a client's default listener: encrypted and authenticated first (secure by default). */
const PREFERENCES: ReadonlyArray<(l: Listener) => boolean> = [
  (l) => l.tls && l.authentication !== ListenerAuthentication.NONE,
  (l) => l.authentication !== ListenerAuthentication.NONE,
  () => true,
];

/**
 * The listener in-cluster clients of `cluster` connect through: the one named, or else the first internal or
 * cluster-ip listener with TLS and authentication, then with authentication, then any. Throws when the listener
 * would leave the clients anonymous on a cluster that authorizes requests: the authorizer would deny them all.
 */
export function clientListener(client: Subject, cluster: ListeningCluster, name?: string): Listener {
  const candidates = cluster.listeners.filter((l) => l.inCluster);
  const listener = name !== undefined
    ? cluster.listener(name)
    : PREFERENCES.map((preferred) => candidates.find(preferred)).find((l) => l !== undefined);
  if (listener === undefined) {
    throw client.error('cluster-no-in-cluster-listener', `cluster '${cluster.name}' has no internal or cluster-ip listener for in-cluster clients`,
      "Add one, e.g. { name: 'tls', port: 9093, tls: true }");
  }
  if (listener.authentication === ListenerAuthentication.NONE && cluster.authorization.enabled) {
    throw client.error(
      'listener-anonymous-denied', `listener '${listener.name}' has no authentication but cluster '${cluster.name}' authorizes requests, so the ` +
        'clients would be User:ANONYMOUS, which no KafkaUser ACL can name: every request would be denied',
      'Connect through a listener with authentication (the default choice when the listener is left out), or give ' +
        "this listener authentication (ListenerAuthentication.SCRAM_SHA_512 or TLS)",
    );
  }
  return listener;
}

