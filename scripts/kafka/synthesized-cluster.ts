import { kafkaBrokerConfigNames } from './admin-tool';
import { LocalAuthorization, LocalKafkaClusterOptions, LocalListener, LocalNodeSpec } from './cluster';
import { NodeRole } from './kafka-node';
import { SynthesizedManifests, SynthesizedObject } from './manifests';

/** The parts of a `kafka.strimzi.io/v1` Kafka the harness reads. */
export interface KafkaSpec {
  readonly kafka?: {
    readonly listeners?: ReadonlyArray<{
      readonly name?: unknown;
      readonly port?: unknown;
      readonly tls?: unknown;
      readonly authentication?: { readonly type?: unknown };
    }>;
    readonly authorization?: { readonly type?: unknown; readonly superUsers?: unknown };
    readonly config?: Readonly<Record<string, unknown>>;
    readonly rack?: unknown;
    readonly metricsConfig?: { readonly type?: unknown; readonly values?: { readonly allowList?: unknown } };
  };
  readonly entityOperator?: { readonly userOperator?: { readonly secretPrefix?: unknown } };
}

/** A synthesized cluster as local cluster options, and what of it the local cluster leaves out. */
export interface SynthesizedCluster {
  readonly name: string;
  readonly options: LocalKafkaClusterOptions;
  /** `spec.kafka.config` keys that are not Kafka broker configs (e.g. for plugins), so not applied. */
  readonly skippedConfig: readonly string[];
  /** What the local cluster does differently, one sentence each. */
  readonly notes: readonly string[];
}

/** How the zones of `spec.kafka.rack` are simulated: brokers get `zone-0`, `zone-1`, … round-robin. */
export const DEFAULT_ZONES = 3;

/**
 * Reads a synthesized Kafka and its KafkaNodePools as local cluster options: nodes (ids from 0, in node
 * pool order, with the pools' replicas and roles), listeners with their TLS and authentication,
 * authorization, the `spec.kafka.config` keys Kafka defines, `broker.rack` round-robin over `zones` when
 * `spec.kafka.rack` is set, and Strimzi's metrics reporter when `metricsConfig` chooses it.
 *
 * @throws naming the object when something cannot be run locally (custom authentication or authorization,
 *   a cluster without node pools)
 */
export async function readSynthesizedCluster(manifests: SynthesizedManifests, clusterName?: string,
  zones = DEFAULT_ZONES): Promise<SynthesizedCluster> {
  const kafka = manifests.kafka(clusterName);
  const name = String(kafka.object.metadata?.name);
  const spec = (kafka.object.spec ?? {}) as KafkaSpec;
  const nodes = nodesOf(manifests, name, kafka.source, zones, spec.kafka?.rack !== undefined);
  const known = await kafkaBrokerConfigNames();
  const config = Object.entries(spec.kafka?.config ?? {});
  const notes: string[] = [];
  const metrics = spec.kafka?.metricsConfig;
  if (metrics?.type !== undefined && metrics.type !== 'strimziMetricsReporter') {
    notes.push(`metricsConfig type '${String(metrics.type)}' is not run locally (only strimziMetricsReporter is).`);
  }
  return {
    name,
    options: {
      name,
      nodes,
      listeners: (spec.kafka?.listeners ?? []).map((l) => localListener(l, kafka)),
      authorization: localAuthorization(kafka),
      config: Object.fromEntries(config.filter(([key]) => known.has(key)).map(([key, value]) => [key, configValue(value)])),
      metricsReporter: metrics?.type === 'strimziMetricsReporter' ? { allowList: stringList(metrics.values?.allowList) } : undefined,
    },
    skippedConfig: config.map(([key]) => key).filter((key) => !known.has(key)),
    notes,
  };
}

/** A Kafka listener (`spec.kafka.listeners[]` item) as a local listener, optionally on a fixed port. */
export function localListener(listener: NonNullable<NonNullable<KafkaSpec['kafka']>['listeners']>[number], kafka: SynthesizedObject,
  port?: number): LocalListener {
  const type = listener.authentication?.type;
  if (type !== undefined && type !== 'scram-sha-512' && type !== 'tls') {
    throw new Error(
      `Kafka '${String(kafka.object.metadata?.name)}' in ${kafka.source}: listener '${String(listener.name)}' uses ` +
        `authentication '${String(type)}', which the local harness cannot run (it runs scram-sha-512 and tls).`,
    );
  }
  return { name: String(listener.name), tls: listener.tls === true, authentication: type, port };
}

/** `spec.kafka.authorization` as local authorization, or undefined when the cluster has none. */
export function localAuthorization(kafka: SynthesizedObject): LocalAuthorization | undefined {
  const authorization = (kafka.object.spec as KafkaSpec | undefined)?.kafka?.authorization;
  if (authorization === undefined) return undefined;
  if (authorization.type !== 'simple') {
    throw new Error(
      `Kafka '${String(kafka.object.metadata?.name)}' in ${kafka.source}: authorization type '${String(authorization.type)}' ` +
        "cannot run locally; the harness runs 'simple' (Kafka's StandardAuthorizer).",
    );
  }
  return { superUsers: stringList(authorization.superUsers) };
}

function nodesOf(manifests: SynthesizedManifests, cluster: string, source: string, zones: number, racks: boolean): LocalNodeSpec[] {
  const pools = manifests.ofCluster('KafkaNodePool', cluster);
  if (pools.length === 0) throw new Error(`Kafka '${cluster}' in ${source} has no KafkaNodePool labelled strimzi.io/cluster: ${cluster}.`);
  const nodes: LocalNodeSpec[] = [];
  let brokers = 0;
  for (const pool of pools) {
    const spec = (pool.object.spec ?? {}) as { replicas?: unknown; roles?: unknown };
    const roles = stringList(spec.roles) as NodeRole[] | undefined;
    if (typeof spec.replicas !== 'number' || !Number.isInteger(spec.replicas) || spec.replicas < 0 || !roles?.length) {
      throw new Error(`KafkaNodePool '${String(pool.object.metadata?.name)}' in ${pool.source} needs integer spec.replicas and spec.roles.`);
    }
    for (let i = 0; i < spec.replicas; i++) {
      const rack = racks && roles.includes('broker') ? `zone-${brokers++ % zones}` : undefined;
      nodes.push({ id: nodes.length, roles, rack });
    }
  }
  return nodes;
}

// Strimzi writes numbers and booleans as they are and lists joined by commas.
function configValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map(String) : undefined;
}
