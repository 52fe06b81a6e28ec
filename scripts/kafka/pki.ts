import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Certificates live a year: long enough for any local run, short enough not to matter if one leaks. */
const VALIDITY_DAYS = '365';

/** Where a user's certificate went, named as in the User Operator's Secret. */
export interface UserCertificate {
  /** PEM certificate with subject `CN=<user>`. */
  readonly certificate: string;
  /** Its PEM private key, unencrypted PKCS#8. */
  readonly key: string;
  /** The clients CA certificate that signed it. */
  readonly ca: string;
}

/**
 * The local counterpart of Strimzi's two CAs, made with openssl: a cluster CA that signs the broker
 * certificate (valid for `localhost` and `127.0.0.1`, so every local node can present it), and a clients
 * CA that signs user certificates with subject `CN=<KafkaUser name>`, the principal mTLS listeners derive.
 * Private keys stay in `dir`.
 */
export class LocalPki {
  /** Creates both CAs and the broker's keystore in `dir`. */
  public static create(dir: string, clusterName = 'local'): LocalPki {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const pki = new LocalPki(dir);
    selfSignedCa(pki.clusterCaKey, pki.clusterCaCertificate, 'cluster-ca v0');
    selfSignedCa(pki.clientsCaKey, pki.clientsCaCertificate, 'clients-ca v0');
    const key = join(dir, 'broker.key');
    const certificate = join(dir, 'broker.crt');
    issue(pki.clusterCaCertificate, pki.clusterCaKey, `/O=io.strimzi/CN=${clusterName}-kafka`, key, certificate, [
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      'extendedKeyUsage=serverAuth,clientAuth',
    ]);
    // Kafka's PEM keystore: the private key, then the certificate chain up to the CA.
    writeFileSync(pki.brokerKeystore, [key, certificate, pki.clusterCaCertificate].map((f) => readFileSync(f, 'utf8')).join(''), {
      mode: 0o600,
    });
    return pki;
  }

  /** PEM certificate of the cluster CA: what clients of TLS listeners trust (Strimzi's `<cluster>-cluster-ca-cert`). */
  public readonly clusterCaCertificate: string;
  /** PEM certificate of the clients CA: what mTLS listeners trust. */
  public readonly clientsCaCertificate: string;
  /** The broker's private key and certificate chain in one PEM file (`ssl.keystore.type=PEM`). */
  public readonly brokerKeystore: string;
  private readonly clusterCaKey: string;
  private readonly clientsCaKey: string;

  private constructor(public readonly dir: string) {
    this.clusterCaCertificate = join(dir, 'cluster-ca.crt');
    this.clusterCaKey = join(dir, 'cluster-ca.key');
    this.clientsCaCertificate = join(dir, 'clients-ca.crt');
    this.clientsCaKey = join(dir, 'clients-ca.key');
    this.brokerKeystore = join(dir, 'broker-keystore.pem');
  }

  /**
   * Signs a certificate for `user` with the clients CA and writes `user.crt`, `user.key` and `ca.crt` into
   * `outDir`, the keys of the User Operator's Secret for a `tls` KafkaUser.
   */
  public issueUserCertificate(user: string, outDir: string): UserCertificate {
    mkdirSync(outDir, { recursive: true, mode: 0o700 });
    const files = { certificate: join(outDir, 'user.crt'), key: join(outDir, 'user.key'), ca: join(outDir, 'ca.crt') };
    issue(this.clientsCaCertificate, this.clientsCaKey, `/CN=${user}`, files.key, files.certificate, ['extendedKeyUsage=clientAuth']);
    writeFileSync(files.ca, readFileSync(this.clientsCaCertificate));
    return files;
  }
}

function openssl(args: readonly string[]): void {
  try {
    execFileSync('openssl', args, { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`openssl ${args[0]} failed (is the 'openssl' package installed?): ${(error as Error).message}\n${stderr}`, { cause: error });
  }
}

function selfSignedCa(key: string, certificate: string, commonName: string): void {
  openssl([
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', VALIDITY_DAYS, '-subj', `/O=io.strimzi/CN=${commonName}`,
    '-addext', 'basicConstraints=critical,CA:TRUE,pathlen:0', '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    '-keyout', key, '-out', certificate,
  ]);
}

// `req -x509 -CA` (OpenSSL 3) makes the key and the CA-signed certificate in one step; with -nodes the key
// is written unencrypted as PKCS#8 ("BEGIN PRIVATE KEY"), the form Strimzi's user.key has.
function issue(caCertificate: string, caKey: string, subject: string, key: string, certificate: string, extensions: readonly string[]): void {
  openssl([
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', VALIDITY_DAYS, '-subj', subject,
    '-CA', caCertificate, '-CAkey', caKey, '-addext', 'basicConstraints=critical,CA:FALSE',
    ...extensions.flatMap((e) => ['-addext', e]),
    '-keyout', key, '-out', certificate,
  ]);
}
