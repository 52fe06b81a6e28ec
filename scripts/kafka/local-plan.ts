import { join } from 'node:path';
import { ITopicConfig } from 'kafkajs';
import { ServiceEnv } from '../../lib/base/service-environment';
import { LocalAuthorization, LocalListener } from './cluster';
import { SynthesizedManifests, SynthesizedObject } from './manifests';
import { ServiceName } from './service-process';
import { KafkaSpec, localAuthorization, localListener } from './synthesized-cluster';
import { toTopicConfig } from './synthesized-topic';
import { userSecretDir } from './users';

/** A service as `npm run local` starts it: the Deployment's environment, pointed at local files and ports. */
export interface LocalService {
  readonly name: ServiceName;
  /** The Deployment it comes from, for messages. */
  readonly deployment: string;
  readonly env: Readonly<Record<string, string>>;
}

/** What `npm run local` runs, derived from the synthesized objects. */
export interface LocalPlan {
  readonly clusterName: string;
  /** The Kafka listener the services use, on the local port. */
  readonly listener: LocalListener;
  readonly authorization?: LocalAuthorization;
  /** The cluster's KafkaUser objects, applied as the User Operator would. */
  readonly users: readonly SynthesizedObject[];
  /** The cluster's KafkaTopics, created as the Topic Operator would. */
  readonly topics: readonly ITopicConfig[];
  readonly services: readonly LocalService[];
}

export interface LocalPlanOptions {
  /** Local port of the listener (clients connect to `localhost:<port>`). */
  readonly port: number;
  readonly httpPorts: Readonly<Record<ServiceName, number>>;
  /** Where credentials are written (`users/<user>/…`, `cluster-ca.crt`), replacing the Secrets' mounts. */
  readonly credentialsDir: string;
}

interface Container {
  readonly env?: ReadonlyArray<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  readonly volumeMounts?: ReadonlyArray<{ name: string; mountPath: string; subPath?: string }>;
}
interface PodSpec {
  readonly containers?: readonly Container[];
  readonly volumes?: ReadonlyArray<{ name: string; secret?: { secretName: string; items?: ReadonlyArray<{ key: string; path: string }> } }>;
}

const COMPONENT_LABEL = 'app.kubernetes.io/component';
const BOOTSTRAP = ServiceEnv.KAFKA_BOOTSTRAP_SERVERS;
/** Keys the harness writes, by Secret: the User Operator's for users, Strimzi's for the cluster CA. */
const USER_SECRET_KEYS = ['password', 'user.crt', 'user.key', 'ca.crt'];

/**
 * Derives a local run from the synthesized objects: the listener the service Deployments connect to
 * (their `KAFKA_BOOTSTRAP_SERVERS` port → the Kafka listener, with its TLS and authentication), the cluster's
 * authorization, KafkaUsers and KafkaTopics, and each service's environment as its Deployment sets it,
 * with the bootstrap address and HTTP port made local and every Secret mount or reference replaced by the
 * file the harness writes (a password reference becomes `KAFKA_SASL_PASSWORD_FILE`).
 *
 * @throws naming the object when the manifests ask for something a local run cannot give
 */
export function planLocalRun(manifests: SynthesizedManifests, options: LocalPlanOptions): LocalPlan {
  const deployments = manifests.ofKind('Deployment').filter((d) => containerOf(d)?.env?.some((e) => e.name === BOOTSTRAP));
  if (deployments.length === 0) throw new Error(`No Deployment in ${manifests.sources.join(', ')} sets ${BOOTSTRAP}: nothing to run locally.`);
  const bootstraps = new Set(deployments.map((d) => containerOf(d)!.env!.find((e) => e.name === BOOTSTRAP)!.value));
  if (bootstraps.size !== 1) {
    throw new Error(
      `The service Deployments connect to different bootstrap addresses (${[...bootstraps].join(', ')}); a local run serves one listener.`,
    );
  }
  const bootstrap = [...bootstraps][0] ?? '';
  const [host, port] = bootstrap.split(',')[0].split(':');
  const kafkaName = manifests.ofKind('Kafka').map((k) => String(k.object.metadata?.name)).find((n) => host.startsWith(`${n}-kafka-`));
  const kafka = manifests.kafka(kafkaName);
  const clusterName = String(kafka.object.metadata?.name);
  const spec = (kafka.object.spec ?? {}) as KafkaSpec;
  const listener = spec.kafka?.listeners?.find((l) => String(l.port) === port);
  if (!listener) {
    throw new Error(`The services connect to ${bootstrap}, but Kafka '${clusterName}' in ${kafka.source} has no listener on port ${port}.`);
  }
  const secretPrefix = String(spec.entityOperator?.userOperator?.secretPrefix ?? '');
  const users = manifests.ofCluster('KafkaUser', clusterName);
  const secretFiles = new Map<string, string>([[`${clusterName}-cluster-ca-cert/ca.crt`, join(options.credentialsDir, 'cluster-ca.crt')]]);
  for (const user of users) {
    const name = String(user.object.metadata?.name);
    for (const key of USER_SECRET_KEYS) secretFiles.set(`${secretPrefix}${name}/${key}`, join(userSecretDir(options.credentialsDir, name), key));
  }

  const services = deployments.map((d) => localService(d, secretFiles, options));
  for (const name of ['producer', 'consumer'] as const) {
    const same = services.filter((s) => s.name === name);
    if (same.length > 1) throw new Error(
      `Several ${name} Deployments (${same.map((s) => s.deployment).join(', ')}); a local run starts one producer and one consumer.`,
    );
  }
  return {
    clusterName,
    listener: localListener(listener, kafka, options.port),
    authorization: localAuthorization(kafka),
    users,
    topics: manifests.ofCluster('KafkaTopic', clusterName).map((t) => localTopic(t)),
    services,
  };
}

