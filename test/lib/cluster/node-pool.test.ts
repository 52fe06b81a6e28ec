import { Size, Testing } from 'cdk8s';
import { Cpu } from 'cdk8s-plus-27';
import {
  JbodPersistentClaimOptions, KafkaCluster, KafkaClusterProps, KafkaVolume, NodePoolOptions, NodePoolStorage, NodeRole, Topic, Warnings,
} from '../../../lib';
import { coded } from '../support/errors';
import { appWithChart, only } from '../support/synth';
import { warned } from '../support/warnings';

const controllers: NodePoolOptions = { name: 'controller', roles: [NodeRole.CONTROLLER], replicas: 3 };
const brokers = (name: string, replicas: number, extra: Partial<NodePoolOptions> = {}): NodePoolOptions =>
  ({ name, roles: [NodeRole.BROKER], replicas, ...extra });

describe('node pools', () => {
  test('several named broker pools: the broker count is their sum and each pool is its own KafkaNodePool', () => {
    // GIVEN two broker pools (e.g. adopting pools 'pool-a' and 'pool-b' of an existing cluster) and controllers
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c', {
      nodePools: [brokers('pool-a', 3), brokers('pool-b', 2, { labels: { tier: 'b' } }), controllers],
      labels: { team: 'payments' },
    });
    const topic = new Topic(chart, 'orders', { cluster });
    // WHEN synthesized
    const objects = Testing.synth(chart) as any[];
    // THEN the counts come from the pools, and the defaults follow them
    expect(cluster.brokerCount).toBe(5);
    expect(cluster.controllerCount).toBe(3);
    expect(topic.replicas).toBe(3);
    expect(cluster.nodePools.map((p) => [p.name, p.replicas, p.isBroker, p.isController])).toEqual([
      ['pool-a', 3, true, false], ['pool-b', 2, true, false], ['controller', 3, false, true],
    ]);
    const poolB = only(objects, 'KafkaNodePool', 'pool-b');
    expect(poolB.metadata.labels).toEqual({ 'team': 'payments', 'tier': 'b', 'strimzi.io/cluster': 'c' });
    expect(poolB.spec).toEqual({
      replicas: 2, roles: ['broker'],
      storage: { type: 'jbod', volumes: [{ id: 0, type: 'persistent-claim', size: '10Gi', deleteClaim: false, kraftMetadata: 'shared' }] },
    });
  });

  test('JBOD with several volumes: ids by position or given, the KRaft metadata on the volume that says so', () => {
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', {
      nodePools: [controllers, brokers('broker', 3, {
        storage: NodePoolStorage.jbod(
          KafkaVolume.persistentClaim({ size: Size.gibibytes(500), storageClass: 'fast', deleteClaim: true }),
          KafkaVolume.persistentClaim({ id: 7, size: Size.mebibytes(1536), kraftMetadata: true, selector: { disk: 'ssd' } }),
          KafkaVolume.ephemeral({ sizeLimit: Size.gibibytes(1) }),
        ),
      })],
    });
    expect(only(Testing.synth(chart), 'KafkaNodePool', 'broker').spec.storage).toEqual({
      type: 'jbod',
      volumes: [
        { id: 0, type: 'persistent-claim', size: '500Gi', class: 'fast', deleteClaim: true },
        { id: 7, type: 'persistent-claim', size: '1536Mi', deleteClaim: false, selector: { disk: 'ssd' }, kraftMetadata: 'shared' },
        { id: 2, type: 'ephemeral', sizeLimit: '1Gi' },
      ],
    });
  });

  test('single-volume storage, for pools created that way', () => {
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', {
      nodePools: [
        { ...controllers, storage: NodePoolStorage.ephemeral() },
        brokers('broker', 3, { storage: NodePoolStorage.persistentClaim({ size: Size.gibibytes(50), volumeAttributesClass: 'gold' }) }),
      ],
    });
    const objects = Testing.synth(chart);
    expect(only(objects, 'KafkaNodePool', 'controller').spec.storage).toEqual({ type: 'ephemeral' });
    expect(only(objects, 'KafkaNodePool', 'broker').spec.storage).toEqual({
      type: 'persistent-claim', size: '50Gi', deleteClaim: false, volumeAttributesClass: 'gold',
    });
  });

  test('resources and JVM options in the CRD form', () => {
    // GIVEN a pool with CPU and memory, heap, -XX flags, GC logging and a system property
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', {
      nodePools: [controllers, brokers('broker', 3, {
        resources: {
          cpu: { request: Cpu.millis(1500), limit: Cpu.units(4) },
          memory: { request: Size.gibibytes(8), limit: Size.gibibytes(8) },
          ephemeralStorage: { limit: Size.gibibytes(1) },
        },
        jvmOptions: {
          initialHeap: Size.mebibytes(4096), maxHeap: Size.gibibytes(4), xx: { UseG1GC: true, InitiatingHeapOccupancyPercent: 35 },
          gcLogging: false, systemProperties: { 'java.security.egd': 'file:/dev/./urandom' },
        },
      })],
    });
    const spec = only(Testing.synth(chart), 'KafkaNodePool', 'broker').spec;
    // THEN they read as Strimzi documents them
    expect(spec.resources).toEqual({
      requests: { 'cpu': '1500m', 'memory': '8Gi' },
      limits: { 'cpu': '4', 'memory': '8Gi', 'ephemeral-storage': '1Gi' },
    });
    expect(spec.jvmOptions).toEqual({
      '-Xms': '4g', '-Xmx': '4g', '-XX': { UseG1GC: 'true', InitiatingHeapOccupancyPercent: '35' }, 'gcLoggingEnabled': false,
      'javaSystemProperties': [{ name: 'java.security.egd', value: 'file:/dev/./urandom' }],
    });
  });

  test('the escape hatch of a pool reaches its KafkaNodePool', () => {
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c', { nodePools: [controllers, brokers('broker', 3)] });
    expect(cluster.nodePools[1].node.defaultChild).toBe(cluster.nodePools[1].resource);
  });
});

