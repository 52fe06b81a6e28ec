import { KafkaSpecKafkaAuthorization, KafkaSpecKafkaAuthorizationType } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';

/** Options of Kafka's built-in authorization. */
export interface SimpleAuthorizationOptions {
  /**
   * Principals allowed everything, written without the `User:` prefix (Strimzi adds it): the plain user name for
   * SCRAM users, `CN=<name>` for mTLS users. Strimzi's own components are super users already.
   * @default - none
   */
  readonly superUsers?: string[];
}

/**
 * Who may do what on the cluster (`spec.kafka.authorization`), for every listener. Made by the static methods.
 */
export class KafkaAuthorization {
  /**
   * Kafka's built-in StandardAuthorizer with `allow.everyone.if.no.acl.found=false`: a client may do only what a
   * KafkaUser's ACLs allow (or what a super user may). The default.
   */
  public static simple(options: SimpleAuthorizationOptions = {}): KafkaAuthorization {
    return new KafkaAuthorization(true, [...(options.superUsers ?? [])]);
  }

  /** No authorization: every client that connects may read, write, create and delete every topic. Warns at synth. */
  public static none(): KafkaAuthorization {
    return new KafkaAuthorization(false, []);
  }

  private constructor(
    /** Whether ACLs are enforced. */
    public readonly enabled: boolean,
    /** Super users, without the `User:` prefix. */
    public readonly superUsers: string[],
  ) {}

  /**
   * Throws for a super user Strimzi would turn into a wrong principal: it prefixes each entry with `User:` and joins
   * them with `;` into `super.users` (KafkaBrokerConfigurationBuilder).
   * @internal
   */
  public _check(cluster: Subject): void {
    for (const superUser of this.superUsers) {
      const subject = cluster.part('super user', superUser);
      if (superUser.trim() === '') {
        throw subject.error('super-user-empty', 'is empty', 'Give the user name (SCRAM) or CN=<name> (mTLS)');
      }
      if (superUser.startsWith('User:')) {
        throw subject.error(
          'super-user-prefixed', `starts with 'User:', but Strimzi adds that prefix itself (the principal would be 'User:${superUser}')`,
          `Write '${superUser.slice('User:'.length)}'`,
        );
      }
      if (superUser.includes(';')) {
        throw subject.error('super-user-semicolon', "contains ';', which separates entries of Kafka's super.users",
          'Give each super user as its own entry');
      }
    }
  }

  /**
   * `spec.kafka.authorization` in the CRD's form; none when authorization is off.
   * @internal
   */
  public _render(): KafkaSpecKafkaAuthorization | undefined {
    if (!this.enabled) return undefined;
    return {
      type: KafkaSpecKafkaAuthorizationType.SIMPLE,
      superUsers: this.superUsers.length > 0 ? [...this.superUsers] : undefined,
    };
  }
}
