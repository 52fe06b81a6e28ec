import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KafkaCluster, KafkaListenerType, MicroservicePair, MicroservicePairProps, Topic } from '../../../lib';
import { coded } from '../support/errors';

/** A cluster 'events' and topic 'readings' (2 partitions) in chart 'infra', and a pair 'pair' made with `props`. */
function pairApp(props: Partial<MicroservicePairProps> = {}, namespace?: string, pairNamespace = namespace) {
  const app = Testing.app();
  const infra = new Chart(app, 'infra', { namespace });
  const cluster = new KafkaCluster(infra, 'events', {
    listeners: [{ name: 'plain', port: 9092 }, { name: 'ext', port: 9094, type: KafkaListenerType.ROUTE, tls: true }],
  });
  const topic = new Topic(infra, 'readings', { cluster, partitions: 2 });
  const pair = new MicroservicePair(new Chart(app, 'pair', { namespace: pairNamespace }), 'Default', { cluster, topic, ...props });
  return { app, cluster, topic, pair };
}
const make = (props: Partial<MicroservicePairProps>) => () => pairApp(props);

describe('service rules: names, replicas, image, env', () => {
  test('a service name must be a DNS-1035 label (it names the Service)', () => {
    expect(make({ producer: { name: 'Data_Producer' } })).toThrow(
      /\[service-name-invalid\]: .*the name 'Data_Producer' is not a valid DNS-1035 label: it must be at most 63 characters/,
    );
    expect(make({ consumer: { name: '9lives' } })).toThrow(/\[service-name-invalid\]: .*the name '9lives' is not a valid DNS-1035 label/);
    expect(make({ consumer: { name: '' } })).toThrow(/\[service-name-invalid\]: .*the name '' is not a valid DNS-1035 label/);
  });

  test("a name too long for the Service's port name", () => {
    const name = 'p'.repeat(60);
    expect(make({ producer: { name } })).toThrow(
      /\[service-name-too-long\]: .*the name has 60 characters/,
    );
  });

  test('producer and consumer need different names', () => {
    expect(make({ producer: { name: 'svc' }, consumer: { name: 'svc' } })).toThrow(
      /\[pair-names-equal\]: .*producer and consumer are both named 'svc'/,
    );
  });

  test.each([-1, 1.5, NaN])('replicas = %p is refused', (replicas) => {
    expect(make({ consumer: { replicas } })).toThrow(/\[service-replicas-invalid\]: .*replicas is invalid/);
  });

  test('the replicas message', () => {
    expect(make({ producer: { replicas: -1 } }))
    .toThrow(/\[service-replicas-invalid\]: .*replicas is invalid: -1 is outside 0 to 2\^31-1 \(Deployment spec\.replicas \(int32, 0 or more\)\)/);
  });

  test.each([
    ['', 'the image is empty; a container needs an image to run'],
    [' nginx:1.27', "the image ' nginx:1.27' has leading or trailing whitespace"],
    ['Registry/App:1',
      "the image 'Registry/App:1' is not a valid image reference (invalid reference format: repository name must be lowercase); the kubelet would " +
        "fail with InvalidImageName"],
    ['app:', "the image 'app:' is not a valid image reference (invalid reference format); the kubelet would fail with InvalidImageName"],
    ['a//b:1', "the image 'a//b:1' is not a valid image reference (invalid reference format); the kubelet would fail with InvalidImageName"],
  ])('image %p is refused', (image, problem) => {
    expect(make({ producer: { image } })).toThrow(coded('service-image-invalid', problem));
  });

  test('derived environment cannot be overridden', () => {
    expect(make({ consumer: { env: { KAFKA_TOPIC: 'other' } } })).toThrow(
      /\[service-env-derived\]: .*env 'KAFKA_TOPIC' is derived from the cluster and topic/,
    );
  });

  test.each(['MY VAR', '1ST', 'a=b', ''])('env name %p is refused', (name) => {
    expect(make({ producer: { env: { [name]: 'x' } } })).toThrow(coded('service-env-name-invalid',
      `env '${name}' is not a valid environment variable name`));
  });

  test('env must be a map; the image a string', () => {
    expect(make({ producer: { env: 'x' as unknown as Record<string, string> } }))
    .toThrow(/\[prop-not-a-map\]: .*env is "x", not a map of names to values/);
    expect(make({ producer: { image: 5 as unknown as string } })).toThrow(/\[service-image-invalid\]: .*the image is 5, not a string/);
  });

  test('env values are strings', () => {
    expect(make({ producer: { env: { LOG_LEVEL: 3 as unknown as string } } }))
    .toThrow(/\[service-env-value-not-a-string\]: .*env 'LOG_LEVEL' is 3, not a string/);
  });

  test('image stream tags look like <imagestream>:<tag>', () => {
    expect(make({ producer: { imageStreamTag: 'no-tag' } }))
    .toThrow(/\[service-image-stream-tag-invalid\]: .*imageStreamTag "no-tag" must look like '<imagestream>:<tag>'/);
    expect(make({ producer: { imageStreamTag: 'Data:1' } }))
      .toThrow(/\[service-image-stream-tag-invalid\]: .*imageStreamTag "Data:1" must look like '<imagestream>:<tag>'/);
  });

  test("cdk8s-plus's own refusals are named and wrapped", () => {
    // GIVEN a memory request cdk8s-plus cannot write as a whole number of mebibytes (it renders it at synth)
    const { app } = pairApp({ producer: { resources: { memory: { request: Size.kibibytes(1500), limit: Size.mebibytes(500) } } } });
    // WHEN synthesized THEN the error names the Deployment, cdk8s' message and the fix
    expect(() => app.synth()).toThrow(
      /\[cdk8s-not-whole-number\]: .*rendering was refused by cdk8s: '1500 kibibytes' cannot be converted into a whole number/,
    );
  });

  test('an image pull policy cast past the enum is refused at synth', () => {
    const { app } = pairApp({ producer: { imagePullPolicy: 'Sometimes' as kplus.ImagePullPolicy } });
    expect(() => app.synth()).toThrow(
      /\[k8s-container-enum-invalid\]: .*spec\.template\.spec\.containers\[0\]\.imagePullPolicy: "Sometimes" is not one of Always/,
    );
  });

  test('requests above limits are refused at synth, naming the field', () => {
    // GIVEN a CPU request above its limit
    const { app } = pairApp({ producer: { resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.millis(500) } } } });
    // WHEN synthesized THEN the Deployment, the field, the rule and the fix are named
    expect(() => app.synth()).toThrow(
      /\[k8s-request-above-limit\]: .*spec\.template\.spec\.containers\[0\]\.resources\.requests\.cpu: the cpu request \(2\) is above/,
    );
  });
});

