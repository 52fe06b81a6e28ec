import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function openssl(args: readonly string[]): void {
  execFileSync('openssl', args, { stdio: 'pipe' });
}

/** A CA (like Strimzi's cluster or clients CA) in `dir`; returns the path of its certificate (`<name>.key` beside it). */
export function certificateAuthority(dir: string, name: string): string {
  openssl([
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign',
    '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`),
  ]);
  return join(dir, `${name}.crt`);
}

/**
 * A certificate for `cn` signed by the CA, and its unencrypted PKCS#8 key (as Strimzi writes
 * `user.key`); `subjectAltName` for a server.
 */
export function signedCertificate(dir: string, ca: string, cn: string, subjectAltName?: string): { cert: string; key: string } {
  const key = join(dir, `${cn}.key`);
  const csr = join(dir, `${cn}.csr`);
  const cert = join(dir, `${cn}.crt`);
  const extensions = join(dir, `${cn}.ext`);
  writeFileSync(extensions, subjectAltName ? `subjectAltName=${subjectAltName}\n` : 'extendedKeyUsage=clientAuth\n');
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', key, '-out', csr]);
  openssl(['x509', '-req', '-in', csr, '-CA', ca, '-CAkey', ca.replace(/\.crt$/, '.key'), '-CAcreateserial', '-days', '1', '-extfile', extensions,
    '-out', cert]);
  return { cert, key };
}

/** A broker key and certificate for 127.0.0.1 signed by the CA, in the one-file PEM layout Kafka reads. */
export function brokerKeystore(dir: string, ca: string): string {
  const { cert, key } = signedCertificate(dir, ca, 'broker', 'IP:127.0.0.1');
  const keystore = join(dir, 'broker-keystore.pem');
  writeFileSync(keystore, readFileSync(key, 'utf8') + readFileSync(cert, 'utf8'));
  return keystore;
}

/** A client certificate for `cn` signed by the CA that was valid for one day in 2020 only, and its key. */
export function expiredCertificate(dir: string, ca: string, cn: string): { cert: string; key: string } {
  // `openssl ca` is what sets both dates in OpenSSL 3.0; it needs a database folder of its own.
  const db = join(dir, `${cn}-ca-db`);
  mkdirSync(db);
  writeFileSync(join(db, 'index.txt'), '');
  writeFileSync(join(db, 'serial'), '01\n');
  writeFileSync(
    join(db, 'ca.cnf'),
    `[ca]\ndefault_ca = d\n[d]\ndatabase = ${db}/index.txt\nserial = ${db}/serial\nnew_certs_dir = ${db}\ndefault_md = sha256\npolicy = ` +
      `p\n[p]\ncommonName = supplied\n`,
  );
  const key = join(dir, `${cn}.key`);
  const csr = join(dir, `${cn}.csr`);
  const cert = join(dir, `${cn}.crt`);
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${cn}`, '-keyout', key, '-out', csr]);
  openssl([
    'ca', '-batch', '-config', join(db, 'ca.cnf'), '-cert', ca, '-keyfile', ca.replace(/\.crt$/, '.key'),
    '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-in', csr, '-out', cert,
  ]);
  return { cert, key };
}
