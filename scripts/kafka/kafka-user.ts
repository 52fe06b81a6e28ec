import { AclEntry, AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes } from 'kafkajs';

/** How a KafkaUser authenticates (`spec.authentication.type`), or undefined for none. */
export type UserAuthentication = 'scram-sha-512' | 'tls' | 'tls-external';

/** The User Operator's quota keys, by the KafkaUser field that sets them (`spec.quotas`). */
const QUOTAS = {
  producerByteRate: 'producer_byte_rate',
  consumerByteRate: 'consumer_byte_rate',
  requestPercentage: 'request_percentage',
  controllerMutationRate: 'controller_mutation_rate',
} as const;

/** What the User Operator makes of one `kafka.strimzi.io/v1` KafkaUser. */
export interface KafkaUserModel {
  /** `metadata.name`: the SCRAM username, or the certificate's CN. */
  readonly name: string;
  readonly authentication?: UserAuthentication;
  /** `User:<name>`, or `User:CN=<name>` for tls and tls-external users. */
  readonly principal: string;
  /** One kafkajs ACL binding per operation of every `spec.authorization.acls[]` item. */
  readonly acls: readonly AclEntry[];
  /** Quotas by Kafka's key (`producer_byte_rate`, ...). */
  readonly quotas: Readonly<Record<string, number>>;
}

const RESOURCE_TYPES: Record<string, AclResourceTypes> = {
  topic: AclResourceTypes.TOPIC,
  group: AclResourceTypes.GROUP,
  cluster: AclResourceTypes.CLUSTER,
  transactionalId: AclResourceTypes.TRANSACTIONAL_ID,
};
const PATTERN_TYPES: Record<string, ResourcePatternTypes> = {
  literal: ResourcePatternTypes.LITERAL,
  prefix: ResourcePatternTypes.PREFIXED,
};
const OPERATIONS: Record<string, AclOperationTypes> = {
  Read: AclOperationTypes.READ,
  Write: AclOperationTypes.WRITE,
  Create: AclOperationTypes.CREATE,
  Delete: AclOperationTypes.DELETE,
  Alter: AclOperationTypes.ALTER,
  Describe: AclOperationTypes.DESCRIBE,
  ClusterAction: AclOperationTypes.CLUSTER_ACTION,
  AlterConfigs: AclOperationTypes.ALTER_CONFIGS,
  DescribeConfigs: AclOperationTypes.DESCRIBE_CONFIGS,
  IdempotentWrite: AclOperationTypes.IDEMPOTENT_WRITE,
  All: AclOperationTypes.ALL,
};
const PERMISSION_TYPES: Record<string, AclPermissionTypes> = { allow: AclPermissionTypes.ALLOW, deny: AclPermissionTypes.DENY };
const AUTHENTICATION_TYPES: readonly UserAuthentication[] = ['scram-sha-512', 'tls', 'tls-external'];

// A DNS subdomain, what Kubernetes allows as the name of a custom resource.
const RESOURCE_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
// The User Operator names the cluster resource of every `cluster` ACL so.
const CLUSTER_RESOURCE_NAME = 'kafka-cluster';

type Json = Record<string, unknown>;

/**
 * Reads a parsed `kafka.strimzi.io/v1` KafkaUser (from YAML or `Testing.synth`) as Strimzi's User Operator
 * does: principal, ACL bindings with Strimzi's defaults (`patternType: literal`, `type: allow`, `host: *`,
 * resource `kafka-cluster` for `cluster`), quotas.
 *
 * @param where names the object's origin in error messages, e.g. its manifest file
 * @throws naming the user, the field and the fix, for anything the User Operator or the CRD would reject,
 *   and for a password taken from a Secret, which a local cluster has no way to read
 */
export function readKafkaUser(object: unknown, where = 'the manifests'): KafkaUserModel {
  const resource = asObject(object) ?? {};
  const metadata = asObject(resource.metadata) ?? {};
  const name = metadata.name;
  const fail = (problem: string): never => {
    throw new Error(`KafkaUser '${typeof name === 'string' ? name : '?'}' in ${where}: ${problem}`);
  };
  if (resource.kind !== 'KafkaUser' || resource.apiVersion !== 'kafka.strimzi.io/v1') {
    fail(`expected apiVersion kafka.strimzi.io/v1 and kind KafkaUser, got ${JSON.stringify(resource.apiVersion)} ${JSON.stringify(resource.kind)}.`);
  }
  if (typeof name !== 'string' || name.length > 253 || !RESOURCE_NAME.test(name)) {
    return fail('metadata.name must be a DNS subdomain (lower-case letters, digits, - and .), at most 253 characters.');
  }
  const spec = asObject(resource.spec) ?? fail('spec is required (the CRD says so); add at least `spec: {}`.');
  const authentication = readAuthentication(spec, name, fail);
  const principal = authentication === 'tls' || authentication === 'tls-external' ? `User:CN=${name}` : `User:${name}`;
  return { name, authentication, principal, acls: readAcls(spec, principal, fail), quotas: readQuotas(spec, fail) };
}

