import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Acl, AclEntry, AclOperationTypes, AclPermissionTypes, AclResourceTypes, Admin, Kafka, KafkaConfig, ResourcePatternTypes,
} from 'kafkajs';
import { runHarnessAdmin } from './admin-tool';
import { generatePassword, LocalKafkaCluster } from './cluster';
import { KafkaUserModel, readKafkaUser } from './kafka-user';

/** A KafkaUser applied to a local cluster, and where its credentials went. */
export interface AppliedUser extends KafkaUserModel {
  /** The files of its Secret, by the Secret's key (`password`, or `user.crt`, `user.key`, `ca.crt`). */
  readonly secretFiles: Readonly<Record<string, string>>;
}

/** Where the User Operator's Secret for `user` is kept under a credentials folder. */
export function userSecretDir(credentialsDir: string, user: string): string {
  return join(credentialsDir, 'users', user);
}

/**
 * Applies parsed `kafka.strimzi.io/v1` KafkaUser objects to a running local cluster as Strimzi's User
 * Operator would: a SCRAM-SHA-512 credential with a random password (kept if the Secret file already
 * exists) or a certificate `CN=<name>` signed by the clients CA; the user's quotas; and the user's ACLs,
 * made exactly those of the object (others of the same principal are deleted). Credentials are written as
 * the User Operator's Secret holds them, under `<credentialsDir>/users/<name>/`. Resolves once every
 * broker accepts the SCRAM credentials and the ACLs are visible.
 *
 * @param where names the objects' origin in error messages
 * @throws before changing anything if an object is invalid, if two have one name, or if a user has ACLs
 *   but the cluster has no authorization
 */
export async function applyKafkaUsers(cluster: LocalKafkaCluster, objects: readonly unknown[], where?: string): Promise<AppliedUser[]> {
  const users = objects.map((o) => readKafkaUser(o, where));
  const duplicate = users.find((u, i) => users.findIndex((v) => v.name === u.name) !== i);
  if (duplicate) throw new Error(
    `Two KafkaUsers are named '${duplicate.name}' in ${where ?? 'the objects given'}; user names must be unique per cluster.`,
  );
  const withAcls = users.find((u) => u.acls.length > 0);
  if (withAcls && !cluster.authorizationEnabled) {
    throw new Error(
      `KafkaUser '${withAcls.name}': simple authorization ACL rules are configured but not supported in the Kafka cluster ` +
        "configuration (the User Operator's words). Give the Kafka `spec.kafka.authorization: {type: simple}`.",
    );
  }

  const applied = users.map((user) => ({ ...user, secretFiles: writeSecret(cluster, user) }));
  const passwords = applied.filter((u) => u.authentication === 'scram-sha-512').map((u) => [u.name, readPassword(u.secretFiles.password)] as const);
  // Quota entities are named as principals without `User:` (`CN=<name>` for TLS users).
  const instructions = [
    ...passwords.map(([name, password]) => `scram ${name} ${password}`),
    ...users.map((u) => ['quotas', u.principal.slice('User:'.length), ...Object.entries(u.quotas).map(([k, v]) => `${k}=${v}`)].join(' ')),
  ];
  if (instructions.length > 0) await runHarnessAdmin(['users', cluster.adminClientPropertiesFile()], instructions.map((i) => `${i}\n`).join(''));

  const admin = new Kafka(cluster.adminClientConfig('user-operator')).admin();
  await admin.connect();
  try {
    if (cluster.authorizationEnabled) for (const user of users) await reconcileAcls(admin, user);
  } finally {
    await admin.disconnect();
  }
  await Promise.all(passwords.map(([name, password]) => waitUntilAuthenticates(cluster, name, password)));
  return applied;
}

function writeSecret(cluster: LocalKafkaCluster, user: KafkaUserModel): Record<string, string> {
  const dir = userSecretDir(cluster.credentialsDir, user.name);
  switch (user.authentication) {
    case 'scram-sha-512': {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const password = join(dir, 'password');
      // Kept when it exists, as the User Operator keeps the password of an existing Secret.
      if (!existsSync(password)) writeFileSync(password, generatePassword(), { mode: 0o600 });
      return { password };
    }
    case 'tls': {
      const files = cluster.certificateAuthorities().issueUserCertificate(user.name, dir);
      return { 'user.crt': files.certificate, 'user.key': files.key, 'ca.crt': files.ca };
    }
    default:
      // tls-external and unauthenticated users get no Secret: their credentials come from elsewhere.
      return {};
  }
}

function readPassword(file: string): string {
  const password = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  if (!/^\S+$/.test(password)) throw new Error(`The password in ${file} is empty or has white space; delete the file to have a new one generated.`);
  return password;
}

const ANY_ACL_OF = (principal: string) => ({
  resourceType: AclResourceTypes.ANY,
  resourcePatternType: ResourcePatternTypes.ANY,
  principal,
  operation: AclOperationTypes.ANY,
  permissionType: AclPermissionTypes.ANY,
});

async function describeAclsOf(admin: Admin, principal: string): Promise<AclEntry[]> {
  const { resources } = await admin.describeAcls(ANY_ACL_OF(principal));
  return resources.flatMap(({ acls, ...resource }) => acls.map((acl: Acl) => ({ ...resource, ...acl })));
}

const key = (acl: AclEntry): string =>
  [acl.resourceType, acl.resourceName, acl.resourcePatternType, acl.principal, acl.host, acl.operation, acl.permissionType].join('|');

async function reconcileAcls(admin: Admin, user: KafkaUserModel): Promise<void> {
  const wanted = new Map(user.acls.map((acl) => [key(acl), acl]));
  const existing = await describeAclsOf(admin, user.principal);
  const extra = existing.filter((acl) => !wanted.has(key(acl)));
  if (extra.length > 0) await admin.deleteAcls({ filters: extra });
  const present = new Set(existing.map(key));
  const missing = user.acls.filter((acl) => !present.has(key(acl)));
  if (missing.length > 0) await admin.createAcls({ acl: missing });

  // The authorizer applies ACLs once the metadata records are replayed: wait until they read back.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const now = new Set((await describeAclsOf(admin, user.principal)).map(key));
    if (now.size === wanted.size && [...wanted.keys()].every((k) => now.has(k))) return;
    if (Date.now() > deadline) throw new Error(`The ACLs of ${user.principal} did not become visible within 30 s.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// A new SCRAM credential reaches each broker when it replays the metadata log; a client must not meet a
// broker that has not seen it yet, so log in on every broker's SCRAM listener until all accept it.
async function waitUntilAuthenticates(cluster: LocalKafkaCluster, user: string, password: string): Promise<void> {
  const listener = cluster.listeners.find((l) => l.authentication === 'scram-sha-512');
  if (!listener) return;
  const ssl = listener.tls ? { ca: [readFileSync(cluster.certificateAuthorities().clusterCaCertificate, 'utf8')] } : undefined;
  await Promise.all(cluster.brokers.map(async (broker) => {
    const config: KafkaConfig = {
      ...cluster.adminClientConfig('user-check'),
      brokers: [broker.address(listener.name)],
      sasl: { mechanism: 'scram-sha-512', username: user, password },
      ssl,
      retry: { retries: 0 },
    };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const admin = new Kafka(config).admin();
      try {
        await admin.connect();
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`SCRAM user '${user}' cannot log in on ${broker.address(listener.name)}: ${String(error)}`,
          { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        await admin.disconnect();
      }
    }
  }));
}
