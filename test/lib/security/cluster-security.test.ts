import { Chart, Testing } from 'cdk8s';
import { KafkaAuthorization, KafkaCluster, KafkaClusterProps, KafkaListenerType, ListenerAuthentication, Warnings } from '../../../lib';
import { validateAgainstStrimziCrds } from '../support/schemas';
import { muteStderr } from '../support/stderr';
import { appWithChart, only } from '../support/synth';
import { strictWarning, warned } from '../support/warnings';

// Opting out of secure defaults warns on stderr; the warnings are asserted through Warnings.of(app).all.
muteStderr();

const kafkaOf = (chart: Chart) => only(Testing.synth(chart), 'Kafka');

describe('KafkaCluster security: secure by default', () => {

  test('both default listeners authenticate with SCRAM-SHA-512 and the cluster authorizes with simple ACLs', () => {
    // GIVEN a cluster with no props
    const { app, chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c');
    // WHEN synthesized
    const kafka = kafkaOf(chart).spec.kafka;
    // THEN no listener admits an unauthenticated client, requests are authorized, and nothing warns
    expect(kafka.listeners.map((l: any) => [l.name, l.tls, l.authentication])).toEqual([
      ['plain', false, { type: 'scram-sha-512' }],
      ['tls', true, { type: 'scram-sha-512' }],
    ]);
    expect(kafka.authorization).toEqual({ type: 'simple' });
    expect(cluster.authorization.enabled).toBe(true);
    expect(Warnings.of(app).all).toEqual([]);
  });

  test('a listener given without authentication gets SCRAM-SHA-512; mTLS is available on TLS listeners', () => {
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', {
      listeners: [
        { name: 'internal', port: 9092 },
        { name: 'mtls', port: 9094, tls: true, authentication: ListenerAuthentication.TLS },
      ],
    });
    expect(kafkaOf(chart).spec.kafka.listeners.map((l: any) => [l.name, l.authentication])).toEqual([
      ['internal', { type: 'scram-sha-512' }],
      ['mtls', { type: 'tls' }],
    ]);
  });

  test('super users are written without the User: prefix, as Strimzi expects', () => {
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', {
      authorization: KafkaAuthorization.simple({ superUsers: ['CN=ops-admin', 'admin'] }),
    });
    expect(kafkaOf(chart).spec.kafka.authorization).toEqual({ type: 'simple', superUsers: ['CN=ops-admin', 'admin'] });
  });

  test("the User Operator's secretPrefix is rendered and becomes part of every user's Secret name", () => {
    const { chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'c', { userOperator: { secretPrefix: 'kafka-' } });
    expect(kafkaOf(chart).spec.entityOperator.userOperator).toEqual({ secretPrefix: 'kafka-' });
    expect(cluster.userOperator).toMatchObject({ enabled: true, secretPrefix: 'kafka-' });
  });

  test('listener peers: given peers are kept, external listeners without peers stay as Strimzi has them', () => {
    // GIVEN explicit peers on an internal listener, and a route listener without any
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', {
      listeners: [
        { name: 'tls', port: 9093, tls: true, networkPolicyPeers: [{ namespaceSelector: { matchLabels: { team: 'analytics' } } }] },
        { name: 'external', port: 9094, tls: true, type: KafkaListenerType.ROUTE },
      ],
    });
    // WHEN synthesized
    const [tls, external] = kafkaOf(chart).spec.kafka.listeners;
    // THEN the internal listener admits what was given; the route (outside traffic) is not restricted by pods
    expect(tls.networkPolicyPeers).toEqual([{ namespaceSelector: { matchLabels: { team: 'analytics' } } }]);
    expect(external.networkPolicyPeers).toBeUndefined();
  });

  test('every security field passes the Strimzi 1.2.0 Kafka CRD', () => {
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', {
      listeners: [
        { name: 'plain', port: 9092, networkPolicyPeers: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] },
        { name: 'mtls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS },
        { name: 'open', port: 9094, authentication: ListenerAuthentication.NONE, networkPolicyPeers: [{ namespaceSelector: {} }] },
      ],
      authorization: KafkaAuthorization.simple({ superUsers: ['CN=ops-admin'] }),
      userOperator: { secretPrefix: 'kafka-' },
    });
    const [result] = validateAgainstStrimziCrds([kafkaOf(chart)]);
    expect(result.errors).toEqual([]);
  });
});

