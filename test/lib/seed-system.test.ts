import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdk8s';
import { buildSeedSystem } from '../../main';
import { validateAgainstKubernetes } from './support/schemas';
import { only, synthApp } from './support/synth';

describe('the seed system (main.ts)', () => {
  // GIVEN the app that main.ts synthesizes into dist/
  const app = Testing.app();
  const seed = buildSeedSystem(app);
  // WHEN it is synthesized
  const objects = synthApp(app);

  test('each chart matches its snapshot', () => {
    // THEN every chart renders as reviewed
    expect(Testing.synth(seed.clusterChart)).toMatchSnapshot('kafka-cluster');
    expect(Testing.synth(seed.topicChart)).toMatchSnapshot('manual-topic');
    expect(Testing.synth(seed.services)).toMatchSnapshot('data-services');
  });

  test('the Kafka cluster is amm-techlab on Strimzi v1 with KRaft node pools, not ZooKeeper', () => {
    const kafka = only(objects, 'Kafka', 'amm-techlab');
    expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1');
    expect(kafka.spec.zookeeper).toBeUndefined();
    expect(kafka.spec.kafka.replicas).toBeUndefined();
    expect(kafka.spec.kafka.storage).toBeUndefined();
    expect(kafka.spec.kafka).toMatchObject({ version: '4.3.1', metadataVersion: '4.3-IV0' });
    expect(kafka.spec.kafka.config['log.message.format.version']).toBeUndefined();
    expect(kafka.spec.kafka.listeners.map((l: any) => [l.name, l.port, l.type, l.tls])).toEqual([
      ['plain', 9092, 'internal', false],
      ['tls', 9093, 'internal', true],
    ]);
    expect(kafka.spec.kafka.config).toMatchObject({
      'auto.create.topics.enable': false,
      'offsets.topic.replication.factor': 1,
      'transaction.state.log.replication.factor': 1,
      'transaction.state.log.min.isr': 1,
    });
    expect(kafka.spec.entityOperator).toEqual({ topicOperator: {}, userOperator: {} });

    const pool = only(objects, 'KafkaNodePool');
    expect(pool.metadata.labels['strimzi.io/cluster']).toBe('amm-techlab');
    expect(pool.spec.roles).toEqual(['controller', 'broker']);
    expect(pool.spec.replicas).toBe(1);
    expect(pool.spec.storage).toEqual({
      type: 'jbod',
      volumes: [{ id: 0, type: 'persistent-claim', size: '10Gi', deleteClaim: false, kraftMetadata: 'shared' }],
    });
  });

  test("the topic 'manual' carries its cluster's label, not the seed's wrong one", () => {
    const topic = only(objects, 'KafkaTopic', 'manual');
    expect(topic.apiVersion).toBe('kafka.strimzi.io/v1');
    expect(topic.metadata.labels['strimzi.io/cluster']).toBe('amm-techlab');
    expect(topic.spec).toEqual({
      partitions: 1,
      replicas: 1,
      config: { 'retention.ms': 7200000, 'segment.bytes': 1073741824 },
    });
  });

  test.each(['data-producer', 'data-consumer'])('%s is a valid Deployment with stable names and split probes', (name) => {
    const deployment = only(objects, 'Deployment', name);
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect(deployment.spec.triggers).toBeUndefined();
    const container = deployment.spec.template.spec.containers[0];
    expect(container.port).toBeUndefined();
    expect(container.ports).toEqual([{ containerPort: 8080, name: 'http', protocol: 'TCP' }]);
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/health/live', port: 8080 });
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/health/ready', port: 8080 });
    expect(container.livenessProbe.successThreshhold).toBeUndefined();
    expect(container.resources).toEqual({
      requests: { cpu: '50m', memory: '100Mi' },
      limits: { cpu: '1', memory: '500Mi' },
    });
    const env = Object.fromEntries(container.env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ KAFKA_BOOTSTRAP_SERVERS: 'amm-techlab-kafka-bootstrap:9093', KAFKA_TOPIC: 'manual' });
    // OpenShift builds the image: the Deployment runs the ImageStreamTag its BuildConfig writes, and rolls out on each build
    const build = only(objects, 'BuildConfig', name);
    expect(build.spec.output.to).toEqual({ kind: 'ImageStreamTag', name: `${name}:latest` });
    expect(build.spec.source).toEqual({ type: 'Binary', binary: {} });
    expect(build.spec.strategy.dockerStrategy).toEqual({
      dockerfilePath: 'apps/Dockerfile', buildArgs: [{ name: 'SERVICE', value: name.replace('data-', '') }],
    });
    expect(only(objects, 'ImageStream', name).spec).toEqual({ lookupPolicy: { local: true } });
    expect(container.image).toBe(`${name}:latest`);
    expect(JSON.parse(deployment.metadata.annotations['image.openshift.io/triggers'])[0].from).toEqual(build.spec.output.to);

    const service = only(objects, 'Service', name);
    expect(service.spec.type).toBe('ClusterIP');
    expect(service.spec.ports).toEqual([{ name: `${name}-http`, port: 8080, protocol: 'TCP', targetPort: 8080 }]);
    expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
  });

  test('the pods pass OpenShift restricted-v2: non-root, no fixed UID, read-only root, no capabilities', () => {
    for (const deployment of objects.filter((o) => o.kind === 'Deployment') as any[]) {
      const pod = deployment.spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.securityContext.runAsUser).toBeUndefined();
      expect(pod.containers[0].securityContext).toEqual({
        allowPrivilegeEscalation: false,
        capabilities: { drop: ['ALL'] },
        privileged: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
      });
    }
  });

  test('the consumer has a stable group id', () => {
    const container = only(objects, 'Deployment', 'data-consumer').spec.template.spec.containers[0];
    expect(container.env).toContainEqual({ name: 'KAFKA_GROUP_ID', value: 'data-consumer' });
  });

  test('no listener accepts an unauthenticated client, and the cluster authorizes every request', () => {
    const kafka = only(objects, 'Kafka', 'amm-techlab').spec.kafka;
    expect(kafka.listeners.map((l: any) => [l.name, l.authentication])).toEqual([
      ['plain', { type: 'scram-sha-512' }],
      ['tls', { type: 'scram-sha-512' }],
    ]);
    expect(kafka.authorization).toEqual({ type: 'simple' });
  });

  test('each service has its own SCRAM identity with only the ACLs its role needs', () => {
    // THEN exactly these two users exist, with exactly these ACLs (the list README's Deploying section gives)
    const users = objects.filter((o) => o.kind === 'KafkaUser') as any[];
    expect(users.map((u) => [u.metadata.name, u.metadata.labels['strimzi.io/cluster'], u.spec.authentication])).toEqual([
      ['data-producer', 'amm-techlab', { type: 'scram-sha-512' }],
      ['data-consumer', 'amm-techlab', { type: 'scram-sha-512' }],
    ]);
    expect(only(objects, 'KafkaUser', 'data-producer').spec.authorization).toEqual({
      type: 'simple',
      acls: [{ resource: { type: 'topic', name: 'manual', patternType: 'literal' }, operations: ['Write'] }],
    });
    expect(only(objects, 'KafkaUser', 'data-consumer').spec.authorization).toEqual({
      type: 'simple',
      acls: [
        { resource: { type: 'topic', name: 'manual', patternType: 'literal' }, operations: ['Read'] },
        { resource: { type: 'group', name: 'data-consumer', patternType: 'literal' }, operations: ['Read'] },
      ],
    });
  });

  test.each(['data-producer', 'data-consumer'])('%s logs in with its own Secret, mounted as files', (name) => {
    const pod = only(objects, 'Deployment', name).spec.template.spec;
    const env = Object.fromEntries(pod.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: name,
      KAFKA_SASL_PASSWORD_FILE: '/etc/kafka-user/password',
      KAFKA_SSL_CA_FILE: '/etc/kafka-cluster-ca/ca.crt',
    });
    expect(pod.volumes).toContainEqual({ name: 'kafka-user', secret: { secretName: name, items: [{ key: 'password', path: 'password' }] } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'kafka-user', mountPath: '/etc/kafka-user', readOnly: true });
  });

  test('the tls listener admits only the two services, which may reach only its brokers and DNS', () => {
    const [plain, tls] = only(objects, 'Kafka', 'amm-techlab').spec.kafka.listeners;
    expect(tls.networkPolicyPeers).toEqual([
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'data-producer' } } },
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'data-consumer' } } },
    ]);
    // AND the listener no service uses admits the pods of the cluster's namespace only, not every namespace
    expect(plain.networkPolicyPeers).toEqual([{ podSelector: {} }]);
    for (const name of ['data-producer', 'data-consumer']) {
      const policy = only(objects, 'NetworkPolicy', name);
      expect(policy.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': name } });
      expect(policy.spec.egress[0]).toEqual({
        to: [{ podSelector: { matchLabels: { 'strimzi.io/cluster': 'amm-techlab', 'strimzi.io/kind': 'Kafka', 'strimzi.io/broker-role': 'true' } } }],
        ports: [{ protocol: 'TCP', port: 9093 }],
      });
    }
  });

  test('dist/ holds exactly what synth produces now', () => {
    // GIVEN a fresh synth of main.ts into a temporary folder
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
    const fresh = new App({ outdir });
    buildSeedSystem(fresh);
    fresh.synth();
    // THEN the committed dist/ has the same files with the same bytes (run `npm run synth` if not)
    const dist = path.resolve(__dirname, '../../dist');
    expect(fs.readdirSync(dist).sort()).toEqual(fs.readdirSync(outdir).sort());
    for (const file of fs.readdirSync(outdir)) {
      expect(fs.readFileSync(path.join(dist, file), 'utf8')).toBe(fs.readFileSync(path.join(outdir, file), 'utf8'));
    }
  });
});

describe('the seed system for Kubernetes without OpenShift builds (IMAGE_REGISTRY)', () => {
  test('runs the images pushed to a registry and makes no OpenShift objects; every object passes Kubernetes\' models', () => {
    // GIVEN the seed built for images in a registry (trailing slash as users type it)
    const app = Testing.app();
    buildSeedSystem(app, { imageRegistry: 'registry.example.com/team/' });
    // WHEN synthesized
    const objects = synthApp(app);
    // THEN the Deployments run the pushed images, without image triggers
    for (const name of ['data-producer', 'data-consumer']) {
      const deployment = only(objects, 'Deployment', name);
      expect(deployment.spec.template.spec.containers[0].image).toBe(`registry.example.com/team/${name}:0.1.0`);
      expect(deployment.metadata.annotations?.['image.openshift.io/triggers']).toBeUndefined();
    }
    // AND nothing needs OpenShift, and Kubernetes' own models accept every object
    expect(objects.filter((o) => o.apiVersion.includes('openshift.io'))).toEqual([]);
    expect(validateAgainstKubernetes(objects).flatMap((r) => r.errors)).toEqual([]);
  }, 60_000);
});