function containerOf(deployment: SynthesizedObject): Container | undefined {
  const template = (deployment.object.spec as { template?: { spec?: PodSpec } } | undefined)?.template;
  return template?.spec?.containers?.find((c) => c.env?.some((e) => e.name === BOOTSTRAP)) ?? template?.spec?.containers?.[0];
}

function localService(deployment: SynthesizedObject, secretFiles: ReadonlyMap<string, string>, options: LocalPlanOptions): LocalService {
  const name = String(deployment.object.metadata?.name);
  const where = `Deployment '${name}' in ${deployment.source}`;
  const component = deployment.object.metadata?.labels?.[COMPONENT_LABEL];
  if (component !== 'producer' && component !== 'consumer') {
    throw new Error(
      `${where} connects to Kafka but its label ${COMPONENT_LABEL} is ${JSON.stringify(component)}; a local run knows 'producer' and 'consumer'.`,
    );
  }
  const container = containerOf(deployment)!;
  const podSpec = (deployment.object.spec as { template: { spec: PodSpec } }).template.spec;
  const fileOf = (secret: string, key: string, variable: string): string => {
    const file = secretFiles.get(`${secret}/${key}`);
    if (!file) throw new Error(
      `${where}: ${variable} reads key '${key}' of Secret '${secret}', which no KafkaUser or cluster CA of the manifests provides locally.`,
    );
    return file;
  };
  // A path inside a mounted Secret volume is replaced by the local file of the same Secret key.
  const mountedFile = (path: string, variable: string): string | undefined => {
    for (const mount of container.volumeMounts ?? []) {
      const secret = podSpec.volumes?.find((v) => v.name === mount.name)?.secret;
      if (!secret) continue;
      const relative = mount.subPath !== undefined
        ? (path === mount.mountPath ? mount.subPath : undefined)
        : (path.startsWith(`${mount.mountPath.replace(/\/$/, '')}/`) ? path.slice(mount.mountPath.replace(/\/$/, '').length + 1) : undefined);
      if (relative === undefined) continue;
      const key = secret.items ? secret.items.find((item) => item.path === relative)?.key : relative;
      if (key === undefined) throw new Error(`${where}: ${variable} points at '${path}', which Secret '${secret.secretName}' does not project.`);
      return fileOf(secret.secretName, key, variable);
    }
    return undefined;
  };

  const env: Record<string, string> = {};
  for (const variable of container.env ?? []) {
    if (variable.valueFrom) {
      const ref = variable.valueFrom.secretKeyRef;
      if (!ref || variable.name !== ServiceEnv.KAFKA_SASL_PASSWORD) {
        throw new Error(
          `${where}: ${variable.name} takes its value from ${JSON.stringify(variable.valueFrom)}; a local run resolves only ` +
            `${ServiceEnv.KAFKA_SASL_PASSWORD} from a Secret.`,
        );
      }
      // The password stays in a file rather than in the process environment.
      env[ServiceEnv.KAFKA_SASL_PASSWORD_FILE] = fileOf(ref.name, ref.key, variable.name);
    } else {
      const value = variable.value ?? '';
      env[variable.name] = (value.startsWith('/') && mountedFile(value, variable.name)) || value;
    }
  }
  env[BOOTSTRAP] = `localhost:${options.port}`;
  env[ServiceEnv.HTTP_PORT] = String(options.httpPorts[component]);
  return { name: component, deployment: name, env };
}

function localTopic(topic: SynthesizedObject): ITopicConfig {
  const config = toTopicConfig(topic);
  if ((config.replicationFactor ?? 1) > 1) {
    throw new Error(
      `KafkaTopic '${config.topic}' in ${topic.source} wants ${config.replicationFactor} replicas, but a local run has one broker; ` +
        'use the 3-node cluster of the tests (scripts/kafka/cluster.ts) for replicated topics.',
    );
  }
  return config;
}
