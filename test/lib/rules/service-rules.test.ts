import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KafkaCluster, KafkaListenerType, MicroservicePair, MicroservicePairProps, Topic } from '../../../lib';

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
const PRODUCER = "producer 'data-producer' (pair/Default/Producer)";
const CONSUMER = "consumer 'data-consumer' (pair/Default/Consumer)";

describe('service rules: names, replicas, image, env', () => {
  test('a service name must be a DNS-1035 label (it names the Service)', () => {
    expect(make({ producer: { name: 'Data_Producer' } })).toThrow(
      "producer 'Data_Producer' (pair/Default/Producer): the name 'Data_Producer' is not a valid DNS-1035 label: it must be at most 63 characters of " +
        "lower-case letters, digits and '-', starting with a letter and ending with a letter or digit; it names the Deployment and the Service. Use e.g. 'data-producer'",
    );
    expect(make({ consumer: { name: '9lives' } })).toThrow("consumer '9lives' (pair/Default/Consumer): the name '9lives' is not a valid DNS-1035 label");
    expect(make({ consumer: { name: '' } })).toThrow("consumer '' (pair/Default/Consumer): the name '' is not a valid DNS-1035 label");
  });

  test("a name too long for the Service's port name", () => {
    const name = 'p'.repeat(60);
    expect(make({ producer: { name } })).toThrow(
      `producer '${name}' (pair/Default/Producer): the name has 60 characters; the Service's port '${name}-http' must stay within 63. Shorten the name to at most 58 characters`,
    );
  });

  test('producer and consumer need different names', () => {
    expect(make({ producer: { name: 'svc' }, consumer: { name: 'svc' } })).toThrow(
      "MicroservicePair 'pair' (pair/Default): producer and consumer are both named 'svc'; they would be one Deployment and one Service. Give them different names",
    );
  });

  test.each([-1, 1.5, NaN])('replicas = %p is refused', (replicas) => {
    expect(make({ consumer: { replicas } })).toThrow(`${CONSUMER}: replicas is invalid: `);
  });

  test('the replicas message', () => {
    expect(make({ producer: { replicas: -1 } })).toThrow(`${PRODUCER}: replicas is invalid: -1 is outside 0 to 2^31-1 (Deployment spec.replicas (int32, 0 or more)). Use a whole number of pods, e.g. 1`);
  });

  test.each([
    ['', 'the image is empty; a container needs an image to run'],
    [' nginx:1.27', "the image ' nginx:1.27' has leading or trailing whitespace"],
    ['Registry/App:1', "the image 'Registry/App:1' is not a valid image reference (invalid reference format: repository name must be lowercase); the kubelet would fail with InvalidImageName"],
    ['app:', "the image 'app:' is not a valid image reference (invalid reference format); the kubelet would fail with InvalidImageName"],
    ['a//b:1', "the image 'a//b:1' is not a valid image reference (invalid reference format); the kubelet would fail with InvalidImageName"],
  ])('image %p is refused', (image, problem) => {
    expect(make({ producer: { image } })).toThrow(`${PRODUCER}: ${problem}. Use a reference such as 'registry.example.com/team/app:1.2.3'`);
  });

  test('derived environment cannot be overridden', () => {
    expect(make({ consumer: { env: { KAFKA_TOPIC: 'other' } } })).toThrow(
      `${CONSUMER}: env 'KAFKA_TOPIC' is derived from the cluster and topic; it cannot be set in 'env'. Remove 'KAFKA_TOPIC' from env`,
    );
  });

  test.each(['MY VAR', '1ST', 'a=b', ''])('env name %p is refused', (name) => {
    expect(make({ producer: { env: { [name]: 'x' } } })).toThrow(
      `${PRODUCER}: env '${name}' is not a valid environment variable name: it must be letters, digits, '_', '-' and '.', not starting with a digit. Rename the variable, e.g. LOG_LEVEL`,
    );
  });

  test('env must be a map; the image a string', () => {
    expect(make({ producer: { env: 'x' as unknown as Record<string, string> } })).toThrow(`${PRODUCER}: env is "x", not a map of names to values. Pass e.g. { LOG_LEVEL: 'debug' }`);
    expect(make({ producer: { image: 5 as unknown as string } })).toThrow(`${PRODUCER}: the image is 5, not a string. Use a reference such as 'registry.example.com/team/app:1.2.3'`);
  });

  test('env values are strings', () => {
    expect(make({ producer: { env: { LOG_LEVEL: 3 as unknown as string } } })).toThrow(`${PRODUCER}: env 'LOG_LEVEL' is 3, not a string. Write it as a string, e.g. '3'`);
  });

  test('image stream tags look like <imagestream>:<tag>', () => {
    expect(make({ producer: { imageStreamTag: 'no-tag' } })).toThrow(`${PRODUCER}: imageStreamTag "no-tag" must look like '<imagestream>:<tag>'. Use e.g. 'data-producer:latest'`);
    expect(make({ producer: { imageStreamTag: 'Data:1' } })).toThrow(`${PRODUCER}: imageStreamTag "Data:1" must look like '<imagestream>:<tag>'`);
  });

  test("cdk8s-plus's own refusals are named and wrapped", () => {
    // GIVEN a memory request cdk8s-plus cannot write as a whole number of mebibytes (it renders it at synth)
    const { app } = pairApp({ producer: { resources: { memory: { request: Size.kibibytes(1500), limit: Size.mebibytes(500) } } } });
    // WHEN synthesized THEN the error names the Deployment, cdk8s' message and the fix
    expect(() => app.synth()).toThrow(
      "Deployment 'data-producer' (pair/Default/Producer/Deployment/Resource): rendering was refused by cdk8s: '1500 kibibytes' cannot be converted into a whole number of mebibytes. " +
        'Use a value that is a whole number of mebibytes, e.g. Duration.seconds(2) or Size.mebibytes(512)',
    );
  });

  test('an image pull policy cast past the enum is refused at synth', () => {
    const { app } = pairApp({ producer: { imagePullPolicy: 'Sometimes' as kplus.ImagePullPolicy } });
    expect(() => app.synth()).toThrow(
      "Deployment 'data-producer' (pair/Default/Producer/Deployment/Resource): spec.template.spec.containers[0].imagePullPolicy: \"Sometimes\" is not one of Always, IfNotPresent, Never. Use one of Always, IfNotPresent, Never",
    );
  });

  test('requests above limits are refused at synth, naming the field', () => {
    // GIVEN a CPU request above its limit
    const { app } = pairApp({ producer: { resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.millis(500) } } } });
    // WHEN synthesized THEN the Deployment, the field, the rule and the fix are named
    expect(() => app.synth()).toThrow(
      "Deployment 'data-producer' (pair/Default/Producer/Deployment/Resource): spec.template.spec.containers[0].resources.requests.cpu: the cpu request (2) is above its limit (500m); " +
        'Kubernetes requires request <= limit. Lower the cpu request or raise its limit',
    );
  });
});

