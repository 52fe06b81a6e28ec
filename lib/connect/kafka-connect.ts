import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import {
  KafkaConnect as KafkaConnectResource, KafkaConnectSpecResourcesLimits, KafkaConnectSpecResourcesRequests, toJson_KafkaConnectSpec,
} from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { JvmOptions, renderJvmOptions } from '../cluster/jvm-options';
import { KafkaCluster } from '../cluster/kafka-cluster';
import { KafkaVersion } from '../cluster/kafka-version';
import { ContainerResources, renderResources } from '../cluster/resources';
import { StrimziObject } from '../core/strimzi-object';
import { checkedId } from '../rules/cdk8s-errors';
import { imageReferenceProblem } from '../rules/image-reference';
import { checkGroupId } from '../rules/kafka-names';
import { NAME_RULES, nameProblem } from '../rules/kubernetes-names';
import { WHOLE_NUMBER_LIMITS, wholeNumberProblem } from '../rules/numbers';
import { checkedRecord } from '../rules/props';
import type { KafkaUser } from '../security/kafka-user';
import { trackConsumerGroup } from '../services/consumer-groups';
import { CleanupPolicy, Topic } from '../topics/topic';
import { ConnectBuild, renderBuild } from './connect-build';
import { ConnectConverter } from './connect-converter';
import { connectPodLabels, USE_CONNECTOR_RESOURCES } from './connect-names';
import {
  CONNECT_FORBIDDEN_EXCEPTIONS, CONNECT_FORBIDDEN_PREFIXES, CONNECT_RULES, forbiddenPrefix, ruleError, STORAGE_TOPIC_PARTITIONS,
} from './connect-rules';
import { clusterNamespaceErrors, wireStrimziClient } from './strimzi-client';

export interface KafkaConnectProps {
  /** The Kafka cluster the workers connect to and keep their state in. */
  readonly cluster: KafkaCluster;
  /**
   * Name of the KafkaConnect resource; Strimzi names the pods `<name>-connect-<n>`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Listener of `cluster` the workers connect through. When it authenticates, the workers get a KafkaUser of their
   * own, named after the Connect cluster, holding only the ACLs derived from the wiring; on a TLS listener they trust the cluster CA.
   * @default - the cluster's first internal listener with TLS and authentication (else with authentication, else any)
   */
  readonly listener?: string;
  /**
   * Number of worker pods.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Kafka version of the workers.
   * @default - the cluster's version
   */
  readonly version?: KafkaVersion;
  /**
   * Container image of the workers (with the connector plugins in it); not with `build`.
   * @default - Strimzi's Kafka image for the version, or the image `build` makes
   */
  readonly image?: string;
  /**
   * `group.id` of the Connect cluster; must be unique per Kafka cluster (Connect clusters sharing it merge).
   * @default - the name
   */
  readonly groupId?: string;
  /**
   * Replicas of the three storage topics (`<name>-configs`, `<name>-offsets`, `<name>-status`), which hold the
   * connectors' configuration, source offsets and status: losing them loses every connector.
   * @default - min(3, the cluster's brokers)
   */
  readonly storageReplicas?: number;
  /**
   * How record keys are converted.
   * @default ConnectConverter.json()
   */
  readonly keyConverter?: ConnectConverter;
  /**
   * How record values are converted.
   * @default ConnectConverter.json()
   */
  readonly valueConverter?: ConnectConverter;
  /**
   * Any other worker config (`spec.config`). Keys Strimzi manages (security, bootstrap, REST, plugin path, group
   * and storage topics) and keys typed above are refused.
   * @default - none
   */
  readonly config?: Record<string, string>;
  /**
   * CPU and memory of each worker.
   * @default - Strimzi's (none)
   */
  readonly resources?: ContainerResources;
  /**
   * JVM options of each worker.
   * @default - Strimzi's
   */
  readonly jvmOptions?: JvmOptions;
  /**
   * Builds the worker image with the connector plugins it needs (Strimzi's `spec.build`).
   * @default - no build: the image runs as it is
   */
  readonly imageBuild?: ConnectBuild;
  /**
   * Labels added to the KafkaConnect resource.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/** Keys the typed props derive; a user sets them through the props. */
const TYPED_KEYS: Readonly<Record<string, string>> = {
  'key.converter': 'keyConverter', 'value.converter': 'valueConverter',
  'config.storage.replication.factor': 'storageReplicas', 'offset.storage.replication.factor': 'storageReplicas',
  'status.storage.replication.factor': 'storageReplicas',
  // the storage topics' partitions are Kafka Connect's defaults, fixed by the Topics the construct makes
  'offset.storage.partitions': 'offsetStorageTopic', 'status.storage.partitions': 'statusStorageTopic',
};

/**
 * A Kafka Connect cluster operated by Strimzi: a `KafkaConnect` resource whose connectors are KafkaConnector
 * resources (`strimzi.io/use-connector-resources`), with its identity, internal topics and ACLs derived:
 * a KafkaUser of its own on the listener it is wired to (whose network peers admit its pods), a unique `group.id`,
 * and its three storage topics as compacted Topics. The worker user may read and write those topics and join its
 * group; each KafkaConnector adds the access to its own topics.
 */
export class KafkaConnect extends Construct {
  /** Name of the KafkaConnect resource. */
  public readonly name: string;
  /** The Kafka cluster. */
  public readonly cluster: KafkaCluster;
  /** `group.id` of the workers. */
  public readonly groupId: string;
  /** The topic of the connectors' configurations (one partition, compacted). */
  public readonly configStorageTopic: Topic;
  /** The topic of the source connectors' offsets (compacted). */
  public readonly offsetStorageTopic: Topic;
  /** The topic of connector and task status (compacted). */
  public readonly statusStorageTopic: Topic;
  /** The KafkaUser the workers (and their connectors' clients) log in as, when the listener authenticates. */
  public readonly user?: KafkaUser;
  /** Labels of the worker pods, for network policies. */
  public readonly podSelector: Record<string, string>;
  /** The KafkaConnect resource (also `node.defaultChild`, for escape hatches in Strimzi's own field names). */
  public readonly resource: ApiObject;

