import { ApiObject, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  KafkaBridge as KafkaBridgeResource, KafkaBridgeSpecResourcesLimits, KafkaBridgeSpecResourcesRequests, toJson_KafkaBridgeSpec,
} from '../../imports/kafka.strimzi.io';
import { KafkaResources } from '../base/kafka-resources';
import { Subject } from '../base/subject';
import { Warnings } from '../base/warnings';
import { JvmOptions, renderJvmOptions } from '../cluster/jvm-options';
import { KafkaCluster } from '../cluster/kafka-cluster';
import { ContainerResources, renderResources } from '../cluster/resources';
import { StrimziObject } from '../core/strimzi-object';
import { checkedId } from '../rules/cdk8s-errors';
import { imageReferenceProblem } from '../rules/image-reference';
import { checkGroupId } from '../rules/kafka-names';
import { NAME_RULES, nameProblem, shortHash } from '../rules/kubernetes-names';
import { WHOLE_NUMBER_LIMITS, wholeNumberProblem } from '../rules/numbers';
import { checkedArray, checkedRecord } from '../rules/props';
import { AclPatternType } from '../security/acl';
import type { KafkaUser } from '../security/kafka-user';
import { DNS_PORTS } from '../services/service-network-policy';
import { Topic } from '../topics/topic';
import { BRIDGE_DEFAULT_HTTP_PORT, bridgePodLabels, bridgeServiceName } from './connect-names';
import { CONNECT_RULES, ruleError, ruleMessage } from './connect-rules';
import { clusterNamespaceErrors, wireStrimziClient } from './strimzi-client';

export interface KafkaBridgeProps {
  /** The Kafka cluster the bridge produces to and consumes from. */
  readonly cluster: KafkaCluster;
  /**
   * Name of the KafkaBridge resource; HTTP clients reach it as `http://<name>-bridge-service:<httpPort>`.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * Listener of `cluster` the bridge connects through; when it authenticates, the bridge gets a KafkaUser of its
   * own, named after the bridge, holding only the ACLs its topics need.
   * @default - the cluster's first internal listener with TLS and authentication (else with authentication, else any)
   */
  readonly listener?: string;
  /**
   * Topics HTTP clients may send records to: granted Write (Describe is implied). Without any, the bridge's
   * producer endpoints are off.
   * @default - none
   */
  readonly produces?: Topic[];
  /**
   * Topics HTTP clients may consume: granted Read, in the consumer group `consumerGroupId` (Describe is implied).
   * Without any, the bridge's consumer endpoints are off.
   * @default - none
   */
  readonly consumes?: Topic[];
  /**
   * The consumer group HTTP clients create their consumers in (`POST /consumers/<group>`).
   * @default - the bridge's name
   */
  readonly consumerGroupId?: string;
  /**
   * Whether `consumerGroupId` is a prefix: clients may use every group whose id starts with it.
   * @default false
   */
  readonly consumerGroupIsPrefix?: boolean;
  /**
   * HTTP port of the bridge.
   * @default 8080
   */
  readonly httpPort?: number;
  /**
   * Number of bridge pods. An HTTP consumer lives in one pod, so more than one needs sticky routing.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Container image.
   * @default - Strimzi's bridge image
   */
  readonly image?: string;
  /**
   * CPU and memory of each pod.
   * @default - Strimzi's (none)
   */
  readonly resources?: ContainerResources;
  /**
   * JVM options.
   * @default - Strimzi's
   */
  readonly jvmOptions?: JvmOptions;
  /**
   * Whether a NetworkPolicy lets only the pods given to `allowFrom` reach the bridge's HTTP port, and the bridge
   * reach only its brokers and DNS.
   * @default true
   */
  readonly networkPolicy?: boolean;
  /**
   * Labels added to the KafkaBridge resource.
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/**
 * Strimzi's HTTP Bridge: a `KafkaBridge` resource with its identity and access derived from the topics it serves
 * (a KafkaUser of its own with Write on `produces` and Read on `consumes` in its consumer group), admitted to its
 * listener, and a NetworkPolicy that admits only the HTTP clients wired with `allowFrom`.
 */
export class KafkaBridge extends Construct {
  /** Name of the KafkaBridge resource. */
  public readonly name: string;
  /** The Kafka cluster. */
  public readonly cluster: KafkaCluster;
  /** The HTTP port. */
  public readonly httpPort: number;
  /** The bridge's address for HTTP clients in its namespace, e.g. `http://orders-bridge-service:8080`. */
  public readonly url: string;
  /** The consumer group HTTP clients consume in (or its prefix). */
  public readonly consumerGroupId: string;
  /** The KafkaUser the bridge logs in as, when the listener authenticates. */
  public readonly user?: KafkaUser;
  /** Labels of the bridge's pods. */
  public readonly podSelector: Record<string, string>;
  /** The KafkaBridge resource (also `node.defaultChild`). */
  public readonly resource: ApiObject;
  /** The NetworkPolicy of the bridge's pods, unless turned off. */
  public readonly networkPolicy?: k8s.KubeNetworkPolicy;