describe('KafkaCluster security rules', () => {
  const make = (props: KafkaClusterProps) => () => new KafkaCluster(appWithChart().chart, 'c', props);

  test('tls (mTLS) authentication needs a TLS listener', () => {
    expect(make({ listeners: [{ name: 'plain', port: 9092, authentication: ListenerAuthentication.TLS }] })).toThrow(
      /\[listener-mtls-without-tls\]: .*has tls \(mTLS\) authentication but tls: false/,
    );
  });

  test('an authentication this library does not offer (a cast around the type)', () => {
    expect(make({ listeners: [{ name: 'plain', port: 9092, authentication: 'oauth' as ListenerAuthentication }] })).toThrow(
      /\[listener-authentication-unsupported\]: .*has authentication 'oauth', which Strimzi 1\.2\.0 does not offer here \(it offers scram-sha-512/,
    );
  });

  test('super users are written without the User: prefix', () => {
    expect(make({ authorization: KafkaAuthorization.simple({ superUsers: ['User:CN=ops'] }) })).toThrow(
      /\[super-user-prefixed\]: .*starts with 'User:', but Strimzi adds that prefix itself \(the principal would be/,
    );
  });

  test('super users are not empty and hold no separator', () => {
    expect(make({ authorization: KafkaAuthorization.simple({ superUsers: [' '] }) })).toThrow(
      /\[super-user-empty\]: .*is empty/,
    );
    expect(make({ authorization: KafkaAuthorization.simple({ superUsers: ['a;b'] }) })).toThrow(
      /\[super-user-semicolon\]: .*contains ';', which separates entries of Kafka's super\.users/,
    );
  });

  test('listener peers are valid NetworkPolicyPeers: not empty, an ipBlock or selectors', () => {
    expect(make({ listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [{}] }] })).toThrow(
      /\[listener-peer-empty\]: .*has an empty networkPolicyPeers entry, which Kubernetes refuses/,
    );
    expect(make({ listeners: [{ name: 'plain', port: 9092, networkPolicyPeers: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] })).toThrow(
      /\[listener-peer-ipblock-with-selector\]: .*has a networkPolicyPeers entry with both an ipBlock and a selector/,
    );
  });

  test("the User Operator's secretPrefix must be able to start a Secret name", () => {
    expect(make({ userOperator: { secretPrefix: '-Kafka_' } })).toThrow(
      /\[user-operator-secret-prefix-invalid\]: .*cannot start a Secret name: it must be lower-case letters, digits, '-' and '\.', starting/,
    );
  });
});

describe('KafkaCluster security warnings', () => {

  test('authorization turned off warns, and fails in strict mode', () => {
    // GIVEN a cluster that opts out of authorization
    const { app, chart } = appWithChart();
    new KafkaCluster(chart, 'c', { authorization: KafkaAuthorization.none() });
    // WHEN synthesized THEN the opt-out is named with its danger
    const kafka = only(Testing.synth(chart), 'Kafka');
    expect(kafka.spec.kafka.authorization).toBeUndefined();
    expect(Warnings.of(app).all).toEqual([warned('authorization-off', "KafkaCluster 'c' (test/c)", 'no authorization', 'every topic')]);
    // AND in strict mode it is an error
    const strict = appWithChart(undefined, { [Warnings.STRICT_CONTEXT]: true });
    new KafkaCluster(strict.chart, 'c', { authorization: KafkaAuthorization.none() });
    expect(() => Testing.synth(strict.chart)).toThrow(strictWarning('authorization-off', "KafkaCluster 'c' (test/c)"));
  });

  test('a listener without authentication warns: denied everything with authorization, allowed everything without', () => {
    // GIVEN one unauthenticated listener on an authorizing cluster, and one on a cluster without authorization
    const { app, chart } = appWithChart();
    const listeners = [{ name: 'open', port: 9092, authentication: ListenerAuthentication.NONE }];
    new KafkaCluster(chart, 'a', { listeners });
    new KafkaCluster(chart, 'b', { listeners, authorization: KafkaAuthorization.none() });
    // WHEN the warnings are listed THEN each says what its clients would get
    expect(Warnings.of(app).all.filter((w) => w.code === 'listener-unauthenticated')).toEqual([
      warned('listener-unauthenticated', "KafkaCluster 'a' listener 'open' (test/a)", 'User:ANONYMOUS', 'denies them everything'),
      warned('listener-unauthenticated', "KafkaCluster 'b' listener 'open' (test/b)", 'no authorization', 'may do anything'),
    ]);
  });
});
