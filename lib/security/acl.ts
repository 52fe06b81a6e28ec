import {
  KafkaUserSpecAuthorizationAcls,
  KafkaUserSpecAuthorizationAclsOperations,
  KafkaUserSpecAuthorizationAclsResourcePatternType,
  KafkaUserSpecAuthorizationAclsResourceType,
  KafkaUserSpecAuthorizationAclsType,
} from '../../imports/kafka.strimzi.io';

/** An operation an ACL allows or denies (`spec.authorization.acls[].operations` of a KafkaUser). */
export enum AclOperation {
  READ = 'Read',
  WRITE = 'Write',
  CREATE = 'Create',
  DELETE = 'Delete',
  ALTER = 'Alter',
  DESCRIBE = 'Describe',
  CLUSTER_ACTION = 'ClusterAction',
  ALTER_CONFIGS = 'AlterConfigs',
  DESCRIBE_CONFIGS = 'DescribeConfigs',
  IDEMPOTENT_WRITE = 'IdempotentWrite',
  ALL = 'All',
}

/** How an ACL's resource name matches: exactly, or as a prefix. */
export enum AclPatternType {
  LITERAL = 'literal',
  PREFIX = 'prefix',
}

/** The kind of resource an ACL applies to. */
export enum AclResourceType {
  TOPIC = 'topic',
  GROUP = 'group',
  CLUSTER = 'cluster',
  TRANSACTIONAL_ID = 'transactionalId',
}

/** Whether an ACL allows or denies its operations. */
export enum AclRuleType {
  ALLOW = 'allow',
  DENY = 'deny',
}

/**
 * What an ACL applies to: a topic, a consumer group or a transactional id (by name, or by name prefix), or the
 * cluster. Made by the static methods, so that a resource always has the fields its type needs.
 */
export class AclResource {
  /** A topic named `name`, or every topic whose name starts with `name` (`AclPatternType.PREFIX`). */
  public static topic(name: string, patternType = AclPatternType.LITERAL): AclResource {
    return new AclResource(AclResourceType.TOPIC, name, patternType);
  }

  /** A consumer group named `name`, or every group whose id starts with `name`. */
  public static group(name: string, patternType = AclPatternType.LITERAL): AclResource {
    return new AclResource(AclResourceType.GROUP, name, patternType);
  }

  /** A transactional id named `name`, or every transactional id that starts with `name`. */
  public static transactionalId(name: string, patternType = AclPatternType.LITERAL): AclResource {
    return new AclResource(AclResourceType.TRANSACTIONAL_ID, name, patternType);
  }

  /** The cluster itself (Strimzi uses the name `kafka-cluster` for it). */
  public static cluster(): AclResource {
    return new AclResource(AclResourceType.CLUSTER);
  }

  private constructor(
    public readonly type: AclResourceType,
    /** Name or name prefix; undefined for the cluster. */
    public readonly name?: string,
    /** How `name` matches; undefined for the cluster. */
    public readonly patternType?: AclPatternType,
  ) {}

  /** e.g. `topic 'manual'`, `group prefix 'orders-'`, `cluster`. */
  public toString(): string {
    if (this.name === undefined) return this.type;
    return `${this.type}${this.patternType === AclPatternType.PREFIX ? ' prefix' : ''} '${this.name}'`;
  }
}

/** One ACL rule of a KafkaUser: operations allowed (or denied) on a resource. */
export interface AclRule {
  /** What the rule applies to. */
  readonly resource: AclResource;
  /** The operations, at least one. */
  readonly operations: AclOperation[];
  /**
   * Whether the rule allows or denies the operations.
   * @default AclRuleType.ALLOW
   */
  readonly type?: AclRuleType;
  /**
   * The client host the rule applies to.
   * @default '*' (any host)
   */
  readonly host?: string;
}

const { READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, CLUSTER_ACTION, ALTER_CONFIGS, DESCRIBE_CONFIGS, IDEMPOTENT_WRITE, ALL } = AclOperation;

