import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { KafkaCluster } from '../cluster/kafka-cluster';
import { KafkaMicroservice, KafkaMicroserviceOptions } from './kafka-microservice';
import { Topic } from '../topics/topic';
import { Subject } from '../core/subject';
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
   * Listener of `cluster` the services connect through. For a TLS listener the cluster CA is mounted and trusted.
   * @default 'plain'
   */
  readonly listener?: string;
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
 * and `data-consumer`. Each is told its bootstrap servers and topic by the cluster and topic objects.
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
    const listener = props.cluster.listener(props.listener ?? 'plain');
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

    // The two services differ only in name, image, role and the one setting each role needs.
    const service = (constructId: string, name: string, options: KafkaMicroserviceOptions, image: string, roleEnv: Record<string, string>) =>
      new KafkaMicroservice(this, constructId, {
        ...options,
        name,
        image: options.image ?? image,
        component: constructId.toLowerCase(),
        application: props.application ?? props.cluster.name,
        trustedCa: listener.tls ? props.cluster.clusterCaCert : undefined,
        kafkaEnv: {
          KAFKA_BOOTSTRAP_SERVERS: this.bootstrapServers,
          KAFKA_TOPIC: props.topic.topicName,
          KAFKA_CLIENT_ID: name,
          ...roleEnv,
        },
      });
    this.producer = service('Producer', producerName, producer, MicroservicePair.DEFAULT_PRODUCER_IMAGE, { PRODUCER_INTERVAL_MS: String(intervalMs) });
    this.consumer = service('Consumer', consumerName, consumer, MicroservicePair.DEFAULT_CONSUMER_IMAGE, { KAFKA_GROUP_ID: group });
    const consumerSubject = Subject.of(this.consumer, 'consumer', consumerName);
    checkGroupId(consumerSubject, group);
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