describe('service rules: Kafka wiring', () => {
  test('group ids are 1 to 249 of [a-zA-Z0-9._-]', () => {
    expect(make({ consumer: { groupId: 'my group' } })).toThrow(`${CONSUMER}: groupId "my group" must be 1 to 249 of [a-zA-Z0-9._-]. Use e.g. 'my-group'`);
    expect(make({ consumer: { groupId: '' } })).toThrow(`${CONSUMER}: groupId "" must be 1 to 249 of [a-zA-Z0-9._-]. Use e.g. 'my-group'`);
  });

  test('the producer interval is a Duration of at least 1 ms', () => {
    expect(make({ producer: { interval: Duration.millis(0) } })).toThrow(`${PRODUCER}: interval is 0 ms, below the 1 ms the producer can wait. Use e.g. Duration.seconds(2)`);
    expect(make({ producer: { interval: 2000 as unknown as Duration } })).toThrow(`${PRODUCER}: interval is 2000, not a Duration. Use e.g. Duration.seconds(2)`);
    expect(make({ producer: { interval: Duration.millis(1.5) } })).toThrow(`${PRODUCER}: interval was refused by cdk8s: 1.5 must be a whole number of millis`);
  });

  test('an unknown or external listener', () => {
    expect(make({ listener: 'sasl' })).toThrow("KafkaCluster 'events' (infra/events): it has no listener 'sasl'. Use one of its listeners: plain, ext");
    expect(make({ listener: 'ext' })).toThrow("KafkaCluster 'events' listener 'ext' (infra/events): it is of type 'route', which advertises external addresses");
  });

  test('cluster and topic must be the library constructs', () => {
    const { cluster, topic } = pairApp();
    const app = Testing.app();
    expect(() => new MicroservicePair(new Chart(app, 'p'), 'Default', { cluster: {} as KafkaCluster, topic })).toThrow("MicroservicePair 'p' (p/Default): its cluster is not an IKafkaCluster. Pass the KafkaCluster the services connect to");
    expect(() => new MicroservicePair(new Chart(app, 'q'), 'Default', { cluster, topic: { topicName: 'x' } as Topic })).toThrow("MicroservicePair 'q' (q/Default): its topic is not an ITopic");
  });

  test('a duplicate pair id is named', () => {
    const { cluster, topic, pair } = pairApp();
    expect(() => new MicroservicePair(Chart.of(pair), 'Default', { cluster, topic })).toThrow(
      /'pair' already holds a construct with the id 'Default' \(a MicroservicePair\); ids are unique within their scope/,
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
      "MicroservicePair 'pair' (pair/Default): it is in namespace 'apps' but cluster 'events' is in 'kafka': 'events-kafka-bootstrap:9093' " +
        "resolves only in the cluster's namespace. Give the chart namespace 'kafka'",
    );
  });

  test('a pair given a namespace its cluster does not have', () => {
    const { pair } = pairApp({}, undefined, 'apps');
    expect(() => Testing.synth(Chart.of(pair))).toThrow(
      "MicroservicePair 'pair' (pair/Default): it is in namespace 'apps' but cluster 'events' is in '(none)': 'events-kafka-bootstrap:9092' resolves only in the cluster's namespace. " +
        "Leave the chart's namespace out, as the cluster's chart does",
    );
  });

  test('a topic of another cluster', () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra', { namespace: 'x' });
    const a = new KafkaCluster(infra, 'a');
    const b = new KafkaCluster(new Chart(app, 'other', { namespace: 'y' }), 'b');
    new MicroservicePair(new Chart(app, 'pair', { namespace: 'x' }), 'Default', { cluster: a, topic: new Topic(new Chart(app, 'topics', { namespace: 'y' }), 't', { cluster: b }) });
    expect(() => Testing.synth(infra)).toThrow("MicroservicePair 'pair' (pair/Default): topic 't' belongs to cluster 'b', not to 'a'. Pass the topic's own cluster");
  });

  test('more consumers than partitions', () => {
    const { pair } = pairApp({ consumer: { replicas: 3 } });
    expect(() => Testing.synth(Chart.of(pair))).toThrow(
      "MicroservicePair 'pair' (pair/Default): the consumer has 3 replicas but topic 'readings' has 2 partition(s); a group gives each partition " +
        'to one consumer, so 1 would sit idle. Add partitions or lower replicas',
    );
  });
});
