import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { JmxExporterRule, KafkaCluster, KafkaClusterProps, KafkaMetrics } from '../../../lib';
import { validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { appWithChart, only } from '../support/synth';

function synth(props: KafkaClusterProps) {
  const { chart } = appWithChart('kafka');
  const cluster = new KafkaCluster(chart, 'c', { brokers: 3, ...props });
  return { cluster, objects: Testing.synth(chart) as any[] };
}

/**
 * What the JMX Exporter does with a rule list, for one MBean attribute: the first rule whose pattern matches the
 * whole text names the sample, `$n` replaced by groups. Java's and JavaScript's regexes agree on these patterns.
 */
function exportAs(rules: readonly JmxExporterRule[], mbean: string): { name: string; labels: Record<string, string> } | undefined {
  for (const rule of rules) {
    const match = new RegExp(`^(?:${rule.pattern})$`).exec(mbean);
    if (!match) continue;
    const fill = (text: string) => text.replace(/\$(\d+)/g, (_, n) => match[Number(n)] ?? '');
    return {
      name: fill(rule.name ?? '').toLowerCase().replace(/[^a-z0-9_:]/g, '_'),
      labels: Object.fromEntries(Object.entries(rule.labels ?? {}).map(([k, v]) => [fill(k).toLowerCase(), fill(v)])),
    };
  }
  return undefined;
}

describe('broker metrics', () => {
  test("Strimzi's metrics reporter with an allow list needs no ConfigMap", () => {
    const { cluster, objects } = synth({ metrics: KafkaMetrics.strimziMetricsReporter({ allowList: ['kafka_server_.*'] }) });
    expect(only(objects, 'Kafka').spec.kafka.metricsConfig).toEqual({ type: 'strimziMetricsReporter', values: { allowList: ['kafka_server_.*'] } });
    expect(objects.filter((o) => o.kind === 'ConfigMap')).toEqual([]);
    expect(cluster.prometheusTargets).toEqual([{
      component: 'kafka', podSelector: { 'strimzi.io/cluster': 'c', 'strimzi.io/name': 'c-kafka' }, port: 'tcp-prometheus', path: '/metrics',
    }]);
  });

  test('the JMX Exporter gets a generated ConfigMap, your rules first, referenced by the Kafka', () => {
    // GIVEN the JMX Exporter with one rule of the user's
    const mine: JmxExporterRule = { pattern: 'kafka\\.server<type=app-info><>start-time-ms', name: 'kafka_start_time_ms', type: 'GAUGE' };
    const { cluster, objects } = synth({ metrics: KafkaMetrics.jmxPrometheusExporter({ rules: [mine] }), labels: { team: 'x' } });
    // THEN the Kafka points at the ConfigMap, which holds the rules in the exporter's YAML form
    expect(only(objects, 'Kafka').spec.kafka.metricsConfig).toEqual({
      type: 'jmxPrometheusExporter', valueFrom: { configMapKeyRef: { name: 'c-kafka-metrics', key: 'metrics-config.yml' } },
    });
    const configMap = only(objects, 'ConfigMap', 'c-kafka-metrics');
    expect(configMap.metadata).toEqual({ name: 'c-kafka-metrics', namespace: 'kafka', labels: { 'team': 'x', 'strimzi.io/cluster': 'c' } });
    const config = parse(configMap.data['metrics-config.yml']);
    expect(config.lowercaseOutputName).toBe(true);
    expect(config.rules).toEqual([mine, ...KafkaMetrics.KAFKA_JMX_RULES].map((r) => JSON.parse(JSON.stringify(r))));
    expect(cluster.metricsConfigMaps.map((c) => c.name)).toEqual(['c-kafka-metrics']);
  });

  test.each([
    ['kafka.server<type=BrokerTopicMetrics, name=MessagesInPerSec, topic=orders><>Count', 'kafka_server_brokertopicmetrics_messagesin_total',
      { topic: 'orders' }],
    ['kafka.server<type=BrokerTopicMetrics, name=BytesInPerSec><>Count', 'kafka_server_brokertopicmetrics_bytesin_total', {}],
    ['kafka.server<type=ReplicaManager, name=UnderReplicatedPartitions><>Value', 'kafka_server_replicamanager_underreplicatedpartitions', {}],
    ['kafka.controller<type=KafkaController, name=ActiveControllerCount><>Value', 'kafka_controller_kafkacontroller_activecontrollercount', {}],
    ['kafka.log<type=Log, name=Size, topic=orders, partition=0><>Value', 'kafka_log_log_size', { topic: 'orders', partition: '0' }],
    ['kafka.server<type=FetcherLagMetrics, name=ConsumerLag, clientId=ReplicaFetcherThread-0-1, topic=orders, partition=2><>Value',
      'kafka_server_fetcherlagmetrics_consumerlag', { clientid: 'ReplicaFetcherThread-0-1', topic: 'orders', partition: '2' }],
    ['kafka.network<type=RequestMetrics, name=TotalTimeMs, request=Produce><>99thPercentile', 'kafka_network_requestmetrics_totaltimems',
      { request: 'Produce', quantile: '0.99' }],
    ['kafka.network<type=RequestMetrics, name=TotalTimeMs, request=Produce><>Count', 'kafka_network_requestmetrics_totaltimems_count',
      { request: 'Produce' }],
    ['kafka.server<type=KafkaRequestHandlerPool, name=RequestHandlerAvgIdlePercent><>OneMinuteRate',
      'kafka_server_kafkarequesthandlerpool_requesthandleravgidle_percent', {}],
    ['kafka.server<type=raft-metrics><>current-leader', 'kafka_server_raft_metrics_current_leader', {}],
    ['kafka.server<type=socket-server-metrics, listener=REPLICATION-9091, networkProcessor=3><>connection-count',
      'kafka_server_socket_server_metrics_connection_count', { listener: 'REPLICATION-9091', networkprocessor: '3' }],
  ])('the library rules export %s', (mbean, name, labels) => {
    // GIVEN an MBean attribute as the exporter presents it WHEN the rules are applied THEN it has a name and labels
    expect(exportAs(KafkaMetrics.KAFKA_JMX_RULES, mbean)).toEqual({ name, labels });
  });

  test('the library rules leave out what they are not for', () => {
    expect(exportAs(KafkaMetrics.KAFKA_JMX_RULES, 'java.lang<type=Memory><>HeapMemoryUsage')).toBeUndefined();
    expect(exportAs(KafkaMetrics.KAFKA_JMX_RULES, 'kafka.server<type=BrokerTopicMetrics, name=MessagesInPerSec><>MeanRate')).toBeUndefined();
  });

  test('rules: a non-empty allow list of valid regexes; a JMX Exporter with rules', () => {
    expect(() => synth({ metrics: KafkaMetrics.strimziMetricsReporter({ allowList: [] }) })).toThrow(
      /\[metrics-allow-list-empty\]: .*the metrics allowList is empty, so no metric would be exported/,
    );
    expect(() => synth({ metrics: KafkaMetrics.strimziMetricsReporter({ allowList: ['kafka_(server'] }) })).toThrow(
      /\[metrics-regex-invalid\]: .*the metrics allowList entry 'kafka_\(server' is not a valid regular expression/,
    );
    expect(() => synth({ metrics: KafkaMetrics.jmxPrometheusExporter({ defaultRules: false }) })).toThrow(
      /\[jmx-exporter-rules-empty\]: .*the JMX Exporter has no rules, so it would export every MBean under generated names/,
    );
  });
});

describe('Kafka Exporter', () => {
  test('renders its regexes and resources, and is a Prometheus target', () => {
    const { cluster, objects } = synth({ kafkaExporter: { topicRegex: '^orders$', groupExcludeRegex: '^console-.*', showAllOffsets: false } });
    expect(only(objects, 'Kafka').spec.kafkaExporter).toEqual({ topicRegex: '^orders$', groupExcludeRegex: '^console-.*', showAllOffsets: false });
    expect(cluster.prometheusTargets.map((t) => t.podSelector['strimzi.io/name'])).toEqual(['c-kafka-exporter']);
  });

  test("each regex must compile, in Go's syntax too", () => {
    expect(() => synth({ kafkaExporter: { groupRegex: '*' } })).toThrow(
      /\[metrics-regex-invalid\]: .*the groupRegex '\*' is not a valid regular expression/,
    );
    expect(() => synth({ kafkaExporter: { topicRegex: '^(?!__).*' } })).toThrow(
      /\[kafka-exporter-regex-unsupported\]: .*the topicRegex '\^\(\?!__\)\.\*' uses lookaround or a backreference, which Kafka Exporter's Go/,
    );
  });
});

describe('schemas', () => {
  test('the metrics ConfigMap, Kafka Exporter and JMX metrics validate against the Strimzi CRD and Kubernetes', () => {
    const { objects } = synth({ metrics: KafkaMetrics.jmxPrometheusExporter(), kafkaExporter: {} });
    const failures = [...validateAgainstStrimziCrds(objects), ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length);
    expect(failures).toEqual([]);
    // AND the YAML in the ConfigMap is the rule list, round-tripped
    const text: string = only(objects, 'ConfigMap').data['metrics-config.yml'];
    expect(text).not.toContain('null');
    expect(parse(text)).toEqual(JSON.parse(JSON.stringify({
      lowercaseOutputName: true, lowercaseOutputLabelNames: true, rules: KafkaMetrics.KAFKA_JMX_RULES })));
  });
});
