import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';
import { readKafkaUser } from '../../scripts/kafka/kafka-user';
import { validateAgainstStrimziCrds } from '../lib/support/schemas';
import { SEED_USERS } from './support/seed-users';

const user = (spec: unknown, name = 'app'): unknown => ({
  apiVersion: 'kafka.strimzi.io/v1',
  kind: 'KafkaUser',
  metadata: { name, labels: { 'strimzi.io/cluster': 'c' } },
  spec,
});

describe('the seed KafkaUsers used by the ACL tests', () => {
  test('are valid against the Strimzi 1.2.0 KafkaUser CRD (unknown fields are errors)', () => {
    const results = validateAgainstStrimziCrds(SEED_USERS.map((u) => ({ ...u })));
    expect(results).toHaveLength(SEED_USERS.length);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });
});

describe('readKafkaUser maps a KafkaUser as the User Operator does', () => {
  test('every ACL field: resource type, name, pattern, each operation, permission and host', () => {
    // GIVEN a SCRAM user with one rule per resource type, defaults left out in some
    const model = readKafkaUser(user({
      authentication: { type: 'scram-sha-512' },
      authorization: {
        type: 'simple',
        acls: [
          { resource: { type: 'topic', name: 'orders', patternType: 'prefix' }, operations: ['Read', 'Describe'], host: '10.0.0.1' },
          { resource: { type: 'group', name: 'audit' }, operations: ['Read'], type: 'deny' },
          { resource: { type: 'cluster' }, operations: ['IdempotentWrite'] },
          { resource: { type: 'transactionalId', name: 'tx', patternType: 'literal' }, operations: ['Write', 'All'] },
        ],
      },
    }));

    // THEN one binding per operation, with Strimzi's defaults (literal, allow, '*', resource kafka-cluster)
    expect(model.principal).toBe('User:app');
    const binding = (resourceType: AclResourceTypes, resourceName: string, resourcePatternType: ResourcePatternTypes,
      operation: AclOperationTypes, permissionType = AclPermissionTypes.ALLOW, host = '*') =>
      ({ resourceType, resourceName, resourcePatternType, operation, permissionType, host, principal: 'User:app' });
    expect(model.acls).toEqual([
      binding(AclResourceTypes.TOPIC, 'orders', ResourcePatternTypes.PREFIXED, AclOperationTypes.READ, AclPermissionTypes.ALLOW, '10.0.0.1'),
      binding(AclResourceTypes.TOPIC, 'orders', ResourcePatternTypes.PREFIXED, AclOperationTypes.DESCRIBE, AclPermissionTypes.ALLOW, '10.0.0.1'),
      binding(AclResourceTypes.GROUP, 'audit', ResourcePatternTypes.LITERAL, AclOperationTypes.READ, AclPermissionTypes.DENY),
      binding(AclResourceTypes.CLUSTER, 'kafka-cluster', ResourcePatternTypes.LITERAL, AclOperationTypes.IDEMPOTENT_WRITE),
      binding(AclResourceTypes.TRANSACTIONAL_ID, 'tx', ResourcePatternTypes.LITERAL, AclOperationTypes.WRITE),
      binding(AclResourceTypes.TRANSACTIONAL_ID, 'tx', ResourcePatternTypes.LITERAL, AclOperationTypes.ALL),
    ]);
  });

  test('TLS users are principal User:CN=<name>; quotas get Kafka’s keys', () => {
    const model = readKafkaUser(user({ authentication: { type: 'tls' }, quotas: { producerByteRate: 1024, controllerMutationRate: 0.5 } }, 'svc'));
    expect(model).toMatchObject({ authentication: 'tls', principal: 'User:CN=svc', acls: [],
      quotas: { producer_byte_rate: 1024, controller_mutation_rate: 0.5 } });
  });

  test('a user without authentication gets its ACLs as User:<name>', () => {
    const model = readKafkaUser(user({ authorization: { type: 'simple',
      acls: [{ resource: { type: 'topic', name: 't' }, operations: ['Read'] }] } }));
    expect(model.authentication).toBeUndefined();
    expect(model.acls.map((a) => a.principal)).toEqual(['User:app']);
  });

  test.each([
    ['a v1beta2 single operation', { authorization: { type: 'simple', acls: [{ resource: { type: 'topic', name: 't' }, operation: 'Write' }] } },
      /acls\[0\]\.operations must list at least one operation/],
    ['an unknown operation', { authorization: { type: 'simple', acls: [{ resource: { type: 'topic', name: 't' }, operations: ['Wirte'] }] } },
      /acls\[0\]\.operations\[0\] must be one of Read, Write, .* got "Wirte"/],
    ['a topic without name', { authorization: { type: 'simple', acls: [{ resource: { type: 'topic' }, operations: ['Read'] }] } },
      /acls\[0\]\.resource\.name is required for a topic resource/],
    ['a pattern type that does not exist', { authorization: { type: 'simple', acls: [{ resource: { type: 'group', name: 'g',
      patternType: 'prefixed' }, operations: ['Read'] }] } },
      /patternType must be one of literal, prefix, got "prefixed"/],
    ['a removed authentication type', { authentication: { type: 'oauth' } },
      /spec\.authentication\.type must be one of scram-sha-512, tls, tls-external, got "oauth"/],
    ['a password from a Secret', { authentication: { type: 'scram-sha-512', password: { valueFrom: { secretKeyRef: { name: 's', key: 'k' } } } } },
      /takes the password from a Secret, which the local harness cannot read; leave it out locally/],
    ['an unknown quota', { quotas: { fetchRate: 1 } }, /spec\.quotas\.fetchRate is not a quota; use producerByteRate/],
  ])('rejects %s, naming the user and the field', (_what, spec, message) => {
    expect(() => readKafkaUser(user(spec), 'dist/0003-users.k8s.yaml'))
    .toThrow(new RegExp(`^KafkaUser 'app' in dist/0003-users\\.k8s\\.yaml: .*${message.source}`));
  });

  test('rejects a TLS user whose name is longer than a certificate CN may be', () => {
    expect(() => readKafkaUser(user({ authentication: { type: 'tls' } }, 'a'.repeat(65)))).toThrow(/at most 64 characters/);
  });

  test('rejects an object that is not a v1 KafkaUser', () => {
    expect(() => readKafkaUser({ apiVersion: 'kafka.strimzi.io/v1beta2', kind: 'KafkaUser', metadata: { name: 'x' }, spec: {} }))
      .toThrow(/expected apiVersion kafka\.strimzi\.io\/v1 and kind KafkaUser, got "kafka\.strimzi\.io\/v1beta2"/);
  });
});
