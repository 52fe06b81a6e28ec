import { ApiObject, JsonPatch, Testing } from 'cdk8s';
import { KafkaCluster, KafkaMetrics, NodeRole, Topic } from '../../../lib';
import { coded } from '../support/errors';
import { appWithChart, only } from '../support/synth';

/** A single-node cluster with its chart, to patch. */
function cluster() {
  const { app, chart } = appWithChart();
  return { app, chart, cluster: new KafkaCluster(chart, 'c') };
}

describe('escape hatches: a patch written as Strimzi documents it appears in the YAML exactly', () => {
  test('JVM options with dashed keys (the generated classes call them xmx/xms)', () => {
    // GIVEN the node pool patched with Strimzi's documented jvmOptions form
    const { chart, cluster: c } = cluster();
    ApiObject.of(c.nodePools[0]).addJsonPatch(JsonPatch.add('/spec/jvmOptions', { '-Xmx': '2g', '-Xms': '2g', '-XX': { UseG1GC: 'true' } }));
    // WHEN synthesized THEN the keys and values are exactly as written
    expect(only(Testing.synth(chart), 'KafkaNodePool').spec.jvmOptions).toEqual({ '-Xmx': '2g', '-Xms': '2g', '-XX': { UseG1GC: 'true' } });
  });

  test.each([
    ['strings', { cpu: '1', memory: '2Gi' }],
    ['numbers', { cpu: 1, memory: 2147483648 }],
  ])('resource quantities as %s', (_form, requests) => {
    // GIVEN resources patched in either quantity form Kubernetes accepts
    const { chart, cluster: c } = cluster();
    ApiObject.of(c.nodePools[0]).addJsonPatch(JsonPatch.add('/spec/resources', { requests, limits: requests }));
    // THEN they come out unchanged
    expect(only(Testing.synth(chart), 'KafkaNodePool').spec.resources).toEqual({ requests, limits: requests });
  });

  test("a field whose name the generated classes change (loadBalancerIP) keeps Strimzi's name", () => {
    // GIVEN a load balancer listener's bootstrap configuration added by patch
    const { chart, cluster: c } = cluster();
    ApiObject.of(c).addJsonPatch(JsonPatch.add('/spec/kafka/listeners/-', {
      name: 'external', port: 9094, type: 'loadbalancer', tls: true,
      configuration: { bootstrap: { loadBalancerIP: '10.0.0.10' } },
    }));
    // THEN the field is spelt as in the CRD
    const kafka = only(Testing.synth(chart), 'Kafka');
    expect(kafka.spec.kafka.listeners[2].configuration).toEqual({ bootstrap: { loadBalancerIP: '10.0.0.10' } });
  });

  test('a topic config patch lands in spec.config', () => {
    // GIVEN a topic whose config is added by patch, with Kafka's "infinite" retention
    const { chart, cluster: c } = cluster();
    const topic = new Topic(chart, 'orders', { cluster: c });
    ApiObject.of(topic).addJsonPatch(JsonPatch.add('/spec/config', { 'retention.ms': -1 }));
    // THEN it is kept as written
    expect(only(Testing.synth(chart), 'KafkaTopic').spec.config).toEqual({ 'retention.ms': -1 });
  });
});

describe('escape hatches: a patch that the CRD does not allow fails the synth, saying why', () => {
  test('an unknown field is named with its path and the object', () => {
    // GIVEN jvmOptions misspelt as jvmOption
    const { chart, cluster: c } = cluster();
    ApiObject.of(c.nodePools[0]).addJsonPatch(JsonPatch.add('/spec/jvmOption', { '-Xmx': '2g' }));
    // WHEN synthesized THEN synth fails naming the cluster, the resource, the field and the fix
    expect(() => Testing.synth(chart)).toThrow(
      /\[crd-schema-mismatch\]: .*its KafkaNodePool 'dual-role' does not match the Strimzi 1\.2\.0 CRD: \/spec has the field/,
    );
  });

  test('a value outside an enumeration is named with the allowed values', () => {
    const { chart, cluster: c } = cluster();
    ApiObject.of(c).addJsonPatch(JsonPatch.replace('/spec/kafka/listeners/0/type', 'clusterip'));
    expect(() => Testing.synth(chart)).toThrow(
      /\[crd-schema-mismatch\]: .*not match the Strimzi 1\.2\.0 CRD: \/spec\/kafka\/listeners\/0\/type must be one of "internal", .*"cluster-ip"/,
    );
  });

  test('a wrong type is named', () => {
    const { chart, cluster: c } = cluster();
    ApiObject.of(c.nodePools[0]).addJsonPatch(JsonPatch.replace('/spec/replicas', '3'));
    expect(() => Testing.synth(chart)).toThrow(/\[crd-schema-mismatch\]: .*\/spec\/replicas must be integer/);
  });

  test('a patch that cannot be applied (a path that does not exist) is named with the object', () => {
    // GIVEN a topic patched below a field it does not have
    const { chart, cluster: c } = cluster();
    ApiObject.of(new Topic(chart, 'orders', { cluster: c })).addJsonPatch(JsonPatch.replace('/spec/nothing/here', 1));
    // WHEN synthesized THEN cdk8s' own error is passed on, naming the KafkaTopic it was rendering
    expect(() => Testing.synth(chart)).toThrow(coded('cdk8s-refused', 'rendering was refused by cdk8s', "(reading 'here')"));
    expect(() => Testing.synth(chart)).toThrow(/^KafkaTopic 'orders' \(test\/orders\/Resource\) /);
  });
});

