import { IConstruct } from 'constructs';
import {
  KafkaSpecKafkaListeners,
  KafkaSpecKafkaListenersConfiguration,
  KafkaSpecKafkaListenersNetworkPolicyPeers,
  KafkaSpecKafkaListenersType,
} from '../../imports/kafka.strimzi.io';
import { KafkaResources } from '../base/kafka-resources';
import { Subject } from '../base/subject';
import { Warnings } from '../base/warnings';
import { LISTENER_TYPES } from '../rules/strimzi-listeners';
import { checkListenerAuthentication, ListenerAuthentication, renderListenerAuthentication } from './listener-authentication';

/** How a listener is exposed (`spec.kafka.listeners[].type`). */
export enum KafkaListenerType {
  /** Reached from inside the Kubernetes cluster through `<cluster>-kafka-bootstrap`. */
  INTERNAL = 'internal',
  /** Reached from inside the Kubernetes cluster through a ClusterIP Service of its own. */
  CLUSTER_IP = 'cluster-ip',
  /** An OpenShift Route per broker plus one for bootstrap (TLS passthrough). */
  ROUTE = 'route',
  /** A LoadBalancer Service per broker plus one for bootstrap. */
  LOADBALANCER = 'loadbalancer',
  /** A NodePort Service per broker plus one for bootstrap. */
  NODEPORT = 'nodeport',
  /** Kubernetes Ingresses with TLS passthrough (deprecated by Strimzi since 0.51). */
  INGRESS = 'ingress',
  /** Gateway API TLSRoutes. */
  TLSROUTE = 'tlsroute',
}

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
  readonly type?: KafkaListenerType;
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
   * Sources allowed to connect besides the pods admitted with `allowFrom` (e.g. by a MicroservicePair): Strimzi's
   * `networkPolicyPeers`. Use a namespaceSelector for clients in other namespaces, `{ namespaceSelector: {} }` for
   * every pod of every namespace.
   * @default - the admitted pods; for an internal or cluster-ip listener nothing is admitted to, the pods of the
   *   cluster's namespace (Strimzi would otherwise admit every pod of every namespace)
   */
  readonly networkPolicyPeers?: KafkaSpecKafkaListenersNetworkPolicyPeers[];
}

/** The seed's listeners: `plain` on 9092 and `tls` on 9093, both internal, both with SCRAM-SHA-512 authentication. */
export function defaultListeners(): KafkaListener[] {
  return [
    { name: 'plain', port: 9092, type: KafkaListenerType.INTERNAL, tls: false, authentication: ListenerAuthentication.SCRAM_SHA_512 },
    { name: 'tls', port: 9093, type: KafkaListenerType.INTERNAL, tls: true, authentication: ListenerAuthentication.SCRAM_SHA_512 },
  ];
}

/** What a ClusterListener is made from. */
export interface ClusterListenerProps {
  /** The listener as given, before defaults. */
  readonly listener: KafkaListener;
  /** Name of the Kafka cluster. */
  readonly clusterName: string;
  /** The cluster construct: errors and warnings name the listener under it. */
  readonly scope: IConstruct;
  /**
   * Whether this app renders the Kafka resource; false for a cluster defined elsewhere, whose peers it cannot set.
   * @default true
   */
  readonly managed?: boolean;
}

/**
 * A listener of a Kafka cluster, with its defaults applied: where in-cluster clients connect
 * (`bootstrapServers`), how they authenticate, and which pods may connect (`allowFrom`).
 */
export class ClusterListener {
  /** Listener name. */
  public readonly name: string;
  /** Port inside Kafka. */
  public readonly port: number;
  /** How the listener is exposed. */
  public readonly type: KafkaListenerType;
  /** Whether clients connect with TLS. */
  public readonly tls: boolean;
  /** How clients authenticate. */
  public readonly authentication: ListenerAuthentication;
  /** Exposure details, as given. */
  public readonly configuration?: KafkaSpecKafkaListenersConfiguration;
  /** Name of the Kafka cluster the listener belongs to. */
  public readonly clusterName: string;

  private readonly givenPeers: KafkaSpecKafkaListenersNetworkPolicyPeers[];
  private readonly admittedPods: Array<Record<string, string>> = [];
  private readonly scope: IConstruct;
  private readonly subject: Subject;
  private readonly managed: boolean;

  constructor(props: ClusterListenerProps) {
    const l = props.listener;
    this.name = l.name;
    this.port = l.port;
    this.type = l.type ?? KafkaListenerType.INTERNAL;
    this.tls = l.tls ?? false;
    this.authentication = l.authentication ?? ListenerAuthentication.SCRAM_SHA_512;
    this.configuration = l.configuration;
    this.clusterName = props.clusterName;
    this.givenPeers = [...(l.networkPolicyPeers ?? [])];
    this.scope = props.scope;
    const owner = Subject.of(props.scope, 'KafkaCluster', props.clusterName);
    this.subject = owner.part('listener', l.name);
    this.managed = props.managed ?? true;
    checkListenerAuthentication(owner, this);
    this.checkPeers();
  }