  private readonly subject: Subject;

  constructor(scope: Construct, id: string, props: KafkaConnectProps) {
    super(scope, checkedId(scope, id, 'KafkaConnect', props.name));
    this.name = props.name ?? id;
    this.subject = Subject.of(this, 'KafkaConnect', String(this.name));
    const subject = this.subject;
    if (!(props.cluster instanceof KafkaCluster)) throw subject.error('connect-cluster-invalid', 'its cluster is not a KafkaCluster',
      'Pass the KafkaCluster the workers connect to');
    this.cluster = props.cluster;
    const replicas = props.replicas ?? 1;
    const replicasError = wholeNumberProblem(replicas, WHOLE_NUMBER_LIMITS.podReplicas);
    if (replicasError) throw subject.error('connect-replicas-invalid', `replicas is invalid: ${replicasError}`,
      'Use a whole number of workers, e.g. 1');
    const podName = nameProblem(NAME_RULES.dns1123Label, `${this.name}-connect-${Math.max(0, replicas - 1)}`);
    if (nameProblem(NAME_RULES.dns1123Subdomain, this.name) || podName) {
      throw ruleError(subject, CONNECT_RULES.name,
        `the name must be a resource name short enough for Strimzi's pod names: ${podName ?? nameProblem(NAME_RULES.dns1123Subdomain, this.name)}`,
        'Use a shorter name of lower-case letters, digits and \'-\'');
    }
    const version = KafkaVersion._check(subject, props.version ?? this.cluster.version);
    if (props.image !== undefined) {
      const imageError = imageReferenceProblem(props.image);
      if (imageError) throw subject.error('connect-image-invalid', imageError, "Use a reference such as 'registry.example.com/team/connect:1.0'");
      if (props.imageBuild) throw ruleError(subject, CONNECT_RULES.build,
        'it sets both image and imageBuild; the workers run the image the build makes',
        'Remove image, or leave imageBuild out');
    }
    this.groupId = props.groupId ?? this.name;
    checkGroupId(subject, this.groupId);
    trackConsumerGroup(this, subject, this.cluster, this.groupId);

    const storageReplicas = props.storageReplicas ?? Math.min(3, this.cluster.brokerCount ?? 3);
    const storageError = wholeNumberProblem(storageReplicas, WHOLE_NUMBER_LIMITS.topicReplicas);
    if (storageError || storageReplicas > (this.cluster.brokerCount ?? storageReplicas)) {
      throw ruleError(subject, CONNECT_RULES.storageReplicas,
        `storageReplicas is ${storageReplicas} but must be a whole number from 1 to the brokers of cluster '${this.cluster.name}' ` +
          `(${this.cluster.brokerCount})`,
        'Lower storageReplicas or add brokers');
    }
    const config = this.workerConfig(props, storageReplicas);

    this.podSelector = connectPodLabels(this.name);
    const labels = checkedRecord(subject, 'labels', props.labels, "{ team: 'payments' }");
    const wiring = wireStrimziClient(this, subject, {
      cluster: this.cluster, listener: props.listener, userName: this.name, podLabels: this.podSelector, labels,
    });
    this.user = wiring.user;

    const storageTopic = (constructId: string, suffix: string, partitions: number) => new Topic(this, constructId, {
      cluster: this.cluster, topicName: `${this.name}-${suffix}`, partitions, replicas: storageReplicas, cleanupPolicy: CleanupPolicy.COMPACT, labels,
    });
    this.configStorageTopic = storageTopic('ConfigStorageTopic', 'configs', STORAGE_TOPIC_PARTITIONS.config);
    this.offsetStorageTopic = storageTopic('OffsetStorageTopic', 'offsets', STORAGE_TOPIC_PARTITIONS.offset);
    this.statusStorageTopic = storageTopic('StatusStorageTopic', 'status', STORAGE_TOPIC_PARTITIONS.status);
    // The worker reads and writes its three topics (Describe is implied) and joins its group; nothing else.
    if (this.user && this.cluster.authorization.enabled) {
      for (const topic of this.storageTopics) {
        topic.grantRead(this.user, this.groupId);
        topic.grantWrite(this.user);
      }
    }

    const build = renderBuild(subject, props.imageBuild);
    const jvmOptions = renderJvmOptions(subject, props.jvmOptions, props.resources?.memory?.limit);
    const resources = renderResources(subject, props.resources, {
      request: KafkaConnectSpecResourcesRequests.fromString, limit: KafkaConnectSpecResourcesLimits.fromString,
    });
    this.resource = new StrimziObject(this, 'Resource', {
      gvk: KafkaConnectResource.GVK,
      metadata: { name: this.name, labels, annotations: { [USE_CONNECTOR_RESOURCES]: 'true' } },
      owner: subject,
      spec: () => ({
        ...toJson_KafkaConnectSpec({
          version: version.version,
          replicas,
          image: props.image,
          bootstrapServers: wiring.bootstrapServers,
          groupId: this.groupId,
          configStorageTopic: this.configStorageTopic.topicName,
          offsetStorageTopic: this.offsetStorageTopic.topicName,
          statusStorageTopic: this.statusStorageTopic.topicName,
          config,
          resources,
          jvmOptions,
          buildSpec: build,
        }),
        ...wiring.security,
      }),
    });
    this.node.addValidation({ validate: () => clusterNamespaceErrors(this, subject, this.cluster) });
  }

