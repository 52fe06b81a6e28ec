import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { buildOrdersApp } from '../../examples/orders-app';
import { validateAgainstKubernetes, validateAgainstStrimziCrds } from './support/schemas';
import { only, synthApp } from './support/synth';

const EXAMPLE = path.resolve(__dirname, '../../examples/orders-app.ts');
const README = path.resolve(__dirname, '../../README.md');

describe("another user's app composing the public constructs (examples/orders-app.ts)", () => {
  // GIVEN the example app, which imports the library by its package name
  const app = Testing.app();
  const services = buildOrdersApp(app);
  // WHEN synthesized
  const objects = synthApp(app);

  test('renders its own cluster, topic and services in its namespace', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Kafka/orders-kafka', 'KafkaNodePool/dual-role', 'KafkaTopic/orders', 'KafkaUser/orders-audit',
      'KafkaUser/orders-producer', 'Deployment/orders-producer', 'Service/orders-producer', 'NetworkPolicy/orders-producer',
      'KafkaUser/orders-consumer', 'Deployment/orders-consumer', 'Service/orders-consumer', 'NetworkPolicy/orders-consumer',
      'PodDisruptionBudget/orders-consumer',
    ]);
    expect(new Set(objects.map((o) => o.metadata?.namespace))).toEqual(new Set(['orders']));
    expect(only(objects, 'KafkaTopic').metadata.labels['strimzi.io/cluster']).toBe('orders-kafka');
    const consumer = only(objects, 'Deployment', 'orders-consumer').spec.template.spec.containers[0];
    expect(consumer.env).toEqual(expect.arrayContaining([
      { name: 'KAFKA_BOOTSTRAP_SERVERS', value: 'orders-kafka-kafka-bootstrap:9093' },
      { name: 'KAFKA_SSL_CA_FILE', value: '/etc/kafka-cluster-ca/ca.crt' },
      { name: 'KAFKA_GROUP_ID', value: 'orders-projection' },
      { name: 'KAFKA_SSL_CERT_FILE', value: '/etc/kafka-user/user.crt' },
      { name: 'KAFKA_SSL_KEY_FILE', value: '/etc/kafka-user/user.key' },
    ]));
    expect(Testing.synth(services)).toMatchSnapshot();
  });

  test('validates against the Strimzi CRDs and Kubernetes schemas', () => {
    const failures = [...validateAgainstStrimziCrds(objects), ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length);
    expect(failures).toEqual([]);
  });

  test('is the example the README shows, word for word', () => {
    const example = fs.readFileSync(EXAMPLE, 'utf8').split('\nif (require.main === module)')[0].trim();
    expect(fs.readFileSync(README, 'utf8')).toContain(example);
  });
});