describe('node pool rules', () => {
  const make = (props: KafkaClusterProps) => () => new KafkaCluster(appWithChart().chart, 'c', props);
  // The pool under test comes with a valid broker pool, so that the cluster-wide role rule holds.
  const withBroker = (broker: Partial<NodePoolOptions>) => make({ nodePools: [controllers, brokers('other', 3), brokers('broker', 3, broker)] });

  test('pool names are unique', () => {
    expect(make({ nodePools: [controllers, brokers('a', 1), brokers('a', 1)] })).toThrow(
      /\[node-pool-name-duplicate\]: .*two node pools are named 'a'/,
    );
  });

  test('a cluster needs a broker and a controller', () => {
    expect(make({ nodePools: [controllers] })).toThrow(
      /\[node-pool-role-missing\]: .*no node pool has the broker role and at least one replica/,
    );
    expect(make({ nodePools: [brokers('b', 3), { ...controllers, replicas: 0 }] }))
      .toThrow(/\[node-pool-role-missing\]: .*no node pool has the controller role/);
  });

  test('the easy path: brokers at least 1, controllers (when given) at least 1, whole numbers', () => {
    // GIVEN counts that make no pool, or half a node WHEN the cluster makes its pools THEN each count is named
    expect(make({ brokers: 0 })).toThrow(coded('cluster-brokers-invalid', 'brokers is 0', 'at least 1'));
    expect(make({ brokers: 2.5 })).toThrow(coded('cluster-brokers-invalid', 'brokers is 2.5', 'whole number'));
    expect(make({ brokers: 3, controllers: 0 })).toThrow(coded('cluster-controllers-invalid', 'controllers is 0', 'at least 1'));
  });

  test('nodePools cannot be combined with the easy path', () => {
    expect(make({ nodePools: [controllers, brokers('b', 3)], brokers: 3, storage: {} })).toThrow(
      /\[node-pools-with-easy-path\]: .*it sets nodePools and brokers, storage/,
    );
  });

  test('roles are set once each', () => {
    expect(withBroker({ roles: [] })).toThrow(
      /\[node-pool-roles-empty\]: .*it has no role/,
    );
    expect(withBroker({ roles: [NodeRole.BROKER, NodeRole.BROKER] }))
      .toThrow(/\[node-pool-role-twice\]: .*its roles list a role twice \(broker, broker\)/);
  });

  test('replicas are whole and not negative', () => {
    expect(withBroker({ replicas: -1 })).toThrow(/\[node-pool-replicas-invalid\]: .*replicas is -1/);
  });

  test('pool names make valid pod names', () => {
    expect(make({ nodePools: [controllers, brokers('Pool_A', 3)] })).toThrow(
      /\[node-pool-name-invalid\]: .*'Pool_A' is not a valid pool name: the pool and its pods \('c-Pool_A-<id>'\) need resource names/,
    );
  });

  test('JBOD: at least one volume, unique ids, one KRaft metadata volume', () => {
    expect(withBroker({ storage: NodePoolStorage.jbod() })).toThrow(
      /\[jbod-no-volume\]: .*JBOD storage has no volume/,
    );
    const v = (id?: number, kraftMetadata?: boolean) => KafkaVolume.persistentClaim({ id, kraftMetadata, size: Size.gibibytes(1) });
    expect(withBroker({ storage: NodePoolStorage.jbod(v(), v(0)) })).toThrow(
      /\[jbod-volume-id-duplicate\]: .*two JBOD volumes have id 0/,
    );
    expect(withBroker({ storage: NodePoolStorage.jbod(v(-1)) }))
      .toThrow(/\[jbod-volume-id-invalid\]: .*JBOD volume id -1 is invalid; ids are whole numbers from 0/);
    expect(withBroker({ storage: NodePoolStorage.jbod(v(0, true), v(1, true)) })).toThrow(
      /\[jbod-kraft-metadata-twice\]: .*2 JBOD volumes are marked kraftMetadata/,
    );
  });

  test('a persistent-claim volume needs a size (left out by a JavaScript caller or a cast)', () => {
    const sizeless = KafkaVolume.persistentClaim({} as unknown as JbodPersistentClaimOptions);
    expect(withBroker({ storage: NodePoolStorage.jbod(sizeless) })).toThrow(
      coded('volume-size-missing', 'the JBOD volume 0 has no size', 'Size.gibibytes('));
  });

  test('sizes are whole mebibytes', () => {
    expect(withBroker({ storage: NodePoolStorage.jbod(KafkaVolume.ephemeral({ sizeLimit: Size.kibibytes(10) })) })).toThrow(
      /\[size-not-whole-mebibytes\]: .*the JBOD volume 0 sizeLimit must be a positive whole number of mebibytes/,
    );
  });

  test('CPU and memory: above zero, requests not above limits', () => {
    expect(withBroker({ resources: { cpu: { request: Cpu.units(2), limit: Cpu.millis(1500) } } })).toThrow(
      /\[cpu-request-above-limit\]: .*its CPU request \(2\) is above its CPU limit \(1500m\)/,
    );
    expect(withBroker({ resources: { cpu: { request: Cpu.millis(0) } } }))
      .toThrow(/\[cpu-not-positive\]: .*its CPU request is 0m; CPU amounts must be above zero/);
    expect(withBroker({ resources: { memory: { request: Size.gibibytes(4), limit: Size.gibibytes(2) } } })).toThrow(
      /\[resource-request-above-limit\]: .*its memory request is above its memory limit/,
    );
  });

  test('heap: -Xms at most -Xmx, and below the memory limit', () => {
    expect(withBroker({ jvmOptions: { initialHeap: Size.gibibytes(4), maxHeap: Size.gibibytes(2) } })).toThrow(
      /\[jvm-initial-heap-above-max\]: .*its initial heap \(-Xms 4096Mi\) is larger than its maximum heap \(-Xmx 2048Mi\), which the JVM/,
    );
    expect(withBroker({ resources: { memory: { limit: Size.gibibytes(2) } }, jvmOptions: { maxHeap: Size.gibibytes(2) } })).toThrow(
      /\[jvm-heap-above-memory-limit\]: .*its heap \(2048Mi\) is not below its memory limit \(2048Mi\): the JVM needs memory beyond/,
    );
  });

  test('-XX keys are bare flag names, system property names have no whitespace or =', () => {
    expect(withBroker({ jvmOptions: { xx: { '+UseG1GC': true } } })).toThrow(
      /\[jvm-xx-option-invalid\]: .*the -XX option '\+UseG1GC' is not a JVM flag name/,
    );
    expect(withBroker({ jvmOptions: { systemProperties: { 'a b': 'x' } } }))
      .toThrow(/\[jvm-system-property-invalid\]: .*the system property name 'a b' is empty or holds whitespace or '='/);
  });
});

describe("node pool warnings (Strimzi's KafkaSpecChecker)", () => {
  test('a single broker, or a single controller, on ephemeral storage', () => {
    // GIVEN a one-broker, one-controller cluster on ephemeral storage
    const { app, chart } = appWithChart();
    new KafkaCluster(chart, 'c', {
      nodePools: [
        { ...controllers, replicas: 1, storage: NodePoolStorage.ephemeral() },
        brokers('broker', 1, { storage: NodePoolStorage.jbod(KafkaVolume.ephemeral()) }),
      ],
    });
    // THEN both are warned about
    expect(Warnings.of(app).all).toEqual([
      warned('ephemeral-single-broker', "KafkaCluster 'c' node pool 'broker' (test/c)", 'only broker', 'ephemeral storage'),
      warned('ephemeral-single-controller', undefined, 'only controller', 'ephemeral storage', 'metadata'),
    ]);
  });
});
