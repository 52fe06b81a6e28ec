import { ApiObject, App, Chart, JsonPatch, Testing } from 'cdk8s';
import {
  AclOperation, AclPatternType, AclResource, AclRuleType, KafkaAuthorization, KafkaCluster, KafkaClusterProps, KafkaUser,
  KafkaUserProps, ListenerAuthentication, UserAuthentication, Warnings,
} from '../../../lib';
import { validateAgainstKubernetes, validateAgainstStrimziCrds } from '../support/schemas';
import { appWithChart, only } from '../support/synth';
import { muteStderr } from '../support/stderr';

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
      "KafkaUser 'reporting' (test/reporting): its KafkaUser 'reporting' does not match the Strimzi 1.2.0 CRD: " +
        "/spec/quotas has the field 'bytesPerDay', which the CRD does not define",
    );
  });
});

describe('KafkaUser rules', () => {
  const make = (props: Partial<KafkaUserProps>, clusterProps?: KafkaClusterProps) => () => userApp(props, clusterProps);

  test('the name is a resource name (it is also the Kafka user name and the Secret name)', () => {
    expect(make({ name: 'Reporting_Job' })).toThrow(
      "KafkaUser 'Reporting_Job' (test/reporting): is not a valid KafkaUser name: it must be at most 253 characters of " +
        "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit. Rename the user; its name " +
        'is also its Kafka user name and the name of its credentials Secret',
    );
  });

  test('the Secret name (prefix + name) is at most 253 characters', () => {
    expect(make({ name: 'u'.repeat(250) }, { userOperator: { secretPrefix: 'kafka-' } })).toThrow(
      /its credentials Secret 'kafka-u+' \(the cluster's secretPrefix \+ the user name\) would be longer than 253 characters/,
    );
  });

  test('a TLS user name is at most 64 characters', () => {
    expect(make({ name: 'a'.repeat(65), authentication: UserAuthentication.TLS })).toThrow(
      `KafkaUser '${'a'.repeat(65)}' (test/reporting): has 65 characters, but a user with TLS client authentication may ` +
        'have at most 64 (the name is the CN of its certificate). Shorten the name, or use UserAuthentication.SCRAM_SHA_512',
    );
    expect(make({ name: 'a'.repeat(64), authentication: UserAuthentication.TLS })).not.toThrow();
  });

  test('an authentication this construct does not offer (a cast around the type)', () => {
    expect(make({ authentication: 'tls-external' as UserAuthentication })).toThrow(
      "KafkaUser 'reporting' (test/reporting): has authentication 'tls-external', which this construct does not offer. " +
        'Use one of scram-sha-512, tls',
    );
  });

  test('a password only for SCRAM users, from a valid Secret key', () => {
    expect(make({ authentication: UserAuthentication.TLS, password: { secretName: 's', key: 'k' } })).toThrow(
      "KafkaUser 'reporting' (test/reporting): has a password but TLS authentication; only SCRAM users have passwords. " +
        "Remove 'password', or use UserAuthentication.SCRAM_SHA_512",
    );
    expect(make({ password: { secretName: 'My Secret', key: 'pw' } })).toThrow(
      "KafkaUser 'reporting' (test/reporting): its password reference 'My Secret'/'pw' is not a valid Secret name and key. " +
        "Name a Secret (lower-case letters, digits, '-', '.') and a key ([-._a-zA-Z0-9]+)",
    );
  });

  test('validityDays and renewalDays: TLS only (CEL rule of the CRD)', () => {
    expect(make({ validityDays: 30, renewalDays: 10 })).toThrow(
      "KafkaUser 'reporting' (test/reporting): sets validityDays/renewalDays, which can be configured only with 'type: tls'. " +
        'Remove them, or use UserAuthentication.TLS',
    );
  });

  test('validityDays and renewalDays: set together (CEL rule of the CRD)', () => {
    expect(make({ authentication: UserAuthentication.TLS, validityDays: 30 })).toThrow(
      "KafkaUser 'reporting' (test/reporting): sets only one of validityDays and renewalDays; both must be set together, " +
        'or both unset. Set both, e.g. validityDays: 30, renewalDays: 10',
    );
  });

  test('validityDays and renewalDays: whole days, renewal before expiry (CEL rule of the CRD)', () => {
    expect(make({ authentication: UserAuthentication.TLS, validityDays: 30, renewalDays: 0.5 })).toThrow(
      "KafkaUser 'reporting' (test/reporting): renewalDays is 0.5 but must be a whole number of days, at least 1. Set e.g. renewalDays: 30",
    );
    expect(make({ authentication: UserAuthentication.TLS, validityDays: 10, renewalDays: 10 })).toThrow(
      "KafkaUser 'reporting' (test/reporting): renewalDays (10) must be less than validityDays (10). " +
        'Renew some days before the certificate expires, e.g. validityDays: 30, renewalDays: 10',
    );
  });

  test('quotas are at least 0, byte rates and request percentage whole numbers', () => {
    expect(make({ quotas: { producerByteRate: -1 } })).toThrow(
      "KafkaUser 'reporting' (test/reporting): quota producerByteRate is -1 but must be a whole number of at least 0. " +
        'Set e.g. producerByteRate: 1048576',
    );
    expect(make({ quotas: { requestPercentage: 2.5 } })).toThrow(/quota requestPercentage is 2.5 but must be a whole number/);
    expect(make({ quotas: { controllerMutationRate: Number.NaN } })).toThrow(/quota controllerMutationRate is NaN but must be a number of at least 0/);
    expect(make({ quotas: { controllerMutationRate: 0.5 } })).not.toThrow();
  });

  test('an ACL names its resource', () => {
    expect(make({ acls: [{ resource: AclResource.topic(''), operations: [AclOperation.READ] }] })).toThrow(
      "KafkaUser 'reporting' (test/reporting): an ACL on a topic has an empty name, which matches nothing. " +
        'Name the topic, or use AclPatternType.PREFIX with a non-empty prefix',
    );
  });

  test('an ACL lists at least one operation', () => {
    expect(make({ acls: [{ resource: AclResource.group('g'), operations: [] }] })).toThrow(
      "KafkaUser 'reporting' (test/reporting): the ACL on group 'g' lists no operations. List at least one operation, e.g. AclOperation.READ",
    );
  });

  test("an ACL's operations apply to its resource type (Kafka's AclEntry.supportedOperations)", () => {
    expect(make({ acls: [{ resource: AclResource.group('g', AclPatternType.PREFIX), operations: [AclOperation.WRITE] }] })).toThrow(
      "KafkaUser 'reporting' (test/reporting): the ACL on group prefix 'g' lists operation 'Write', which Kafka does not " +
        'define for a group (it defines Read, Delete, Describe, AlterConfigs, DescribeConfigs, All). Remove the operation, ' +
        'or put it on a resource type it applies to',
    );
    expect(make({ acls: [{ resource: AclResource.cluster(), operations: [AclOperation.READ] }] })).toThrow(
      /the ACL on cluster lists operation 'Read', which Kafka does not define for a cluster/,
    );
  });

  test('an ACL host is not empty', () => {
    expect(make({ acls: [{ resource: AclResource.topic('t'), operations: [AclOperation.READ], host: '' }] })).toThrow(
      "KafkaUser 'reporting' (test/reporting): the ACL on topic 't' has an empty host. Leave 'host' out for any host ('*'), or give an IP address",
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
      "KafkaUser 'reporting' (apps/reporting): is in namespace 'apps' but its cluster 'events' is in 'kafka'; the User " +
        "Operator only watches its cluster's namespace, and writes the credentials Secret there. Create the user in a " +
        "chart with namespace 'kafka'",
    );
  });

  test('a user of a cluster without User Operator', () => {
    const { chart } = userApp({}, { userOperator: { enabled: false } });
    expect(() => Testing.synth(chart)).toThrow(
      "KafkaUser 'reporting' (test/reporting): cluster 'events' runs no User Operator, so the KafkaUser would be ignored. " +
        "Enable 'userOperator' on the cluster",
    );
  });

  test('ACLs need the cluster to authorize (the User Operator refuses them otherwise)', () => {
    const { chart } = userApp(
      { acls: [{ resource: AclResource.topic('t'), operations: [AclOperation.READ] }] },
      { authorization: KafkaAuthorization.none() },
    );
    expect(() => Testing.synth(chart)).toThrow(
      "KafkaUser 'reporting' (test/reporting): has ACLs but cluster 'events' has no authorization; the User Operator refuses " +
        'them ("Simple authorization ACL rules are configured but not supported in the Kafka cluster configuration"). ' +
        'Give the cluster KafkaAuthorization.simple() (the default), or remove the ACLs',
    );
  });

  test('a user no listener lets log in warns', () => {
    // GIVEN a TLS user of a cluster whose listeners all take SCRAM
    const { app, chart } = userApp({ authentication: UserAuthentication.TLS });
    // WHEN synthesized THEN the user is said to be unable to connect
    Testing.synth(chart);
    expect(Warnings.of(app).all).toEqual([{
      code: 'user-cannot-connect',
      message: "KafkaUser 'reporting' (test/reporting): authenticates with tls, but no listener of cluster 'events' accepts " +
        "tls, so its clients cannot log in. Add a listener with ListenerAuthentication.TLS, or change the user's authentication",
    }]);
    // AND with an mTLS listener it can
    const ok = userApp({ authentication: UserAuthentication.TLS },
      { listeners: [{ name: 'mtls', port: 9093, tls: true, authentication: ListenerAuthentication.TLS }] });
    Testing.synth(ok.chart);
    expect(Warnings.of(ok.app).all).toEqual([]);
  });
});
