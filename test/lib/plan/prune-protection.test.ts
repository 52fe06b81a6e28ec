import { Testing } from 'cdk8s';
import { KafkaCluster, SynthPlan, Topic } from '../../../lib';
import { appWithChart } from '../support/synth';

describe('prune protection for GitOps tools', () => {
  test('off by default: the seed-style cluster and topic carry no GitOps annotations', () => {
    const { chart } = appWithChart();
    new Topic(chart, 't', { cluster: new KafkaCluster(chart, 'c') });
    expect(Testing.synth(chart).filter((o) => o.metadata.annotations)).toEqual([]);
  });

  test("on for a cluster: its Kafka, node pools and topics carry Argo CD's, Flux's and Helm's keep annotations", () => {
    // GIVEN a cluster with preventPrune and two topics, one opting out and unmanaged
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c', { preventPrune: true, controllers: 3 });
    new Topic(chart, 'kept', { cluster });
    new Topic(chart, 'free', { cluster, preventPrune: false, managed: false });
    const annotations = Object.fromEntries(Testing.synth(chart).map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.annotations]));
    // THEN the stateful objects keep, and the opted-out topic carries only Strimzi's annotation
    expect(SynthPlan.PRUNE_PROTECTION_ANNOTATIONS['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(annotations).toEqual({
      'Kafka/c': SynthPlan.PRUNE_PROTECTION_ANNOTATIONS,
      'KafkaNodePool/brokers': SynthPlan.PRUNE_PROTECTION_ANNOTATIONS,
      'KafkaNodePool/controllers': SynthPlan.PRUNE_PROTECTION_ANNOTATIONS,
      'KafkaTopic/kept': SynthPlan.PRUNE_PROTECTION_ANNOTATIONS,
      'KafkaTopic/free': { 'strimzi.io/managed': 'false' },
    });
  });
});
