import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { ServiceEnv, serviceEnvVariable } from '../base/service-environment';
import { Subject } from '../base/subject';
import { warn } from '../base/warnings';
import { IKafkaCluster, SecretKeyReference } from '../cluster/kafka-cluster-base';
import { AppRules } from '../core/app-rules';
import { checkedId, guardCdk8s } from '../rules/cdk8s-errors';
import { DANGERS } from '../rules/dangers';
import { hasDigest, imageReferenceProblem, imageTag } from '../rules/image-reference';
import { NAME_RULES, nameProblem, suggestName } from '../rules/kubernetes-names';
import { WHOLE_NUMBER_LIMITS, wholeNumberProblem } from '../rules/numbers';
import { checkedRecord } from '../rules/props';
import { KafkaUser, UserAuthentication } from '../security/kafka-user';
import { clientCredentials, USER_CREDENTIALS_DIR } from './client-credentials';
import { addServiceNetworkPolicy, KafkaEgress } from './service-network-policy';

/** Port of the services' HTTP server (health probes, `/data`). */
const HTTP_PORT = 8080;

/** How a service runs, whoever names it and picks its image. */
export interface KafkaMicroserviceSettings {
  /**
   * When the kubelet pulls the image.
   * @default kplus.ImagePullPolicy.IF_NOT_PRESENT (the default images carry a version tag)
   */
  readonly imagePullPolicy?: kplus.ImagePullPolicy;
  /**
   * Number of pods.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * CPU and memory of the container.
   * @default - requests 50m CPU / 100Mi memory, limits 1 CPU / 500Mi memory (the seed's)
   */
  readonly resources?: kplus.ContainerResources;
  /**
   * Extra environment variables, e.g. `LOG_LEVEL`. Variables the chart derives (KAFKA_*, HTTP_PORT) cannot be overridden.
   * @default - none
   */
  readonly env?: Record<string, string>;
  /**
   * OpenShift ImageStreamTag (e.g. `data-producer:0.1.0`) whose updates roll the Deployment out, through the
   * `image.openshift.io/triggers` annotation (the Deployment form of the seed's DeploymentConfig `triggers:`).
   * @default - no image trigger
   */
  readonly imageStreamTag?: string;
}

/** Options a user can set on each service of a MicroservicePair. */
export interface KafkaMicroserviceOptions extends KafkaMicroserviceSettings {
  /**
   * Name of the Deployment and the Service; other pods reach it as `http://<name>:8080`.
   * @default - 'data-producer' or 'data-consumer'
   */
  readonly name?: string;
  /**
   * Container image.
   * @default - the image built from apps/ (MicroservicePair.DEFAULT_PRODUCER_IMAGE / DEFAULT_CONSUMER_IMAGE)
   */
  readonly image?: string;
}

/** The KafkaUser a service logs in as. */
export interface KafkaMicroserviceUser {
  /** The cluster the user belongs to. */
  readonly cluster: IKafkaCluster;
  /**
   * How the user authenticates.
   * @default UserAuthentication.SCRAM_SHA_512
   */
  readonly authentication?: UserAuthentication;
}

/** Everything a KafkaMicroservice needs, resolved by the construct that makes it (e.g. a MicroservicePair). */
export interface KafkaMicroserviceProps extends KafkaMicroserviceSettings {
  /** Name of the Deployment and the Service; other pods reach it as `http://<name>:8080`. */
  readonly name: string;
  /** Container image. */
  readonly image: string;
  /** Role in the application, the `app.kubernetes.io/component` label, e.g. `producer`. */
  readonly component: string;
  /** Value of the `application` and `app.kubernetes.io/part-of` labels. */
  readonly application: string;
  /** Environment the service's behaviour depends on (bootstrap servers, topic, ...). */
  readonly kafkaEnv: Record<string, string>;
  /**
   * CA certificate to trust for a TLS listener; mounted read-only and named by `KAFKA_SSL_CA_FILE`.
   * @default - plain connection
   */
  readonly trustedCa?: SecretKeyReference;
  /**
   * The KafkaUser the service logs in as, created with the service's name and labels: its credentials Secret is
   * mounted read-only and named by the `KAFKA_SASL_*` (SCRAM) or `KAFKA_SSL_CERT_FILE`/`KAFKA_SSL_KEY_FILE` (mTLS)
   * variables.
   * @default - no authentication
   */
  readonly user?: KafkaMicroserviceUser;
  /**
   * The Kafka pods the service reaches; when given, a NetworkPolicy admits only HTTP in, and only those pods and
   * DNS out.
   * @default - no NetworkPolicy
   */
  readonly networkPolicy?: KafkaEgress;
}

const CA_DIR = '/etc/kafka-cluster-ca';
const SERVICE_PORT_SUFFIX = '-http';

/**
 * One Kafka client service: a Deployment and a ClusterIP Service, with health probes on `/health/live` and
 * `/health/ready`, seed-sized resources and a pod that passes OpenShift's restricted-v2 policy; with its own
 * KafkaUser and NetworkPolicy when asked, and a PodDisruptionBudget from 2 replicas.
 */
