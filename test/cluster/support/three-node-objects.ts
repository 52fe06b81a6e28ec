import { ApiObject, Chart, JsonPatch, Testing } from 'cdk8s';
import { KafkaCluster } from '../../../lib';
import { KubeObject } from '../../lib/support/schemas';

/**
 * The Kafka and KafkaNodePool objects the 3-broker cluster tests run: synthesized by the library
 * (1 dedicated controller + 3 brokers, whose replication defaults are 3 replicas and min ISR 2), plus rack
 * awareness and Strimzi's metrics reporter, which the library does not type yet and are added with its
 * escape hatch. Switch this one function to the library's production profile once it exists.
 */
export function threeBrokerClusterObjects(): KubeObject[] {
  const app = Testing.app();
  const chart = new Chart(app, 'three-brokers');
  const cluster = new KafkaCluster(chart, 'prod', { brokers: 3, controllers: 1 });
  ApiObject.of(cluster).addJsonPatch(
    JsonPatch.add('/spec/kafka/rack', { type: 'topology-label', topologyKey: 'topology.kubernetes.io/zone' }),
    JsonPatch.add('/spec/kafka/metricsConfig', { type: 'strimziMetricsReporter' }),
  );
  return Testing.synth(chart) as KubeObject[];
}
