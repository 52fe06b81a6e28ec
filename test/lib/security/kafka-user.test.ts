import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  AclOperation, AclPatternType, AclResource, AclRuleType, IKafkaCluster, KafkaAuthorization, KafkaCluster, KafkaClusterProps, KafkaUser,
  KafkaUserProps, ListenerAuthentication, UserAuthentication, Warnings,
} from '../../../lib';
import { coded } from '../support/errors';
import { validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { muteStderr } from '../support/stderr';
import { appWithChart, only } from '../support/synth';
import { warned } from '../support/warnings';

// Opting out of secure defaults warns on stderr; the warnings are asserted through Warnings.of(app).all.
muteStderr();

/** A cluster (with `clusterProps`) and a user (with `props`) in one chart. */
function userApp(props: Partial<KafkaUserProps> = {}, clusterProps: KafkaClusterProps = {}) {
  const { app, chart } = appWithChart();
  const cluster = new KafkaCluster(chart, 'events', clusterProps);
  const user = new KafkaUser(chart, 'reporting', { cluster, ...props });
  return { app, chart, cluster, user };
}

describe('KafkaUser', () => {
  test('defaults: a SCRAM-SHA-512 user labelled for its cluster, whose credentials are facts', () => {
    // GIVEN a user with no props but its cluster
    const { chart, user } = userApp();
    // WHEN synthesized
    const resource = only(Testing.synth(chart), 'KafkaUser');
    // THEN the resource is what the User Operator watches, and the credentials are exposed, not typed
    expect(resource).toEqual({
      apiVersion: 'kafka.strimzi.io/v1',
      kind: 'KafkaUser',
      metadata: { name: 'reporting', labels: { 'strimzi.io/cluster': 'events' } },
      spec: { authentication: { type: 'scram-sha-512' } },
    });
    expect(user.principal).toBe('User:reporting');
    expect(user.credentials).toEqual({
      authentication: UserAuthentication.SCRAM_SHA_512,
      secretName: 'reporting',
      username: 'reporting',
      passwordKey: 'password',
      saslJaasConfigKey: 'sasl.jaas.config',
    });
  });

  test('a TLS user: principal CN=<name>, and the certificate keys of its Secret', () => {
    const { user } = userApp({ authentication: UserAuthentication.TLS });
    expect(user.principal).toBe('User:CN=reporting');
    expect(user.credentials).toEqual({
      authentication: UserAuthentication.TLS,
      secretName: 'reporting',
      certificateKey: 'user.crt',
      privateKeyKey: 'user.key',
      clientsCaKey: 'ca.crt',
    });
  });

  test("the Secret name carries the cluster's User Operator secretPrefix", () => {
    const { user } = userApp({}, { userOperator: { secretPrefix: 'kafka-' } });
    expect(user.credentials.secretName).toBe('kafka-reporting');
  });

  test('every field is rendered in the CRD form and passes the Strimzi and Kubernetes schemas', () => {
    // GIVEN a TLS user with ACLs on every resource type, quotas and Secret metadata, and a SCRAM user with its own password
    const { chart, cluster } = userApp({
      name: 'audit',
      authentication: UserAuthentication.TLS,
      validityDays: 30,
      renewalDays: 10,
      acls: [
        { resource: AclResource.topic('orders.', AclPatternType.PREFIX), operations: [AclOperation.READ, AclOperation.DESCRIBE_CONFIGS] },
        { resource: AclResource.group('audit'), operations: [AclOperation.READ] },
        { resource: AclResource.transactionalId('audit-tx'), operations: [AclOperation.WRITE, AclOperation.DESCRIBE] },
        { resource: AclResource.cluster(), operations: [AclOperation.DESCRIBE] },
        { resource: AclResource.topic('orders.secret'), operations: [AclOperation.READ], type: AclRuleType.DENY, host: '10.0.0.7' },
      ],
      quotas: { producerByteRate: 1048576, consumerByteRate: 2097152, requestPercentage: 25, controllerMutationRate: 0.5 },
      secretMetadata: { labels: { team: 'audit' }, annotations: { owner: 'audit@example.com' } },
    });
    new KafkaUser(chart, 'ingest', { cluster, password: { secretName: 'ingest-password', key: 'pw' } });
    // WHEN synthesized
    const objects = Testing.synth(chart);
    // THEN the specs read as the CRD documents them
    expect(only(objects, 'KafkaUser', 'audit').spec).toEqual({
      authentication: { type: 'tls', validityDays: 30, renewalDays: 10 },
      authorization: {
        type: 'simple',
        acls: [
          { resource: { type: 'topic', name: 'orders.', patternType: 'prefix' }, operations: ['Read', 'DescribeConfigs'] },
          { resource: { type: 'group', name: 'audit', patternType: 'literal' }, operations: ['Read'] },
          { resource: { type: 'transactionalId', name: 'audit-tx', patternType: 'literal' }, operations: ['Write', 'Describe'] },
          { resource: { type: 'cluster' }, operations: ['Describe'] },
          { resource: { type: 'topic', name: 'orders.secret', patternType: 'literal' }, operations: ['Read'], type: 'deny', host: '10.0.0.7' },
        ],
      },
      quotas: { producerByteRate: 1048576, consumerByteRate: 2097152, requestPercentage: 25, controllerMutationRate: 0.5 },
      template: { secret: { metadata: { labels: { team: 'audit' }, annotations: { owner: 'audit@example.com' } } } },
    });
    expect(only(objects, 'KafkaUser', 'ingest').spec.authentication).toEqual({
      type: 'scram-sha-512',
      password: { valueFrom: { secretKeyRef: { name: 'ingest-password', key: 'pw' } } },
    });
    // AND every object passes the Strimzi 1.2.0 CRDs and Kubernetes' models
    const users = objects.filter((o) => o.kind === 'KafkaUser');
    expect([...validateAgainstStrimziCrds(users), ...validateAgainstKubernetes(users)].filter((r) => r.errors.length)).toEqual([]);
  });

  test('rules on the same resource, type and host merge, so granting the same access twice adds nothing', () => {
    const { chart, user } = userApp();
    user.addAcl({ resource: AclResource.topic('t'), operations: [AclOperation.WRITE] });
    user.addAcl({ resource: AclResource.topic('t'), operations: [AclOperation.READ, AclOperation.WRITE] });
    user.addAcl({ resource: AclResource.topic('t'), operations: [AclOperation.READ], type: AclRuleType.DENY });
    expect(only(Testing.synth(chart), 'KafkaUser').spec.authorization.acls).toEqual([
      { resource: { type: 'topic', name: 't', patternType: 'literal' }, operations: ['Read', 'Write'] },
      { resource: { type: 'topic', name: 't', patternType: 'literal' }, operations: ['Read'], type: 'deny' },
    ]);
  });

  test('the escape hatch patches the final JSON in Strimzi field names, and is schema-checked', () => {
    // GIVEN a patch written as the Strimzi reference documents the field
    const { chart, user } = userApp();
    ApiObject.of(user).addJsonPatch(JsonPatch.add('/spec/quotas', { producerByteRate: 1024 }));
    expect(only(Testing.synth(chart), 'KafkaUser').spec.quotas).toEqual({ producerByteRate: 1024 });
    // AND a patch with a field the CRD lacks fails the synth naming the user
    ApiObject.of(user).addJsonPatch(JsonPatch.add('/spec/quotas/bytesPerDay', 1));
    expect(() => Testing.synth(chart)).toThrow(
      /\[crd-schema-mismatch\]: .*its KafkaUser 'reporting' does not match the Strimzi 1\.2\.0 CRD: \/spec\/quotas has the field/,
    );
  });
});

describe('KafkaUser rules', () => {
  const make = (props: Partial<KafkaUserProps>, clusterProps?: KafkaClusterProps) => () => userApp(props, clusterProps);

  test('the name is a resource name (it is also the Kafka user name and the Secret name)', () => {
    expect(make({ name: 'Reporting_Job' })).toThrow(
      /\[user-name-invalid\]: .*is not a valid KafkaUser name: it must be at most 253 characters of lower-case letters/,
    );
  });

  test('the Secret name (prefix + name) is at most 253 characters', () => {
    expect(make({ name: 'u'.repeat(250) }, { userOperator: { secretPrefix: 'kafka-' } })).toThrow(
      /\[user-secret-name-too-long\]: .*its credentials Secret 'kafka-u+' \(the cluster's secretPrefix \+ the user name\) would be longer than 253/,
    );
  });

  test('a TLS user name is at most 64 characters', () => {
    expect(make({ name: 'a'.repeat(65), authentication: UserAuthentication.TLS })).toThrow(
      /\[user-tls-name-too-long\]: .*has 65 characters, but a user with TLS client authentication may have at most 64 \(the name/,
    );
    expect(make({ name: 'a'.repeat(64), authentication: UserAuthentication.TLS })).not.toThrow();
  });

  test('the cluster is an IKafkaCluster (a JavaScript caller or a cast can pass anything)', () => {
    expect(make({ cluster: 'events' as unknown as IKafkaCluster })).toThrow(
      coded('user-cluster-invalid', 'its cluster is not an IKafkaCluster', 'KafkaCluster.fromExisting'));
  });

  test('an authentication this construct does not offer (a cast around the type)', () => {
    expect(make({ authentication: 'tls-external' as UserAuthentication })).toThrow(
      /\[user-authentication-unsupported\]: .*has authentication 'tls-external', which this construct does not offer/,
    );
  });

  test('a password only for SCRAM users, from a valid Secret key', () => {
    expect(make({ authentication: UserAuthentication.TLS, password: { secretName: 's', key: 'k' } })).toThrow(
      /\[user-password-with-tls\]: .*has a password but TLS authentication/,
    );
    expect(make({ password: { secretName: 'My Secret', key: 'pw' } })).toThrow(
      /\[user-password-reference-invalid\]: .*its password reference 'My Secret'\/'pw' is not a valid Secret name and key/,
    );
  });

  test('validityDays and renewalDays: TLS only (CEL rule of the CRD)', () => {
    expect(make({ validityDays: 30, renewalDays: 10 })).toThrow(
      /\[user-validity-without-tls\]: .*sets validityDays\/renewalDays, which can be configured only with 'type: tls'/,
    );
  });

  test('validityDays and renewalDays: set together (CEL rule of the CRD)', () => {
    expect(make({ authentication: UserAuthentication.TLS, validityDays: 30 })).toThrow(
      /\[user-validity-renewal-half-set\]: .*sets only one of validityDays and renewalDays/,
    );
  });

  test('validityDays and renewalDays: whole days, renewal before expiry (CEL rule of the CRD)', () => {
    expect(make({ authentication: UserAuthentication.TLS, validityDays: 30, renewalDays: 0.5 })).toThrow(
      /\[user-validity-days-invalid\]: .*renewalDays is 0\.5 but must be a whole number of days, at least 1/,
    );
    expect(make({ authentication: UserAuthentication.TLS, validityDays: 10, renewalDays: 10 })).toThrow(
      /\[user-renewal-not-before-expiry\]: .*renewalDays \(10\) must be less than validityDays \(10\)/,
    );
  });

  test('quotas are at least 0, byte rates and request percentage whole numbers', () => {
    expect(make({ quotas: { producerByteRate: -1 } })).toThrow(
      /\[user-quota-invalid\]: .*quota producerByteRate is -1 but must be a whole number of at least 0/,
    );
    expect(make({ quotas: { requestPercentage: 2.5 } }))
      .toThrow(/\[user-quota-invalid\]: .*quota requestPercentage is 2.5 but must be a whole number/);
    expect(make({ quotas: { controllerMutationRate: Number.NaN } }))
      .toThrow(/\[user-quota-invalid\]: .*quota controllerMutationRate is NaN but must be a number of at least 0/);
    expect(make({ quotas: { controllerMutationRate: 0.5 } })).not.toThrow();
  });

  test('an ACL names its resource', () => {
    expect(make({ acls: [{ resource: AclResource.topic(''), operations: [AclOperation.READ] }] })).toThrow(
      /\[acl-resource-name-empty\]: .*an ACL on a topic has an empty name, which matches nothing/,
    );
  });

  test('an ACL lists at least one operation', () => {
    expect(make({ acls: [{ resource: AclResource.group('g'), operations: [] }] })).toThrow(
      /\[acl-operations-empty\]: .*the ACL on group 'g' lists no operations/,
    );
  });

  test("an ACL's operations apply to its resource type (Kafka's AclEntry.supportedOperations)", () => {
    expect(make({ acls: [{ resource: AclResource.group('g', AclPatternType.PREFIX), operations: [AclOperation.WRITE] }] })).toThrow(
      /\[acl-operation-not-for-resource\]: .*the ACL on group prefix 'g' lists operation 'Write', which Kafka does not define for a group/,
    );
    expect(make({ acls: [{ resource: AclResource.cluster(), operations: [AclOperation.READ] }] })).toThrow(
      /\[acl-operation-not-for-resource\]: .*the ACL on cluster lists operation 'Read', which Kafka does not define for a cluster/,
    );
  });

  test('an ACL host is not empty', () => {
    expect(make({ acls: [{ resource: AclResource.topic('t'), operations: [AclOperation.READ], host: '' }] })).toThrow(
      /\[acl-host-empty\]: .*the ACL on topic 't' has an empty host/,
    );
  });
});

describe('KafkaUser rules checked at synth', () => {

  test("a user in another namespace than its cluster's", () => {
    // GIVEN a cluster in 'kafka' and a user in 'apps'
    const app = new App();
    const cluster = new KafkaCluster(new Chart(app, 'infra', { namespace: 'kafka' }), 'events');
    new KafkaUser(new Chart(app, 'apps', { namespace: 'apps' }), 'reporting', { cluster });
    // WHEN synthesized THEN the rule and the fix are named
    expect(() => Testing.synth(app.charts[1])).toThrow(
      /\[user-namespace-mismatch\]: .*is in namespace 'apps' but its cluster 'events' is in 'kafka'/,
    );
  });

  test('a user of a cluster without User Operator', () => {
    const { chart } = userApp({}, { userOperator: { enabled: false } });
    expect(() => Testing.synth(chart)).toThrow(
      /\[user-operator-missing\]: .*cluster 'events' runs no User Operator, so the KafkaUser would be ignored/,
    );
  });

  test('ACLs need the cluster to authorize (the User Operator refuses them otherwise)', () => {
    const { chart } = userApp(
      { acls: [{ resource: AclResource.topic('t'), operations: [AclOperation.READ] }] },
      { authorization: KafkaAuthorization.none() },
    );
    expect(() => Testing.synth(chart)).toThrow(
      /\[user-acls-without-authorization\]: .*has ACLs but cluster 'events' has no authorization/,
    );
  });

  test('a user no listener lets log in warns', () => {
    // GIVEN a TLS user of a cluster whose listeners all take SCRAM
    const { app, chart } = userApp({ authentication: UserAuthentication.TLS });
    // WHEN synthesized THEN the user is said to be unable to connect
    Testing.synth(chart);
    expect(Warnings.of(app).all)
      .toEqual([warned('user-cannot-connect', "KafkaUser 'reporting' (test/reporting)", 'tls', "cluster 'events'", 'cannot log in')]);
    // AND with an mTLS listener it can
    const ok = userApp({ authentication: UserAuthentication.TLS },
      { listeners: [{ name: 'mtls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] });
    Testing.synth(ok.chart);
    expect(Warnings.of(ok.app).all).toEqual([]);
  });
});

describe('KafkaUser.fromExisting: a user defined elsewhere (another chart, team, or by hand)', () => {
  /** A team's chart that knows the platform team's cluster (secretPrefix 'kafka-', one SCRAM and one mTLS listener). */
  function teamApp() {
    const app = Testing.app();
    const chart = new Chart(app, 'team', { namespace: 'kafka' });
    const cluster = KafkaCluster.fromExisting(chart, 'platform', {
      name: 'platform', userOperator: { secretPrefix: 'kafka-' },
      listeners: [
        { name: 'tls', port: 9093, tls: true, authentication: ListenerAuthentication.SCRAM_SHA_512 },
        { name: 'mtls', port: 9094, tls: true, authentication: ListenerAuthentication.TLS },
      ],
    });
    return { app, chart, cluster };
  }

  test('its principal, cluster and credentials are derived as for a KafkaUser of this app, and nothing is rendered', () => {
    // GIVEN a SCRAM user and an mTLS user known only by name (and authentication)
    const { app, chart, cluster } = teamApp();
    const billing = KafkaUser.fromExisting(chart, 'billing', { name: 'billing', cluster });
    const audit = KafkaUser.fromExisting(chart, 'audit', { name: 'audit', cluster, authentication: UserAuthentication.TLS });
    // WHEN synthesized
    const objects = Testing.synth(chart);
    // THEN no KafkaUser is rendered (the user's own app owns it) and no warning is raised (a listener takes each)
    expect(objects).toEqual([]);
    expect(Warnings.of(app).all).toEqual([]);
    // AND the facts a client needs come from the names Strimzi derives, the cluster's secretPrefix included
    expect(billing.cluster).toBe(cluster);
    expect(billing.authentication).toBe(UserAuthentication.SCRAM_SHA_512);
    expect(billing.principal).toBe('User:billing');
    expect(billing.credentials).toEqual({
      authentication: UserAuthentication.SCRAM_SHA_512, secretName: 'kafka-billing', username: 'billing',
      passwordKey: 'password', saslJaasConfigKey: 'sasl.jaas.config',
    });
    expect(audit.principal).toBe('User:CN=audit');
    expect(audit.credentials).toEqual({
      authentication: UserAuthentication.TLS, secretName: 'kafka-audit',
      certificateKey: 'user.crt', privateKeyKey: 'user.key', clientsCaKey: 'ca.crt',
    });
  });

  test('the same name, Secret and authentication rules as a KafkaUser of this app, and its cluster must be one', () => {
    const { chart, cluster } = teamApp();
    expect(() => KafkaUser.fromExisting(chart, 'a', { name: 'Billing_Team', cluster }))
      .toThrow(coded('user-name-invalid', 'is not a valid KafkaUser name'));
    expect(() => KafkaUser.fromExisting(chart, 'b', { name: 'x'.repeat(65), cluster, authentication: UserAuthentication.TLS }))
      .toThrow(coded('user-tls-name-too-long', 'has 65 characters'));
    expect(() => KafkaUser.fromExisting(chart, 'c', { name: 'billing', cluster, authentication: 'oauth' as UserAuthentication }))
      .toThrow(coded('user-authentication-unsupported', "has authentication 'oauth'"));
    expect(() => KafkaUser.fromExisting(chart, 'd', { name: 'billing', cluster: 'platform' as unknown as IKafkaCluster }))
      .toThrow(coded('user-cluster-invalid', 'its cluster is not an IKafkaCluster'));
  });

  test('one no listener of its cluster lets log in warns, as a KafkaUser of this app does', () => {
    // GIVEN an mTLS user of a cluster whose listeners all take SCRAM (the default listeners)
    const app = Testing.app();
    const chart = new Chart(app, 'team', { namespace: 'kafka' });
    const cluster = KafkaCluster.fromExisting(chart, 'platform', { name: 'platform' });
    KafkaUser.fromExisting(chart, 'audit', { name: 'audit', cluster, authentication: UserAuthentication.TLS });
    // WHEN synthesized THEN it is said to be unable to connect
    Testing.synth(chart);
    expect(Warnings.of(app).all.map((w) => w.code)).toEqual(['user-cannot-connect']);
  });

  test('ACLs cannot be added to it: they live in its own KafkaUser, which this app does not render', () => {
    // GIVEN a user defined elsewhere
    const { chart, cluster } = teamApp();
    const billing = KafkaUser.fromExisting(chart, 'billing', { name: 'billing', cluster });
    // WHEN an ACL is added THEN it is refused, naming the ACL and where it must be added instead
    const transactions = { resource: AclResource.transactionalId('billing-tx'), operations: [AclOperation.WRITE, AclOperation.DESCRIBE] };
    expect(() => billing.addAcl(transactions))
      .toThrow(coded('existing-user-acls-elsewhere', "transactionalId 'billing-tx': Write, Describe",
        "Add these ACLs to KafkaUser 'billing' where it is defined"));
  });
});
