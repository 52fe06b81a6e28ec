import { Chart, Testing } from 'cdk8s';
import { ClusterProfile, KafkaCluster } from '../../../lib';
import { KubeObject } from '../../lib/support/schemas';

/**
 * The Kafka and KafkaNodePool objects the 3-broker cluster tests run, synthesized by the library's production
 * profile (replication 3 / min ISR 2, rack awareness on zones, Strimzi's metrics reporter), overridden field by
 * field to one dedicated controller so that the local quorum survives losing brokers on a 2-core machine.
 */
export function threeBrokerClusterObjects(): KubeObject[] {
  const app = Testing.app();
  const chart = new Chart(app, 'three-brokers');
  new KafkaCluster(chart, 'prod', { profile: ClusterProfile.PRODUCTION, brokers: 3, controllers: 1 });
  return Testing.synth(chart) as KubeObject[];
}
