import { KafkaSpecEntityOperatorUserOperator } from '../../imports/kafka.strimzi.io';
import { Subject } from '../core/subject';

/** Settings of the User Operator, which turns KafkaUser resources into credentials Secrets and ACLs. */
export interface UserOperatorOptions {
  /**
   * Prefix of the name of every credentials Secret: the Secret of KafkaUser `u` is `<secretPrefix>u`.
   * @default '' (the Secret is named after the user)
   */
  readonly secretPrefix?: string;
}

/** The User Operator as a cluster runs it. */
export interface UserOperator {
  readonly enabled: boolean;
  readonly secretPrefix: string;
  /** `spec.entityOperator.userOperator` in the CRD's form; none when it does not run. */
  readonly spec?: KafkaSpecEntityOperatorUserOperator;
}

// A prefix is the start of a Secret name (an RFC 1123 subdomain): it cannot start with '-' or '.'.
const SECRET_PREFIX = /^([a-z0-9][a-z0-9.-]*)?$/;

/** Resolves the cluster's `userOperator` prop; throws for a prefix that cannot start a Secret name. */
export function resolveUserOperator(cluster: Subject, setting: boolean | UserOperatorOptions = true): UserOperator {
  if (setting === false) return { enabled: false, secretPrefix: '' };
  const secretPrefix = setting === true ? '' : setting.secretPrefix ?? '';
  if (!SECRET_PREFIX.test(secretPrefix)) {
    throw cluster.part('User Operator secretPrefix', secretPrefix).error(
      'user-operator-secret-prefix-invalid',
      'cannot start a Secret name: it must be lower-case letters, digits, \'-\' and \'.\', starting with a letter or digit',
      `Use e.g. '${secretPrefix.toLowerCase().replace(/[^a-z0-9.-]/g, '-').replace(/^[^a-z0-9]+/, '')}'`,
    );
  }
  return { enabled: true, secretPrefix, spec: { secretPrefix: secretPrefix === '' ? undefined : secretPrefix } };
}
