import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { ServiceEnv } from '../../lib/base/service-environment';
import { Env, FileSetting } from './config';
import { Secret } from './secret';

export const SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** TLS settings: the CA to trust and, for mTLS, the client's certificate and key (PEM). */
export interface TlsSettings {
  readonly caFile?: string;
  readonly ca?: string;
  readonly certFile?: string;
  readonly cert?: string;
  readonly key?: Secret;
}

export interface SaslSettings {
  readonly mechanism: SaslMechanism;
  readonly username: string;
  readonly password: Secret;
}

/** How the client proves who it is and whom it trusts; empty means plaintext without authentication. */
export interface KafkaSecurity {
  readonly tls?: TlsSettings;
  readonly sasl?: SaslSettings;
}

const {
  KAFKA_SASL_MECHANISM: MECHANISM, KAFKA_SASL_USERNAME: USERNAME, KAFKA_SASL_PASSWORD: PASSWORD, KAFKA_SASL_PASSWORD_FILE: PASSWORD_FILE,
  KAFKA_SSL_CA_FILE: CA_FILE, KAFKA_SSL_CERT_FILE: CERT_FILE, KAFKA_SSL_KEY_FILE: KEY_FILE,
} = ServiceEnv;

/**
 * Reads the client security settings and checks that they make one coherent Strimzi client:
 * SCRAM/PLAIN (username + exactly one password form) or mTLS (certificate + key), never both,
 * since a Strimzi listener has one authentication type. Problems name variables and paths only,
 * never what a password or key file holds.
 */
export function readKafkaSecurity(env: Env): KafkaSecurity {
  const tls = readTls(env);
  const sasl = readSasl(env);
  if (env.isSet(MECHANISM) && (env.isSet(CERT_FILE) || env.isSet(KEY_FILE))) {
    env.report(
      `${MECHANISM} and ${CERT_FILE}/${KEY_FILE} are both set: a Strimzi listener has one authentication type ` +
        `(scram-sha-512 or tls), so keep the settings of the one your listener uses and unset the others`,
    );
  }
  return { tls, sasl };
}

function readSasl(env: Env): SaslSettings | undefined {
  const mechanismRaw = env.optionalString(MECHANISM);
  const username = env.optionalString(USERNAME);
  const passwordSet = env.isSet(PASSWORD);
  const passwordFileSet = env.isSet(PASSWORD_FILE);
  if (env.raw(PASSWORD) !== undefined && !passwordSet) env.report(`${PASSWORD} must not be blank`);
  const passwordFile = env.optionalFile(PASSWORD_FILE);

  if (mechanismRaw === undefined) {
    const orphans = [USERNAME, PASSWORD, PASSWORD_FILE].filter((name) => env.isSet(name));
    if (orphans.length > 0) {
      env.report(
        `${orphans.join(' and ')} ${orphans.length > 1 ? 'are' : 'is'} set but ${MECHANISM} is not: ` +
          `set ${MECHANISM}=scram-sha-512 (for a Strimzi scram-sha-512 listener), or unset ${orphans.length > 1 ? 'them' : 'it'}`,
      );
    }
    return undefined;
  }
  const mechanism = SASL_MECHANISMS.find((m) => m === mechanismRaw.toLowerCase());
  if (!mechanism) env.report(`${MECHANISM} must be one of ${SASL_MECHANISMS.join(', ')}, got '${mechanismRaw}'`);
  if (username === undefined) {
    env.report(`${USERNAME} must be set when ${MECHANISM} is set: the name of the KafkaUser`);
  }
  if (passwordSet && passwordFileSet) {
    env.report(`${PASSWORD} and ${PASSWORD_FILE} are both set: set exactly one (the file is preferred: a mounted Secret key)`);
  } else if (!passwordSet && !passwordFileSet) {
    env.report(
      `${PASSWORD_FILE} or ${PASSWORD} must be set when ${MECHANISM} is set: the key 'password' of the KafkaUser's Secret`,
    );
  }
  const password = passwordFile ? passwordFromFile(passwordFile) : env.raw(PASSWORD);
  if (!mechanism || username === undefined || password === undefined) return undefined;
  return { mechanism, username, password: new Secret(password) };
}

// A Secret key mounted as a file has no trailing newline, but one written by `echo` has: one is dropped.
function passwordFromFile(file: FileSetting): string {
  return file.content.replace(/\r?\n$/, '');
}

function readTls(env: Env): TlsSettings | undefined {
  const ca = env.optionalFile(CA_FILE);
  const cert = env.optionalFile(CERT_FILE);
  const key = env.optionalFile(KEY_FILE);
  if (env.isSet(CERT_FILE) !== env.isSet(KEY_FILE)) {
    const [given, missing] = env.isSet(CERT_FILE) ? [CERT_FILE, KEY_FILE] : [KEY_FILE, CERT_FILE];
    env.report(`${given} is set but ${missing} is not: mTLS needs both (user.crt and user.key of the KafkaUser's Secret)`);
  }
  if (ca) checkCertificate(env, ca);
  const certificate = cert ? checkCertificate(env, cert) : undefined;
  const privateKey = key ? checkPrivateKey(env, key) : undefined;
  if (certificate && privateKey && !certificate.checkPrivateKey(privateKey)) {
    env.report(`${CERT_FILE} '${cert?.path}' and ${KEY_FILE} '${key?.path}' do not belong together: the certificate is not for that key`);
  }
  if (!ca && !cert && !key) return undefined;
  return { caFile: ca?.path, ca: ca?.content, certFile: cert?.path, cert: cert?.content, key: key && new Secret(key.content) };
}

/** A PEM certificate that is valid now: the broker refuses an expired one (or trusts no expired CA) in the handshake. */
function checkCertificate(env: Env, file: FileSetting): X509Certificate | undefined {
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(file.content);
  } catch {
    return env.report(`${file.variable} '${file.path}' must hold a PEM certificate (-----BEGIN CERTIFICATE-----)`);
  }
  const [validFrom, validTo] = [Date.parse(certificate.validFrom), Date.parse(certificate.validTo)];
  if (validTo < Date.now()) {
    env.report(
      `${file.variable} '${file.path}' holds a certificate that expired on ${new Date(validTo).toISOString()}: mount the current ` +
        `Secret (Strimzi renews certificates before they expire; the service reads them at start-up)`,
    );
  } else if (validFrom > Date.now()) {
    env.report(
      `${file.variable} '${file.path}' holds a certificate valid only from ${new Date(validFrom).toISOString()}: check this machine's clock`,
    );
  }
  return certificate;
}

function checkPrivateKey(env: Env, file: FileSetting): KeyObject | undefined {
  try {
    return createPrivateKey(file.content);
  } catch {
    return env.report(`${file.variable} '${file.path}' must hold an unencrypted PEM private key (PKCS#8, as Strimzi writes user.key)`);
  }
}
