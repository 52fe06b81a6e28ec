import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KafkaBroker } from '../../scripts/kafka/broker';
import { createTopic, eventually, getJson, RunningService, startService, uniqueName, waitForMessage } from './helpers';
import { brokerKeystore, certificateAuthority, signedCertificate } from './pki';

type Report = { checks: Array<{ status: string; data: { error?: string; hint?: string } }> };

describe('TLS to a listener signed by a cluster CA, with and without a client certificate (mTLS)', () => {
  let dir: string;
  let broker: KafkaBroker;
  let clusterCa: string;
  let client: { cert: string; key: string };
  const topic = uniqueName('tls');
  const services: RunningService[] = [];
  const tlsEnv = (): Record<string, string> => ({
    KAFKA_BOOTSTRAP_SERVERS: broker.tlsBootstrapServers ?? '',
    KAFKA_SSL_CA_FILE: clusterCa,
    KAFKA_TOPIC: topic,
    KAFKA_GROUP_ID: uniqueName('tls'),
  });

  beforeAll(async () => {
    // GIVEN a broker whose TLS listener has a certificate from a cluster CA and checks client
    // certificates against a clients CA when one is presented, as Strimzi's CAs are split
    dir = mkdtempSync(join(tmpdir(), 'kafka-tls-'));
    clusterCa = certificateAuthority(dir, 'cluster-ca');
    const clientsCa = certificateAuthority(dir, 'clients-ca');
    client = signedCertificate(dir, clientsCa, 'data-services');
    // The harness names its TLS listener `tls` (earlier versions: `ssl`); Kafka ignores the other name's settings.
    const clientAuth = Object.fromEntries(
      ['ssl', 'tls'].flatMap((listener) => [
        [`listener.name.${listener}.ssl.client.auth`, 'requested'],
        [`listener.name.${listener}.ssl.truststore.type`, 'PEM'],
        [`listener.name.${listener}.ssl.truststore.location`, clientsCa],
      ]),
    );
    broker = await KafkaBroker.start({ tls: { keyAndCertificateFile: brokerKeystore(dir, clusterCa) }, serverProperties: clientAuth });
    await createTopic(broker.bootstrapServers, topic);
  }, 90_000);

  afterAll(async () => {
    await Promise.all(services.map((s) => s.process.stop()));
    await broker?.destroy();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  async function expectFlow(env: Record<string, string>): Promise<[RunningService, RunningService]> {
    const consumer = await startService('consumer', env);
    const producer = await startService('producer', env);
    services.push(consumer, producer);

    // WHEN a measurement is requested
    const { body } = await eventually(async () => {
      const response = await getJson(`${producer.url}/data`);
      expect(response.status).toBe(200);
      return response;
    });

    // THEN it is sent and received over TLS, and both are ready
    await waitForMessage(consumer, `Received message: ${JSON.stringify(body)}`);
    for (const service of [producer, consumer]) {
      await eventually(async () => expect((await getJson(`${service.url}/health/ready`)).status).toBe(200));
    }
    return [producer, consumer];
  }

  test('trusting the cluster CA, measurements flow over TLS', async () => {
    const [producer] = await expectFlow(tlsEnv());
    expect(producer.process.lines.some((line) => /"tls":true,"authentication":"none"/.test(line))).toBe(true);
  }, 90_000);

  test('with user.crt and user.key, measurements flow over mTLS, and the key shows nowhere', async () => {
    // GIVEN both services with a client certificate and PKCS#8 key, as Strimzi's User Operator writes them
    const [producer, consumer] = await expectFlow({ ...tlsEnv(), KAFKA_SSL_CERT_FILE: client.cert, KAFKA_SSL_KEY_FILE: client.key });

    // THEN they say they authenticate by certificate, and no output, health or metrics answer holds the key
    const keyLines = readFileSync(client.key, 'utf8').split('\n').filter((line) => line.length > 20);
    for (const service of [producer, consumer]) {
      expect(service.process.lines.some((line) => /"tls":true,"authentication":"tls"/.test(line))).toBe(true);
      const answers = [service.process.lines.join('\n'), await (await fetch(`${service.url}/health`)).text(),
        await (await fetch(`${service.url}/metrics`)).text()];
      for (const text of answers) for (const line of keyLines) expect(text).not.toContain(line);
    }
  }, 90_000);

  test('with a client certificate the broker does not trust, the service is not ready and says why', async () => {
    // GIVEN a consumer presenting a certificate from a CA the broker does not know
    const strangerCa = certificateAuthority(dir, 'stranger-ca');
    const stranger = signedCertificate(dir, strangerCa, 'stranger');
    const consumer = await startService('consumer', { ...tlsEnv(), KAFKA_SSL_CERT_FILE: stranger.cert, KAFKA_SSL_KEY_FILE: stranger.key });
    services.push(consumer);

    // THEN readiness stays DOWN, naming a TLS problem and what to check
    await eventually(async () => {
      const response = await getJson(`${consumer.url}/health/ready`);
      expect(response.status).toBe(503);
      expect((response.body as Report).checks[0].data).toMatchObject({ error: expect.stringMatching(/certificate|ssl|tls/i),
        hint: expect.stringMatching(/KAFKA_SSL_CA_FILE/) });
    });
  }, 60_000);

  test('trusting another CA, the broker is not trusted and the service is not ready', async () => {
    // GIVEN a consumer trusting a CA that did not sign the broker's certificate
    const consumer = await startService('consumer', { ...tlsEnv(), KAFKA_SSL_CA_FILE: certificateAuthority(dir, 'other-ca') });
    services.push(consumer);

    // THEN readiness stays DOWN, naming the certificate problem
    await eventually(async () => {
      const response = await getJson(`${consumer.url}/health/ready`);
      expect(response.status).toBe(503);
      expect((response.body as Report).checks[0].data.error).toMatch(/certificate/i);
    });
  }, 60_000);
});
