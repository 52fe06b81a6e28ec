import * as fs from 'fs';
import * as path from 'path';
import { Chart, Size, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { CleanupPolicy, KafkaCluster, KafkaListenerType, MicroservicePair, Topic } from '../../lib';
import { validateAgainstOpenShift } from '../openshift-schema/openshift-schema';
import {
  KubeObject, readManifests, STRIMZI_CRDS_DIR, validateAgainstKubernetes, validateAgainstStrimziCrds,
} from './support/schemas';
import { appWithChart, synthApp } from './support/synth';

const DIST = path.resolve(__dirname, '../../dist');
const SEED = path.resolve(STRIMZI_CRDS_DIR, '../../seed/000_349a45144c78af5f.txt');

/** The objects the seed lab applies, taken from its ```yml blocks (List items unwrapped). */
function seedObjects(): KubeObject[] {
  const blocks = [...fs.readFileSync(SEED, 'utf8').matchAll(/```yml\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks
    .flatMap((b) => parseAllDocuments(b).map((d) => d.toJS() as KubeObject))
    .flatMap((o) => (o.kind === 'List' ? (o.items as KubeObject[]) : [o]));
}

const errorsOf = (results: { object: string; errors: string[] }[]) =>
  results.filter((r) => r.errors.length > 0).map((r) => `${r.object}: ${r.errors.join('; ')}`);

describe('schemas: every object in dist/', () => {
  // GIVEN the committed manifests
  const objects = readManifests(DIST);

  test('covers the seed system', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`).sort()).toEqual([
      'BuildConfig/data-consumer', 'BuildConfig/data-producer',
      'Deployment/data-consumer', 'Deployment/data-producer', 'ImageStream/data-consumer', 'ImageStream/data-producer',
      'Kafka/amm-techlab', 'KafkaNodePool/dual-role', 'KafkaTopic/manual', 'KafkaUser/data-consumer', 'KafkaUser/data-producer',
      'NetworkPolicy/data-consumer', 'NetworkPolicy/data-producer', 'Service/data-consumer', 'Service/data-producer',
    ]);
  });

  test('validates against the Strimzi 1.2.0 CRD schemas, with no unknown fields', () => {
    // WHEN the custom resources are checked THEN there are five and none has an error
    const results = validateAgainstStrimziCrds(objects);
    expect(results).toHaveLength(5);
    expect(errorsOf(results)).toEqual([]);
  });

  test("validates against Kubernetes' own schemas (core objects whole, custom resources' metadata)", () => {
    const results = validateAgainstKubernetes(objects);
    expect(results).toHaveLength(objects.length);
    expect(errorsOf(results)).toEqual([]);
  });

  test("validates against OpenShift's own API model (ImageStreams and BuildConfigs), with no unknown fields", () => {
    const openShift = objects.filter((o) => /\.openshift\.io\//.test(o.apiVersion));
    const results = validateAgainstOpenShift(openShift);
    expect(results).toHaveLength(4);
    expect(errorsOf(results)).toEqual([]);
  });
});

