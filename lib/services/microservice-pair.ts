import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { KafkaCluster } from '../cluster/kafka-cluster';
import { KafkaMicroservice, KafkaMicroserviceOptions } from './kafka-microservice';
import { Topic } from '../topics/topic';

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
    super(scope, id, props);
    this.cluster = props.cluster;
    this.topic = props.topic;
    const listener = props.cluster.listener(props.listener ?? 'plain');
    this.bootstrapServers = props.cluster.bootstrapServers(listener.name);

    const { interval, ...producer } = props.producer ?? {};
    const { groupId, ...consumer } = props.consumer ?? {};
    const producerName = producer.name ?? 'data-producer';
    const consumerName = consumer.name ?? 'data-consumer';
    if (producerName === consumerName) {
      throw new Error(`MicroservicePair '${id}': producer and consumer are both named '${producerName}'; give them different names.`);
    }
    const intervalMs = (interval ?? Duration.seconds(2)).toMilliseconds();
    if (intervalMs < 1) {
      throw new Error(`producer '${producerName}': interval must be at least 1 ms, e.g. Duration.seconds(2).`);
    }
    const group = groupId ?? consumerName;
    if (!/^[a-zA-Z0-9._-]{1,249}$/.test(group)) {
      throw new Error(`consumer '${consumerName}': groupId '${group}' must be 1 to 249 of [a-zA-Z0-9._-].`);
    }

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

    this.node.addValidation({ validate: () => this.bindingErrors(consumer.replicas ?? 1) });
  }

  private bindingErrors(consumerReplicas: number): string[] {
    const errors: string[] = [];
    if (this.topic.cluster !== this.cluster) {
      errors.push(
        `MicroservicePair '${this.node.id}': topic '${this.topic.topicName}' belongs to cluster '${this.topic.cluster.name}', ` +
          `not to '${this.cluster.name}'; pass the topic's own cluster.`,
      );
    }
    if (this.namespace !== this.cluster.namespace) {
      errors.push(
        `MicroservicePair '${this.node.id}' is in namespace '${this.namespace ?? '(none)'}' but cluster '${this.cluster.name}' ` +
          `is in '${this.cluster.namespace ?? '(none)'}': '${this.bootstrapServers}' ` +
          `resolves only in the cluster's namespace. Give the chart namespace '${this.cluster.namespace ?? '(none)'}'.`,
      );
    }
    if (consumerReplicas > this.topic.partitions) {
      errors.push(
        `MicroservicePair '${this.node.id}': the consumer has ${consumerReplicas} replicas but topic ` +
          `'${this.topic.topicName}' has ${this.topic.partitions} partition(s); a group gives each partition to one ` +
          `consumer, so ${consumerReplicas - this.topic.partitions} would sit idle. Add partitions or lower replicas.`,
      );
    }
    return errors;
  }
}