export class KafkaMicroservice extends Construct {
  /** Port of the services' HTTP server (health probes, `/data`). */
  public static readonly HTTP_PORT = HTTP_PORT;

  /** Name of the Deployment and Service. */
  public readonly name: string;
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The Service in front of it. */
  public readonly service: kplus.Service;
  /** Labels that select the service's pods (`app.kubernetes.io/name`), for Services, policies and listener peers. */
  public readonly podSelector: Record<string, string>;
  /** The labels of every object of the service (application, `app.kubernetes.io/*`). */
  public readonly labels: Record<string, string>;
  /** The KafkaUser the service logs in as, if its listener authenticates. */
  public readonly user?: KafkaUser;
  /** The service's NetworkPolicy, unless turned off. */
  public readonly networkPolicy?: kplus.k8s.KubeNetworkPolicy;
  /** The PodDisruptionBudget (at most one pod evicted at a time), when the service runs 2 or more pods. */
  public readonly disruptionBudget?: kplus.k8s.KubePodDisruptionBudget;

  constructor(scope: Construct, id: string, props: KafkaMicroserviceProps) {
    super(scope, checkedId(scope, id, props.component, props.name));
    this.name = props.name;
    const subject = Subject.of(this, props.component, String(props.name));
    AppRules.enable(this);
    // The name is the Service's too, so it follows the Service rule (a DNS-1035 label).
    const nameError = nameProblem(NAME_RULES.dns1035Label, props.name);
    if (nameError) throw subject.error('service-name-invalid', `the name ${nameError}; it names the Deployment and the Service`,
      `Use e.g. '${suggestName(NAME_RULES.dns1035Label, String(props.name))}'`);
    // The Service's port is named `<name>-http`, a DNS-1123 label of at most 63 characters.
    if (props.name.length > 63 - SERVICE_PORT_SUFFIX.length) {
      throw subject.error('service-name-too-long',
        `the name has ${props.name.length} characters; the Service's port '${props.name}${SERVICE_PORT_SUFFIX}' must stay within 63`,
        `Shorten the name to at most ${63 - SERVICE_PORT_SUFFIX.length} characters`);
    }
    const replicas = props.replicas ?? 1;
    const replicasError = wholeNumberProblem(replicas, WHOLE_NUMBER_LIMITS.podReplicas);
    if (replicasError) throw subject.error('service-replicas-invalid', `replicas is invalid: ${replicasError}`, 'Use a whole number of pods, e.g. 1');
    const imageError = imageReferenceProblem(props.image);
    if (imageError) throw subject.error('service-image-invalid', imageError, "Use a reference such as 'registry.example.com/team/app:1.2.3'");
    // With an image trigger, OpenShift writes the build's digest into the Deployment, so a moving tag is harmless.
    const pinned = props.imageStreamTag !== undefined || hasDigest(props.image) || ![undefined, 'latest'].includes(imageTag(props.image));
    if (!pinned) warn(this, subject, DANGERS.mutableImage, props.image);
    const labels = {
      'application': props.application,
      'app.kubernetes.io/name': props.name,
      'app.kubernetes.io/component': props.component,
      'app.kubernetes.io/part-of': props.application,
    };
    this.labels = labels;
    this.user = props.user && new KafkaUser(this, 'User', { ...props.user, name: props.name, labels });
    const credentials = this.user && clientCredentials(this.user);
    const env: Record<string, string> = { ...props.kafkaEnv, ...credentials?.env, [ServiceEnv.HTTP_PORT]: String(HTTP_PORT) };
    if (props.trustedCa) {
      env[ServiceEnv.KAFKA_SSL_CA_FILE] = `${CA_DIR}/${props.trustedCa.key}`;
    }
    for (const [key, value] of Object.entries(checkedRecord(subject, 'env', props.env, `{ ${ServiceEnv.LOG_LEVEL}: 'debug' }`) ?? {})) {
      // The contract's local-only variables hold a secret itself (its other credentials are file paths).
      if (serviceEnvVariable(key)?.setBy === 'local') {
        throw subject.error(
          'service-env-password', `env '${key}' would put a password in the manifest`,
          'Connect through a listener with authentication: the service then logs in as its own KafkaUser, whose Secret is mounted as a file',
        );
      }
      // Also what the construct sets only on other listeners (mTLS files beside SCRAM): the service would refuse the mix.
      if (key in env || serviceEnvVariable(key)?.setBy === 'construct') {
        throw subject.error('service-env-derived', `env '${key}' is derived from the cluster and topic; it cannot be set in 'env'`,
          `Remove '${key}' from env`);
      }
      const keyError = nameProblem(NAME_RULES.envVarName, key);
      if (keyError) throw subject.error('service-env-name-invalid', `env ${keyError}`, `Rename the variable, e.g. ${ServiceEnv.LOG_LEVEL}`);
      if (typeof value !== 'string') throw subject.error('service-env-value-not-a-string', `env '${key}' is ${JSON.stringify(value)}, not a string`,
        `Write it as a string, e.g. '${String(value)}'`);
    }

    const probe = (path: string) =>
      kplus.Probe.fromHttpGet(path, {
        port: HTTP_PORT,
        initialDelaySeconds: Duration.seconds(3),
        periodSeconds: Duration.seconds(20),
        timeoutSeconds: Duration.seconds(15),
        failureThreshold: 5,
        successThreshold: 1,
      });

    this.deployment = guardCdk8s(subject, 'the Deployment', () => new kplus.Deployment(this, 'Deployment', {
      metadata: { name: props.name, labels, annotations: imageTrigger(subject, props.name, props.imageStreamTag) },
      podMetadata: { labels },
      select: false,
      replicas,
      strategy: kplus.DeploymentStrategy.recreate(),
      securityContext: { ensureNonRoot: true },
      automountServiceAccountToken: false,
    }));
    // Select by the stable name label rather than cdk8s' construct-path label, so a refactor of the
    // construct tree never changes an immutable Deployment selector.
    const selector = { 'app.kubernetes.io/name': props.name };
    this.podSelector = selector;
    this.deployment.select(kplus.LabelSelector.of({ labels: selector }));
    const container = guardCdk8s(subject, 'the container', () => this.deployment.addContainer({
      name: props.name,
      image: props.image,
      imagePullPolicy: props.imagePullPolicy ?? kplus.ImagePullPolicy.IF_NOT_PRESENT,
      ports: [{ number: HTTP_PORT, name: 'http', protocol: kplus.Protocol.TCP }],
      envVariables: Object.fromEntries(
        Object.entries({ ...env, ...props.env }).map(([k, v]) => [k, kplus.EnvValue.fromValue(v)]),
      ),
      liveness: probe('/health/live'),
      readiness: probe('/health/ready'),
      resources: props.resources ?? {
        cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(100), limit: Size.mebibytes(500) },
      },
      securityContext: {
        ensureNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        privileged: false,
      },
    }));
    // Only the keys the client reads are mounted, read-only: never the JAAS line, which holds the password again.
    const mountSecret = (id: string, volumeName: string, secretName: string, keys: string[], dir: string) => {
      const volume = kplus.Volume.fromSecret(this, id, kplus.Secret.fromSecretName(this, `${id}Secret`, secretName),
        { name: volumeName, items: Object.fromEntries(keys.map((key) => [key, { path: key }])) });
      container.mount(dir, volume, { readOnly: true });
    };
    if (props.trustedCa) {
      mountSecret('ClusterCa', 'kafka-cluster-ca', props.trustedCa.secretName, [props.trustedCa.key], CA_DIR);
    }
    if (credentials) {
      mountSecret('UserCredentials', 'kafka-user', credentials.secretName, credentials.keys, USER_CREDENTIALS_DIR);
    }
    // restricted-v2 also wants all capabilities dropped and the runtime's default seccomp profile, which
    // cdk8s-plus-27 cannot express (its Capability enum has no 'ALL').
    ApiObject.of(this.deployment).addJsonPatch(
      JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
      JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
    );

