import { ApiObject, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  KafkaUser as KafkaUserResource,
  KafkaUserSpecAuthenticationType,
  KafkaUserSpecAuthorizationType,
  toJson_KafkaUserSpec,
} from '../../imports/kafka.strimzi.io';
import { KafkaResources } from '../base/kafka-resources';
import { Subject } from '../base/subject';
import { Warnings } from '../base/warnings';
import { IKafkaCluster, isKafkaCluster, SecretKeyReference } from '../cluster/kafka-cluster-base';
import { StrimziObject } from '../core/strimzi-object';
import { ListenerAuthentication } from '../listeners/listener-authentication';
import { checkedId } from '../rules/cdk8s-errors';
import { isResourceName } from '../rules/kubernetes-names';
import { AclRule, aclRuleProblems, renderAclRules } from './acl';

/** How a Kafka user authenticates (`spec.authentication.type`). */
export enum UserAuthentication {
  /** SASL SCRAM-SHA-512: the User Operator generates a password (or takes yours). */
  SCRAM_SHA_512 = 'scram-sha-512',
  /** Mutual TLS: the User Operator issues a certificate `CN=<user name>` signed by the clients CA. */
  TLS = 'tls',
}

/** Limits on the broker resources a user's clients may take (`spec.quotas`), per broker. */
export interface UserQuotas {
  /**
   * Bytes per second the user's producers may publish.
   * @default - unlimited
   */
  readonly producerByteRate?: number;
  /**
   * Bytes per second the user's consumers may fetch.
   * @default - unlimited
   */
  readonly consumerByteRate?: number;
  /**
   * Share of the broker's network and I/O threads, in percent of one thread (so up to 100 × threads).
   * @default - unlimited
   */
  readonly requestPercentage?: number;
  /**
   * Partitions per second the user may create or delete (create topics / partitions, delete topics).
   * @default - unlimited
   */
  readonly controllerMutationRate?: number;
}

export interface KafkaUserProps {
  /**
   * The cluster the user belongs to (a KafkaCluster, or one from `KafkaCluster.fromExisting`); its
   * `strimzi.io/cluster` label and Secret name are derived from it.
   */
  readonly cluster: IKafkaCluster;
  /**
   * Name of the KafkaUser resource, which is also the Kafka user name.
   * @default - the construct id
   */
  readonly name?: string;
  /**
   * How the user authenticates.
   * @default UserAuthentication.SCRAM_SHA_512
   */
  readonly authentication?: UserAuthentication;
  /**
   * ACL rules; more can be added with `addAcl` or granted by the objects that own the resources
   * (e.g. `topic.grantWrite(user)`). ACLs need the cluster's authorization.
   * @default - none: the user may do nothing but connect
   */
  readonly acls?: AclRule[];
  /**
   * Quotas.
   * @default - none
   */
  readonly quotas?: UserQuotas;
  /**
   * A Secret key holding the password to use instead of a generated one (SCRAM only), e.g. one synced by GitOps.
   * The Secret must exist in the cluster's namespace and the key must not be empty.
   * @default - the User Operator generates a password
   */
  readonly password?: SecretKeyReference;
  /**
   * Days the user certificate is valid (TLS only; set together with `renewalDays`).
   * @default - the clients CA's setting
   */
  readonly validityDays?: number;
  /**
   * Days before expiry when the User Operator renews the certificate (TLS only; less than `validityDays`).
   * @default - the clients CA's setting
   */
  readonly renewalDays?: number;
  /**
   * Labels of the KafkaUser resource (the `strimzi.io/cluster` label is added).
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Labels and annotations the User Operator puts on the credentials Secret.
   * @default - none
   */
  readonly secretMetadata?: SecretMetadata;
}

/** Labels and annotations of a Secret Strimzi writes. */
export interface SecretMetadata {
  /**
   * Labels of the Secret.
   * @default - none
   */
  readonly labels?: Record<string, string>;
  /**
   * Annotations of the Secret.
   * @default - none
   */
  readonly annotations?: Record<string, string>;
}

/**
 * Where a user's credentials are: the Secret the User Operator writes, and its keys. A SCRAM user has `username`,
 * `passwordKey` and `saslJaasConfigKey`; a TLS user has `certificateKey`, `privateKeyKey` and `clientsCaKey`.
 */
