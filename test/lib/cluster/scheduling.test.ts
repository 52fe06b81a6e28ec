import { ApiObject, Testing } from 'cdk8s';
import {
  KafkaCluster, KafkaClusterProps, NodePoolOptions, NodeRole, PodAntiAffinity, TaintEffect, TolerationOperator, Warnings,
  WhenUnsatisfiable,
} from '../../../lib';
import { coded } from '../support/errors';
import { appWithChart, only } from '../support/synth';
import { warned } from '../support/warnings';

const controllers: NodePoolOptions = { name: 'controller', roles: [NodeRole.CONTROLLER], replicas: 3 };
const broker = (extra: Partial<NodePoolOptions> = {}): NodePoolOptions => ({ name: 'broker', roles: [NodeRole.BROKER], replicas: 3, ...extra });
const BROKERS = { 'strimzi.io/cluster': 'c', 'strimzi.io/broker-role': 'true' };
const CONTROLLERS = { 'strimzi.io/cluster': 'c', 'strimzi.io/controller-role': 'true' };
const zoneSpread = (matchLabels: object) => ({
  maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels },
});

function synth(props: KafkaClusterProps) {
  const { app, chart } = appWithChart();
  new KafkaCluster(chart, 'c', props);
  return { objects: Testing.synth(chart) as any[], warnings: Warnings.of(app).all };
}

describe('rack awareness', () => {
  test('sets spec.kafka.rack and spreads each role across the racks (Strimzi 0.49+ does not)', () => {
    // GIVEN rack awareness on zones with dedicated controllers
    const { objects, warnings } = synth({ brokers: 3, controllers: 3, rack: {} });
    // THEN the Kafka has a topology-label rack, and each pool spreads its role across zones
    expect(only(objects, 'Kafka').spec.kafka.rack).toEqual({ type: 'topology-label', topologyKey: 'topology.kubernetes.io/zone' });
    expect(only(objects, 'KafkaNodePool', 'brokers').spec.template.pod.topologySpreadConstraints).toEqual([zoneSpread(BROKERS)]);
    expect(only(objects, 'KafkaNodePool', 'controllers').spec.template.pod.topologySpreadConstraints).toEqual([zoneSpread(CONTROLLERS)]);
    expect(warnings).toEqual([]);
  });

  test('a dual-role pool spreads as brokers; a custom key and closest-replica fetching', () => {
    const { objects } = synth({ brokers: 3, rack: { topologyKey: 'example.com/rack', closestReplicaFetching: true } });
    const kafka = only(objects, 'Kafka');
    expect(kafka.spec.kafka.rack.topologyKey).toBe('example.com/rack');
    expect(kafka.spec.kafka.config['replica.selector.class']).toBe('org.apache.kafka.common.replica.RackAwareReplicaSelector');
    expect(only(objects, 'KafkaNodePool').spec.template.pod.topologySpreadConstraints[0]).toMatchObject({
      topologyKey: 'example.com/rack', labelSelector: { matchLabels: BROKERS },
    });
  });

  test("a pool's own spread across the rack key replaces the default one", () => {
    const spread = { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 2, whenUnsatisfiable: WhenUnsatisfiable.SCHEDULE_ANYWAY };
    const { objects } = synth({ rack: {}, nodePools: [controllers, broker({ scheduling: { spreadAcross: [spread] } })] });
    expect(only(objects, 'KafkaNodePool', 'broker').spec.template.pod.topologySpreadConstraints).toEqual([
      { maxSkew: 2, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: BROKERS } },
    ]);
  });

  test('rack awareness without spread is warned about', () => {
    const { objects, warnings } = synth({ brokers: 3, rack: { spreadPods: false } });
    expect(only(objects, 'KafkaNodePool').spec.template).toBeUndefined();
    expect(warnings).toEqual([warned('rack-without-spread', "KafkaCluster 'c' (test/c)", "pods of 'dual-role'", "'topology.kubernetes.io/zone'")]);
  });

  test('rules: a topology key, and no replica selector set twice', () => {
    expect(() => synth({ rack: { topologyKey: ' ' } })).toThrow(
      /\[rack-topology-key-empty\]: .*rack awareness has an empty topologyKey/,
    );
    expect(() => synth({ rack: { closestReplicaFetching: true }, config: { additional: { 'replica.selector.class': 'x' } } })).toThrow(
      /\[broker-config-set-by-rack\]: .*broker config 'replica\.selector\.class' is set in 'additional' and by rack/,
    );
  });
});

