import { Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import { parse } from 'yaml';
import { CruiseControlOptions, KafkaCluster, KafkaMetrics } from '../../../lib';
import { coded } from '../support/errors';
import { appWithChart, only } from '../support/synth';

function synth(cruiseControl: CruiseControlOptions, brokers = 3) {
  const { chart } = appWithChart();
  const cluster = new KafkaCluster(chart, 'c', { brokers, cruiseControl });
  return { cluster, objects: Testing.synth(chart) as any[] };
}

describe('Cruise Control', () => {
  test('capacities, config, resources and JMX metrics in the CRD form', () => {
    // GIVEN Cruise Control with capacities (one broker overridden), a goal setting and its own metrics
    const { cluster, objects } = synth({
      brokerCapacity: {
        cpu: Cpu.units(2),
        inboundNetwork: Size.mebibytes(125),
        outboundNetwork: Size.kibibytes(1500),
        overrides: [{ brokers: [0, 1], inboundNetwork: Size.gibibytes(1) }],
      },
      config: { 'default.goals': 'com.linkedin.kafka.cruisecontrol.analyzer.goals.RackAwareGoal' },
      resources: { memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) } },
      jvmOptions: { maxHeap: Size.mebibytes(512) },
      metrics: KafkaMetrics.jmxPrometheusExporter(),
    });
    // THEN the spec reads as Strimzi documents it
    expect(only(objects, 'Kafka').spec.cruiseControl).toEqual({
      brokerCapacity: {
        cpu: '2', inboundNetwork: '125MiB/s', outboundNetwork: '1500KiB/s',
        overrides: [{ brokers: [0, 1], inboundNetwork: '1GiB/s' }],
      },
      config: { 'default.goals': 'com.linkedin.kafka.cruisecontrol.analyzer.goals.RackAwareGoal' },
      metricsConfig: { type: 'jmxPrometheusExporter', valueFrom: { configMapKeyRef: { name: 'c-cruise-control-metrics',
        key: 'metrics-config.yml' } } },
      resources: { requests: { memory: '512Mi' }, limits: { memory: '1Gi' } },
      jvmOptions: { '-Xmx': '512m' },
    });
    // AND its ConfigMap holds the Cruise Control rules, and Prometheus can find it
    expect(parse(only(objects, 'ConfigMap', 'c-cruise-control-metrics').data['metrics-config.yml']).rules)
      .toEqual(KafkaMetrics.CRUISE_CONTROL_JMX_RULES);
    expect(cluster.prometheusTargets.map((t) => t.podSelector['strimzi.io/name'])).toEqual(['c-cruise-control']);
  });

  test('needs at least two brokers', () => {
    expect(() => synth({}, 1)).toThrow(
      /\[cruise-control-too-few-brokers\]: .*the cluster has 1 broker/,
    );
  });

  test("takes the JMX Exporter only (Strimzi's CRD refuses its metrics reporter here)", () => {
    expect(() => synth({ metrics: KafkaMetrics.strimziMetricsReporter() })).toThrow(
      /\[cruise-control-metrics-type\]: .*its metrics use strimziMetricsReporter, which Strimzi supports only for Kafka \(the CRD says/,
    );
  });

  test("refuses config keys Strimzi manages, keeps their exceptions", () => {
    expect(() => synth({ config: { 'bootstrap.servers': 'x:9092' } })).toThrow(
      /\[cruise-control-config-strimzi-managed\]: .*config 'bootstrap\.servers' is managed by Strimzi and would be ignored/,
    );
    expect(() => synth({ config: { 'webserver.http.port': 9091 } }))
      .toThrow(/\[cruise-control-config-strimzi-managed\]: .*config 'webserver.http.port' is managed by Strimzi/);
    expect(() => synth({ config: { 'webserver.http.cors.enabled': true } })).not.toThrow();
  });

  test('capacities: well formed, each broker in one override', () => {
    expect(() => synth({ brokerCapacity: { cpu: Cpu.units(0.0005) } })).toThrow(
      /\[cruise-control-cpu-invalid\]: .*the brokerCapacity cpu '0\.0005' is not a CPU amount Strimzi accepts \(whole millicores/,
    );
    expect(() => synth({ brokerCapacity: { inboundNetwork: Size.kibibytes(0.5) } })).toThrow(
      /\[cruise-control-throughput-invalid\]: .*the brokerCapacity inboundNetwork must be a positive whole number of kibibytes per second/,
    );
    expect(() => synth({ brokerCapacity: { overrides: [{ brokers: [0, 1], cpu: Cpu.units(1) }, { brokers: [1], cpu: Cpu.units(2) }] } })).toThrow(
      /\[cruise-control-override-broker-twice\]: .*broker 1 is in brokerCapacity overrides 0 and 1/,
    );
    expect(() => synth({ brokerCapacity: { overrides: [{ brokers: [] }] } }))
      .toThrow(/\[cruise-control-override-no-broker\]: .*brokerCapacity override 0 lists no broker/);
    expect(() => synth({ brokerCapacity: { overrides: [{ brokers: [0], cpu: Cpu.units(1) }, { brokers: [1.5], cpu: Cpu.units(2) }] } }))
      .toThrow(coded('cruise-control-override-broker-id-invalid', 'brokerCapacity override 1 lists broker 1.5', 'whole numbers from 0'));
  });
});
