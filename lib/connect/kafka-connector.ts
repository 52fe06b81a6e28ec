import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { KafkaConnector as KafkaConnectorResource, KafkaConnectorSpecState, toJson_KafkaConnectorSpec } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { Warnings } from '../base/warnings';
import { StrimziObject } from '../core/strimzi-object';
import { checkedId } from '../rules/cdk8s-errors';
import { NAME_RULES, nameProblem, suggestName } from '../rules/kubernetes-names';
import { checkedArray, checkedRecord } from '../rules/props';
import { trackConsumerGroup } from '../services/consumer-groups';
import { Topic } from '../topics/topic';
import { ConnectConverter } from './connect-converter';
import { CLUSTER_LABEL, sinkConnectorGroupId } from './connect-names';
import { CONNECT_RULES, JAVA_CLASS_NAME, ruleError, ruleMessage } from './connect-rules';
import { KafkaConnect } from './kafka-connect';

/** The state Strimzi keeps a connector in (`spec.state`), re-exported from the generated Strimzi types. */
export { KafkaConnectorSpecState as ConnectorState };

export interface KafkaConnectorProps {
  /** The Connect cluster that runs the connector; its `strimzi.io/cluster` label is derived from it. */
  readonly connect: KafkaConnect;
  /**
   * Name of the KafkaConnector resource, which is also the connector's name in Kafka Connect.
   * @default - the construct id
   */
  readonly name?: string;
  /** The connector class (`spec.class`), e.g. `org.apache.kafka.connect.file.FileStreamSinkConnector`. */
  readonly className: string;
  /**
   * Most tasks the connector may run.
   * @default 1
   */
  readonly tasksMax?: number;
  /**
   * The topics a sink connector reads: written to its `topics` config and granted Read to the Connect cluster's user
   * within the connector's consumer group, `connect-<name>`. Give `reads` or `writes`, not both.
   * @default - none (a source connector)
   */
  readonly reads?: Topic[];
  /**
   * The topics a source connector writes: granted Write to the Connect cluster's user. Give `reads` or `writes`.
   * @default - none (a sink connector)
   */
  readonly writes?: Topic[];
  /**
   * The source connector's own config key that names the topic(s) it writes (e.g. `topic` for the FileStream
   * source); the names of `writes` are written there, comma-separated, so that they are never typed twice.
   * @default - none: the connector's config names its topics itself
   */
  readonly topicConfigKey?: string;
  /**
   * The connector's own config (`spec.config`); `connector.class`, `tasks.max` and a sink's `topics` are derived.
   * @default - none
   */
  readonly config?: Record<string, string>;
  /**
   * How this connector converts keys, instead of its Connect cluster's converter.
   * @default - the Connect cluster's
   */
  readonly keyConverter?: ConnectConverter;
  /**
   * How this connector converts values, instead of its Connect cluster's converter.
   * @default - the Connect cluster's
   */
  readonly valueConverter?: ConnectConverter;
  /**
   * Whether the connector runs, is paused or is stopped.
   * @default ConnectorState.RUNNING
   */
  readonly state?: KafkaConnectorSpecState;
  /**
   * Whether Strimzi restarts the connector and its tasks when they fail.
   * @default false
   */
  readonly autoRestart?: boolean;
  /**
   * Labels added to the KafkaConnector resource.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/** Config keys derived from the props; the first Strimzi refuses itself. */
const DERIVED_KEYS: Readonly<Record<string, string>> = {
  'connector.class': 'className', 'tasks.max': 'tasksMax', 'topics': 'reads', 'topics.regex': 'reads',
};
/** Config keys that usually name a topic a connector writes (its own, or a sink's dead letter queue). */
const TOPIC_KEY = /(^|\.)topics?(\.name)?$/;

/**
 * A connector run by a KafkaConnect (a `KafkaConnector` resource). What it reads or writes is given as Topic
 * objects, and the access follows: a sink's topics are granted Read within its consumer group `connect-<name>`,
 * a source's topics are granted Write, both to the Connect cluster's user, through the topics' own grants.
 */
export class KafkaConnector extends Construct {
  /** The connector's name. */
  public readonly name: string;
  /** The Connect cluster that runs it. */
  public readonly connect: KafkaConnect;
  /** The consumer group of a sink connector's tasks, `connect-<name>`; undefined for a source connector. */
  public readonly groupId?: string;
  /** The KafkaConnector resource (also `node.defaultChild`). */
  public readonly resource: ApiObject;

