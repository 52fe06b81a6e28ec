import { App, Chart, Duration, Testing } from 'cdk8s';
import { ImagePullPolicy } from 'cdk8s-plus-27';
import { KafkaCluster, MicroservicePair, MicroservicePairProps, Topic } from '../../../lib';
import { only } from '../support/synth';

/** A cluster and topic in a chart, and a pair built by `props` in the same app. */
function pairApp(props: Partial<MicroservicePairProps> = {}, namespace?: string) {
  const app = Testing.app();
  const infra = new Chart(app, 'infra', { namespace });
  const cluster = new KafkaCluster(infra, 'events');
  const topic = new Topic(infra, 'readings', { cluster, partitions: 2 });
  const pair = new MicroservicePair(app, 'pair', { namespace, cluster, topic, ...props });
  return { app, cluster, topic, pair };
}

const envOf = (deployment: any) =>
  Object.fromEntries(deployment.spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));

describe('MicroservicePair', () => {
  test('matches its snapshot', () => {
    const { pair } = pairApp();
    expect(Testing.synth(pair)).toMatchSnapshot();
  });

  test('services are told bootstrap servers, topic and credentials by the cluster, topic and user objects', () => {
    // GIVEN a pair bound to cluster 'events' and topic 'readings' (default listener: 'tls', with SCRAM-SHA-512)
    const { pair } = pairApp({ producer: { interval: Duration.millis(500) }, consumer: { groupId: 'readers' } });
    // WHEN synthesized
    const objects = Testing.synth(pair);
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
    const deployment = only(Testing.synth(pair), 'Deployment', 'data-consumer');
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
    const deployment = only(Testing.synth(pair), 'Deployment', 'data-producer');
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
    const objects = Testing.synth(pair);
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
    expect(only(Testing.synth(pair), 'Deployment', 'data-producer').metadata.annotations).toBeUndefined();
  });
});

describe('MicroservicePair validation rules', () => {
  test('a pair bound to a cluster in another namespace (checked at synth)', () => {
    // GIVEN a cluster in 'kafka' and a pair chart in 'apps'
    const app = new App();
    const infra = new Chart(app, 'infra', { namespace: 'kafka' });
    const cluster = new KafkaCluster(infra, 'events');
    const topic = new Topic(infra, 'readings', { cluster });
    new MicroservicePair(app, 'pair', { namespace: 'apps', cluster, topic });
    // WHEN synthesized THEN the rule and the fix are named
    expect(() => Testing.synth(app.charts[0])).toThrow(
      "MicroservicePair 'pair' is in namespace 'apps' but cluster 'events' is in 'kafka': 'events-kafka-bootstrap:9093' " +
        "resolves only in the cluster's namespace. Give the chart namespace 'kafka'.",
    );
  });

  test("a topic of another cluster (checked at synth)", () => {
    const app = Testing.app();
    const infra = new Chart(app, 'infra');
    const a = new KafkaCluster(infra, 'a');
    const b = new KafkaCluster(infra, 'b');
    new MicroservicePair(app, 'pair', { cluster: a, topic: new Topic(infra, 't', { cluster: b }) });
    expect(() => Testing.synth(infra)).toThrow(
      "MicroservicePair 'pair': topic 't' belongs to cluster 'b', not to 'a'; pass the topic's own cluster.",
    );
  });

  test('more consumers than partitions (checked at synth)', () => {
    const { pair } = pairApp({ consumer: { replicas: 3 } });
    expect(() => Testing.synth(pair)).toThrow(
      "MicroservicePair 'pair': the consumer has 3 replicas but topic 'readings' has 2 partition(s); a group gives each partition " +
        'to one consumer, so 1 would sit idle. Add partitions or lower replicas.',
    );
  });

  test('service names must be DNS labels', () => {
    expect(() => pairApp({ producer: { name: 'Data_Producer' } })).toThrow(
      "producer 'Data_Producer' name: 'Data_Producer' is not a valid name here: it must be at most 63 characters",
    );
  });

  test('producer and consumer need different names', () => {
    expect(() => pairApp({ producer: { name: 'svc' }, consumer: { name: 'svc' } })).toThrow(
      "MicroservicePair 'pair': producer and consumer are both named 'svc'; give them different names.",
    );
  });

  test('derived environment cannot be overridden', () => {
    expect(() => pairApp({ consumer: { env: { KAFKA_TOPIC: 'other' } } })).toThrow(
      "consumer 'data-consumer': env 'KAFKA_TOPIC' is derived from the cluster and topic; it cannot be set in 'env'.",
    );
  });

  test('an unknown listener', () => {
    expect(() => pairApp({ listener: 'sasl' })).toThrow("KafkaCluster 'events' has no listener 'sasl'; its listeners are: plain, tls.");
  });

  test('group ids and image stream tags are checked', () => {
    expect(() => pairApp({ consumer: { groupId: 'my group' } })).toThrow(
      "consumer 'data-consumer': groupId 'my group' must be 1 to 249 of [a-zA-Z0-9._-].",
    );
    expect(() => pairApp({ producer: { imageStreamTag: 'no-tag' } })).toThrow(
      "data-producer: imageStreamTag 'no-tag' must look like '<imagestream>:<tag>', e.g. 'data-producer:latest'.",
    );
  });

  test('the producer interval is at least 1 ms', () => {
    expect(() => pairApp({ producer: { interval: Duration.millis(0) } })).toThrow(
      "producer 'data-producer': interval must be at least 1 ms, e.g. Duration.seconds(2).",
    );
  });
});