function readAuthentication(spec: Json, name: string, fail: (problem: string) => never): UserAuthentication | undefined {
  const authentication = asObject(spec.authentication);
  if (spec.authentication === undefined) return undefined;
  const type = authentication?.type as UserAuthentication;
  if (!AUTHENTICATION_TYPES.includes(type)) {
    fail(`spec.authentication.type must be one of ${AUTHENTICATION_TYPES.join(', ')}, got ${JSON.stringify(authentication?.type)}.`);
  }
  if (authentication?.password !== undefined) {
    fail(
      'spec.authentication.password takes the password from a Secret, which the local harness cannot read; ' +
        'leave it out locally so that a password is generated, as the User Operator does.',
    );
  }
  if (type !== 'scram-sha-512' && name.length > 64) {
    fail(`users with TLS client authentication can have a name of at most 64 characters (it is the certificate's CN), got ${name.length}.`);
  }
  return type;
}

function readAcls(spec: Json, principal: string, fail: (problem: string) => never): AclEntry[] {
  if (spec.authorization === undefined) return [];
  const authorization = asObject(spec.authorization);
  if (authorization?.type !== 'simple') fail(`spec.authorization.type must be 'simple', got ${JSON.stringify(authorization?.type)}.`);
  if (!Array.isArray(authorization?.acls)) return fail("spec.authorization.acls is required with type 'simple'; give a list (it may be empty).");
  return authorization.acls.flatMap((item: unknown, index: number) => {
    const at = `spec.authorization.acls[${index}]`;
    const rule = asObject(item) ?? fail(`${at} must be an object with resource and operations.`);
    const resource = asObject(rule.resource) ?? fail(`${at}.resource is required.`);
    const resourceType = lookup(RESOURCE_TYPES, resource.type, `${at}.resource.type`, fail);
    const isCluster = resourceType === AclResourceTypes.CLUSTER;
    if (!isCluster && (typeof resource.name !== 'string' || resource.name === '')) {
      fail(`${at}.resource.name is required for a ${String(resource.type)} resource.`);
    }
    const resourcePatternType = isCluster ? ResourcePatternTypes.LITERAL
      : lookup(PATTERN_TYPES, resource.patternType ?? 'literal', `${at}.resource.patternType`, fail);
    const permissionType = lookup(PERMISSION_TYPES, rule.type ?? 'allow', `${at}.type`, fail);
    const host = rule.host ?? '*';
    if (typeof host !== 'string' || host === '') fail(`${at}.host must be a host name or '*', got ${JSON.stringify(rule.host)}.`);
    if (!Array.isArray(rule.operations) || rule.operations.length === 0) {
      fail(`${at}.operations must list at least one operation (v1 replaced the single 'operation' with this list).`);
    }
    return (rule.operations as unknown[]).map((operation, i) => ({
      resourceType,
      resourceName: isCluster ? CLUSTER_RESOURCE_NAME : (resource.name as string),
      resourcePatternType,
      principal,
      host: host as string,
      operation: lookup(OPERATIONS, operation, `${at}.operations[${i}]`, fail),
      permissionType,
    }));
  });
}

function readQuotas(spec: Json, fail: (problem: string) => never): Record<string, number> {
  const quotas = asObject(spec.quotas) ?? {};
  return Object.fromEntries(Object.entries(quotas).map(([field, value]) => {
    const key = (QUOTAS as Record<string, string>)[field];
    if (!key) fail(`spec.quotas.${field} is not a quota; use ${Object.keys(QUOTAS).join(', ')}.`);
    if (typeof value !== 'number' || value < 0 || (field !== 'controllerMutationRate' && !Number.isInteger(value))) {
      fail(`spec.quotas.${field} must be a non-negative ${field === 'controllerMutationRate' ? 'number' : 'integer'}, got ${JSON.stringify(value)}.`);
    }
    return [key, value as number];
  }));
}

function lookup<T>(table: Record<string, T>, value: unknown, field: string, fail: (problem: string) => never): T {
  if (typeof value === 'string' && Object.prototype.hasOwnProperty.call(table, value)) return table[value];
  return fail(`${field} must be one of ${Object.keys(table).join(', ')}, got ${JSON.stringify(value)}.`);
}

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}
