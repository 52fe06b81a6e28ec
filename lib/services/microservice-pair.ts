import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { KafkaCluster } from '../cluster/kafka-cluster';
import { KafkaMicroservice, KafkaMicroserviceOptions } from './kafka-microservice';
import { Topic } from '../topics/topic';
import { Subject } from '../core/subject';
import { KafkaUser } from '../security/kafka-user';
import { admitPodsToListener } from '../security/listener-peers';
import { clientListener, clientUserAuthentication } from './client-listener';
import { checkedId, guardCdk8s } from '../rules/cdk8s-errors';
import { trackConsumerGroup } from '../rules/consumer-groups';
import { checkGroupId } from '../rules/kafka-names';

/** Options of the producer service. */
export interface ProducerOptions extends KafkaMicroserviceOptions {
  /**
   * How often the producer sends a SensorMeasurement (`PRODUCER_INTERVAL_MS`).
   * @default Duration.seconds(2)
   */
  readonly interval?: Duration;
}

/** Options of the consumer service. */
export interface ConsumerOptions extends KafkaMicroserviceOptions {
  /**
   * Consumer group id (`KAFKA_GROUP_ID`); keep it stable so a restarted consumer resumes where it stopped.
   * @default - the consumer's name
   */
  readonly groupId?: string;
}

export interface MicroservicePairProps extends ChartProps {
  /** The cluster both services connect to. */
  readonly cluster: KafkaCluster;
  /** The topic the producer writes and the consumer reads; must belong to `cluster`. */
  readonly topic: Topic;
  /**
   * Listener of `cluster` the services connect through. For a TLS listener the cluster CA is mounted and trusted;
   * when the listener authenticates, each service gets a KafkaUser of its own (named after the service, with the
   * listener's authentication) holding only the ACLs its role needs, and logs in with its credentials Secret.
   * @default - the cluster's first internal listener with TLS and authentication (else with authentication, else any)
   */
  readonly listener?: string;
  /**
   * Whether each service gets a NetworkPolicy (HTTP in; its cluster's brokers on the listener port and DNS out).
   * Turn off where policies are enforced another way. The listener admits the services' pods either way.
   * @default true
   */
  readonly networkPolicies?: boolean;
  /**
   * Value of the `application` and `app.kubernetes.io/part-of` labels of every object.
   * @default - the cluster's name
   */
  readonly application?: string;
  /**
   * The producer service.
   * @default - `data-producer` with the default image
   */
  readonly producer?: ProducerOptions;
  /**
   * The consumer service.
   * @default - `data-consumer` with the default image, group id `data-consumer`
   */
  readonly consumer?: ConsumerOptions;
}

/**
 * A chart with a producer and a consumer service that talk through one topic: the seed's `data-producer`
 * and `data-consumer`. Each is told its bootstrap servers and topic by the cluster and topic objects, is secured
 * by what its listener demands (its own KafkaUser and least-privilege ACLs), and is admitted to that listener
 * alone by NetworkPolicies.
 */
export class MicroservicePair extends Chart {
  /** Image of the producer built from apps/producer. */
  public static readonly DEFAULT_PRODUCER_IMAGE = 'strimzi-cdk8s/data-producer:0.1.0';
  /** Image of the consumer built from apps/consumer. */
  public static readonly DEFAULT_CONSUMER_IMAGE = 'strimzi-cdk8s/data-consumer:0.1.0';

  /** The producer's Deployment and Service. */
  public readonly producer: KafkaMicroservice;
  /** The consumer's Deployment and Service. */
  public readonly consumer: KafkaMicroservice;

  private readonly cluster: KafkaCluster;
  private readonly topic: Topic;
  private readonly bootstrapServers: string;

