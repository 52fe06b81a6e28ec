import { Chart, Duration, Testing } from 'cdk8s';
import { ImagePullPolicy } from 'cdk8s-plus-27';
import { KafkaCluster, MicroservicePair, MicroservicePairProps, Topic, Warnings } from '../../../lib';
import { only } from '../support/synth';
import { strictWarning, warned } from '../support/warnings';

/** A cluster and topic in a chart, and a pair built by `props` in the same app. */
function pairApp(props: Partial<MicroservicePairProps> = {}, namespace?: string) {
  const app = Testing.app();
  const infra = new Chart(app, 'infra', { namespace });
  const cluster = new KafkaCluster(infra, 'events');
  const topic = new Topic(infra, 'readings', { cluster, partitions: 2 });
  const pair = new MicroservicePair(new Chart(app, 'pair', { namespace }), 'Default', { cluster, topic, ...props });
  return { app, cluster, topic, pair };
}

const envOf = (deployment: any) =>
  Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));

describe('MicroservicePair', () => {
  test('matches its snapshot', () => {
    const { pair } = pairApp();
    expect(Testing.synth(Chart.of(pair))).toMatchSnapshot();
  });

  test('services are told bootstrap servers, topic and credentials by the cluster, topic and user objects', () => {
    // GIVEN a pair bound to cluster 'events' and topic 'readings' (default listener: 'tls', with SCRAM-SHA-512)
    const { pair } = pairApp({ producer: { interval: Duration.millis(500) }, consumer: { groupId: 'readers' } });
    // WHEN synthesized
    const objects = Testing.synth(Chart.of(pair));
    // THEN the environment is derived from those objects, and names files, never secrets
    const secured = (name: string) => ({
      KAFKA_BOOTSTRAP_SERVERS: 'events-kafka-bootstrap:9093',
      KAFKA_TOPIC: 'readings',
      KAFKA_CLIENT_ID: name,
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: name,
      KAFKA_SASL_PASSWORD_FILE: '/etc/kafka-user/password',
      KAFKA_SSL_CA_FILE: '/etc/kafka-cluster-ca/ca.crt',
      HTTP_PORT: '8080',
    });
    expect(envOf(only(objects, 'Deployment', 'data-producer'))).toEqual({ ...secured('data-producer'), PRODUCER_INTERVAL_MS: '500' });
    expect(envOf(only(objects, 'Deployment', 'data-consumer'))).toEqual({ ...secured('data-consumer'), KAFKA_GROUP_ID: 'readers' });
  });

  test('a TLS listener mounts the cluster CA and points the services at it', () => {
    const { pair } = pairApp({ listener: 'tls' });
    const deployment = only(Testing.synth(Chart.of(pair)), 'Deployment', 'data-consumer');
    const pod = deployment.spec.template.spec;
    expect(envOf(deployment)).toMatchObject({
      KAFKA_BOOTSTRAP_SERVERS: 'events-kafka-bootstrap:9093',
      KAFKA_SSL_CA_FILE: '/etc/kafka-cluster-ca/ca.crt',
    });
    expect(pod.volumes).toContainEqual({
      name: 'kafka-cluster-ca',
      secret: { secretName: 'events-cluster-ca-cert', items: [{ key: 'ca.crt', path: 'ca.crt' }] },
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'kafka-cluster-ca', mountPath: '/etc/kafka-cluster-ca', readOnly: true });
  });

  test('a plain listener mounts no CA', () => {
    const { pair } = pairApp({ listener: 'plain' });
    const deployment = only(Testing.synth(Chart.of(pair)), 'Deployment', 'data-producer');
    expect(envOf(deployment).KAFKA_BOOTSTRAP_SERVERS).toBe('events-kafka-bootstrap:9092');
    expect(envOf(deployment).KAFKA_SSL_CA_FILE).toBeUndefined();
    expect(deployment.spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['kafka-user']);
  });

  test('names, images, pull policy, replicas, resources and extra env are props', () => {
    const { pair } = pairApp({
      application: 'shop',
      producer: { name: 'orders-in', image: 'registry/p:2', imagePullPolicy: ImagePullPolicy.ALWAYS, env: { LOG_LEVEL: 'debug' } },
      consumer: { name: 'orders-out', replicas: 2 },
    });
    const objects = Testing.synth(Chart.of(pair));
    const producer = only(objects, 'Deployment', 'orders-in');
    expect(producer.metadata.labels).toEqual({
      'application': 'shop',
      'app.kubernetes.io/name': 'orders-in',
      'app.kubernetes.io/component': 'producer',
      'app.kubernetes.io/part-of': 'shop',
    });
    expect(producer.spec.template.spec.containers[0]).toMatchObject({ image: 'registry/p:2', imagePullPolicy: 'Always' });
    expect(envOf(producer).LOG_LEVEL).toBe('debug');
    expect(only(objects, 'Deployment', 'orders-out').spec.replicas).toBe(2);
    expect(only(objects, 'Service', 'orders-out').spec.ports[0].name).toBe('orders-out-http');
  });

  test('without an image stream tag there is no OpenShift trigger annotation', () => {
    const { pair } = pairApp();
    expect(only(Testing.synth(Chart.of(pair)), 'Deployment', 'data-producer').metadata.annotations).toBeUndefined();
  });
});

describe('MicroservicePair images', () => {
  let stderr: jest.SpyInstance;
  beforeEach(() => (stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true)));
  afterEach(() => stderr.mockRestore());
  const placeholders = (app: ReturnType<typeof pairApp>['app']) => Warnings.of(app).all.filter((w) => w.code === 'placeholder-image');

  test('the placeholder default image, which no registry serves, is a warning naming the fix', () => {
    // GIVEN a pair with neither images nor openShiftBuild
    const { app, pair } = pairApp();
    // WHEN synthesized
    Testing.synth(Chart.of(pair));
    // THEN each Deployment is named, with its image and both fixes
    expect(placeholders(app)).toEqual([
      warned('placeholder-image', "producer 'data-producer' (pair/Default/Producer)", "'strimzi-cdk8s/data-producer:0.1.0'", 'producer.image',
        'openShiftBuild'),
      warned('placeholder-image', "consumer 'data-consumer' (pair/Default/Consumer)", "'strimzi-cdk8s/data-consumer:0.1.0'", 'consumer.image'),
    ]);
  });

  test('is an error in strict mode', () => {
    const app = Testing.app();
    app.node.setContext(Warnings.STRICT_CONTEXT, true);
    const infra = new Chart(app, 'infra');
    const cluster = new KafkaCluster(infra, 'events');
    const pair = new MicroservicePair(new Chart(app, 'pair'), 'Default', {
      cluster, topic: new Topic(infra, 'readings', { cluster }), producer: { image: 'registry.example.com/p:1.0.0' },
    });
    expect(() => Testing.synth(Chart.of(pair))).toThrow(strictWarning('placeholder-image', "consumer 'data-consumer'", 'placeholder image'));
  });

  test('an image, an image trigger or an OpenShift build is no placeholder', () => {
    for (const props of [
      { producer: { image: 'registry.example.com/p:1.0.0' }, consumer: { image: 'registry.example.com/c:1.0.0' } },
      { producer: { imageStreamTag: 'data-producer:latest' }, consumer: { imageStreamTag: 'data-consumer:latest' } },
      { openShiftBuild: {} },
    ]) {
      const { app, pair } = pairApp(props);
      Testing.synth(Chart.of(pair));
      expect(placeholders(app)).toEqual([]);
    }
  });
});
