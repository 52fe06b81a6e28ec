import { Chart, Testing } from 'cdk8s';
import { KafkaBridge, KafkaBridgeProps, KafkaCluster, MicroservicePair, Topic, Warnings } from '../../../lib';
import { validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { muteStderr } from '../support/stderr';
import { only, synthApp } from '../support/synth';
import { warned } from '../support/warnings';

muteStderr();

function bridgeApp(props: Partial<KafkaBridgeProps> = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'platform', { namespace: 'shop' });
  const cluster = new KafkaCluster(chart, 'shop-kafka', { brokers: 3 });
  const orders = new Topic(chart, 'orders', { cluster });
  const payments = new Topic(chart, 'payments', { cluster });
  const bridge = new KafkaBridge(chart, 'shop-bridge', { cluster, produces: [orders], consumes: [payments], ...props });
  return { app, chart, cluster, orders, payments, bridge };
}

describe('KafkaBridge', () => {
  test('its user may write what it produces and read what it consumes in its group, and nothing more', () => {
    // GIVEN a bridge producing to `orders` and consuming `payments`
    const { app, bridge } = bridgeApp();
    // WHEN synthesized
    const objects = synthApp(app);
    // THEN the KafkaBridge connects through the TLS listener as its own SCRAM user, with both endpoints on
    expect(only(objects, 'KafkaBridge').spec).toEqual({
      replicas: 1,
      bootstrapServers: 'shop-kafka-kafka-bootstrap:9093',
      http: { port: 8080 },
      producer: { enabled: true },
      consumer: { enabled: true },
      tls: { trustedCertificates: [{ secretName: 'shop-kafka-cluster-ca-cert', certificate: 'ca.crt' }] },
      authentication: { type: 'scram-sha-512', username: 'shop-bridge', passwordSecret: { secretName: 'shop-bridge', password: 'password' } },
    });
    // AND Strimzi's list (consumers Describe + Read on the topic and Read on the group; producers Describe + Write),
    // Describe being implied by Read and Write in Kafka's StandardAuthorizer
    expect(only(objects, 'KafkaUser', 'shop-bridge').spec.authorization.acls).toEqual([
      { resource: { type: 'topic', name: 'orders', patternType: 'literal' }, operations: ['Write'] },
      { resource: { type: 'topic', name: 'payments', patternType: 'literal' }, operations: ['Read'] },
      { resource: { type: 'group', name: 'shop-bridge', patternType: 'literal' }, operations: ['Read'] },
    ]);
    expect(bridge.url).toBe('http://shop-bridge-bridge-service:8080');
    // AND the listener admits the bridge pods
    expect(only(objects, 'Kafka').spec.kafka.listeners.find((l: any) => l.name === 'tls').networkPolicyPeers)
      .toEqual([{ podSelector: { matchLabels: { 'strimzi.io/cluster': 'shop-bridge', 'strimzi.io/kind': 'KafkaBridge',
        'strimzi.io/name': 'shop-bridge-bridge' } } }]);
  });

  test('a service wired with allowFrom may call it: the bridge admits it, and its own egress is opened', () => {
    // GIVEN a bridge and a MicroservicePair whose consumer calls it
    const { app, bridge, cluster, payments } = bridgeApp();
    const pair = new MicroservicePair(new Chart(app, 'pair', { namespace: 'shop' }), 'Default', { cluster, topic: payments });
    bridge.allowFrom(pair.consumer.podSelector);
    // WHEN synthesized
    const objects = synthApp(app);
    // THEN the bridge's policy lets only that service reach its HTTP port, and the bridge only its brokers and DNS
    const policy = only(objects, 'NetworkPolicy', 'shop-bridge-bridge-http');
    expect(policy.spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'data-consumer' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }],
    }]);
    expect(policy.spec.egress[0]).toEqual({
      to: [{ podSelector: { matchLabels: { 'strimzi.io/cluster': 'shop-kafka', 'strimzi.io/kind': 'Kafka', 'strimzi.io/broker-role': 'true' } } }],
      ports: [{ protocol: 'TCP', port: 9093 }],
    });
    // AND a policy of the client's own opens its egress to the bridge, on top of its service policy
    const clients = objects.filter((o) => o.kind === 'NetworkPolicy' && String(o.metadata?.name).startsWith('shop-bridge-bridge-client-'));
    expect(clients).toHaveLength(1);
    expect((clients[0] as any).spec).toEqual({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'data-consumer' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: bridge.podSelector } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
    expect(Warnings.of(app).all).not.toContainEqual(warned('bridge-no-clients'));
    const failures = [...validateAgainstStrimziCrds(objects), ...validateAgainstKubernetes(objects)].filter((r) => r.errors.length);
    expect(failures).toEqual([]);
  });

  test('only the endpoints it has topics for are on; a group prefix is granted as a prefix', () => {
    const { app } = bridgeApp({ produces: undefined, consumerGroupId: 'web-', consumerGroupIsPrefix: true, httpPort: 8443 });
    const objects = synthApp(app);
    expect(only(objects, 'KafkaBridge').spec).toMatchObject({ producer: { enabled: false }, consumer: { enabled: true }, http: { port: 8443 } });
    expect(only(objects, 'KafkaUser', 'shop-bridge').spec.authorization.acls).toContainEqual(
      { resource: { type: 'group', name: 'web-', patternType: 'prefix' }, operations: ['Read'] });
  });

  test('without clients wired, it warns that every request would be dropped', () => {
    const { app } = bridgeApp();
    synthApp(app);
    expect(Warnings.of(app).all).toContainEqual(warned('bridge-no-clients', "KafkaBridge 'shop-bridge'", 'allowFrom'));
  });

  test.each([
    ['no topics', { produces: undefined, consumes: undefined }, 'bridge-topics', /neither produces nor consumes/],
    ['a privileged HTTP port', { httpPort: 80 }, 'bridge-http-port', /from 1023 to 65535/],
    ['a name no Service may have', { name: '9-bridge' }, 'connect-name', /9-bridge-bridge-service/],
    ['a cluster that is not a KafkaCluster', { cluster: 'shop-kafka' }, 'bridge-cluster-invalid', /its cluster is not a KafkaCluster/],
    ['a negative number of pods', { replicas: -1 }, 'bridge-replicas-invalid', /replicas is invalid: -1/],
    ['an image that is no image reference', { image: 'Quay.io/Strimzi/Bridge' }, 'bridge-image-invalid', /Quay\.io\/Strimzi\/Bridge/],
  ] as const)('%s is refused in the constructor', (_what, props, code, phrase) => {
    expect(() => bridgeApp(props as Partial<KafkaBridgeProps>)).toThrow(new RegExp(`^KafkaBridge '.*' \\(platform/.*\\) \\[${code}\\]: `));
    expect(() => bridgeApp(props as Partial<KafkaBridgeProps>)).toThrow(phrase);
  });

  test('allowFrom refuses an empty selector, which would admit the whole namespace', () => {
    const { bridge } = bridgeApp();
    expect(() => bridge.allowFrom({})).toThrow(/\[bridge-allow-from-empty-selector\]: .*empty pod selector/);
  });
});