  constructor(scope: Construct, id: string, props: MicroservicePairProps) {
    super(scope, checkedId(scope, id, 'MicroservicePair'), props);
    const subject = Subject.of(this, 'MicroservicePair', id);
    if (!(props.cluster instanceof KafkaCluster)) throw subject.error('its cluster is not a KafkaCluster', 'Pass the KafkaCluster the services connect to');
    if (!(props.topic instanceof Topic)) throw subject.error('its topic is not a Topic', 'Pass the Topic the producer writes and the consumer reads');
    this.cluster = props.cluster;
    this.topic = props.topic;
    const listener = clientListener(subject, props.cluster, props.listener);
    const authentication = clientUserAuthentication(listener);
    this.bootstrapServers = props.cluster.bootstrapServers(listener.name);

    const { interval, ...producer } = props.producer ?? {};
    const { groupId, ...consumer } = props.consumer ?? {};
    const producerName = producer.name ?? 'data-producer';
    const consumerName = consumer.name ?? 'data-consumer';
    if (producerName === consumerName) {
      throw subject.error(`producer and consumer are both named '${producerName}'; they would be one Deployment and one Service`, 'Give them different names');
    }
    const producerSubject = Subject.at('producer', String(producerName), `${this.node.path}/Producer`);
    if (interval !== undefined && !(interval instanceof Duration)) throw producerSubject.error(`interval is ${JSON.stringify(interval)}, not a Duration`, 'Use e.g. Duration.seconds(2)');
    const intervalMs = guardCdk8s(producerSubject, 'interval', () => (interval ?? Duration.seconds(2)).toMilliseconds());
    if (intervalMs < 1) throw producerSubject.error(`interval is ${intervalMs} ms, below the 1 ms the producer can wait`, 'Use e.g. Duration.seconds(2)');
    const group = groupId ?? consumerName;

    // The two services differ only in name, image, role, the one setting each role needs and the access it is granted.
    const service = (constructId: string, name: string, options: KafkaMicroserviceOptions, image: string,
      roleEnv: Record<string, string>, grant: (user: KafkaUser) => void) => {
      const microservice = new KafkaMicroservice(this, constructId, {
        ...options,
        name,
        image: options.image ?? image,
        component: constructId.toLowerCase(),
        application: props.application ?? props.cluster.name,
        trustedCa: listener.tls ? props.cluster.clusterCaCert : undefined,
        user: authentication && { cluster: props.cluster, authentication },
        networkPolicy: props.networkPolicies ?? true ? { clusterName: props.cluster.name, port: listener.port } : undefined,
        kafkaEnv: {
          KAFKA_BOOTSTRAP_SERVERS: this.bootstrapServers,
          KAFKA_TOPIC: props.topic.topicName,
          KAFKA_CLIENT_ID: name,
          ...roleEnv,
        },
      });
      // ACLs only where the cluster enforces them (the User Operator refuses ACLs otherwise); a topic of another
      // cluster is reported at synth (bindingErrors).
      if (microservice.user && props.cluster.authorization.enabled && props.topic.cluster === props.cluster) {
        grant(microservice.user);
      }
      admitPodsToListener(props.cluster, listener.name, microservice.podSelector);
      return microservice;
    };
    this.producer = service('Producer', producerName, producer, MicroservicePair.DEFAULT_PRODUCER_IMAGE,
      { PRODUCER_INTERVAL_MS: String(intervalMs) }, (user) => props.topic.grantWrite(user));
    // A group id left out is the consumer's name, which the consumer's own rules check (and which is always a valid id).
    const consumerSubject = Subject.at('consumer', String(consumerName), `${this.node.path}/Consumer`);
    if (groupId !== undefined) checkGroupId(consumerSubject, groupId);
    this.consumer = service('Consumer', consumerName, consumer, MicroservicePair.DEFAULT_CONSUMER_IMAGE,
      { KAFKA_GROUP_ID: group }, (user) => props.topic.grantRead(user, group));
    trackConsumerGroup(this, consumerSubject, props.cluster, group);

    this.node.addValidation({ validate: () => this.bindingErrors(subject, consumer.replicas ?? 1) });
  }

  private bindingErrors(subject: Subject, consumerReplicas: number): string[] {
    const errors: string[] = [];
    if (this.topic.cluster !== this.cluster) {
      errors.push(subject.message(`topic '${this.topic.topicName}' belongs to cluster '${this.topic.cluster.name}', not to '${this.cluster.name}'`,
        "Pass the topic's own cluster"));
    }
    if (this.namespace !== this.cluster.namespace) {
      const clusterNamespace = this.cluster.namespace ?? '(none)';
      errors.push(subject.message(
        `it is in namespace '${this.namespace ?? '(none)'}' but cluster '${this.cluster.name}' is in '${clusterNamespace}': ` +
          `'${this.bootstrapServers}' resolves only in the cluster's namespace`,
        `Give the chart namespace '${clusterNamespace}'`,
      ));
    }
    if (consumerReplicas > this.topic.partitions) {
      errors.push(subject.message(
        `the consumer has ${consumerReplicas} replicas but topic '${this.topic.topicName}' has ${this.topic.partitions} partition(s); ` +
          `a group gives each partition to one consumer, so ${consumerReplicas - this.topic.partitions} would sit idle`,
        'Add partitions or lower replicas',
      ));
    }
    return errors;
  }
}
