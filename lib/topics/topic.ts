import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { KafkaTopic, toJson_KafkaTopicSpec } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { IKafkaCluster, isKafkaCluster, KafkaClusterBase } from '../cluster/kafka-cluster-base';
import { StrimziObject } from '../core/strimzi-object';
import { PRUNE_PROTECTION_ANNOTATIONS } from '../plan/prune-protection';
import { SynthPlan } from '../plan/synth-plan';
import { checkedId } from '../rules/cdk8s-errors';
import { checkTopicName } from '../rules/kafka-names';
import { NAME_RULES, nameProblem, shortHash, suggestName, toResourceName } from '../rules/kubernetes-names';
import { WHOLE_NUMBER_LIMITS, wholeNumberProblem } from '../rules/numbers';
import { checkedRecord } from '../rules/props';
import { AclPatternType } from '../security/acl';
import { Grant, grantTopicAccess } from '../security/grants';
import type { IKafkaUser } from '../security/kafka-user';
import { renderTopicConfig, Retention, RetentionSize, warnAboutTopic } from './topic-config';

/** `cleanup.policy`: what happens to old records. */
export enum CleanupPolicy {
  /** Delete segments older than the retention. */
  DELETE = 'delete',
  /** Keep only the latest record per key. */
  COMPACT = 'compact',
  /** Compact, and delete segments older than the retention. */
  COMPACT_DELETE = 'compact,delete',
}

/**
 * A Kafka topic that access can be granted to, and that services can produce to and consume from: a Topic of this
 * app, or one from `Topic.fromExisting`.
 */
export interface ITopic extends IConstruct {
  /** The Kafka topic name clients use. */
  readonly topicName: string;
  /** The cluster holding the topic. */
  readonly cluster: IKafkaCluster;
  /**
   * Number of partitions, when known (consumers beyond it would sit idle).
   * @default - unknown
   */
  readonly partitions?: number;

  /** Lets `user` produce to the topic (idempotent producers included): the topic's Write ACL. */
  grantWrite(user: IKafkaUser): Grant;

  /**
   * Lets `user` consume the topic in consumer group `groupId` (or in every group whose id starts with it, with
   * `AclPatternType.PREFIX`): the topic's Read ACL and the group's Read ACL.
   */
  grantRead(user: IKafkaUser, groupId: string, groupPatternType?: AclPatternType): Grant;

  /** Lets `user` see the topic's metadata and offsets, without reading or writing records: the topic's Describe ACL. */
  grantDescribe(user: IKafkaUser): Grant;
}

/** A topic managed elsewhere (by another app, chart or team), as `Topic.fromExisting` needs it. */
export interface ExistingTopicProps {
  /** The Kafka topic name. */
  readonly topicName: string;
  /** The cluster that holds it. */
  readonly cluster: IKafkaCluster;
  /**
   * Number of partitions, to check consumer replicas against.
   * @default - unknown
   */
  readonly partitions?: number;
}

/** What every ITopic construct of this library shares: the grants, which only need the topic name and cluster. */
abstract class TopicBase extends Construct implements ITopic {
  public abstract readonly topicName: string;
  public abstract readonly cluster: IKafkaCluster;
  public abstract readonly partitions?: number;

  public grantWrite(user: IKafkaUser): Grant {
    return grantTopicAccess(this.subject, this, user, 'write');
  }

  public grantRead(user: IKafkaUser, groupId: string, groupPatternType = AclPatternType.LITERAL): Grant {
    return grantTopicAccess(this.subject, this, user, 'read', { groupId, patternType: groupPatternType });
  }

  public grantDescribe(user: IKafkaUser): Grant {
    return grantTopicAccess(this.subject, this, user, 'describe');
  }

  private get subject(): Subject {
    return Subject.of(this, 'Topic', this.topicName);
  }
}

