import { Chart, Testing } from 'cdk8s';
import {
  KafkaAuthorization, KafkaCluster, KafkaClusterProps, KafkaListenerType, ListenerAuthentication, MicroservicePair,
  MicroservicePairProps, Topic, UserAuthentication,
} from '../../../lib';
import { KubeObject, validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { muteStderr } from '../support/stderr';
import { only, synthApp } from '../support/synth';

// Opting out of secure defaults warns on stderr; the warnings are asserted through Warnings.of(app).all.
muteStderr();

/** A cluster (with `clusterProps`) and a 2-partition topic in one chart, and a pair built by `props`. */
function securedApp(props: Partial<MicroservicePairProps> = {}, clusterProps: KafkaClusterProps = {}) {
  const app = Testing.app();
  const infra = new Chart(app, 'infra');
  const cluster = new KafkaCluster(infra, 'events', clusterProps);
  const topic = new Topic(infra, 'readings', { cluster, partitions: 2 });
  const pair = new MicroservicePair(new Chart(app, 'pair'), 'Default', { cluster, topic, ...props });
  return { app, infra, cluster, topic, pair };
}

const envOf = (objects: KubeObject[], name: string) => Object.fromEntries(
  only(objects, 'Deployment', name).spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
const kinds = (objects: KubeObject[]) => objects.map((o) => `${o.kind}/${o.metadata?.name}`);


describe('MicroservicePair secured by what it connects to', () => {
  test('each service gets its own KafkaUser with only what its role needs', () => {
    // GIVEN a pair on the default listener of an authorizing cluster
    const { pair } = securedApp({ consumer: { groupId: 'readers' } });
    // WHEN synthesized
    const objects = Testing.synth(Chart.of(pair));
    // THEN the producer may write the topic, the consumer read it in its own group, nothing else
    expect(only(objects, 'KafkaUser', 'data-producer').spec).toEqual({
      authentication: { type: 'scram-sha-512' },
      authorization: {
        type: 'simple',
        acls: [{ resource: { type: 'topic', name: 'readings', patternType: 'literal' }, operations: ['Write'] }],
      },
    });
    expect(only(objects, 'KafkaUser', 'data-consumer').spec).toEqual({
      authentication: { type: 'scram-sha-512' },
      authorization: {
        type: 'simple',
        acls: [
          { resource: { type: 'topic', name: 'readings', patternType: 'literal' }, operations: ['Read'] },
          { resource: { type: 'group', name: 'readers', patternType: 'literal' }, operations: ['Read'] },
        ],
      },
    });
    // AND the group granted is the group the consumer is told
    expect(envOf(objects, 'data-consumer').KAFKA_GROUP_ID).toBe('readers');
    // AND the users are reachable from the services, labelled like them
    expect(pair.producer.user?.principal).toBe('User:data-producer');
    expect(only(objects, 'KafkaUser', 'data-consumer').metadata.labels).toEqual({
      'application': 'events', 'app.kubernetes.io/name': 'data-consumer', 'app.kubernetes.io/component': 'consumer',
      'app.kubernetes.io/part-of': 'events', 'strimzi.io/cluster': 'events',
    });
  });

  test('an mTLS listener gives TLS users, whose certificate and key are mounted as files', () => {
    // GIVEN a cluster whose only listener takes client certificates
    const { pair } = securedApp({}, { listeners: [{ name: 'mtls', port: 9094, tls: true, authentication: ListenerAuthentication.TLS }] });
    // WHEN synthesized
    const objects = Testing.synth(Chart.of(pair));
    // THEN the users are TLS users and the services read the certificate, the key and the cluster CA from files
    expect(only(objects, 'KafkaUser', 'data-producer').spec.authentication).toEqual({ type: 'tls' });
    expect(pair.producer.user?.authentication).toBe(UserAuthentication.TLS);
    const env = envOf(objects, 'data-producer');
    expect(env).toMatchObject({
      KAFKA_BOOTSTRAP_SERVERS: 'events-kafka-bootstrap:9094',
      KAFKA_SSL_CERT_FILE: '/etc/kafka-user/user.crt',
      KAFKA_SSL_KEY_FILE: '/etc/kafka-user/user.key',
      KAFKA_SSL_CA_FILE: '/etc/kafka-cluster-ca/ca.crt',
    });
    expect(Object.keys(env).filter((k) => k.startsWith('KAFKA_SASL'))).toEqual([]);
    expect(only(objects, 'Deployment', 'data-producer').spec.template.spec.volumes).toContainEqual({
      name: 'kafka-user',
      secret: { secretName: 'data-producer', items: [{ key: 'user.crt', path: 'user.crt' }, { key: 'user.key', path: 'user.key' }] },
    });
  });

  test('the Secret name follows the cluster\'s secretPrefix', () => {
    const { pair } = securedApp({}, { userOperator: { secretPrefix: 'kafka-' } });
    const volume = only(Testing.synth(Chart.of(pair)), 'Deployment', 'data-consumer').spec.template.spec.volumes
      .find((v: any) => v.name === 'kafka-user');
    expect(volume.secret.secretName).toBe('kafka-data-consumer');
  });

  test('no password, key, certificate or JAAS line ever appears in a manifest', () => {
    // GIVEN SCRAM and mTLS pairs
    const scram = securedApp();
    const mtls = securedApp({}, { listeners: [{ name: 'mtls', port: 9094, tls: true, authentication: ListenerAuthentication.TLS }] });
    // WHEN every object is synthesized
    const objects = [...synthApp(scram.app), ...synthApp(mtls.app)];
    // THEN no Secret is made, and no credential-like env holds anything but a path under a mount
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const text = JSON.stringify(objects);
    expect(text).not.toMatch(/BEGIN|ScramLoginModule|sasl\.jaas\.config/);
    const env = objects.filter((o) => o.kind === 'Deployment')
      .flatMap((d: any) => d.spec.template.spec.containers[0].env as Array<{ name: string; value?: string }>);
    const credentialEnv = env.filter((e) => /PASSWORD|KEY|CERT|CA_FILE/.test(e.name));
    expect(credentialEnv.length).toBeGreaterThan(0);
    for (const e of credentialEnv) expect(e.value).toMatch(/^\/etc\/kafka-(user|cluster-ca)\/[a-z.]+$/);
  });

  test('a listener that authenticates on a cluster without authorization: users without ACLs', () => {
    const { pair } = securedApp({}, { authorization: KafkaAuthorization.none() });
    const user = only(Testing.synth(Chart.of(pair)), 'KafkaUser', 'data-producer');
    expect(user.spec).toEqual({ authentication: { type: 'scram-sha-512' } });
  });

  test('a listener without authentication on a cluster without authorization: no users, no credentials', () => {
    const { pair } = securedApp({}, {
      listeners: [{ name: 'open', port: 9092, authentication: ListenerAuthentication.NONE }],
      authorization: KafkaAuthorization.none(),
    });
    const objects = Testing.synth(Chart.of(pair));
    expect(objects.filter((o) => o.kind === 'KafkaUser')).toEqual([]);
    expect(pair.consumer.user).toBeUndefined();
    expect(Object.keys(envOf(objects, 'data-consumer')).filter((k) => /SASL|CERT|KEY/.test(k))).toEqual([]);
  });

  test('the default listener is the TLS one with authentication, then one with authentication, then any internal one', () => {
    const listenerOf = (listeners: KafkaClusterProps['listeners']) =>
      envOf(Testing.synth(Chart.of(securedApp({}, { listeners, authorization: KafkaAuthorization.none() }).pair)), 'data-producer')
        .KAFKA_BOOTSTRAP_SERVERS;
    const none = ListenerAuthentication.NONE;
    expect(listenerOf([
      { name: 'plain', port: 9092 },
      { name: 'external', port: 9093, tls: true, type: KafkaListenerType.ROUTE },
      { name: 'secure', port: 9094, tls: true },
    ])).toBe('events-kafka-bootstrap:9094');
    expect(listenerOf([{ name: 'open', port: 9092, authentication: none }, { name: 'scram', port: 9093 }])).toBe('events-kafka-bootstrap:9093');
    expect(listenerOf([{ name: 'open', port: 9092, authentication: none }])).toBe('events-kafka-bootstrap:9092');
  });
});

describe('MicroservicePair network access derived from the wiring', () => {
  test("the pair's listener admits its two services; another listener admits the cluster's namespace only", () => {
    // GIVEN a pair on 'tls'
    const { infra } = securedApp({ listener: 'tls' });
    // WHEN the cluster is synthesized (after the pair was wired to it)
    const [plain, tls] = only(Testing.synth(infra), 'Kafka').spec.kafka.listeners;
    // THEN
    expect(tls.networkPolicyPeers).toEqual([
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'data-producer' } } },
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'data-consumer' } } },
    ]);
    expect(plain.networkPolicyPeers).toEqual([{ podSelector: {} }]);
  });

  test('peers given on the listener are admitted beside the wired services', () => {
    const { infra } = securedApp({}, {
      listeners: [{ name: 'tls', port: 9093, tls: true, networkPolicyPeers: [{ podSelector: { matchLabels: { app: 'kafka-ui' } } }] }],
    });
    expect(only(Testing.synth(infra), 'Kafka').spec.kafka.listeners[0].networkPolicyPeers).toEqual([
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'data-producer' } } },
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'data-consumer' } } },
      { podSelector: { matchLabels: { app: 'kafka-ui' } } },
    ]);
  });

  test('each service gets a NetworkPolicy: HTTP in; its brokers on the listener port, and DNS, out', () => {
    const { pair } = securedApp();
    expect(only(Testing.synth(Chart.of(pair)), 'NetworkPolicy', 'data-consumer').spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'data-consumer' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: 8080 }] }],
      egress: [
        {
          to: [{ podSelector: { matchLabels: { 'strimzi.io/cluster': 'events', 'strimzi.io/kind': 'Kafka', 'strimzi.io/broker-role': 'true' } } }],
          ports: [{ protocol: 'TCP', port: 9093 }],
        },
        {
          ports: [
            { protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 },
            { protocol: 'UDP', port: 5353 }, { protocol: 'TCP', port: 5353 },
          ],
        },
      ],
    });
  });

  test('networkPolicies: false leaves the NetworkPolicies out, and still admits the services to the listener', () => {
    const { infra, pair } = securedApp({ networkPolicies: false });
    expect(kinds(Testing.synth(Chart.of(pair))).filter((k) => k.startsWith('NetworkPolicy'))).toEqual([]);
    expect(pair.producer.networkPolicy).toBeUndefined();
    expect(only(Testing.synth(infra), 'Kafka').spec.kafka.listeners[1].networkPolicyPeers).toHaveLength(2);
  });

  test('a service with 2 or more replicas gets a PodDisruptionBudget that evicts one pod at a time', () => {
    const { pair } = securedApp({ consumer: { replicas: 2 } });
    const objects = Testing.synth(Chart.of(pair));
    expect(only(objects, 'PodDisruptionBudget', 'data-consumer').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'data-consumer' } },
    });
    expect(objects.filter((o) => o.kind === 'PodDisruptionBudget')).toHaveLength(1);
  });

  test('users, policies and budgets pass the Strimzi CRDs and Kubernetes models', () => {
    const { app } = securedApp({ consumer: { replicas: 2 } },
      { listeners: [{ name: 'mtls', port: 9094, tls: true, authentication: ListenerAuthentication.TLS }] });
    const objects = synthApp(app);
    expect(kinds(objects).filter((k) => /KafkaUser|NetworkPolicy|PodDisruptionBudget/.test(k))).toEqual([
      'KafkaUser/data-producer', 'NetworkPolicy/data-producer',
      'KafkaUser/data-consumer', 'NetworkPolicy/data-consumer', 'PodDisruptionBudget/data-consumer',
    ]);
    expect([...validateAgainstStrimziCrds(objects), ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length)).toEqual([]);
  });
});

describe('MicroservicePair security rules', () => {
  test('a listener without authentication on a cluster that authorizes requests', () => {
    expect(() => securedApp({ listener: 'open' }, {
      listeners: [{ name: 'open', port: 9092, authentication: ListenerAuthentication.NONE }, { name: 'tls', port: 9093, tls: true }],
    })).toThrow(
      /\[listener-anonymous-denied\]: .*listener 'open' has no authentication but cluster 'events' authorizes requests, so the clients/,
    );
  });

  test('a password cannot be passed as env', () => {
    expect(() => securedApp({ producer: { env: { KAFKA_SASL_PASSWORD: 'hunter2' } } })).toThrow(
      /\[service-env-password\]: .*env 'KAFKA_SASL_PASSWORD' would put a password in the manifest/,
    );
  });

  test('a cluster without a listener in-cluster clients can use', () => {
    expect(() => securedApp({}, { listeners: [{ name: 'external', port: 9094, tls: true, type: KafkaListenerType.ROUTE }] })).toThrow(
      /\[cluster-no-in-cluster-listener\]: .*cluster 'events' has no internal or cluster-ip listener for in-cluster clients/,
    );
  });
});