describe('service rules: Kafka wiring', () => {
  test('group ids are 1 to 249 of [a-zA-Z0-9._-]', () => {
    expect(make({ consumer: { groupId: 'my group' } })).toThrow(/\[group-id-invalid\]: .*groupId "my group" must be 1 to 249 of \[a-zA-Z0-9\._-\]/);
    expect(make({ consumer: { groupId: '' } })).toThrow(/\[group-id-invalid\]: .*groupId "" must be 1 to 249 of \[a-zA-Z0-9\._-\]/);
  });

  test('the producer interval is a Duration of at least 1 ms', () => {
    expect(make({ producer: { interval: Duration.millis(0) } }))
    .toThrow(/\[producer-interval-too-short\]: .*interval is 0 ms, below the 1 ms the producer can wait/);
    expect(make({ producer: { interval: 2000 as unknown as Duration } }))
      .toThrow(/\[producer-interval-not-a-duration\]: .*interval is 2000, not a Duration/);
    expect(make({ producer: { interval: Duration.millis(1.5) } }))
      .toThrow(/\[cdk8s-not-whole-number\]: .*interval was refused by cdk8s: 1\.5 must be a whole number of millis/);
  });

  test('an unknown or external listener', () => {
    expect(make({ listener: 'sasl' })).toThrow(/\[listener-unknown\]: .*it has no listener 'sasl'/);
    expect(make({ listener: 'ext' })).toThrow(/\[listener-not-in-cluster\]: .*it is of type 'route', which advertises external addresses/);
  });

  test('cluster and topic must be the library constructs', () => {
    const { cluster, topic } = pairApp();
    const app = Testing.app();
    expect(() => new MicroservicePair(new Chart(app, 'p'), 'Default', { cluster: {} as KafkaCluster, topic }))
      .toThrow(/\[pair-cluster-invalid\]: .*its cluster is not an IKafkaCluster/);
    expect(() => new MicroservicePair(new Chart(app, 'q'), 'Default', { cluster, topic: { topicName: 'x' } as Topic }))
      .toThrow(/\[pair-topic-invalid\]: .*its topic is not an ITopic/);
  });

  test('a duplicate pair id is named', () => {
    const { cluster, topic, pair } = pairApp();
    expect(() => new MicroservicePair(Chart.of(pair), 'Default', { cluster, topic })).toThrow(
      /\[construct-id-duplicate\]: .*'pair' already holds a construct with the id 'Default' \(a MicroservicePair\)/,
    );
  });
});

describe('service rules across objects (checked at synth)', () => {
  test('a pair bound to a cluster in another namespace', () => {
    const app = new App();
    const infra = new Chart(app, 'infra', { namespace: 'kafka' });
    const cluster = new KafkaCluster(infra, 'events');
    const topic = new Topic(infra, 'readings', { cluster });
    new MicroservicePair(new Chart(app, 'pair', { namespace: 'apps' }), 'Default', { cluster, topic });
    expect(() => Testing.synth(app.charts[0])).toThrow(
      /\[pair-namespace-mismatch\]: .*it is in namespace 'apps' but cluster 'events'/,
    );
  });

  test('a pair given a namespace its cluster does not have', () => {
    const { pair } = pairApp({}, undefined, 'apps');
    expect(() => Testing.synth(Chart.of(pair))).toThrow(
      /\[pair-namespace-mismatch\]: .*it is in namespace 'apps' but cluster 'events' is in '\(none\)'/,
    );
  });

  test('a topic of another cluster', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'x' });
    const a = new KafkaCluster(infra, 'a');
    const b = new KafkaCluster(new Chart(app, 'other', { namespace: 'y' }), 'b');
    new MicroservicePair(new Chart(app, 'pair', { namespace: 'x' }), 'Default', { cluster: a, topic: new Topic(new Chart(app, 'topics',
      { namespace: 'y' }), 't', { cluster: b }) });
    expect(() => Testing.synth(infra)).toThrow(/\[pair-topic-other-cluster\]: .*topic 't' belongs to cluster 'b', not to 'a'/);
  });

  test('more consumers than partitions', () => {
    const { pair } = pairApp({ consumer: { replicas: 3 } });
    expect(() => Testing.synth(Chart.of(pair))).toThrow(
      /\[pair-consumers-above-partitions\]: .*the consumer has 3 replicas but topic 'readings' has 2 partition\(s\)/,
    );
  });
});