export interface UserCredentials {
  /** How the user authenticates, which says which keys the Secret has. */
  readonly authentication: UserAuthentication;
  /** Name of the Secret, in the cluster's namespace. */
  readonly secretName: string;
  /**
   * The SASL user name (SCRAM); the Secret has no key for it.
   * @default - none (TLS)
   */
  readonly username?: string;
  /**
   * Key of the plain password (SCRAM).
   * @default - none (TLS)
   */
  readonly passwordKey?: string;
  /**
   * Key of the ready-made JAAS line, `ScramLoginModule required username=... password=...;` (SCRAM).
   * @default - none (TLS)
   */
  readonly saslJaasConfigKey?: string;
  /**
   * Key of the PEM user certificate, `CN=<user name>` (TLS).
   * @default - none (SCRAM)
   */
  readonly certificateKey?: string;
  /**
   * Key of the PEM private key, PKCS#8 (TLS).
   * @default - none (SCRAM)
   */
  readonly privateKeyKey?: string;
  /**
   * Key of the clients CA certificate that signed the user certificate, not the CA to trust brokers with (TLS).
   * @default - none (SCRAM)
   */
  readonly clientsCaKey?: string;
}

/**
 * A Kafka user: a KafkaUser of this app, or one defined elsewhere (`KafkaUser.fromExisting`). Access is granted
 * to it (`topic.grantWrite(user)`), and a client is wired to its credentials without typing a Secret name or key.
 */
export interface IKafkaUser extends IConstruct {
  /** The KafkaUser resource name, which is the Kafka user name. */
  readonly name: string;
  /** The cluster the user belongs to. */
  readonly cluster: IKafkaCluster;
  /** How the user authenticates. */
  readonly authentication: UserAuthentication;
  /** The principal the authorizer sees: `User:<name>` (SCRAM) or `User:CN=<name>` (TLS). */
  readonly principal: string;
  /** The credentials Secret (`<secretPrefix><name>`, in the cluster's namespace) and its keys. */
  readonly credentials: UserCredentials;
  /**
   * Adds ACL rules to the user's KafkaUser. A user defined elsewhere refuses them (`existing-user-acls-elsewhere`):
   * Strimzi keeps a user's ACLs in its own KafkaUser.
   */
  addAcl(...rules: AclRule[]): void;
}

/** A KafkaUser defined elsewhere (by another app, chart or team, or by hand), as `KafkaUser.fromExisting` needs it. */
export interface ExistingKafkaUserProps {
  /** Name of the KafkaUser resource, which is also the Kafka user name. */
  readonly name: string;
  /**
   * The cluster the user belongs to (a KafkaCluster, or one from `KafkaCluster.fromExisting`); the name of its
   * credentials Secret is derived from the cluster's User Operator settings.
   */
  readonly cluster: IKafkaCluster;
  /**
   * How the user authenticates (its `spec.authentication.type`), which says which keys its Secret has.
   * @default UserAuthentication.SCRAM_SHA_512
   */
  readonly authentication?: UserAuthentication;
}

const CRD_AUTHENTICATION: Record<UserAuthentication, KafkaUserSpecAuthenticationType> = {
  [UserAuthentication.SCRAM_SHA_512]: KafkaUserSpecAuthenticationType.SCRAM_HYPHEN_SHA_HYPHEN_512,
  [UserAuthentication.TLS]: KafkaUserSpecAuthenticationType.TLS,
};

/** Strimzi's limit for users with TLS client authentication (the certificate's CN), from KafkaUserModel. */
const MAX_TLS_USER_NAME = 64;

/**
 * A Kafka user managed by the Strimzi User Operator: a `KafkaUser` resource bound to a KafkaCluster. The User
 * Operator creates its credentials and ACLs; this construct exposes where the credentials will be, so that a
 * client is wired to them without typing a Secret name or key.
 */
export class KafkaUser extends Construct implements IKafkaUser {
  /**
   * A user defined elsewhere (another app, chart or team, or by hand), known by its name, cluster and
   * authentication: clients can be wired to its credentials and nothing is rendered for it. Grants to it are
   * refused, naming the ACLs to add where it is defined: Strimzi keeps a user's ACLs in its own KafkaUser.
   */
  public static fromExisting(scope: Construct, id: string, props: ExistingKafkaUserProps): IKafkaUser {
    return new ExistingKafkaUser(scope, id, props);
  }

