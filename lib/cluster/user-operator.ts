import { KafkaSpecEntityOperatorUserOperator } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';

/** Settings of the User Operator, which turns KafkaUser resources into credentials Secrets and ACLs. */
export interface UserOperatorOptions {
  /**
   * Whether the User Operator runs; without it KafkaUser resources of the cluster are ignored.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * Prefix of the name of every credentials Secret: the Secret of KafkaUser `u` is `<secretPrefix>u`.
   * @default '' (the Secret is named after the user)
   */
  readonly secretPrefix?: string;
}

/** The User Operator as a cluster runs it. */
export interface UserOperator {
  /** Whether it runs. */
  readonly enabled: boolean;
  /** Prefix of the credentials Secrets' names ('' for none). */
  readonly secretPrefix: string;
}

// A prefix is the start of a Secret name (an RFC 1123 subdomain): it cannot start with '-' or '.'.
const SECRET_PREFIX = /^([a-z0-9][a-z0-9.-]*)?$/;

/** Resolves the cluster's `userOperator` prop; throws for a prefix that cannot start a Secret name. */
export function resolveUserOperator(cluster: Subject, setting: UserOperatorOptions = {}): UserOperator {
  if (setting.enabled === false) return { enabled: false, secretPrefix: '' };
  const secretPrefix = setting.secretPrefix ?? '';
  if (!SECRET_PREFIX.test(secretPrefix)) {
    throw cluster.part('User Operator secretPrefix', secretPrefix).error(
      'user-operator-secret-prefix-invalid',
      'cannot start a Secret name: it must be lower-case letters, digits, \'-\' and \'.\', starting with a letter or digit',
      `Use e.g. '${secretPrefix.toLowerCase().replace(/[^a-z0-9.-]/g, '-').replace(/^[^a-z0-9]+/, '')}'`,
    );
  }
  return { enabled: true, secretPrefix };
}

/** `spec.entityOperator.userOperator` in the CRD's form; none when it does not run. */
export function renderUserOperator(userOperator: UserOperator): KafkaSpecEntityOperatorUserOperator | undefined {
  if (!userOperator.enabled) return undefined;
  return { secretPrefix: userOperator.secretPrefix === '' ? undefined : userOperator.secretPrefix };
}
