import { ApiObject, Size, SizeRoundingBehavior } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { IConstruct } from 'constructs';
import { Subject } from '../base/subject';
import { Warnings } from '../base/warnings';
import { KafkaMetrics } from './metrics';
import { NodePool, NodePoolOptions } from './node-pool';
import { PodAntiAffinity } from './scheduling';
import { KafkaStorage, NodePoolStorage } from './storage';

/** A preset of defaults for a cluster; every field it sets can still be overridden by the cluster's props. */
export enum ClusterProfile {
  /** Today's small defaults: one combined node, no metrics, nothing set that a laptop cluster cannot give. */
  DEVELOPMENT = 'development',
  /**
   * What Strimzi recommends for production: 3 dedicated controllers and 3 brokers, replication factor 3 and
   * min.insync.replicas 2 for topics and internal topics, rack awareness on zones with pods spread across them and
   * one pod of a role per node, a PodDisruptionBudget of one pod, resources and heap set, Strimzi's metrics
   * reporter and Kafka Exporter on. docs/production.md lists every default.
   */
  PRODUCTION = 'production',
}

/** Defaults a profile gives a node pool of one role; the pool's own options win field by field. */
export type PoolDefaults = Pick<NodePoolOptions, 'storage' | 'resources' | 'jvmOptions' | 'scheduling'>;

/** The production profile's volume per node, by role (the storage a partial `storage` prop is merged into). */
const PRODUCTION_STORAGE = {
  broker: { size: Size.gibibytes(100) },
  controller: { size: Size.gibibytes(20) },
} satisfies Record<string, KafkaStorage>;

/**
 * The production profile's defaults, as data. Sizes are the library's choice for a modest production cluster:
 * memory request equal to the limit (the pod is not the first evicted under pressure), no CPU limit (no
 * throttling of the request handlers), a heap of half the memory so the page cache that serves reads keeps the
 * rest, and claims kept when the cluster is deleted. Replication 3 / min ISR 2 follows from 3 brokers (see
 * KafkaBrokerConfig), as in Strimzi's kafka-persistent.yaml example.
 */
export const PRODUCTION_DEFAULTS = {
  brokers: 3,
  controllers: 3,
  broker: {
    storage: NodePoolStorage.fromKafkaStorage(PRODUCTION_STORAGE.broker),
    resources: { cpu: { request: Cpu.units(1) }, memory: { request: Size.gibibytes(4), limit: Size.gibibytes(4) } },
    jvmOptions: { initialHeap: Size.gibibytes(2), maxHeap: Size.gibibytes(2) },
    scheduling: { podAntiAffinity: PodAntiAffinity.required() },
  } satisfies PoolDefaults,
  controller: {
    storage: NodePoolStorage.fromKafkaStorage(PRODUCTION_STORAGE.controller),
    resources: { cpu: { request: Cpu.millis(500) }, memory: { request: Size.gibibytes(2), limit: Size.gibibytes(2) } },
    jvmOptions: { initialHeap: Size.gibibytes(1), maxHeap: Size.gibibytes(1) },
    scheduling: { podAntiAffinity: PodAntiAffinity.required() },
  } satisfies PoolDefaults,
  podDisruptionBudget: { maxUnavailable: 1 },
  metrics: KafkaMetrics.strimziMetricsReporter(),
  kafkaExporter: {},
  rack: {},
} as const;

/** The defaults of a pool with these roles under a profile (a dual-role pool gets the broker's). */
export function poolDefaults(profile: ClusterProfile, isBroker: boolean): PoolDefaults {
  if (profile !== ClusterProfile.PRODUCTION) return {};
  return isBroker ? PRODUCTION_DEFAULTS.broker : PRODUCTION_DEFAULTS.controller;
}

/**
 * The storage of a pool the cluster makes from its `storage` prop: under the production profile the prop is merged
 * into the role's default field by field (setting only `deleteClaim` or `storageClass` keeps 100Gi / 20Gi);
 * undefined leaves the pool to its role's defaults.
 */
export function easyPoolStorage(profile: ClusterProfile, isBroker: boolean, storage: KafkaStorage | undefined): NodePoolStorage | undefined {
  if (profile !== ClusterProfile.PRODUCTION) return NodePoolStorage.fromKafkaStorage(storage);
  if (storage === undefined) return undefined;
  const set = Object.entries(storage).filter(([, value]) => value !== undefined);
  return NodePoolStorage.fromKafkaStorage({ ...PRODUCTION_STORAGE[isBroker ? 'broker' : 'controller'], ...Object.fromEntries(set) });
}