describe('pod scheduling per pool', () => {
  test('anti-affinity, tolerations, node selector and priority class', () => {
    // GIVEN brokers kept one per node on dedicated, tainted nodes, and controllers preferably apart
    const { objects } = synth({
      nodePools: [
        { ...controllers, scheduling: { podAntiAffinity: PodAntiAffinity.preferred() } },
        broker({
          scheduling: {
            podAntiAffinity: PodAntiAffinity.required(),
            tolerations: [
              { key: 'dedicated', value: 'kafka', effect: TaintEffect.NO_SCHEDULE },
              { key: 'node.kubernetes.io/unreachable', operator: TolerationOperator.EXISTS, effect: TaintEffect.NO_EXECUTE, tolerationSeconds: 300 },
            ],
            nodeSelector: { 'kafka': 'true', 'disk': 'ssd' },
            priorityClassName: 'kafka-critical',
          },
        }),
      ],
    });
    // THEN the broker pod template says so in Kubernetes' terms
    expect(only(objects, 'KafkaNodePool', 'broker').spec.template.pod).toEqual({
      affinity: {
        podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname',
          labelSelector: { matchLabels: BROKERS } }] },
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'kafka', operator: 'In', values: ['true'] },
              { key: 'disk', operator: 'In', values: ['ssd'] }] }],
          },
        },
      },
      tolerations: [
        { key: 'dedicated', value: 'kafka', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      priorityClassName: 'kafka-critical',
    });
    // AND the controllers' anti-affinity is a preference
    expect(only(objects, 'KafkaNodePool', 'controller').spec.template.pod.affinity.podAntiAffinity).toEqual({
      preferredDuringSchedulingIgnoredDuringExecution: [{
        weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: CONTROLLERS } },
      }],
    });
  });

  const withScheduling = (scheduling: NodePoolOptions['scheduling']) => () => synth({ nodePools: [controllers, broker({ scheduling })] });

  test('spreads: maxSkew of at least 1, one per key and whenUnsatisfiable, a topology key', () => {
    expect(withScheduling({ spreadAcross: [{ topologyKey: 'zone', maxSkew: 0 }] })).toThrow(
      /\[spread-max-skew-invalid\]: .*the spread across 'zone' has maxSkew 0/,
    );
    expect(withScheduling({ spreadAcross: [{ topologyKey: 'zone' }, { topologyKey: 'zone', maxSkew: 2 }] })).toThrow(
      /\[spread-duplicate\]: .*it spreads across 'zone' twice with the same whenUnsatisfiable/,
    );
    expect(withScheduling({ podAntiAffinity: PodAntiAffinity.required('') }))
      .toThrow(/\[topology-key-empty\]: .*the pod anti-affinity has an empty topologyKey/);
  });

  test('tolerations as the API server validates them', () => {
    expect(withScheduling({ tolerations: [{ value: 'x' }] })).toThrow(
      /\[toleration-key-missing\]: .*a toleration without key must use operator Exists \(it then tolerates every taint\)/,
    );
    expect(withScheduling({ tolerations: [{ key: 'k', operator: TolerationOperator.EXISTS, value: 'v' }] })).toThrow(
      /\[toleration-exists-with-value\]: .*the toleration of 'k' has operator Exists and value 'v'/,
    );
    expect(withScheduling({ tolerations: [{ key: 'k', tolerationSeconds: 60, effect: TaintEffect.NO_SCHEDULE }] })).toThrow(
      /\[toleration-seconds-without-no-execute\]: .*the toleration of 'k' sets tolerationSeconds, which only applies to the NoExecute effect/,
    );
  });
});

describe("the Kafka pods' PodDisruptionBudget", () => {
  test("is set through Strimzi's template, and no PodDisruptionBudget object is made", () => {
    const { objects, warnings } = synth({ brokers: 3, controllers: 3, podDisruptionBudget: { maxUnavailable: 1 } });
    expect(only(objects, 'Kafka').spec.kafka.template).toEqual({ podDisruptionBudget: { maxUnavailable: 1 } });
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test('maxUnavailable is a whole number of at least 0', () => {
    expect(() => synth({ podDisruptionBudget: { maxUnavailable: -1 } })).toThrow(
      /\[pdb-max-unavailable-invalid\]: .*podDisruptionBudget maxUnavailable is -1/,
    );
  });

  test.each([
    [0, 'pdb-blocks-drains', ['no Kafka pod can be evicted']],
    [2, 'pdb-breaks-quorum', ['3 controllers', 'only 1 lost']],
  ])('maxUnavailable %d is warned about (%s)', (maxUnavailable, code, phrases) => {
    const { warnings } = synth({ brokers: 5, controllers: 3, podDisruptionBudget: { maxUnavailable } });
    expect(warnings).toContainEqual(warned(code, "KafkaCluster 'c' (test/c)", ...phrases));
  });

  test('a budget that lets a drain take partitions below min ISR is warned about', () => {
    const { warnings } = synth({ brokers: 3, controllers: 5, podDisruptionBudget: { maxUnavailable: 2 } });
    expect(warnings).toEqual([warned('pdb-below-min-isr', "KafkaCluster 'c' (test/c)", 'maxUnavailable is 2', 'replication factor 3',
      'min.insync.replicas 2', 'more than 1 broker')]);
  });

  test('a PodDisruptionBudget of your own over the Kafka pods is an error naming both', () => {
    // GIVEN a hand-made budget selecting the cluster's Kafka pods in the same namespace
    const { chart } = appWithChart('kafka');
    new KafkaCluster(chart, 'c', { brokers: 3 });
    new ApiObject(chart, 'my-pdb', {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'kafka-pdb' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { 'strimzi.io/cluster': 'c', 'strimzi.io/name': 'c-kafka' } } },
    });
    // AND one over the entity operator, which is fine
    new ApiObject(chart, 'eo-pdb', {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'eo-pdb' },
      spec: { maxUnavailable: 1, selector: { matchLabels: { 'strimzi.io/cluster': 'c', 'strimzi.io/name': 'c-entity-operator' } } },
    });
    // WHEN synthesized
    const failure = (() => {
      try {
        Testing.synth(chart);
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    // THEN only the first is refused
    expect(failure).toMatch(coded('pdb-overlaps-kafka-pods', "the PodDisruptionBudget 'kafka-pdb' (test/my-pdb) selects its Kafka pods"));
    expect(failure).not.toContain('eo-pdb');
  });
});