  private readonly subject: Subject;
  private readonly clients = new Map<string, Record<string, string>>();

  constructor(scope: Construct, id: string, props: KafkaBridgeProps) {
    super(scope, checkedId(scope, id, 'KafkaBridge', props.name));
    this.name = props.name ?? id;
    const subject = Subject.of(this, 'KafkaBridge', String(this.name));
    this.subject = subject;
    if (!(props.cluster instanceof KafkaCluster)) throw subject.error('bridge-cluster-invalid', 'its cluster is not a KafkaCluster',
      'Pass the KafkaCluster the bridge connects to');
    this.cluster = props.cluster;
    const serviceName = bridgeServiceName(this.name);
    const nameError = nameProblem(NAME_RULES.dns1123Subdomain, this.name) ?? nameProblem(NAME_RULES.dns1035Label, serviceName);
    if (nameError) throw ruleError(subject, CONNECT_RULES.name, `the name must make a valid Service name '${serviceName}': ${nameError}`,
      "Use a shorter name of lower-case letters, digits and '-', starting with a letter");
    const replicas = props.replicas ?? 1;
    const replicasError = wholeNumberProblem(replicas, WHOLE_NUMBER_LIMITS.podReplicas);
    if (replicasError) throw subject.error('bridge-replicas-invalid', `replicas is invalid: ${replicasError}`, 'Use a whole number of pods, e.g. 1');
    this.httpPort = props.httpPort ?? BRIDGE_DEFAULT_HTTP_PORT;
    if (!Number.isInteger(this.httpPort) || this.httpPort < 1023 || this.httpPort > 65535) {
      throw ruleError(subject, CONNECT_RULES.bridgeHttpPort, `httpPort is ${this.httpPort} but must be a whole number from 1023 to 65535`,
        'Use e.g. 8080');
    }
    if (props.image !== undefined) {
      const imageError = imageReferenceProblem(props.image);
      if (imageError) throw subject.error('bridge-image-invalid', imageError, "Use a reference such as 'quay.io/strimzi/kafka-bridge:1.0.0'");
    }
    const produces = checkedArray(subject, 'produces', props.produces, '[ordersTopic]') ?? [];
    const consumes = checkedArray(subject, 'consumes', props.consumes, '[ordersTopic]') ?? [];
    if (produces.length + consumes.length === 0) {
      throw ruleError(subject, CONNECT_RULES.bridgeTopics, 'it neither produces nor consumes any topic, so every endpoint would be off',
        'Give it topics in produces and/or consumes');
    }
    for (const topic of [...produces, ...consumes]) {
      if (!(topic instanceof Topic)) throw ruleError(subject, CONNECT_RULES.bridgeTopics, 'a topic in produces/consumes is not a Topic',
        'Pass Topic objects, so that the ACLs follow them');
    }
    this.consumerGroupId = props.consumerGroupId ?? this.name;
    checkGroupId(subject, this.consumerGroupId);
    this.url = `http://${serviceName}:${this.httpPort}`;
    this.podSelector = bridgePodLabels(this.name);
    const labels = checkedRecord(subject, 'labels', props.labels, "{ team: 'payments' }");

    const wiring = wireStrimziClient(this, subject, {
      cluster: this.cluster, listener: props.listener, userName: this.name, podLabels: this.podSelector, labels,
    });
    this.user = wiring.user;
    const user = this.user;
    if (user && this.cluster.authorization.enabled && [...produces, ...consumes].every((t) => t.cluster === this.cluster)) {
      for (const topic of produces) topic.grantWrite(user);
      const pattern = props.consumerGroupIsPrefix ? AclPatternType.PREFIX : AclPatternType.LITERAL;
      for (const topic of consumes) topic.grantRead(user, this.consumerGroupId, pattern);
    }

    const resources = renderResources(subject, props.resources, {
      request: KafkaBridgeSpecResourcesRequests.fromString, limit: KafkaBridgeSpecResourcesLimits.fromString,
    });
    const jvmOptions = renderJvmOptions(subject, props.jvmOptions, props.resources?.memory?.limit);
    this.resource = new StrimziObject(this, 'Resource', {
      gvk: KafkaBridgeResource.GVK,
      metadata: { name: this.name, labels },
      owner: subject,
      spec: () => ({
        ...toJson_KafkaBridgeSpec({
          replicas,
          image: props.image,
          bootstrapServers: wiring.bootstrapServers,
          http: { port: this.httpPort },
          producer: { enabled: produces.length > 0 },
          consumer: { enabled: consumes.length > 0 },
          resources,
          jvmOptions,
        }),
        ...wiring.security,
      }),
    });

    if (props.networkPolicy ?? true) {
      this.networkPolicy = new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
        metadata: { name: `${this.name}-bridge-http`, labels },
        spec: {
          podSelector: { matchLabels: this.podSelector },
          policyTypes: ['Ingress', 'Egress'],
          ingress: Lazy.any({ produce: () => this.ingressRules() }) as unknown as k8s.NetworkPolicyIngressRule[],
          egress: [
            {
              to: [{ podSelector: { matchLabels: KafkaResources.brokerPodLabels(this.cluster.name) } }],
              ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(wiring.listener.port) }],
            },
            { ports: DNS_PORTS },
          ],
        },
      });
      Warnings.of(this)._addCheck(() => this.warnIfNoClients());
    }
    this.node.addValidation({ validate: () => this.bindingErrors([...produces, ...consumes]) });
  }

  /**
   * Lets the pods with these labels (e.g. a service's `podSelector`) call the bridge: they are admitted to its HTTP
   * port, and a NetworkPolicy of their own lets them reach it, whatever egress policy they already have.
   * @returns the NetworkPolicy that opens the clients' egress to the bridge
   */
  public allowFrom(podSelector: Record<string, string>): k8s.KubeNetworkPolicy {
    const labels = checkedRecord(this.subject, 'podSelector', podSelector, "{ 'app.kubernetes.io/name': 'data-producer' }") ?? {};
    if (Object.keys(labels).length === 0) {
      throw this.subject.error('bridge-allow-from-empty-selector',
        'allowFrom got an empty pod selector, which would admit every pod of the namespace',
        "Pass the client's pod labels, e.g. service.podSelector");
    }
    const key = JSON.stringify(Object.entries(labels).sort());
    const id = `Client${shortHash(key)}`;
    const existing = this.node.tryFindChild(id);
    if (existing) return existing as k8s.KubeNetworkPolicy;
    this.clients.set(key, { ...labels });
    return new k8s.KubeNetworkPolicy(this, id, {
      metadata: { name: `${this.name}-bridge-client-${shortHash(key)}` },
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: this.podSelector } }],
          ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(this.httpPort) }] }],
      },
    });
  }

  private ingressRules(): unknown[] {
    if (this.clients.size === 0) return [];
    return [{
      from: [...this.clients.values()].map((labels) => ({ podSelector: { matchLabels: labels } })),
      ports: [{ protocol: 'TCP', port: k8s.IntOrString.fromNumber(this.httpPort) }],
    }];
  }

  private warnIfNoClients(): void {
    if (this.clients.size > 0) return;
    Warnings.of(this)._add('bridge-no-clients', this.subject,
      'its NetworkPolicy admits no HTTP client, because none was wired with allowFrom: every request to the bridge is dropped',
      'Call bridge.allowFrom(service.podSelector) for each client, or set networkPolicy: false');
  }

  private bindingErrors(topics: readonly Topic[]): string[] {
    const errors = clusterNamespaceErrors(this, this.subject, this.cluster);
    for (const topic of topics.filter((t) => t.cluster !== this.cluster)) {
      errors.push(ruleMessage(this.subject, CONNECT_RULES.connectorCluster,
        `topic '${topic.topicName}' belongs to cluster '${topic.cluster.name}', not to '${this.cluster.name}'`,
        "Use a topic of the bridge's own cluster"));
    }
    return errors;
  }
}