  /** The three storage topics: configs, offsets, status. */
  public get storageTopics(): Topic[] {
    return [this.configStorageTopic, this.offsetStorageTopic, this.statusStorageTopic];
  }

  private workerConfig(props: KafkaConnectProps, storageReplicas: number): Record<string, string> {
    const subject = this.subject;
    const extra = checkedRecord(subject, 'config', props.config, "{ 'offset.flush.interval.ms': '10000' }") ?? {};
    for (const [key, value] of Object.entries(extra)) {
      const prefix = forbiddenPrefix(key, CONNECT_FORBIDDEN_PREFIXES, CONNECT_FORBIDDEN_EXCEPTIONS);
      if (prefix) {
        throw ruleError(subject, CONNECT_RULES.forbiddenConfig, `config '${key}' is managed by Strimzi (prefix '${prefix}'), which ignores it`,
          'Remove it: security, bootstrap and storage topics come from the cluster, listener and name');
      }
      if (TYPED_KEYS[key] || key.startsWith('key.converter.') || key.startsWith('value.converter.')) {
        const prop = TYPED_KEYS[key] ?? `${key.split('.')[0]}Converter`;
        throw ruleError(subject, CONNECT_RULES.typedConfig, `config '${key}' is derived from '${prop}'`,
          prop.endsWith('StorageTopic') ? 'Remove it: the storage topics are made with the partitions Kafka Connect expects'
          : `Set it with '${prop}' instead`);
      }
      if (typeof value !== 'string') throw subject.error('connect-config-not-a-string', `config '${key}' is ${JSON.stringify(value)}, not a string`,
        `Write it as a string, e.g. '${String(value)}'`);
    }
    for (const [prop, converter] of [['keyConverter', props.keyConverter], ['valueConverter', props.valueConverter]] as const) {
      if (converter !== undefined && !(converter instanceof ConnectConverter)) {
        throw ruleError(subject, CONNECT_RULES.converter, `${prop} is not a ConnectConverter`,
          'Use e.g. ConnectConverter.json() or ConnectConverter.string()');
      }
    }
    const replication = String(storageReplicas);
    return {
      ...(props.keyConverter ?? ConnectConverter.json()).render('key.converter'),
      ...(props.valueConverter ?? ConnectConverter.json()).render('value.converter'),
      'config.storage.replication.factor': replication,
      'offset.storage.replication.factor': replication,
      'status.storage.replication.factor': replication,
      'offset.storage.partitions': String(STORAGE_TOPIC_PARTITIONS.offset),
      'status.storage.partitions': String(STORAGE_TOPIC_PARTITIONS.status),
      ...extra,
    };
  }
}