/**
 * The operations Kafka defines for each resource type: `org.apache.kafka.security.authorizer.AclEntry
 * .supportedOperations` in kafka-server 4.3.1 (read by calling it), plus `All`, which applies to every type.
 * (4.3.1 also has TwoPhaseCommit on transactional ids, which the Strimzi 1.2.0 CRD cannot express.)
 */
const OPERATIONS_BY_RESOURCE: Readonly<Record<AclResourceType, readonly AclOperation[]>> = {
  [AclResourceType.TOPIC]: [READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, ALTER_CONFIGS, DESCRIBE_CONFIGS, ALL],
  [AclResourceType.GROUP]: [READ, DELETE, DESCRIBE, ALTER_CONFIGS, DESCRIBE_CONFIGS, ALL],
  [AclResourceType.CLUSTER]: [CREATE, ALTER, DESCRIBE, CLUSTER_ACTION, ALTER_CONFIGS, DESCRIBE_CONFIGS, IDEMPOTENT_WRITE, ALL],
  [AclResourceType.TRANSACTIONAL_ID]: [WRITE, DESCRIBE, ALL],
};

/** What is wrong with a rule, one problem and its fix per entry; empty when it is valid. */
export function aclRuleProblems(rule: AclRule): Array<{ code: string; problem: string; fix: string }> {
  const problems: Array<{ code: string; problem: string; fix: string }> = [];
  const { resource } = rule;
  if (resource.name !== undefined && resource.name.trim() === '') {
    problems.push({
      code: 'acl-resource-name-empty', problem: `an ACL on a ${resource.type} has an empty name, which matches nothing`,
      fix: `Name the ${resource.type}, or use AclPatternType.PREFIX with a non-empty prefix`,
    });
  }
  if (rule.operations.length === 0) {
    problems.push({ code: 'acl-operations-empty', problem: `the ACL on ${resource} lists no operations`,
      fix: 'List at least one operation, e.g. AclOperation.READ' });
  }
  const allowed = OPERATIONS_BY_RESOURCE[resource.type];
  for (const operation of rule.operations.filter((o) => !allowed.includes(o))) {
    problems.push({
      code: 'acl-operation-not-for-resource',
      problem: `the ACL on ${resource} lists operation '${operation}', which Kafka does not define for a ${resource.type} ` +
        `(it defines ${allowed.join(', ')})`,
      fix: 'Remove the operation, or put it on a resource type it applies to',
    });
  }
  if (rule.host !== undefined && rule.host.trim() === '') {
    problems.push({ code: 'acl-host-empty', problem: `the ACL on ${resource} has an empty host`,
      fix: "Leave 'host' out for any host ('*'), or give an IP address" });
  }
  return problems;
}

/**
 * The rules in the CRD's form, with rules on the same resource, type and host merged into one (their operations
 * united, in the CRD's order), so that granting the same access twice adds nothing.
 */
export function renderAclRules(rules: readonly AclRule[]): KafkaUserSpecAuthorizationAcls[] {
  const merged = new Map<string, { rule: AclRule; operations: Set<AclOperation> }>();
  for (const rule of rules) {
    const key = JSON.stringify([rule.resource.type, rule.resource.name, rule.resource.patternType, rule.type, rule.host]);
    const entry = merged.get(key) ?? { rule, operations: new Set<AclOperation>() };
    rule.operations.forEach((o) => entry.operations.add(o));
    merged.set(key, entry);
  }
  const order = Object.values(AclOperation);
  // The library's enums carry the CRD's own values.
  return [...merged.values()].map(({ rule, operations }) => ({
    resource: {
      type: rule.resource.type as string as KafkaUserSpecAuthorizationAclsResourceType,
      name: rule.resource.name,
      patternType: rule.resource.patternType as string | undefined as KafkaUserSpecAuthorizationAclsResourcePatternType | undefined,
    },
    operations: [...operations].sort((a, b) => order.indexOf(a) - order.indexOf(b)) as string[] as KafkaUserSpecAuthorizationAclsOperations[],
    type: rule.type as string | undefined as KafkaUserSpecAuthorizationAclsType | undefined,
    host: rule.host,
  }));
}