describe('escape hatches on the production objects (second broker pool, metrics ConfigMap, Kafka features)', () => {
  /** A cluster with two broker pools, JMX metrics and Cruise Control. */
  function productionLike() {
    const { chart } = appWithChart();
    const c = new KafkaCluster(chart, 'c', {
      nodePools: [
        { name: 'controller', roles: [NodeRole.CONTROLLER], replicas: 3 },
        { name: 'pool-a', roles: [NodeRole.BROKER], replicas: 3 },
        { name: 'pool-b', roles: [NodeRole.BROKER], replicas: 3 },
      ],
      metrics: KafkaMetrics.jmxPrometheusExporter(),
      cruiseControl: {},
    });
    return { chart, cluster: c };
  }

  test("a patch on the second broker pool keeps Strimzi's dashed keys and quantities as written", () => {
    // GIVEN pool-b patched with JVM options and resources in Strimzi's documented form
    const { chart, cluster: c } = productionLike();
    const poolB = c.nodePools.find((p) => p.name === 'pool-b')!;
    ApiObject.of(poolB).addJsonPatch(
      JsonPatch.add('/spec/jvmOptions', { '-Xmx': '2g', '-XX': { MaxGCPauseMillis: '20' } }),
      JsonPatch.add('/spec/resources', { requests: { cpu: '1', memory: 4294967296 } }),
    );
    // WHEN synthesized THEN pool-b has them exactly, and pool-a is untouched
    const objects = Testing.synth(chart);
    expect(only(objects, 'KafkaNodePool', 'pool-b').spec).toMatchObject({
      jvmOptions: { '-Xmx': '2g', '-XX': { MaxGCPauseMillis: '20' } },
      resources: { requests: { cpu: '1', memory: 4294967296 } },
    });
    expect(only(objects, 'KafkaNodePool', 'pool-a').spec.jvmOptions).toBeUndefined();
  });

  test('a patch on the generated metrics ConfigMap replaces its rules exactly', () => {
    const { chart, cluster: c } = productionLike();
    const own = 'lowercaseOutputName: true\nrules:\n  - pattern: "kafka.server<type=(.+), name=(.+)><>Value"\n';
    ApiObject.of(c.metricsConfigMaps[0]).addJsonPatch(JsonPatch.replace('/data/metrics-config.yml', own));
    expect(only(Testing.synth(chart), 'ConfigMap', 'c-kafka-metrics').data).toEqual({ 'metrics-config.yml': own });
  });

  test('a patch on a Kafka feature the constructs type (Cruise Control capacity) lands in the final JSON', () => {
    const { chart, cluster: c } = productionLike();
    ApiObject.of(c).addJsonPatch(JsonPatch.add('/spec/cruiseControl/brokerCapacity', { inboundNetwork: '10000KiB/s' }));
    expect(only(Testing.synth(chart), 'Kafka').spec.cruiseControl.brokerCapacity).toEqual({ inboundNetwork: '10000KiB/s' });
  });

  test('a patch the CRD does not allow on the second pool fails the synth, naming it', () => {
    const { chart, cluster: c } = productionLike();
    const poolB = c.nodePools.find((p) => p.name === 'pool-b')!;
    ApiObject.of(poolB).addJsonPatch(JsonPatch.add('/spec/template', { pod: { nodeSelector: { disk: 'ssd' } } }));
    expect(() => Testing.synth(chart)).toThrow(
      /\[crd-schema-mismatch\]: .*its KafkaNodePool 'pool-b' does not match the Strimzi 1\.2\.0 CRD: \/spec\/template\/pod has/,
    );
  });
});