describe('schemas: the validators reject what is wrong (so a pass means something)', () => {
  const seed = seedObjects();

  test("the seed's v1beta1 resources are not served by Strimzi 1.2.0", () => {
    // GIVEN the seed's Kafka and KafkaTopic as written
    const results = validateAgainstStrimziCrds(seed);
    // THEN both are refused for their API version
    expect(errorsOf(results)).toEqual([
      expect.stringContaining('Strimzi 1.2.0 serves no Kafka in kafka.strimzi.io/v1beta1'),
      expect.stringContaining('Strimzi 1.2.0 serves no KafkaTopic in kafka.strimzi.io/v1beta1'),
    ]);
  });

  test("the seed's Kafka, moved to v1 as is, fails on ZooKeeper, replicas, storage and map listeners", () => {
    const kafka = { ...seed.find((o) => o.kind === 'Kafka')!, apiVersion: 'kafka.strimzi.io/v1' };
    const [result] = validateAgainstStrimziCrds([kafka]);
    const text = result.errors.join('\n');
    expect(text).toContain("/spec must NOT have additional properties: 'zookeeper'");
    expect(text).toContain("/spec/kafka must NOT have additional properties: 'replicas'");
    expect(text).toContain("/spec/kafka must NOT have additional properties: 'storage'");
    expect(text).toContain('/spec/kafka/listeners must be array');
  });

  test("each defect of the seed's Deployments is caught by Kubernetes' schema, one after the other", () => {
    // GIVEN the seed's data-producer Deployment; the model reports the first defect it meets,
    // so each step repairs the defect just reported and checks the next one appears
    const deployment: any = structuredClone(seed.find((o) => o.kind === 'Deployment' && o.metadata?.name === 'data-producer'));
    const container = deployment.spec.template.spec.containers[0];
    const firstError = () => validateAgainstKubernetes([deployment])[0].errors.join();

    expect(firstError()).toMatch(/field `triggers` .* not defined in the `V1DeploymentSpec` properties/);
    delete deployment.spec.triggers;
    expect(firstError()).toMatch(/field `port` .* not defined in the `V1Container` properties/);
    container.ports = container.port;
    delete container.port;
    expect(firstError()).toMatch(/field `successThreshhold` .* not defined in the `V1Probe` properties/);
    container.livenessProbe.successThreshold = container.livenessProbe.successThreshhold;
    delete container.livenessProbe.successThreshhold;
    // THEN with the three defects repaired the rest of the seed's Deployment is valid
    expect(firstError()).toBe('');
  });

  test('a field the CRD does not define is caught in a synthesized custom resource', () => {
    // GIVEN a synthesized Kafka resource with a stray field (what a hand edit of dist/ could add)
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c');
    const [kafka] = Testing.synth(chart) as any[];
    kafka.spec.kafka.replicas = 3;
    // WHEN it is validated THEN the stray field is named
    const [result] = validateAgainstStrimziCrds([kafka]);
    expect(result.errors).toEqual(["/spec/kafka must NOT have additional properties: 'replicas'"]);
  });
});

describe('schemas: a larger composition also validates', () => {
  test('multi-broker cluster with dedicated controllers, a TLS pair and topics with derived names', () => {
    // GIVEN a production-like app in a namespace
    const { app, chart } = appWithChart('streaming');
    const cluster = new KafkaCluster(chart, 'prod', {
      brokers: 3,
      controllers: 3,
      listeners: [
        { name: 'plain', port: 9092 },
        { name: 'tls', port: 9093, tls: true },
        { name: 'external', port: 9094, type: KafkaListenerType.ROUTE, tls: true },
      ],
      storage: { size: Size.gibibytes(100), storageClass: 'fast', deleteClaim: true },
      config: { additional: { 'log.retention.hours': 72, 'num.partitions': 3 } },
    });
    const orders = new Topic(chart, 'orders', {
      cluster, topicName: 'Orders_V2', partitions: 6, cleanupPolicy: CleanupPolicy.COMPACT, minInsyncReplicas: 2,
      config: { 'compression.type': 'zstd' },
    });
    new MicroservicePair(new Chart(app, 'pair', { namespace: 'streaming' }), 'Default', {
      cluster, topic: orders, listener: 'tls', consumer: { replicas: 3 },
    });
    // WHEN synthesized
    const objects = synthApp(app);
    // THEN every object passes both schemas (cluster, pools and topic; per service a KafkaUser, Deployment, Service
    // and NetworkPolicy; the 3-replica consumer's PodDisruptionBudget)
    expect(objects).toHaveLength(13);
    expect(errorsOf(validateAgainstStrimziCrds(objects))).toEqual([]);
    expect(errorsOf(validateAgainstKubernetes(objects))).toEqual([]);
  });
});
