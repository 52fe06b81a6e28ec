import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaBroker } from '../../scripts/kafka/broker';
import { createTopic, eventually, getJson, RunningService, startService, uniqueName } from './helpers';

/** A CA (like Strimzi's cluster CA) in `dir`; returns the path of its certificate. */
function certificateAuthority(dir: string, name: string): string {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign',
    '-keyout', join(dir, `${name}.key`), '-out', join(dir, `${name}.crt`),
  ], { stdio: 'pipe' });
  return join(dir, `${name}.crt`);
}

/** A broker key and certificate for 127.0.0.1 signed by the CA, in the PEM layout Kafka reads. */
function brokerKeystore(dir: string, ca: string): string {
  const key = join(dir, 'broker.key');
  const csr = join(dir, 'broker.csr');
  const crt = join(dir, 'broker.crt');
  const extensions = join(dir, 'broker.ext');
  writeFileSync(extensions, 'subjectAltName=IP:127.0.0.1\n');
  execFileSync('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', csr], { stdio: 'pipe' });
  execFileSync('openssl', [
    'x509', '-req', '-in', csr, '-CA', ca, '-CAkey', ca.replace(/\.crt$/, '.key'), '-CAcreateserial',
    '-days', '1', '-extfile', extensions, '-out', crt,
  ], { stdio: 'pipe' });
  const keystore = join(dir, 'broker-keystore.pem');
  writeFileSync(keystore, readFileSync(key, 'utf8') + readFileSync(crt, 'utf8'));
  return keystore;
}

describe('KAFKA_SSL_CA_FILE: TLS to a listener signed by a cluster CA', () => {
  let dir: string;
  let broker: KafkaBroker;
  let clusterCa: string;
  const topic = uniqueName('tls');
  const services: RunningService[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-tls-'));
    clusterCa = certificateAuthority(dir, 'cluster-ca');
    broker = await KafkaBroker.start({ tls: { keyAndCertificateFile: brokerKeystore(dir, clusterCa) } });
    await createTopic(broker.bootstrapServers, topic);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.process.stop()));
    await broker?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  test('with the cluster CA, measurements flow over TLS', async () => {
    // GIVEN both services pointed at the TLS listener, trusting the cluster CA
    const env = {
      KAFKA_BOOTSTRAP_SERVERS: broker.tlsBootstrapServers ?? '',
      KAFKA_SSL_CA_FILE: clusterCa,
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: topic,
      KAFKA_AUTO_OFFSET_RESET: 'earliest',
    };
    const consumer = await startService('consumer', env);
    const producer = await startService('producer', env);
    services.push(consumer, producer);

    // WHEN a measurement is requested
    const { status, body } = await eventually(async () => {
      const response = await getJson(`${producer.url}/data`);
      expect(response.status).toBe(200);
      return response;
    });

    // THEN it is sent and received over TLS, and both are ready
    expect(status).toBe(200);
    await consumer.process.waitForLine(new RegExp(`Received message: ${JSON.stringify(body).replace(/[.{}]/g, '\\$&')}`));
    for (const service of [producer, consumer]) {
      await eventually(async () => expect((await getJson(`${service.url}/health/ready`)).status).toBe(200));
      expect(service.process.lines.some((line) => line.includes('tls=true'))).toBe(true);
    }
  }, 90_000);

  test('with another CA, the broker is not trusted and the service is not ready', async () => {
    // GIVEN a consumer trusting a CA that did not sign the broker's certificate
    const stranger = certificateAuthority(dir, 'other-ca');
    const consumer = await startService('consumer', {
      KAFKA_BOOTSTRAP_SERVERS: broker.tlsBootstrapServers ?? '',
      KAFKA_SSL_CA_FILE: stranger,
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: uniqueName('untrusted'),
    });
    services.push(consumer);

    // THEN readiness stays DOWN, naming the certificate problem
    const ready = await eventually(async () => {
      const response = await getJson(`${consumer.url}/health/ready`);
      expect(response.status).toBe(503);
      return response.body as { checks: Array<{ data: { error: string } }> };
    });
    expect(ready.checks[0].data.error).toMatch(/certificate/i);
  }, 60_000);
});