  /** The KafkaUser resource name, which is the Kafka user name. */
  public readonly name: string;
  /** The cluster the user belongs to. */
  public readonly cluster: IKafkaCluster;
  /** How the user authenticates. */
  public readonly authentication: UserAuthentication;
  /** The principal the authorizer sees: `User:<name>` (SCRAM) or `User:CN=<name>` (TLS). */
  public readonly principal: string;
  /** The credentials Secret (`<secretPrefix><name>`, in the cluster's namespace) and its keys. */
  public readonly credentials: UserCredentials;
  /** The KafkaUser resource (also `node.defaultChild`, for escape hatches in Strimzi's own field names). */
  public readonly resource: ApiObject;

  private readonly subject: Subject;
  private readonly acls: AclRule[] = [];

  constructor(scope: Construct, id: string, props: KafkaUserProps) {
    super(scope, checkedId(scope, id, 'KafkaUser', props.name));
    this.cluster = props.cluster;
    this.name = props.name ?? id;
    this.authentication = props.authentication ?? UserAuthentication.SCRAM_SHA_512;
    this.subject = Subject.of(this, 'KafkaUser', this.name);
    const identity = userIdentity(this.subject, this);
    this.principal = identity.principal;
    this.credentials = identity.credentials;
    this.checkAuthentication(props);
    checkQuotas(this.subject, props.quotas ?? {});
    this.addAcl(...(props.acls ?? []));

    this.resource = new StrimziObject(this, 'Resource', {
      gvk: KafkaUserResource.GVK,
      metadata: { name: this.name, labels: { ...props.labels, ...this.cluster.clusterLabel } },
      owner: this.subject,
      spec: () => toJson_KafkaUserSpec({
        authentication: {
          type: CRD_AUTHENTICATION[this.authentication],
          password: props.password && { valueFrom: { secretKeyRef: { name: props.password.secretName, key: props.password.key } } },
          validityDays: props.validityDays,
          renewalDays: props.renewalDays,
        },
        authorization: this.acls.length === 0 ? undefined : {
          type: KafkaUserSpecAuthorizationType.SIMPLE,
          acls: renderAclRules(this.acls),
        },
        quotas: props.quotas,
        template: props.secretMetadata && { secret: { metadata: props.secretMetadata } },
      }),
    });

    this.node.addValidation({ validate: () => this.clusterErrors() });
    Warnings.of(this)._addCheck(() => warnIfNoListenerAccepts(this.subject, this));
  }

  /** Adds ACL rules; a rule on the same resource, type and host as an earlier one adds its operations to it. */
  public addAcl(...rules: AclRule[]): void {
    for (const rule of rules) {
      const [first] = aclRuleProblems(rule);
      if (first) throw this.subject.error(first.code, first.problem, first.fix);
      this.acls.push(rule);
    }
  }

  private checkAuthentication(props: KafkaUserProps): void {
    const tls = this.authentication === UserAuthentication.TLS;
    if (props.password && tls) {
      throw this.subject.error('user-password-with-tls', 'has a password but TLS authentication; only SCRAM users have passwords',
        "Remove 'password', or use UserAuthentication.SCRAM_SHA_512");
    }
    if (props.password && (!isResourceName(props.password.secretName) || !/^[-._a-zA-Z0-9]+$/.test(props.password.key))) {
      throw this.subject.error(
        'user-password-reference-invalid',
        `its password reference '${props.password.secretName}'/'${props.password.key}' is not a valid Secret name and key`,
        "Name a Secret (lower-case letters, digits, '-', '.') and a key ([-._a-zA-Z0-9]+)",
      );
    }
    // The KafkaUser CRD's CEL rules on spec.authentication, checked here so they fail at synth, not at apply.
    const { validityDays, renewalDays } = props;
    if (validityDays === undefined && renewalDays === undefined) return;
    if (!tls) {
      throw this.subject.error('user-validity-without-tls', "sets validityDays/renewalDays, which can be configured only with 'type: tls'",
        'Remove them, or use UserAuthentication.TLS');
    }
    if (validityDays === undefined || renewalDays === undefined) {
      throw this.subject.error('user-validity-renewal-half-set',
        'sets only one of validityDays and renewalDays; both must be set together, or both unset',
        'Set both, e.g. validityDays: 30, renewalDays: 10');
    }
    for (const [key, value] of [['validityDays', validityDays], ['renewalDays', renewalDays]] as const) {
      if (!Number.isInteger(value) || value < 1) {
        throw this.subject.error('user-validity-days-invalid', `${key} is ${value} but must be a whole number of days, at least 1`,
          `Set e.g. ${key}: 30`);
      }
    }
    if (renewalDays >= validityDays) {
      throw this.subject.error('user-renewal-not-before-expiry', `renewalDays (${renewalDays}) must be less than validityDays (${validityDays})`,
        'Renew some days before the certificate expires, e.g. validityDays: 30, renewalDays: 10');
    }
  }