/** What the production checks look at, once the cluster is built. */
export interface ProductionFacts {
  readonly clusterName: string;
  readonly namespace?: string;
  readonly pools: readonly NodePool[];
  readonly metricsOn: boolean;
  readonly rackOn: boolean;
}

/**
 * Warnings for a production cluster whose overrides undo what production needs: each is valid, and each is a way
 * to lose data or availability (or the means to see it) that the profile was chosen to avoid.
 */
export function addProductionChecks(scope: IConstruct, owner: Subject, facts: ProductionFacts): void {
  const warnings = Warnings.of(scope);
  const brokers = facts.pools.filter((p) => p.isBroker).reduce((n, p) => n + p.replicas, 0);
  const controllers = facts.pools.filter((p) => p.isController).reduce((n, p) => n + p.replicas, 0);
  if (brokers < 3) {
    warnings._add('production-brokers', owner,
      `the production cluster has ${brokers} broker(s); replication factor 3 with min.insync.replicas 2 needs at least 3`, 'Use at least 3 brokers');
  }
  if (controllers < 3) {
    warnings._add('production-controllers', owner,
      `the production cluster has ${controllers} controller(s); a KRaft quorum survives a lost controller only with 3 or more`,
      'Use 3 (or 5) controllers');
  }
  for (const pool of facts.pools.filter((p) => p.isBroker && p.isController)) {
    warnings._add('production-dual-role', owner.part('node pool', pool.name),
      'its nodes are brokers and controllers at once; Strimzi recommends dedicated controllers for production',
      'Split it into a broker pool and a controller pool');
  }
  for (const pool of facts.pools.filter((p) => p.storage.isEphemeral)) {
    warnings._add('production-ephemeral', owner.part('node pool', pool.name), 'it uses ephemeral storage, whose data is lost whenever a pod restarts',
      'Use persistent-claim volumes');
  }
  for (const pool of facts.pools) {
    const role = pool.isBroker ? 'broker' : 'controller';
    const profileSize = PRODUCTION_STORAGE[role].size;
    for (const size of pool.storage.volumes.map((v) => v._options.size).filter((s): s is Size => s !== undefined)) {
      if (size.toMebibytes() < profileSize.toMebibytes()) {
        warnings._add('production-small-volume', owner.part('node pool', pool.name),
          `its volume of ${size.toGibibytes({ rounding: SizeRoundingBehavior.NONE })}Gi is below the production profile's ` +
            `${profileSize.toGibibytes()}Gi per ${role}`,
          `Keep ${profileSize.toGibibytes()}Gi (leave size out), unless this ${role}'s data is known to fit`);
      }
    }
  }
  if (!facts.metricsOn) {
    warnings._add('production-metrics-off', owner,
      'the production cluster exports no metrics, so under-replicated partitions or a lost controller go unseen',
      'Keep metrics on (KafkaMetrics.strimziMetricsReporter() or jmxPrometheusExporter())');
  }
  if (!facts.rackOn) {
    warnings._add('production-rack-off', owner, 'the production cluster has no rack awareness, so all replicas of a partition may sit in one zone',
      'Keep rack awareness on, or set it to your nodes\' zone label');
  }
  warnings._addCheck(() => topicReplicationWarnings(scope, warnings, facts));
}

/** Topics of the cluster (found by their KafkaTopic resources, patches included) that fall short of 3 / 2. */
function topicReplicationWarnings(scope: IConstruct, warnings: Warnings, facts: ProductionFacts): void {
  const topics = scope.node.root.node.findAll()
    .filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'KafkaTopic' && c.metadata.namespace === facts.namespace)
    .map((o) => ({ object: o, json: o.toJson() }))
    .filter(({ json }) => json.metadata?.labels?.['strimzi.io/cluster'] === facts.clusterName);
  for (const { object, json } of topics) {
    // Unset, they take the cluster's defaults, which the profile makes 3 and 2.
    const replicas = Number(json.spec?.replicas ?? 3);
    const minIsr = Number(json.spec?.config?.['min.insync.replicas'] ?? 2);
    if (replicas < 3 || minIsr < 2 || minIsr >= replicas) {
      warnings._add('production-topic-replication', Subject.of(object, 'KafkaTopic', object.name),
        `it has ${replicas} replicas and min.insync.replicas ${minIsr} in production cluster '${facts.clusterName}'; with fewer than ` +
          '3 replicas, a min ISR below 2 or one not below the replicas, an acknowledged write can be lost or one broker down stops writes',
        'Use 3 replicas and min.insync.replicas 2 (the cluster\'s defaults)');
    }
  }
}
