import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { buildProductionApp } from '../../../examples/production-app';
import { Warnings } from '../../../lib';
import { validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { only, synthApp } from '../support/synth';

const EXAMPLE = path.resolve(__dirname, '../../../examples/production-app.ts');
const GUIDE = path.resolve(__dirname, '../../../docs/production.md');

describe('the production example (examples/production-app.ts)', () => {
  // GIVEN the production example app, in strict mode so that any warning fails the synth
  const app = Testing.app();
  app.node.setContext(Warnings.STRICT_CONTEXT, true);
  buildProductionApp(app);
  // WHEN synthesized
  const objects = synthApp(app);

  test('renders the cluster, its pools and metrics ConfigMap, a topic, a rebalance and the services', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'ConfigMap/payments-cruise-control-metrics', 'Kafka/payments', 'KafkaNodePool/brokers', 'KafkaNodePool/controllers',
      'KafkaTopic/payments', 'KafkaRebalance/payments-rebalance',
      'KafkaUser/payments-producer', 'Deployment/payments-producer', 'Service/payments-producer', 'NetworkPolicy/payments-producer',
      'KafkaUser/payments-ledger', 'Deployment/payments-ledger', 'Service/payments-ledger', 'NetworkPolicy/payments-ledger',
      'PodDisruptionBudget/payments-ledger',
    ]);
    expect(Testing.synth(app.charts[0])).toMatchSnapshot();
    expect(Warnings.of(app).all).toEqual([]);
  });

  test('has what the 3-node harness reads, in the standard CRD form', () => {
    const kafka = only(objects, 'Kafka');
    // THEN replication 3 / min ISR 2 for topics and internal topics, racks on zones, Strimzi's metrics reporter
    expect(kafka.spec.kafka.config).toEqual({
      'auto.create.topics.enable': false,
      'offsets.topic.replication.factor': 3,
      'transaction.state.log.replication.factor': 3,
      'transaction.state.log.min.isr': 2,
      'default.replication.factor': 3,
      'min.insync.replicas': 2,
    });
    expect(kafka.spec.kafka.rack).toEqual({ type: 'topology-label', topologyKey: 'topology.kubernetes.io/zone' });
    expect(kafka.spec.kafka.metricsConfig.type).toBe('strimziMetricsReporter');
    expect(kafka.spec.kafka.template).toEqual({ podDisruptionBudget: { maxUnavailable: 1 } });
    expect(objects.filter((o) => o.kind === 'KafkaNodePool').map((p: any) => [p.metadata.name, p.spec.replicas, p.spec.roles]))
      .toEqual([['brokers', 3, ['broker']], ['controllers', 3, ['controller']]]);
    expect(only(objects, 'KafkaTopic').spec).toMatchObject({ partitions: 12, replicas: 3 });
  });

  test('overrides the profile field by field and keeps the rest', () => {
    const broker = only(objects, 'KafkaNodePool', 'brokers').spec;
    const controller = only(objects, 'KafkaNodePool', 'controllers').spec;
    // THEN the broker pool has its own resources and heap, plus the profile's anti-affinity and zone spread
    expect(broker.resources).toEqual({ requests: { cpu: '2', memory: '8Gi' }, limits: { memory: '8Gi' } });
    expect(broker.jvmOptions).toEqual({ '-Xms': '4g', '-Xmx': '4g', '-XX': { UseG1GC: 'true', MaxGCPauseMillis: '20' } });
    expect(broker.template.pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
    expect(broker.template.pod.tolerations).toEqual([{ key: 'dedicated', value: 'kafka', effect: 'NoSchedule' }]);
    // AND the controller pool has the profile's defaults untouched
    expect(controller.resources).toEqual({ requests: { cpu: '500m', memory: '2Gi' }, limits: { memory: '2Gi' } });
    expect(controller.jvmOptions).toEqual({ '-Xms': '1g', '-Xmx': '1g' });
    expect(controller.storage.volumes[0]).toMatchObject({ size: '20Gi', kraftMetadata: 'shared' });
  });

  test('validates against the Strimzi CRDs (KafkaRebalance included) and Kubernetes schemas', () => {
    const strimziResults = validateAgainstStrimziCrds(objects);
    expect(strimziResults.map((r) => r.object)).toContain('kafka.strimzi.io/v1 KafkaRebalance payments-rebalance');
    const failures = [...strimziResults, ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length);
    expect(failures).toEqual([]);
  });

  test('is the example docs/production.md shows, word for word', () => {
    const example = fs.readFileSync(EXAMPLE, 'utf8').split('\nif (require.main === module)')[0].trim();
    expect(fs.readFileSync(GUIDE, 'utf8')).toContain(example);
  });
});
