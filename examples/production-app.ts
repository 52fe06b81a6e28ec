import { ApiObject, App, Chart, Duration, Size } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import {
  ClusterProfile, KafkaCluster, KafkaMetrics, MicroservicePair, NodeRole, Retention, strimzi, TaintEffect, Topic,
} from 'strimzi-cdk8s';

export function buildProductionApp(app: App) {
  const infra = new Chart(app, 'payments-infra', { namespace: 'payments' });

  // The production profile: 3 dedicated controllers and 3 brokers, replication 3 / min ISR 2, racks on zones with
  // pods spread across them, a PDB of one pod, resources and heap, Strimzi's metrics reporter, Kafka Exporter.
  // Each prop below overrides one of those defaults; everything else stays as the profile sets it.
  const cluster = new KafkaCluster(infra, 'payments', {
    profile: ClusterProfile.PRODUCTION,
    nodePools: [
      {
        name: 'brokers',
        roles: [NodeRole.BROKER],
        replicas: 3,
        resources: { cpu: { request: Cpu.units(2) }, memory: { request: Size.gibibytes(8), limit: Size.gibibytes(8) } },
        jvmOptions: { initialHeap: Size.gibibytes(4), maxHeap: Size.gibibytes(4), xx: { UseG1GC: true, MaxGCPauseMillis: 20 } },
        // Added to the profile's scheduling (one broker per node, spread across zones).
        scheduling: {
          tolerations: [{ key: 'dedicated', value: 'kafka', effect: TaintEffect.NO_SCHEDULE }],
          nodeSelector: { 'node-role.example.com/kafka': 'true' },
        },
      },
      { name: 'controllers', roles: [NodeRole.CONTROLLER], replicas: 3 },
    ],
    metrics: KafkaMetrics.strimziMetricsReporter({ allowList: ['kafka_server_.*', 'kafka_controller_.*', 'kafka_cluster_partition_.*'] }),
    kafkaExporter: { topicRegex: '^payments$', groupRegex: '^payments-ledger$' },
    cruiseControl: {
      brokerCapacity: { inboundNetwork: Size.mebibytes(125), outboundNetwork: Size.mebibytes(125) },
      metrics: KafkaMetrics.jmxPrometheusExporter(),
    },
  });

  const topic = new Topic(infra, 'payments-topic', { cluster, topicName: 'payments', partitions: 12, retention: Retention.of(Duration.days(7)) });

  // A kind the constructs do not type, written with the generated Strimzi types: a full rebalance proposal.
  new ApiObject(infra, 'rebalance', {
    ...strimzi.KafkaRebalance.GVK,
    metadata: { name: 'payments-rebalance', labels: cluster.clusterLabel },
    spec: strimzi.toJson_KafkaRebalanceSpec({ goals: ['RackAwareGoal', 'ReplicaCapacityGoal', 'DiskCapacityGoal'] }),
  });

  const services = new Chart(app, 'payments-services', { namespace: 'payments' });
  new MicroservicePair(services, 'payments', {
    cluster,
    topic,
    listener: 'tls',
    producer: { name: 'payments-producer', image: 'quay.io/my-team/data-producer:0.1.0' },
    consumer: { name: 'payments-ledger', image: 'quay.io/my-team/data-consumer:0.1.0', groupId: 'payments-ledger', replicas: 3 },
  });
  return services;
}

if (require.main === module) {
  const app = new App();
  buildProductionApp(app);
  app.synth();
}