export interface TopicProps {
  /**
   * The cluster that holds the topic (a KafkaCluster, or one from `KafkaCluster.fromExisting`); its
   * `strimzi.io/cluster` label is derived from it.
   */
  readonly cluster: IKafkaCluster;
  /**
   * Name of the Kafka topic: up to 249 of `[a-zA-Z0-9._-]`, not `.` or `..`, not starting with `__`.
   * @default - the construct id
   */
  readonly topicName?: string;
  /**
   * `metadata.name` of the KafkaTopic resource.
   * @default - the topic name when it is a valid resource name, otherwise a name derived from it
   *   (lower-cased, invalid characters replaced, plus a hash) with the real name in `spec.topicName`
   */
  readonly resourceName?: string;
  /**
   * Number of partitions (at least 1; partitions can be added later, never removed).
   * @default 1
   */
  readonly partitions?: number;
  /**
   * Replicas of each partition, from 1 to the cluster's broker count.
   * @default min(3, broker count); 3 when the broker count is unknown
   */
  readonly replicas?: number;
  /**
   * `retention.ms`: how long records are kept, e.g. `Retention.of(Duration.days(7))`; `Retention.unlimited()`
   * keeps them forever (`-1`).
   * @default - the broker's default (7 days)
   */
  readonly retention?: Retention;
  /**
   * `retention.bytes`: the size a partition may grow to before old segments are deleted;
   * `RetentionSize.unlimited()` sets no size limit (`-1`).
   * @default - the broker's default (no size limit)
   */
  readonly retentionBytes?: RetentionSize;
  /**
   * `segment.bytes`: size of one log segment file.
   * @default - the broker's default (1 GiB)
   */
  readonly segmentBytes?: number;
  /**
   * `cleanup.policy`.
   * @default - the broker's default (delete)
   */
  readonly cleanupPolicy?: CleanupPolicy;
  /**
   * `min.insync.replicas`: replicas an `acks=all` write needs; at most `replicas`.
   * @default - the cluster's `min.insync.replicas`
   */
  readonly minInsyncReplicas?: number;
  /**
   * `max.message.bytes`: the largest record batch the topic accepts.
   * @default - the broker's default (about 1 MiB)
   */
  readonly maxMessageBytes?: number;
  /**
   * Any other topic-level config of Kafka 4.3, e.g. `{ 'compression.type': 'zstd' }`, checked against Kafka's own
   * definitions (key, type, range, allowed values); a list is written comma-separated ('0:1,1:2'). Keys typed above
   * are rejected here.
   * @default - none
   */
  readonly config?: Record<string, string | number | boolean>;
  /**
   * Labels added to the KafkaTopic resource.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Whether the Topic Operator manages the Kafka topic. `false` annotates the KafkaTopic `strimzi.io/managed: "false"`:
   * the operator stops changing the topic, and deleting the KafkaTopic then leaves the Kafka topic and its records
   * in place. Apply it before removing a Topic whose records must stay, or before changing its resourceName.
   * @default true
   */
  readonly managed?: boolean;
  /**
   * Whether GitOps tools keep the KafkaTopic when it leaves the manifests (SynthPlan.PRUNE_PROTECTION_ANNOTATIONS:
   * Argo CD `Prune=false,Delete=false`, Flux `prune: disabled`, Helm `resource-policy: keep`), so that only a
   * deliberate delete by hand removes the topic.
   * @default - the cluster's `preventPrune`
   */
  readonly preventPrune?: boolean;
}

/**
 * A Kafka topic managed by the Strimzi Topic Operator: a `KafkaTopic` resource bound to a KafkaCluster.
 *
 * The cluster label, namespace and replica limits come from the cluster object, so they cannot disagree with it.
 */
export class Topic extends TopicBase {
  /**
   * A topic managed elsewhere (by another app, chart or team): access to it can be granted and services can use
   * it, and nothing is rendered for it.
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingTopicProps): ITopic {
    return new ExistingTopic(scope, id, props);
  }

  /** The Kafka topic name clients use. */
  public readonly topicName: string;
  /** `metadata.name` of the KafkaTopic resource. */
  public readonly resourceName: string;
  /** The cluster holding the topic. */
  public readonly cluster: IKafkaCluster;
  /** Number of partitions. */
  public readonly partitions?: number;
  /** Replicas of each partition. */
  public readonly replicas: number;
  /** The KafkaTopic resource (also `node.defaultChild`, for escape hatches in Strimzi's own field names). */
  public readonly resource: ApiObject;