  /** Whether pods of the Kubernetes cluster connect to it (`internal` or `cluster-ip`); the others serve outside traffic. */
  public get inCluster(): boolean {
    return LISTENER_TYPES[this.type]?.inCluster === true;
  }

  /**
   * The bootstrap address in-cluster clients use, e.g. `amm-techlab-kafka-bootstrap:9092`; throws for a listener
   * that advertises external addresses.
   */
  public get bootstrapServers(): string {
    if (!this.inCluster) {
      throw this.subject.error(
        'listener-bootstrap-external',
        `it is of type '${this.type}', which advertises external addresses; in-cluster clients need an 'internal' or 'cluster-ip' listener`,
        'Connect through an internal or cluster-ip listener of the cluster');
    }
    const service = this.type === KafkaListenerType.INTERNAL
      ? KafkaResources.bootstrapServiceName(this.clusterName)
      : KafkaResources.listenerBootstrapServiceName(this.clusterName, this.name);
    return `${service}:${this.port}`;
  }

  /**
   * Admits the pods with these labels, in the cluster's namespace, to this listener: they are added to its
   * `networkPolicyPeers` (Strimzi's NetworkPolicy of the brokers). For a cluster defined elsewhere the Kafka
   * resource is not rendered here, so a warning says which pods its owner must admit.
   * @param podLabels labels selecting the client pods, e.g. a Deployment's selector
   */
  public allowFrom(podLabels: Record<string, string>): void {
    this.admittedPods.push({ ...podLabels });
    if (!this.managed) {
      Warnings.of(this.scope)._add('listener-managed-elsewhere', this.subject,
        `pods with labels ${JSON.stringify(podLabels)} connect to it, but the cluster is defined elsewhere, so this app cannot admit them`,
        "Ask the cluster's owner to list the pods in the listener's networkPolicyPeers (or check that they are already)");
    }
  }

  /** The pods admitted with `allowFrom`, as their label sets. */
  public get admitted(): Array<Record<string, string>> {
    return this.admittedPods.map((labels) => ({ ...labels }));
  }

  /**
   * The listener in the CRD's form, its `networkPolicyPeers` resolved now: the admitted pods, then the peers
   * given. Strimzi opens a listener without peers to every pod of every namespace, so an in-cluster listener that
   * nothing was admitted to and that lists no peers gets the pods of the cluster's own namespace only
   * (`podSelector: {}`), where the User Operator writes the credentials its clients need. External listeners
   * carry traffic from outside the pod network and stay as given.
   * @internal
   */
  public _render(withPeers: boolean): KafkaSpecKafkaListeners {
    return {
      name: this.name,
      port: this.port,
      type: this.type as string as KafkaSpecKafkaListenersType,
      tls: this.tls,
      configuration: this.configuration,
      authentication: renderListenerAuthentication(this),
      networkPolicyPeers: withPeers ? this.peers() : undefined,
    };
  }

  private peers(): KafkaSpecKafkaListenersNetworkPolicyPeers[] | undefined {
    const labelSets = [...new Set(this.admittedPods.map((labels) => JSON.stringify(labels)))];
    const peers = [...labelSets.map((labels) => ({ podSelector: { matchLabels: JSON.parse(labels) } })), ...this.givenPeers];
    if (peers.length > 0) return peers;
    return this.inCluster ? [{ podSelector: {} }] : undefined;
  }

  /**
   * Throws for a peer Kubernetes would refuse in the NetworkPolicy Strimzi makes from it (NetworkPolicyPeer: an
   * ipBlock alone, or a podSelector and/or namespaceSelector; an empty peer is invalid).
   */
  private checkPeers(): void {
    for (const peer of this.givenPeers) {
      const selects = peer.podSelector !== undefined || peer.namespaceSelector !== undefined;
      if (!selects && peer.ipBlock === undefined) {
        throw this.subject.error('listener-peer-empty', 'has an empty networkPolicyPeers entry, which Kubernetes refuses',
          'Give the entry a podSelector, a namespaceSelector or an ipBlock ({ namespaceSelector: {} } admits every namespace)');
      }
      if (selects && peer.ipBlock !== undefined) {
        throw this.subject.error(
          'listener-peer-ipblock-with-selector',
          'has a networkPolicyPeers entry with both an ipBlock and a selector; Kubernetes allows either an ipBlock or selectors',
          'Split it into two entries');
      }
    }
  }
}
