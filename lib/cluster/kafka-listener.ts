import { KafkaSpecKafkaListenersType } from '../../imports/kafka.strimzi.io';
import { ListenerAuthentication } from '../security/listener-authentication';
import { ListenerPeer } from '../security/listener-peers';

/** How a listener is exposed (`spec.kafka.listeners[].type`), re-exported from the generated Strimzi types. */
export { KafkaSpecKafkaListenersType as KafkaListenerType };

/** One Kafka listener: a port clients connect to. */
export interface KafkaListener {
  /** Listener name: 1 to 11 lower-case letters or digits (Strimzi builds port and Service names from it). */
  readonly name: string;
  /** Port inside Kafka: 9092 or higher, not 9404 (metrics) or 9999 (JMX), unique in the cluster. */
  readonly port: number;
  /**
   * How the listener is exposed.
   * @default KafkaListenerType.INTERNAL
   */
  readonly type?: KafkaSpecKafkaListenersType;
  /**
   * Whether clients must connect with TLS (trusting the cluster CA).
   * @default false
   */
  readonly tls?: boolean;
  /**
   * How clients authenticate; `ListenerAuthentication.TLS` (mTLS) needs `tls: true`.
   * @default ListenerAuthentication.SCRAM_SHA_512
   */
  readonly authentication?: ListenerAuthentication;
  /**
   * Sources allowed to connect besides the pods wired to the listener (e.g. by a MicroservicePair): Strimzi's
   * `networkPolicyPeers`. Use a namespaceSelector for clients in other namespaces, `{ namespaceSelector: {} }` for
   * every pod of every namespace.
   * @default - the wired pods; for an internal or cluster-ip listener nothing is wired to, the pods of the
   *   cluster's namespace (Strimzi would otherwise admit every pod of every namespace)
   */
  readonly networkPolicyPeers?: ListenerPeer[];
}

/** The seed's listeners: `plain` on 9092 and `tls` on 9093, both internal, both with SCRAM-SHA-512 authentication. */
export const DEFAULT_LISTENERS: readonly KafkaListener[] = [
  { name: 'plain', port: 9092, type: KafkaSpecKafkaListenersType.INTERNAL, tls: false, authentication: ListenerAuthentication.SCRAM_SHA_512 },
  { name: 'tls', port: 9093, type: KafkaSpecKafkaListenersType.INTERNAL, tls: true, authentication: ListenerAuthentication.SCRAM_SHA_512 },
];

const RESERVED_PORTS: Record<number, string> = { 9404: 'Prometheus metrics', 9999: 'JMX' };

/** Checks names and ports of a cluster's listeners; `what` names the cluster in error messages. */
export function validateListeners(what: string, listeners: readonly KafkaListener[]): void {
  if (listeners.length === 0) {
    throw new Error(`${what}: a cluster needs at least one listener; add e.g. { name: 'plain', port: 9092 }.`);
  }
  const names = new Set<string>();
  const ports = new Set<number>();
  for (const l of listeners) {
    if (!/^[a-z0-9]{1,11}$/.test(l.name)) {
      throw new Error(
        `${what}: listener name '${l.name}' is invalid: it must be 1 to 11 lower-case letters or digits ` +
          `([a-z0-9]{1,11}). Use e.g. '${l.name.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 11) || 'plain'}'.`,
      );
    }
    if (names.has(l.name)) {
      throw new Error(`${what}: listener name '${l.name}' is used twice; give each listener its own name.`);
    }
    if (!Number.isInteger(l.port) || l.port < 9092 || l.port > 65535) {
      throw new Error(
        `${what}: listener '${l.name}' has port ${l.port}, but listener ports must be integers from 9092 to 65535 ` +
          `(Strimzi uses 9090 and 9091 for the controller and replication). Use e.g. 9094.`,
      );
    }
    if (RESERVED_PORTS[l.port]) {
      throw new Error(
        `${what}: listener '${l.name}' has port ${l.port}, which Strimzi reserves for ${RESERVED_PORTS[l.port]}. ` +
          `Choose another port, e.g. 9094.`,
      );
    }
    if (ports.has(l.port)) {
      throw new Error(`${what}: port ${l.port} is used by two listeners ('${l.name}' and another); listener ports must be unique.`);
    }
    names.add(l.name);
    ports.add(l.port);
  }
}
