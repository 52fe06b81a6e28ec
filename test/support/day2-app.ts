import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import {
  CleanupPolicy, ClusterProfile, KafkaCluster, KafkaListener, KafkaStorage, MicroservicePair,
  NodePoolOptions, NodeRole, PlanReport, Retention, SynthPlan, Topic,
} from '../../lib';

/**
 * The app of issue 13: a production cluster, three topics and two MicroservicePairs. Each field changes one thing
 * a user would change on day 2.
 */
export interface Day2App {
  /** The cluster handed over to another app: referenced with `KafkaCluster.fromExisting`, no longer rendered here. */
  readonly clusterElsewhere?: boolean;
  readonly clusterId?: string;
  readonly clusterName?: string;
  readonly brokers?: number;
  readonly storage?: KafkaStorage;
  readonly nodePools?: NodePoolOptions[];
  readonly listeners?: KafkaListener[];
  /** Construct id of the `orders` Topic. */
  readonly ordersId?: string;
  readonly ordersTopicName?: string;
  readonly ordersResourceName?: string;
  readonly ordersManaged?: boolean;
  readonly ordersPartitions?: number;
  readonly paymentsRetention?: Duration;
  readonly paymentsReplicas?: number;
  readonly audit?: 'managed' | 'unmanaged' | 'removed';
  readonly auditCleanupPolicy?: CleanupPolicy;
  readonly ordersConsumer?: string;
  readonly ordersGroupId?: string;
  /** Listener of the payments services. */
  readonly paymentsListener?: string;
  readonly withoutPayments?: boolean;
}

/** The pool names README examples used (`broker`, `controller`) instead of the production profile's. */
export const README_POOL_NAMES: NodePoolOptions[] = [
  { name: 'broker', roles: [NodeRole.BROKER], replicas: 4 },
  { name: 'controller', roles: [NodeRole.CONTROLLER], replicas: 3 },
];

export function buildDay2App(app: App, v: Day2App = {}): void {
  const chart = new Chart(app, 'kafka');
  const cluster = v.clusterElsewhere
    ? KafkaCluster.fromExisting(chart, v.clusterId ?? 'events', { name: v.clusterName ?? 'events', brokers: v.brokers ?? 4, listeners: v.listeners })
    : new KafkaCluster(chart, v.clusterId ?? 'events', {
      name: v.clusterName, profile: ClusterProfile.PRODUCTION, brokers: v.nodePools ? undefined : v.brokers ?? 4,
      storage: v.storage, nodePools: v.nodePools, listeners: v.listeners,
    });
  const topics = new Chart(app, 'topics');
  topics.addDependency(chart);
  const orders = new Topic(topics, v.ordersId ?? 'orders', {
    cluster, topicName: v.ordersTopicName, resourceName: v.ordersResourceName, managed: v.ordersManaged, partitions: v.ordersPartitions ?? 6,
  });
  const payments = new Topic(topics, 'payments', { cluster, partitions: 3, retention: Retention.of(v.paymentsRetention ?? Duration.days(7)),
    replicas: v.paymentsReplicas });
  if (v.audit !== 'removed') {
    new Topic(topics, 'audit', { cluster, cleanupPolicy: v.auditCleanupPolicy ?? CleanupPolicy.DELETE, managed: v.audit !== 'unmanaged' });
  }
  // Each pair in a chart of its own, as the id 'Default' (which names skip) keeps their objects' names.
  const services = (id: string) => {
    const chart = new Chart(app, id);
    chart.addDependency(topics);
    return chart;
  };
  new MicroservicePair(services('orders-services'), 'Default', {
    cluster, topic: orders, listener: 'tls',
    producer: { name: 'orders-producer' }, consumer: { name: v.ordersConsumer ?? 'orders-consumer', groupId: v.ordersGroupId },
  });
  if (!v.withoutPayments) {
    new MicroservicePair(services('payments-services'), 'Default', {
      cluster, topic: payments, listener: v.paymentsListener ?? 'tls',
      producer: { name: 'payments-producer' }, consumer: { name: 'payments-consumer' },
    });
  }
}

/** A fresh output directory, outside any git work tree. */
export function outputDirectory(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
}

export interface Synth {
  readonly report: PlanReport;
  /** The synth's error, when it was refused. */
  readonly error?: string;
  /** The plan's lines, without the header. */
  readonly lines: string[];
}

/**
 * Synthesizes the app `build` makes into `outdir` as `cdk8s synth` would (writing the files, the plan on), with
 * the acknowledgements given in context.
 */
export function synthInto(outdir: string, build: (app: App) => void, acknowledge: string[] = [], context: Record<string, unknown> = {}): Synth {
  const app = new App({ outdir });
  app.node.setContext(SynthPlan.BASELINE_CONTEXT, true);
  if (acknowledge.length > 0) app.node.setContext(SynthPlan.ACKNOWLEDGE_CONTEXT, acknowledge);
  for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
  build(app);
  let error: string | undefined;
  try {
    app.synth();
  } catch (e) {
    error = (e as Error).message;
  }
  const report = SynthPlan.of(app).report!;
  return { report, error, lines: report.lines.slice(1) };
}