  // Cross-object rules: checked at synth, when the whole app is known.
  private clusterErrors(): string[] {
    const errors: string[] = [];
    const namespace = Chart.of(this).namespace;
    const clusterNamespace = this.cluster.namespace ?? '(none)';
    if (namespace !== this.cluster.namespace) {
      errors.push(this.subject.errorMessage(
        'user-namespace-mismatch', `is in namespace '${namespace ?? '(none)'}' but its cluster '${this.cluster.name}' is in '${clusterNamespace}'; ` +
          'the User Operator only watches its cluster\'s namespace, and writes the credentials Secret there',
        `Create the user in a chart with namespace '${clusterNamespace}'`,
      ));
    }
    if (!this.cluster.userOperator.enabled) {
      errors.push(this.subject.errorMessage('user-operator-missing',
        `cluster '${this.cluster.name}' runs no User Operator, so the KafkaUser would be ignored`,
        "Enable 'userOperator' on the cluster"));
    }
    if (this.acls.length > 0 && !this.cluster.authorization.enabled) {
      errors.push(this.subject.errorMessage(
        'user-acls-without-authorization',
        `has ACLs but cluster '${this.cluster.name}' has no authorization; the User Operator refuses them ("Simple ` +
          'authorization ACL rules are configured but not supported in the Kafka cluster configuration")',
        'Give the cluster KafkaAuthorization.simple() (the default), or remove the ACLs'));
    }
    return errors;
  }
}

/** A user defined elsewhere: the facts given; renders nothing, and refuses ACLs, which live in its own KafkaUser. */
class ExistingKafkaUser extends Construct implements IKafkaUser {
  public readonly name: string;
  public readonly cluster: IKafkaCluster;
  public readonly authentication: UserAuthentication;
  public readonly principal: string;
  public readonly credentials: UserCredentials;

  private readonly subject: Subject;

  constructor(scope: Construct, id: string, props: ExistingKafkaUserProps) {
    super(scope, checkedId(scope, id, 'KafkaUser', props.name));
    this.name = props.name;
    this.cluster = props.cluster;
    this.authentication = props.authentication ?? UserAuthentication.SCRAM_SHA_512;
    this.subject = Subject.of(this, 'KafkaUser', String(this.name));
    const identity = userIdentity(this.subject, this);
    this.principal = identity.principal;
    this.credentials = identity.credentials;
    Warnings.of(this)._addCheck(() => warnIfNoListenerAccepts(this.subject, this));
  }

  public addAcl(...rules: AclRule[]): void {
    if (rules.length === 0) return;
    // Strimzi has no ACL resource of its own: a KafkaUser's spec.authorization is its principal's whole set, and the
    // User Operator deletes any other ACL of the principal (SimpleAclOperator.reconcile). So an ACL for a user defined
    // elsewhere can only be added where it is defined; a grant that silently added nothing would leave clients denied.
    const wanted = rules.map((r) => `${r.resource}: ${r.operations.join(', ')}`).join('; ');
    throw this.subject.error('existing-user-acls-elsewhere',
      `is defined elsewhere (KafkaUser.fromExisting), so this app cannot give it ${wanted}: Strimzi keeps a user's ACLs only in ` +
        "its own KafkaUser's spec.authorization.acls, which the User Operator applies as the user's complete set",
      `Add these ACLs to KafkaUser '${this.name}' where it is defined, or give the client a KafkaUser of this app and grant to that`);
  }
}

/**
 * What every user derives from its name, cluster and authentication (its principal and where its credentials are),
 * after Strimzi's rules on them: a resource name, a Secret name that fits, an authentication the library offers,
 * and a name that fits a certificate's CN for TLS.
 */