    this.service = guardCdk8s(subject, 'the Service', () => new kplus.Service(this, 'Service', {
      metadata: { name: props.name, labels },
      type: kplus.ServiceType.CLUSTER_IP,
      selector: kplus.Pods.select(this, 'Pods', { labels: selector }),
      ports: [{ name: `${props.name}${SERVICE_PORT_SUFFIX}`, port: HTTP_PORT, targetPort: HTTP_PORT, protocol: kplus.Protocol.TCP }],
    }));

    if (props.networkPolicy) {
      this.networkPolicy = addServiceNetworkPolicy(this, {
        name: props.name, labels, podSelector: selector, httpPort: HTTP_PORT, kafka: props.networkPolicy,
      });
    }
    if (replicas >= 2) {
      // Voluntary evictions (node drains) then take one pod at a time, so the service never drops to zero.
      this.disruptionBudget = new kplus.k8s.KubePodDisruptionBudget(this, 'DisruptionBudget', {
        metadata: { name: props.name, labels },
        spec: { maxUnavailable: kplus.k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
      });
    }
  }
}

function imageTrigger(subject: Subject, containerName: string, imageStreamTag?: string): Record<string, string> | undefined {
  if (imageStreamTag === undefined) {
    return undefined;
  }
  // OpenShift: an ImageStream name is a DNS-1123 subdomain and a tag up to 128 of [A-Za-z0-9._-].
  if (typeof imageStreamTag !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,252}:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/.test(imageStreamTag)) {
    throw subject.error('service-image-stream-tag-invalid', `imageStreamTag ${JSON.stringify(imageStreamTag)} must look like '<imagestream>:<tag>'`,
      `Use e.g. '${containerName}:latest'`);
  }
  return {
    'image.openshift.io/triggers': JSON.stringify([{
      from: { kind: 'ImageStreamTag', name: imageStreamTag },
      fieldPath: `spec.template.spec.containers[?(@.name=="${containerName}")].image`,
    }]),
  };
}