  private readonly subject: Subject;
  private readonly topics: readonly Topic[];

  constructor(scope: Construct, id: string, props: KafkaConnectorProps) {
    super(scope, checkedId(scope, id, 'KafkaConnector', props.name));
    this.name = props.name ?? id;
    const subject = Subject.of(this, 'KafkaConnector', String(this.name));
    this.subject = subject;
    if (!(props.connect instanceof KafkaConnect)) throw subject.error('connector-connect-invalid', 'its connect is not a KafkaConnect',
      'Pass the KafkaConnect that runs the connector');
    this.connect = props.connect;
    const nameError = nameProblem(NAME_RULES.dns1123Subdomain, this.name);
    if (nameError) throw ruleError(subject, CONNECT_RULES.name, `the name ${nameError}`,
      `Use e.g. '${suggestName(NAME_RULES.dns1123Subdomain, String(this.name))}'`);
    if (typeof props.className !== 'string' || !JAVA_CLASS_NAME.test(props.className)) {
      throw ruleError(subject, CONNECT_RULES.connectorClass, `className ${JSON.stringify(props.className)} is not a Java class name`,
        "Use the connector's fully qualified class name, e.g. 'org.apache.kafka.connect.file.FileStreamSinkConnector'");
    }
    const tasksMax = props.tasksMax ?? 1;
    if (!Number.isInteger(tasksMax) || tasksMax < 1 || tasksMax > 2147483647) {
      throw ruleError(subject, CONNECT_RULES.connectorTasks, `tasksMax is ${tasksMax} but must be a whole number of at least 1`,
        'Use e.g. tasksMax: 1');
    }
    const reads = checkedArray(subject, 'reads', props.reads, '[ordersTopic]') ?? [];
    const writes = checkedArray(subject, 'writes', props.writes, '[ordersTopic]') ?? [];
    if ((reads.length > 0) === (writes.length > 0)) {
      throw ruleError(subject, CONNECT_RULES.connectorTopics,
        reads.length > 0 ? 'it both reads and writes topics; a connector is a sink or a source'
        : 'it names no topic to read (sink) or write (source)',
        'Give a sink connector its topics in `reads`, a source connector its topics in `writes`');
    }
    this.topics = [...reads, ...writes];
    for (const topic of this.topics) {
      if (!(topic instanceof Topic)) throw ruleError(subject, CONNECT_RULES.connectorTopics, 'a topic in reads/writes is not a Topic',
        'Pass Topic objects, so that the ACLs follow them');
    }
    const config = this.connectorConfig(props, reads, writes);

    if (reads.length > 0) {
      this.groupId = sinkConnectorGroupId(this.name);
      trackConsumerGroup(this, subject, this.connect.cluster, this.groupId);
    }
    const user = this.connect.user;
    if (user && this.connect.cluster.authorization.enabled && this.topics.every((t) => t.cluster === this.connect.cluster)) {
      for (const topic of reads) topic.grantRead(user, this.groupId!);
      for (const topic of writes) topic.grantWrite(user);
    }

    this.resource = new StrimziObject(this, 'Resource', {
      gvk: KafkaConnectorResource.GVK,
      metadata: { name: this.name, labels: { ...checkedRecord(subject, 'labels', props.labels, "{ team: 'payments' }"),
        [CLUSTER_LABEL]: this.connect.name } },
      owner: subject,
      spec: () => toJson_KafkaConnectorSpec({
        class: props.className,
        tasksMax,
        config,
        state: props.state,
        autoRestart: props.autoRestart === undefined ? undefined : { enabled: props.autoRestart },
      }),
    });
    this.node.addValidation({ validate: () => this.bindingErrors() });
  }