function userIdentity(subject: Subject, user: Pick<IKafkaUser, 'name' | 'cluster' | 'authentication'>):
{ principal: string; credentials: UserCredentials } {
  const { name, cluster, authentication } = user;
  if (!isKafkaCluster(cluster)) {
    throw subject.error('user-cluster-invalid', 'its cluster is not an IKafkaCluster',
      'Pass the KafkaCluster the user belongs to, or KafkaCluster.fromExisting(...)');
  }
  if (typeof name !== 'string' || !isResourceName(name)) {
    throw subject.error(
      'user-name-invalid', 'is not a valid KafkaUser name: it must be at most 253 characters of lower-case letters, digits, \'-\' and \'.\', ' +
        'starting and ending with a letter or digit',
      'Rename the user; its name is also its Kafka user name and the name of its credentials Secret',
    );
  }
  const secretName = cluster.userSecretName(name);
  if (secretName.length > 253) {
    throw subject.error(
      'user-secret-name-too-long',
      `its credentials Secret '${secretName}' (the cluster's secretPrefix + the user name) would be longer than 253 characters`,
      'Shorten the user name or the secretPrefix',
    );
  }
  if (!Object.values(UserAuthentication).includes(authentication)) {
    throw subject.error('user-authentication-unsupported',
      `has authentication '${String(authentication)}', which this construct does not offer`,
      `Use one of ${Object.values(UserAuthentication).join(', ')}`);
  }
  if (authentication === UserAuthentication.SCRAM_SHA_512) {
    return {
      principal: `User:${name}`,
      credentials: {
        authentication, secretName, username: name,
        passwordKey: KafkaResources.USER_PASSWORD_KEY, saslJaasConfigKey: KafkaResources.USER_SASL_JAAS_CONFIG_KEY,
      },
    };
  }
  if (name.length > MAX_TLS_USER_NAME) {
    throw subject.error(
      'user-tls-name-too-long',
      `has ${name.length} characters, but a user with TLS client authentication may have at most ${MAX_TLS_USER_NAME} ` +
        '(the name is the CN of its certificate)',
      'Shorten the name, or use UserAuthentication.SCRAM_SHA_512',
    );
  }
  return {
    principal: `User:CN=${name}`,
    credentials: {
      authentication, secretName, certificateKey: KafkaResources.USER_CERTIFICATE_KEY,
      privateKeyKey: KafkaResources.USER_PRIVATE_KEY_KEY, clientsCaKey: KafkaResources.CA_CERTIFICATE_KEY,
    },
  };
}

/** Warns at synth when no listener of the user's cluster takes its authentication, so its clients could not log in. */
function warnIfNoListenerAccepts(subject: Subject, user: IKafkaUser): void {
  const accepted = user.authentication === UserAuthentication.TLS ? ListenerAuthentication.TLS : ListenerAuthentication.SCRAM_SHA_512;
  if (!user.cluster.listeners.some((l) => l.authentication === accepted)) {
    Warnings.of(user)._add('user-cannot-connect', subject,
      `authenticates with ${user.authentication}, but no listener of cluster '${user.cluster.name}' accepts ${accepted}, ` +
        'so its clients cannot log in',
      `Add a listener with ListenerAuthentication.${accepted === ListenerAuthentication.TLS ? 'TLS' : 'SCRAM_SHA_512'}, or change the user's ` +
        'authentication');
  }
}

/** The CRD's minimums (0) plus whole numbers where Kafka's quota configs are integers. */
function checkQuotas(subject: Subject, quotas: UserQuotas): void {
  const integers: Array<keyof UserQuotas> = ['producerByteRate', 'consumerByteRate', 'requestPercentage'];
  for (const [key, value] of Object.entries(quotas) as Array<[keyof UserQuotas, number | undefined]>) {
    if (value === undefined) continue;
    const whole = integers.includes(key);
    if (!Number.isFinite(value) || value < 0 || (whole && !Number.isInteger(value))) {
      throw subject.error('user-quota-invalid', `quota ${key} is ${value} but must be a ${whole ? 'whole number' : 'number'} of at least 0`,
        `Set e.g. ${key}: ${key === 'requestPercentage' ? 25 : 1048576}`);
    }
  }
}
