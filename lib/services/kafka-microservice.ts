import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { assertDnsLabel } from '../core/names';
import { SecretKeyReference } from '../cluster/kafka-cluster';

/** Port of the services' HTTP server (health probes, `/data`). */
export const HTTP_PORT = 8080;

/** Options a user can set on each service of a MicroservicePair. */
export interface KafkaMicroserviceOptions {
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

/** Everything a KafkaMicroservice needs, resolved by its chart. */
export interface KafkaMicroserviceProps extends KafkaMicroserviceOptions {
  /** Name of the service (required here: the pair supplies its default). */
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
}

const CA_DIR = '/etc/kafka-cluster-ca';

/**
 * One Kafka client service: a Deployment and a ClusterIP Service, with health probes on `/health/live` and
 * `/health/ready`, seed-sized resources and a pod that passes OpenShift's restricted-v2 policy.
 */
export class KafkaMicroservice extends Construct {
  /** Name of the Deployment and Service. */
  public readonly name: string;
  /** The Deployment. */
  public readonly deployment: kplus.Deployment;
  /** The Service in front of it. */
  public readonly service: kplus.Service;

  constructor(scope: Construct, id: string, props: KafkaMicroserviceProps) {
    super(scope, id);
    this.name = props.name;
    const what = `${props.component} '${props.name}'`;
    assertDnsLabel(`${what} name`, props.name);
    const replicas = props.replicas ?? 1;
    if (!Number.isInteger(replicas) || replicas < 0) {
      throw new Error(`${what}: replicas is ${replicas} but must be a whole number (0 or more).`);
    }
    const env: Record<string, string> = { ...props.kafkaEnv, HTTP_PORT: String(HTTP_PORT) };
    if (props.trustedCa) {
      env.KAFKA_SSL_CA_FILE = `${CA_DIR}/${props.trustedCa.key}`;
    }
    for (const key of Object.keys(props.env ?? {})) {
      if (key in env) {
        throw new Error(`${what}: env '${key}' is derived from the cluster and topic; it cannot be set in 'env'.`);
      }
    }

    const labels = {
      'application': props.application,
      'app.kubernetes.io/name': props.name,
      'app.kubernetes.io/component': props.component,
      'app.kubernetes.io/part-of': props.application,
    };
    const probe = (path: string) =>
      kplus.Probe.fromHttpGet(path, {
        port: HTTP_PORT,
        initialDelaySeconds: Duration.seconds(3),
        periodSeconds: Duration.seconds(20),
        timeoutSeconds: Duration.seconds(15),
        failureThreshold: 5,
        successThreshold: 1,
      });

    this.deployment = new kplus.Deployment(this, 'Deployment', {
      metadata: { name: props.name, labels, annotations: imageTrigger(props.name, props.imageStreamTag) },
      podMetadata: { labels },
      select: false,
      replicas,
      strategy: kplus.DeploymentStrategy.recreate(),
      securityContext: { ensureNonRoot: true },
      automountServiceAccountToken: false,
    });
    // Select by the stable name label rather than cdk8s' construct-path label, so a refactor of the
    // construct tree never changes an immutable Deployment selector.
    const selector = { 'app.kubernetes.io/name': props.name };
    this.deployment.select(kplus.LabelSelector.of({ labels: selector }));
    const container = this.deployment.addContainer({
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
    });
    if (props.trustedCa) {
      const volume = kplus.Volume.fromSecret(this, 'ClusterCa',
        kplus.Secret.fromSecretName(this, 'ClusterCaSecret', props.trustedCa.secretName),
        { name: 'kafka-cluster-ca', items: { [props.trustedCa.key]: { path: props.trustedCa.key } } });
      container.mount(CA_DIR, volume, { readOnly: true });
    }
    // restricted-v2 also wants all capabilities dropped and the runtime's default seccomp profile, which
    // cdk8s-plus-27 cannot express (its Capability enum has no 'ALL').
    ApiObject.of(this.deployment).addJsonPatch(
      JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }),
      JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }),
    );

    this.service = new kplus.Service(this, 'Service', {
      metadata: { name: props.name, labels },
      type: kplus.ServiceType.CLUSTER_IP,
      selector: kplus.Pods.select(this, 'Pods', { labels: selector }),
      ports: [{ name: `${props.name}-http`, port: HTTP_PORT, targetPort: HTTP_PORT, protocol: kplus.Protocol.TCP }],
    });
  }
}

function imageTrigger(containerName: string, imageStreamTag?: string): Record<string, string> | undefined {
  if (imageStreamTag === undefined) {
    return undefined;
  }
  if (!/^[a-z0-9][a-z0-9._-]*:[A-Za-z0-9._-]+$/.test(imageStreamTag)) {
    throw new Error(
      `${containerName}: imageStreamTag '${imageStreamTag}' must look like '<imagestream>:<tag>', e.g. '${containerName}:latest'.`,
    );
  }
  return {
    'image.openshift.io/triggers': JSON.stringify([{
      from: { kind: 'ImageStreamTag', name: imageStreamTag },
      fieldPath: `spec.template.spec.containers[?(@.name=="${containerName}")].image`,
    }]),
  };
}
