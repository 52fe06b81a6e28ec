import { Construct, IConstruct } from 'constructs';
import { KafkaResources } from '../base/kafka-resources';
import { Subject } from '../base/subject';
import { ClusterListener } from '../listeners/kafka-listener';
import { KafkaAuthorization } from './kafka-authorization';
import { UserOperator } from './user-operator';

/** Where a cluster's CA certificate lives, for clients of TLS listeners. */
export interface SecretKeyReference {
  /** Name of the Secret. */
  readonly secretName: string;
  /** Key in the Secret's data. */
  readonly key: string;
}

/**
 * A Strimzi Kafka cluster, defined in this app (`KafkaCluster`) or elsewhere (`KafkaCluster.fromExisting`): what
 * topics, users and clients need to know of it. Every name comes from KafkaResources, so a client is wired to what
 * Strimzi really creates.
 */
export interface IKafkaCluster extends IConstruct {
  /** Name of the Kafka resource. */
  readonly name: string;
  /**
   * Namespace of the cluster.
   * @default - the namespace `kubectl apply` targets
   */
  readonly namespace?: string;
  /**
   * Number of broker nodes, when known (topic replicas are checked against it).
   * @default - unknown
   */
  readonly brokerCount?: number;
  /** The listeners, with defaults applied. */
  readonly listeners: ClusterListener[];
  /** Authorization of client requests. */
  readonly authorization: KafkaAuthorization;
  /** Whether the User Operator runs (KafkaUser resources take effect only then) and how it names Secrets. */
  readonly userOperator: UserOperator;
  /** Whether the Topic Operator runs (KafkaTopic resources take effect only then). */
  readonly topicOperatorEnabled: boolean;
  /** Secret and key of the cluster CA certificate that TLS clients must trust. */
  readonly clusterCaCert: SecretKeyReference;
  /** The label every KafkaTopic, KafkaUser and KafkaNodePool of this cluster must carry. */
  readonly clusterLabel: Record<string, string>;
  /** Whether GitOps tools are told to keep the cluster's topics when pruning (each Topic's own default). */
  readonly preventPrune: boolean;

  /**
   * The bootstrap address in-cluster clients use for a listener, e.g. `amm-techlab-kafka-bootstrap:9092`.
   * @param listenerName an `internal` or `cluster-ip` listener of this cluster; defaults to `plain`
   */
  bootstrapServers(listenerName?: string): string;

  /** The listener with this name; throws naming the listeners that exist. */
  listener(listenerName: string): ClusterListener;

  /** The Secret the User Operator writes the credentials of a KafkaUser of this cluster to. */
  userSecretName(userName: string): string;
}

/** Whether `value` is an IKafkaCluster (JavaScript callers and casts can pass anything). */
export function isKafkaCluster(value: unknown): value is IKafkaCluster {
  if (value instanceof KafkaClusterBase) return true;
  const cluster = value as Partial<IKafkaCluster> | undefined;
  return typeof cluster?.name === 'string' && Array.isArray(cluster.listeners) && typeof cluster.listener === 'function'
    && typeof cluster.bootstrapServers === 'function' && typeof cluster.userSecretName === 'function';
}

/**
 * What every IKafkaCluster construct of this library shares: listener lookup, bootstrap addresses, the names
 * Strimzi derives, and the check that no two topics of the cluster collide.
 */
export abstract class KafkaClusterBase extends Construct implements IKafkaCluster {
  public abstract readonly name: string;
  public abstract readonly namespace?: string;
  public abstract readonly brokerCount?: number;
  public abstract readonly listeners: ClusterListener[];
  public abstract readonly authorization: KafkaAuthorization;
  public abstract readonly userOperator: UserOperator;
  public abstract readonly topicOperatorEnabled: boolean;
  public abstract readonly preventPrune: boolean;

  private readonly topicNames = new Map<string, string[]>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => this.duplicateTopicErrors() });
  }

  public get clusterCaCert(): SecretKeyReference {
    return { secretName: KafkaResources.clusterCaCertificateSecretName(this.name), key: KafkaResources.CA_CERTIFICATE_KEY };
  }

  public get clusterLabel(): Record<string, string> {
    return KafkaResources.clusterLabels(this.name);
  }

  public bootstrapServers(listenerName = 'plain'): string {
    const listener = this.listener(listenerName);
    if (!listener.inCluster) {
      throw this.subject.part('listener', listener.name).error(
        'listener-not-in-cluster',
        `it is of type '${listener.type}', which advertises external addresses; in-cluster clients need an 'internal' or 'cluster-ip' listener`,
        `Connect through one of: ${this.listeners.filter((l) => l.inCluster).map((l) => l.name).join(', ') || "(none: add an 'internal' listener)"}`);
    }
    return listener.bootstrapServers;
  }

  public listener(listenerName: string): ClusterListener {
    const listener = this.listeners.find((l) => l.name === listenerName);
    if (!listener) {
      throw this.subject.error('listener-unknown', `it has no listener '${listenerName}'`,
        `Use one of its listeners: ${this.listeners.map((l) => l.name).join(', ')}`);
    }
    return listener;
  }

  public userSecretName(userName: string): string {
    return KafkaResources.userSecretName(userName, this.userOperator.secretPrefix);
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

  private get subject(): Subject {
    return Subject.of(this, 'KafkaCluster', this.name);
  }

  private duplicateTopicErrors(): string[] {
    return [...this.topicNames.values()]
      .filter((topics) => topics.length > 1)
      .map((topics) => this.subject.errorMessage('topic-name-collision',
        `its topics ${topics.join(', ')} collide: Kafka allows one topic per name, and treats '.' and '_' alike`,
        'Remove or rename all but one'));
  }
}