  private connectorConfig(props: KafkaConnectorProps, reads: readonly Topic[], writes: readonly Topic[]): Record<string, string> {
    const subject = this.subject;
    const given = checkedRecord(subject, 'config', props.config, "{ file: '/data/orders.txt' }") ?? {};
    for (const [key, value] of Object.entries(given)) {
      if (DERIVED_KEYS[key]) {
        throw ruleError(subject, CONNECT_RULES.connectorConfig, `config '${key}' is derived from '${DERIVED_KEYS[key]}'`,
          `Remove it from config and set '${DERIVED_KEYS[key]}'`);
      }
      if (typeof value !== 'string') throw subject.error('connector-config-not-a-string', `config '${key}' is ${JSON.stringify(value)}, not a string`,
        `Write it as a string, e.g. '${String(value)}'`);
    }
    const derived: Record<string, string> = {};
    if (reads.length > 0) derived.topics = reads.map((t) => t.topicName).join(',');
    if (props.topicConfigKey !== undefined) {
      if (writes.length === 0) throw ruleError(subject, CONNECT_RULES.connectorTopics,
        'topicConfigKey is set on a sink connector, whose topics go to `topics`', 'Remove topicConfigKey');
      if (props.topicConfigKey in given) {
        throw ruleError(subject, CONNECT_RULES.connectorConfig,
          `config '${props.topicConfigKey}' is also topicConfigKey, which is derived from 'writes'`, `Remove '${props.topicConfigKey}' from config`);
      }
      derived[props.topicConfigKey] = writes.map((t) => t.topicName).join(',');
    }
    for (const [prop, converter, prefix] of [['keyConverter', props.keyConverter, 'key.converter'],
      ['valueConverter', props.valueConverter, 'value.converter']] as const) {
      if (converter === undefined) continue;
      if (!(converter instanceof ConnectConverter)) throw ruleError(subject, CONNECT_RULES.converter, `${prop} is not a ConnectConverter`,
        'Use e.g. ConnectConverter.string()');
      if (Object.keys(given).some((k) => k === prefix || k.startsWith(`${prefix}.`))) {
        throw ruleError(subject, CONNECT_RULES.connectorConfig, `config sets '${prefix}' and ${prop} is given too`, `Keep only '${prop}'`);
      }
      Object.assign(derived, converter.render(prefix));
    }
    this.warnAboutUndeclaredTopics(given);
    return { ...given, ...derived };
  }

  // A topic named in the connector's own config but not granted through reads/writes is denied at run time.
  private warnAboutUndeclaredTopics(config: Record<string, string>): void {
    const declared = new Set(this.topics.map((t) => t.topicName));
    for (const [key, value] of Object.entries(config)) {
      if (!TOPIC_KEY.test(key)) continue;
      const undeclared = value.split(',').map((v) => v.trim()).filter((v) => v !== '' && !declared.has(v));
      if (undeclared.length === 0) continue;
      Warnings.of(this)._add('connector-undeclared-topic', this.subject,
        `config '${key}' names topic(s) ${undeclared.map((t) => `'${t}'`).join(', ')} that are not among its Topic objects, so the Connect user ` +
          `gets no ACL for them and the connector will be denied`,
        "Pass the Topic in 'writes' (with topicConfigKey) or 'reads' instead of typing its name");
    }
  }

  private bindingErrors(): string[] {
    const errors: string[] = [];
    const namespace = Chart.of(this).namespace;
    const connectNamespace = Chart.of(this.connect).namespace;
    if (namespace !== connectNamespace) {
      errors.push(ruleMessage(this.subject, CONNECT_RULES.namespace,
        `it is in namespace '${namespace ?? '(none)'}' but its KafkaConnect '${this.connect.name}' is in '${connectNamespace ?? '(none)'}'; ` +
          `Strimzi looks for connectors in the Connect cluster's namespace`,
        'Create it in the chart of its KafkaConnect, or one with the same namespace'));
    }
    for (const topic of this.topics.filter((t) => t.cluster !== this.connect.cluster)) {
      errors.push(ruleMessage(this.subject, CONNECT_RULES.connectorCluster,
        `topic '${topic.topicName}' belongs to cluster '${topic.cluster.name}', but KafkaConnect '${this.connect.name}' connects to ` +
          `'${this.connect.cluster.name}'`,
        "Use a topic of the Connect cluster's own Kafka cluster"));
    }
    return errors;
  }
}
