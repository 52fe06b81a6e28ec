import { LocalKafkaCluster, LocalKafkaClusterOptions } from '../../scripts/kafka/cluster';
import { SynthesizedManifests } from '../../scripts/kafka/manifests';
import { readSynthesizedCluster } from '../../scripts/kafka/synthesized-cluster';
import { threeBrokerClusterObjects } from './support/three-node-objects';

/** The 3-broker objects with `edit` applied to the Kafka resource. */
function withKafka(edit: (kafka: any) => void): SynthesizedManifests {
  const objects = threeBrokerClusterObjects() as any[];
  edit(objects.find((o) => o.kind === 'Kafka'));
  return SynthesizedManifests.fromObjects(objects, 'dist/');
}

describe('readSynthesizedCluster: local cluster options from Kafka and KafkaNodePool objects', () => {
  test('applies only the spec.kafka.config keys Kafka defines, and says which it left out', async () => {
    // GIVEN a broker setting and a Cruise Control reporter setting (valid for Strimzi, unknown to Kafka)
    const manifests = withKafka((kafka) => {
      kafka.spec.kafka.config['log.retention.hours'] = 48;
      kafka.spec.kafka.config['cruise.control.metrics.reporter.kubernetes.mode'] = true;
    });

    const { options, skippedConfig } = await readSynthesizedCluster(manifests);

    // THEN the broker setting is passed on as a string and the other is reported, not applied
    expect(options.config).toMatchObject({ 'log.retention.hours': '48', 'min.insync.replicas': '2' });
    expect(options.config).not.toHaveProperty('cruise.control.metrics.reporter.kubernetes.mode');
    expect(skippedConfig).toEqual(['cruise.control.metrics.reporter.kubernetes.mode']);
  }, 30_000);

  test('turns listeners, authorization and the metrics choice into local settings', async () => {
    const manifests = withKafka((kafka) => {
      kafka.spec.kafka.listeners[0].authentication = { type: 'scram-sha-512' };
      kafka.spec.kafka.listeners[1].authentication = { type: 'tls' };
      kafka.spec.kafka.authorization = { type: 'simple', superUsers: ['CN=ops', 'ops-scram'] };
      kafka.spec.kafka.metricsConfig = { type: 'strimziMetricsReporter', values: { allowList: ['kafka_server.*'] } };
    });

    const { options, notes } = await readSynthesizedCluster(manifests);

    expect(options.listeners).toEqual([
      { name: 'plain', tls: false, authentication: 'scram-sha-512', port: undefined },
      { name: 'tls', tls: true, authentication: 'tls', port: undefined },
    ]);
    expect(options.authorization).toEqual({ superUsers: ['CN=ops', 'ops-scram'] });
    expect(options.metricsReporter).toEqual({ allowList: ['kafka_server.*'] });
    expect(notes).toEqual([]);
  }, 30_000);

  test('notes a metrics choice it does not run', async () => {
    const manifests = withKafka((kafka) => {
      kafka.spec.kafka.metricsConfig = { type: 'jmxPrometheusExporter', valueFrom: { configMapKeyRef: { name: 'm', key: 'k' } } };
    });
    const { options, notes } = await readSynthesizedCluster(manifests);
    expect(options.metricsReporter).toBeUndefined();
    expect(notes).toEqual(["metricsConfig type 'jmxPrometheusExporter' is not run locally (only strimziMetricsReporter is)."]);
  }, 30_000);

  test('refuses custom authorization, naming the Kafka and what it runs instead', async () => {
    const manifests = withKafka((kafka) => {
      kafka.spec.kafka.authorization = { type: 'custom', authorizerClass: 'x.Y' };
    });
    await expect(readSynthesizedCluster(manifests)).rejects.toThrow(
      /^Kafka 'prod' in dist\/: authorization type 'custom' cannot run locally; the harness runs 'simple'/,
    );
  }, 30_000);
});

describe('LocalKafkaCluster refuses settings it cannot run faithfully, before starting anything', () => {
  test.each<[string, LocalKafkaClusterOptions, RegExp]>([
    ['an unauthenticated listener under authorization (its clients would be super users)',
      { listeners: [{ name: 'plain' }], authorization: {} },
      /Listener 'plain' has no authentication but the cluster has authorization: .* Give the listener authentication/],
    ['a listener named like an internal one', { listeners: [{ name: 'replication' }] }, /Listener name 'replication' cannot be used/],
    ['a fixed port shared by several brokers',
      { nodes: [{ id: 0, roles: ['broker', 'controller'] }, { id: 1, roles: ['broker'] }], listeners: [{ name: 'plain', port: 9092 }] },
      /fixed port 9092, but the cluster has 2 brokers on one host; leave the port out/],
    ['a cluster without controller', { nodes: [{ id: 0, roles: ['broker'] }] }, /needs at least one broker and one controller/],
    ['two nodes with one id', { nodes: [{ id: 1, roles: ['broker', 'controller'] }, { id: 1, roles: ['broker'] }] }, /node ids must be distinct/],
  ])('%s', async (_what, options, message) => {
    await expect(LocalKafkaCluster.start(options)).rejects.toThrow(message);
  });
});
