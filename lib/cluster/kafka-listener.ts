import { KafkaSpecKafkaListenersConfiguration, KafkaSpecKafkaListenersType } from '../../imports/kafka.strimzi.io';
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
   * Whether clients must connect with TLS (trusting the cluster CA). `route`, `ingress` and `tlsroute` listeners require it.
   * @default false
   */
  readonly tls?: boolean;
  /**
   * How the listener is exposed in detail (`spec.kafka.listeners[].configuration`): hosts, Gateway parent
   * references, load balancer and node port settings. `ingress` and `tlsroute` listeners need hosts, and
   * `tlsroute` the Gateway; each field applies only to the types Strimzi allows it for.
   * @default - none
   */
  readonly configuration?: KafkaSpecKafkaListenersConfiguration;
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

/** A listener with its defaults applied. */
export type ResolvedKafkaListener = KafkaListener & Required<Pick<KafkaListener, 'type' | 'tls' | 'authentication' | 'networkPolicyPeers'>>;