  constructor(scope: Construct, id: string, props: TopicProps) {
    super(scope, checkedId(scope, id, 'Topic', props.topicName));
    this.topicName = props.topicName ?? id;
    const subject = Subject.of(this, 'Topic', String(this.topicName));
    if (!isKafkaCluster(props.cluster)) {
      throw subject.error('topic-cluster-invalid', 'its cluster is not an IKafkaCluster',
         'Pass the KafkaCluster that holds the topic, or KafkaCluster.fromExisting(...)');
    }
    this.cluster = props.cluster;
    checkTopicName(subject, this.topicName);
    this.resourceName = props.resourceName ?? deriveResourceName(this.topicName);
    const nameError = nameProblem(NAME_RULES.dns1123Subdomain, this.resourceName);
    if (nameError) throw subject.error('topic-resource-name-invalid', `resourceName ${nameError}`,
      `Use e.g. '${suggestName(NAME_RULES.dns1123Subdomain, String(this.resourceName))}'`);

    this.partitions = props.partitions ?? 1;
    const partitions = wholeNumberProblem(this.partitions, WHOLE_NUMBER_LIMITS.partitions);
    if (partitions) throw subject.error('topic-partitions-invalid', `partitions is invalid: ${partitions}`, 'Use a whole number of at least 1');
    const brokers = this.cluster.brokerCount;
    this.replicas = props.replicas ?? Math.min(3, brokers ?? 3);
    const replicas = wholeNumberProblem(this.replicas, WHOLE_NUMBER_LIMITS.topicReplicas);
    if (replicas) throw subject.error('topic-replicas-invalid', `replicas is invalid: ${replicas}`,
       `Use a whole number from 1 to the cluster's brokers (${brokers ?? 'at least 3'})`);
    const config = renderTopicConfig(this, subject, props, props.config, this.replicas);
    warnAboutTopic(this, subject, { replicas: this.replicas, brokers, config });

    SynthPlan.of(this);
    const annotations = {
      ...(props.managed === false ? { 'strimzi.io/managed': 'false' } : {}),
      ...((props.preventPrune ?? this.cluster.preventPrune) ? PRUNE_PROTECTION_ANNOTATIONS : {}),
    };
    this.resource = new StrimziObject(this, 'Resource', {
      gvk: KafkaTopic.GVK,
      metadata: {
        name: this.resourceName,
        labels: { ...checkedRecord(subject, 'labels', props.labels, "{ team: 'payments' }"), ...this.cluster.clusterLabel },
        annotations: Object.keys(annotations).length > 0 ? annotations : undefined,
      },
      owner: subject,
      spec: () => toJson_KafkaTopicSpec({
        topicName: this.resourceName === this.topicName ? undefined : this.topicName,
        partitions: this.partitions,
        replicas: this.replicas,
        config,
      }),
    });

    if (this.cluster instanceof KafkaClusterBase) this.cluster._registerTopic(this.topicName, this.node.path);
    this.node.addValidation({ validate: () => this.clusterErrors(subject) });
  }

  // Cross-object rules: checked at synth, when the whole app is known.
  private clusterErrors(subject: Subject): string[] {
    const errors: string[] = [];
    const namespace = Chart.of(this).namespace;
    const clusterNamespace = this.cluster.namespace ?? '(none)';
    if (namespace !== this.cluster.namespace) {
      errors.push(subject.errorMessage(
        'topic-namespace-mismatch',
        `it is in namespace '${namespace ?? '(none)'}' but its cluster '${this.cluster.name}' is in '${clusterNamespace}': the Topic Operator only ` +
          `watches its cluster's namespace`,
        this.cluster.namespace === undefined ? "Create the topic in a chart without a namespace, as the cluster's"
        : `Create the topic in a chart with namespace '${clusterNamespace}'`,
      ));
    }
    const brokers = this.cluster.brokerCount;
    if (brokers !== undefined && this.replicas > brokers) {
      errors.push(subject.errorMessage(
        'topic-replicas-above-brokers',
        `replicas is ${this.replicas} but cluster '${this.cluster.name}' has only ${brokers} broker(s); a partition cannot have ` +
          'more replicas than brokers',
        'Lower replicas or add brokers',
      ));
    }
    if (!this.cluster.topicOperatorEnabled) {
      errors.push(subject.errorMessage('topic-operator-missing',
        `cluster '${this.cluster.name}' runs no Topic Operator, so the KafkaTopic would be ignored`, "Enable 'topicOperator' on the cluster"));
    }
    return errors;
  }
}

function deriveResourceName(topicName: string): string {
  if (!nameProblem(NAME_RULES.dns1123Subdomain, topicName)) {
    return topicName;
  }
  // Folding case and '_' can make two topics share a name; the hash of the real name keeps them apart.
  return `${toResourceName(topicName).slice(0, 240)}-${shortHash(topicName)}`;
}

/** A topic managed elsewhere: the facts given; renders nothing. */
class ExistingTopic extends TopicBase {
  public readonly topicName: string;
  public readonly cluster: IKafkaCluster;
  public readonly partitions?: number;

  constructor(scope: Construct, id: string, props: ExistingTopicProps) {
    super(scope, id);
    const subject = Subject.of(this, 'Topic', String(props.topicName));
    if (!isKafkaCluster(props.cluster)) {
      throw subject.error('existing-topic-cluster-invalid', 'its cluster is not an IKafkaCluster',
        'Pass the KafkaCluster that holds the topic, or KafkaCluster.fromExisting(...)');
    }
    checkTopicName(subject, props.topicName);
    this.topicName = props.topicName;
    this.cluster = props.cluster;
    this.partitions = props.partitions;
  }
}
