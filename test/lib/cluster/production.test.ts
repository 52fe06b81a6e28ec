import { Size, Testing } from 'cdk8s';
import {
  ClusterProfile, KafkaCluster, KafkaClusterProps, KafkaMetrics, NodePoolStorage, NodeRole, PodAntiAffinity, Topic, Warnings,
} from '../../../lib';
import { validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { appWithChart, only } from '../support/synth';
import { warned } from '../support/warnings';

function production(props: KafkaClusterProps = {}, topics: Array<{ replicas?: number; minInsyncReplicas?: number }> = []) {
  const { app, chart } = appWithChart('kafka');
  const cluster = new KafkaCluster(chart, 'c', { profile: ClusterProfile.PRODUCTION, ...props });
  topics.forEach((t, i) => new Topic(chart, `t${i}`, { cluster, ...t }));
  const objects = Testing.synth(chart) as any[];
  return { cluster, objects, warnings: Warnings.of(app).all };
}

describe('the production profile', () => {
  test("gives Strimzi's production recommendations with one switch, and no warning", () => {
    // GIVEN a cluster with only the profile set
    const { cluster, objects, warnings } = production();
    const kafka = only(objects, 'Kafka').spec;
    // THEN 3 dedicated controllers and 3 brokers
    expect(objects.filter((o) => o.kind === 'KafkaNodePool').map((p) => [p.metadata.name, p.spec.replicas, p.spec.roles])).toEqual([
      ['brokers', 3, ['broker']], ['controllers', 3, ['controller']],
    ]);
    // AND replication 3 / min ISR 2 for topics and the internal topics
    expect(kafka.kafka.config).toMatchObject({
      'default.replication.factor': 3, 'min.insync.replicas': 2,
      'offsets.topic.replication.factor': 3, 'transaction.state.log.replication.factor': 3, 'transaction.state.log.min.isr': 2,
    });
    // AND racks on zones, the PDB stated, Strimzi's metrics reporter and Kafka Exporter
    expect(kafka.kafka.rack).toEqual({ type: 'topology-label', topologyKey: 'topology.kubernetes.io/zone' });
    expect(kafka.kafka.template).toEqual({ podDisruptionBudget: { maxUnavailable: 1 } });
    expect(kafka.kafka.metricsConfig).toEqual({ type: 'strimziMetricsReporter' });
    expect(kafka.kafkaExporter).toEqual({});
    expect(cluster.prometheusTargets.map((t) => t.component)).toEqual(['kafka', 'kafka-exporter']);
    // AND each pool has resources, heap, storage and scheduling for its role
    const brokers = only(objects, 'KafkaNodePool', 'brokers').spec;
    expect(brokers.resources).toEqual({ requests: { cpu: '1', memory: '4Gi' }, limits: { memory: '4Gi' } });
    expect(brokers.jvmOptions).toEqual({ '-Xms': '2g', '-Xmx': '2g' });
    expect(brokers.storage.volumes).toEqual([{ id: 0, type: 'persistent-claim', size: '100Gi', deleteClaim: false, kraftMetadata: 'shared' }]);
    expect(Object.keys(brokers.template.pod).sort()).toEqual(['affinity', 'topologySpreadConstraints']);
    const controllers = only(objects, 'KafkaNodePool', 'controllers').spec;
    expect(controllers.resources).toEqual({ requests: { cpu: '500m', memory: '2Gi' }, limits: { memory: '2Gi' } });
    expect(controllers.storage.volumes[0].size).toBe('20Gi');
    expect(warnings).toEqual([]);
    // AND it all validates
    expect([...validateAgainstStrimziCrds(objects), ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length)).toEqual([]);
  });

  test('a topic of a production cluster defaults to 3 replicas and the cluster min ISR of 2', () => {
    const { objects } = production({}, [{}]);
    expect(only(objects, 'KafkaTopic').spec).toEqual({ partitions: 1, replicas: 3 });
  });

  test('each prop overrides one default and keeps the others', () => {
    // GIVEN the profile with more brokers, a bigger disk for every node, JMX metrics and a wider PDB
    const { objects } = production({
      brokers: 6,
      storage: { size: Size.gibibytes(500), storageClass: 'fast' },
      metrics: KafkaMetrics.jmxPrometheusExporter(),
      rack: { topologyKey: 'example.com/rack' },
    });
    const kafka = only(objects, 'Kafka').spec.kafka;
    // THEN those differ
    expect(only(objects, 'KafkaNodePool', 'brokers').spec.replicas).toBe(6);
    expect(only(objects, 'KafkaNodePool', 'controllers').spec.storage.volumes[0]).toMatchObject({ size: '500Gi', class: 'fast' });
    expect(kafka.metricsConfig.type).toBe('jmxPrometheusExporter');
    expect(kafka.rack.topologyKey).toBe('example.com/rack');
    // AND the rest is the profile's
    expect(only(objects, 'KafkaNodePool', 'controllers').spec.replicas).toBe(3);
    expect(only(objects, 'KafkaNodePool', 'brokers').spec.jvmOptions).toEqual({ '-Xms': '2g', '-Xmx': '2g' });
    expect(kafka.template).toEqual({ podDisruptionBudget: { maxUnavailable: 1 } });
  });

  test("a pool's JVM options and scheduling override the profile's setting by setting", () => {
    const { objects } = production({
      nodePools: [
        { name: 'broker', roles: [NodeRole.BROKER], replicas: 3, jvmOptions: { gcLogging: true },
          scheduling: { podAntiAffinity: PodAntiAffinity.preferred() } },
        { name: 'controller', roles: [NodeRole.CONTROLLER], replicas: 3 },
      ],
    });
    const broker = only(objects, 'KafkaNodePool', 'broker').spec;
    expect(broker.jvmOptions).toEqual({ '-Xms': '2g', '-Xmx': '2g', 'gcLoggingEnabled': true });
    expect(broker.template.pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    expect(broker.template.pod.topologySpreadConstraints).toHaveLength(1);
  });

  test.each<[string, KafkaClusterProps, string, string[]]>([
    ['production-metrics-off', { metrics: false }, "KafkaCluster 'c' (test/c)", ['no metrics']],
    ['production-rack-off', { rack: false }, "KafkaCluster 'c' (test/c)", ['no rack awareness']],
    ['production-brokers', { brokers: 2 }, "KafkaCluster 'c' (test/c)", ['2 broker(s)', 'at least 3']],
    ['production-controllers', { controllers: 1 }, "KafkaCluster 'c' (test/c)", ['1 controller(s)', '3 or more']],
    ['production-dual-role', { nodePools: [{ name: 'nodes', roles: [NodeRole.CONTROLLER, NodeRole.BROKER], replicas: 3 }] },
      "KafkaCluster 'c' node pool 'nodes' (test/c)", ['brokers and controllers at once']],
    ['production-ephemeral', {
      nodePools: [
        { name: 'broker', roles: [NodeRole.BROKER], replicas: 3, storage: NodePoolStorage.ephemeral() },
        { name: 'controller', roles: [NodeRole.CONTROLLER], replicas: 3 },
      ],
    }, "KafkaCluster 'c' node pool 'broker' (test/c)", ['ephemeral storage']],
  ])('an override that undoes production is warned about: %s', (code, props, about, phrases) => {
    const { warnings } = production(props);
    expect(warnings).toContainEqual(warned(code, about, ...phrases));
  });

  test('topics below 3 replicas or min ISR 2 in a production cluster are warned about', () => {
    // GIVEN a topic with 2 replicas, one with min ISR 1 and one that is fine
    const { warnings } = production({}, [{ replicas: 2, minInsyncReplicas: 1 }, { minInsyncReplicas: 1 }, { replicas: 3, minInsyncReplicas: 2 }]);
    // THEN the first two are named
    expect(warnings.filter((w) => w.code === 'production-topic-replication')).toEqual([
      warned('production-topic-replication', "KafkaTopic 't0' (test/t0/Resource)", '2 replicas and min.insync.replicas 1', "cluster 'c'"),
      warned('production-topic-replication', "KafkaTopic 't1' (test/t1/Resource)", '3 replicas and min.insync.replicas 1'),
    ]);
  });

  test('the development profile (the default) keeps the seed small and sets none of this', () => {
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c');
    const kafka = only(Testing.synth(chart), 'Kafka').spec;
    expect(cluster.profile).toBe(ClusterProfile.DEVELOPMENT);
    expect(kafka.kafka.rack).toBeUndefined();
    expect(kafka.kafka.metricsConfig).toBeUndefined();
    expect(kafka.kafka.template).toBeUndefined();
    expect(kafka.kafkaExporter).toBeUndefined();
    expect(cluster.prometheusTargets).toEqual([]);
  });
});
