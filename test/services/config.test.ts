import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { ConfigError, Env } from '../../apps/runtime/config';
import { readKafkaSecurity } from '../../apps/runtime/kafka-security';
import { readServiceConfig } from '../../apps/runtime/service';
import { ServiceProcess } from '../../scripts/kafka/service-process';
import { certificateAuthority, expiredCertificate, signedCertificate } from './pki';

/** Exit status the runtime uses for configuration errors (sysexits EX_CONFIG). */
const EXIT_CONFIG = 78;
const PASSWORD = 'pw-Zq81-never-printed';

let dir: string;
let files: {
  ca: string; cert: string; key: string; otherKey: string; expired: { cert: string; key: string };
  password: string; empty: string; newlineOnly: string; notPem: string;
};

beforeAll(() => {
  // Files as Strimzi's Secrets would mount them: cluster CA, a user's certificate and PKCS#8 key, a password.
  dir = mkdtempSync(join(tmpdir(), 'services-config-'));
  const ca = certificateAuthority(dir, 'clients-ca');
  const user = signedCertificate(dir, ca, 'data-consumer');
  const other = signedCertificate(dir, ca, 'someone-else');
  const file = (name: string, content: string): string => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  files = {
    ca,
    cert: user.cert,
    key: user.key,
    otherKey: other.key,
    expired: expiredCertificate(dir, ca, 'expired-user'),
    password: file('password', `${PASSWORD}\n`),
    empty: file('empty', ''),
    newlineOnly: file('newline', '\n'),
    notPem: file('not-pem', 'this is not PEM\n'),
  };
  mkdirSync(join(dir, 'a-directory'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The problems `read` reports for the settings in `vars`, in order. */
function problemsReading(vars: Record<string, string>, read: (env: Env) => unknown): string[] {
  const env = new Env(vars);
  read(env);
  try {
    env.validate();
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [...error.problems];
  }
}

/** The problems the security settings in `vars` give, in order. */
const securityProblems = (vars: Record<string, string>): string[] => problemsReading(vars, readKafkaSecurity);

describe('bad configuration stops a service at start-up', () => {
  test('the producer names each bad variable and what it expects, and exits 78', async () => {
    // GIVEN a producer with a bootstrap entry without port and a non-numeric interval
    const producer = ServiceProcess.start('producer', {
      env: { KAFKA_BOOTSTRAP_SERVERS: 'kafka-a:9092,kafka-b', PRODUCER_INTERVAL_MS: '2s' },
    });

    // WHEN it starts
    const exitCode = await producer.exited;

    // THEN it exits with EX_CONFIG and explains both problems
    expect(exitCode).toBe(EXIT_CONFIG);
    const output = producer.lines.join('\n');
    expect(output).toContain("KAFKA_BOOTSTRAP_SERVERS must be a comma-separated list of host:port (port 1-65535), got 'kafka-a:9092,kafka-b'");
    expect(output).toContain("PRODUCER_INTERVAL_MS must be an integer from 0 to 86400000, got '2s'");
    expect(output).not.toMatch(/HTTP server listening/);
  }, 30_000);

  test('the consumer lists every security problem at once, and never the password or key', async () => {
    // GIVEN a consumer with a directory as CA file, SASL without username, both password forms, and a key without certificate
    const consumer = ServiceProcess.start('consumer', {
      env: {
        HTTP_PORT: '70000',
        KAFKA_SESSION_TIMEOUT_MS: '1000',
        KAFKA_SSL_CA_FILE: join(dir, 'a-directory'),
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_PASSWORD: PASSWORD,
        KAFKA_SASL_PASSWORD_FILE: files.password,
        KAFKA_SSL_KEY_FILE: files.key,
      },
    });

    // WHEN it starts
    const exitCode = await consumer.exited;

    // THEN it exits with EX_CONFIG, each problem reported by name, no secret in the output
    expect(exitCode).toBe(EXIT_CONFIG);
    const output = consumer.lines.join('\n');
    expect(output).toContain("HTTP_PORT must be an integer from 1 to 65535, got '70000'");
    expect(output).toContain("KAFKA_SESSION_TIMEOUT_MS must be an integer from 6000 to 1800000, got '1000'");
    expect(output).toContain(`KAFKA_SSL_CA_FILE must be the path of a readable, non-empty file, got '${join(dir, 'a-directory')}' (a directory)`);
    expect(output).toContain('KAFKA_SASL_USERNAME must be set when KAFKA_SASL_MECHANISM is set');
    expect(output).toContain('KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set: set exactly one');
    expect(output).toContain('KAFKA_SSL_KEY_FILE is set but KAFKA_SSL_CERT_FILE is not');
    expect(output).toContain('a Strimzi listener has one authentication type');
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toMatch(/PRIVATE KEY|^[A-Za-z0-9+/]{64}$/m);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  }, 30_000);
});

describe('start-up failures the service detects itself: exit 78 with one line naming the setting', () => {
  test('HTTP_PORT already in use: one line naming HTTP_PORT and the port, no stack, before any Kafka connection', async () => {
    // GIVEN a port another process listens on
    const other = createServer();
    await new Promise<void>((resolve) => other.listen(0, resolve));
    const port = (other.address() as AddressInfo).port;
    try {
      // WHEN a producer is started on it
      const producer = ServiceProcess.start('producer', { env: { HTTP_PORT: String(port), KAFKA_BOOTSTRAP_SERVERS: 'localhost:1' } });
      const exitCode = await producer.exited;

      // THEN it exits with EX_CONFIG after a single line that names the setting and says what to do
      expect(exitCode).toBe(EXIT_CONFIG);
      expect(producer.lines).toEqual([expect.stringMatching(new RegExp(`^data-producer: HTTP_PORT ${port} is already in use .*: `))]);
    } finally {
      other.close();
    }
  }, 30_000);

  test('a topic name Kafka refuses: exit 78 naming KAFKA_TOPIC and the rule', async () => {
    const consumer = ServiceProcess.start('consumer', { env: { KAFKA_TOPIC: 'bad topic!' } });
    expect(await consumer.exited).toBe(EXIT_CONFIG);
    expect(consumer.lines).toEqual([expect.stringMatching(/^data-consumer: KAFKA_TOPIC 'bad topic!' is not a Kafka topic name: .*\[a-zA-Z0-9._-\]/)]);
  }, 30_000);

  test.each<[string, string, RegExp]>([
    ['a space and a "!"', 'bad topic!', /only the characters \[a-zA-Z0-9._-\]/],
    ['250 characters', 'm'.repeat(250), /at most 249 characters/],
    ['"."', '.', /not '\.' or '\.\.'/],
    ['".."', '..', /not '\.' or '\.\.'/],
    ["Kafka's internal offsets topic", '__consumer_offsets', /Kafka's internal topic/],
  ])('rejects the topic name %s', (_, topic, rule) => {
    // WHEN the shared settings are read with that topic
    const problems = problemsReading({ KAFKA_TOPIC: topic }, (env) => readServiceConfig(env, 'data-producer'));

    // THEN exactly one problem names KAFKA_TOPIC and states the rule
    expect(problems).toEqual([expect.stringMatching(/^KAFKA_TOPIC /)]);
    expect(problems[0]).toMatch(rule);
  });

  test.each([
    ['manual', 'manual'],
    ['of 249 characters', 'm'.repeat(249)],
    ['sensor.measurements_v2-eu', 'sensor.measurements_v2-eu'],
    ['...', '...'],
    ['_private', '_private'],
  ])('accepts the topic name %s', (_, topic) => {
    const env = new Env({ KAFKA_TOPIC: topic });
    expect(readServiceConfig(env, 'data-consumer').topic).toBe(topic);
    expect(() => env.validate()).not.toThrow();
  });
});

describe('client security settings (KAFKA_SASL_*, KAFKA_SSL_*)', () => {
  test('SCRAM with a password file: trailing newline dropped, the password printed nowhere', () => {
    // GIVEN the settings the library emits for a scram-sha-512 listener
    const env = new Env({ KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512', KAFKA_SASL_USERNAME: 'data-producer', KAFKA_SASL_PASSWORD_FILE: files.password });

    // WHEN they are read
    const security = readKafkaSecurity(env);

    // THEN they are valid, the password is the file minus its newline, and printing the settings hides it
    expect(() => env.validate()).not.toThrow();
    expect(security.sasl).toMatchObject({ mechanism: 'scram-sha-512', username: 'data-producer' });
    expect(security.sasl?.password.reveal()).toBe(PASSWORD);
    for (const printed of [JSON.stringify(security), inspect(security, { depth: 5 }), `${security.sasl?.password}`]) {
      expect(printed).not.toContain(PASSWORD);
    }
  });

  test('mTLS with the cluster CA, user.crt and a PKCS#8 user.key: valid, the key printed nowhere', () => {
    const env = new Env({ KAFKA_SSL_CA_FILE: files.ca, KAFKA_SSL_CERT_FILE: files.cert, KAFKA_SSL_KEY_FILE: files.key });
    const security = readKafkaSecurity(env);
    expect(() => env.validate()).not.toThrow();
    expect(security.tls).toMatchObject({ caFile: files.ca, certFile: files.cert });
    expect(security.tls?.key?.reveal()).toContain('BEGIN PRIVATE KEY');
    expect(JSON.stringify(security) + inspect(security, { depth: 5 })).not.toContain('PRIVATE KEY');
    expect(security.sasl).toBeUndefined();
  });

  test('nothing set: plaintext without authentication', () => {
    expect(securityProblems({})).toEqual([]);
    expect(readKafkaSecurity(new Env({}))).toEqual({ tls: undefined, sasl: undefined });
  });

  test.each<[string, () => Record<string, string>, RegExp[]]>([
    ['mechanism without username or password', () => ({ KAFKA_SASL_MECHANISM: 'scram-sha-512' }), [
      /^KAFKA_SASL_USERNAME must be set when KAFKA_SASL_MECHANISM is set: the name of the KafkaUser$/,
      /^KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD must be set when KAFKA_SASL_MECHANISM is set/,
    ]],
    ['password without mechanism', () => ({ KAFKA_SASL_PASSWORD: PASSWORD }), [
      /^KAFKA_SASL_PASSWORD is set but KAFKA_SASL_MECHANISM is not: set KAFKA_SASL_MECHANISM=scram-sha-512 .*, or unset it$/,
    ]],
    ['username and password file without mechanism', () => ({ KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: files.password }), [
      /^KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD_FILE are set but KAFKA_SASL_MECHANISM is not/,
    ]],
    ['both password forms', () => ({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: PASSWORD,
      KAFKA_SASL_PASSWORD_FILE: files.password }), [
      /^KAFKA_SASL_PASSWORD and KAFKA_SASL_PASSWORD_FILE are both set: set exactly one/,
    ]],
    ['blank password', () => ({ KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: '  ' }), [
      /^KAFKA_SASL_PASSWORD must not be blank$/,
      /^KAFKA_SASL_PASSWORD_FILE or KAFKA_SASL_PASSWORD must be set/,
    ]],
    ['unsupported mechanism', () => ({ KAFKA_SASL_MECHANISM: 'gssapi', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: PASSWORD }), [
      /^KAFKA_SASL_MECHANISM must be one of scram-sha-512, scram-sha-256, plain, got 'gssapi'$/,
    ]],
    ['certificate without key', () => ({ KAFKA_SSL_CERT_FILE: files.cert }),
      [/^KAFKA_SSL_CERT_FILE is set but KAFKA_SSL_KEY_FILE is not: mTLS needs both/]],
    ['key without certificate', () => ({ KAFKA_SSL_KEY_FILE: files.key }),
      [/^KAFKA_SSL_KEY_FILE is set but KAFKA_SSL_CERT_FILE is not: mTLS needs both/]],
    ['SASL and mTLS together', () => ({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD_FILE: files.password,
      KAFKA_SSL_CERT_FILE: files.cert, KAFKA_SSL_KEY_FILE: files.key }), [
      /^KAFKA_SASL_MECHANISM and KAFKA_SSL_CERT_FILE\/KAFKA_SSL_KEY_FILE are both set: a Strimzi listener has one authentication type/,
    ]],
    ['a directory as CA file', () => ({ KAFKA_SSL_CA_FILE: join(dir, 'a-directory') }),
      [/^KAFKA_SSL_CA_FILE must be the path of a readable, non-empty file, got '.*a-directory' \(a directory\)$/]],
    ['a missing CA file', () => ({ KAFKA_SSL_CA_FILE: join(dir, 'missing.crt') }), [/^KAFKA_SSL_CA_FILE .*, got '.*missing.crt' \(no such file\)$/]],
    ['an empty certificate file', () => ({ KAFKA_SSL_CERT_FILE: files.empty, KAFKA_SSL_KEY_FILE: files.key }),
      [/^KAFKA_SSL_CERT_FILE .*, got '.*empty' \(empty\)$/]],
    ['a password file holding only a newline', () => ({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD_FILE: files.newlineOnly }), [
      /^KAFKA_SASL_PASSWORD_FILE .*, got '.*newline' \(empty\)$/,
    ]],
    ['a password file that is a directory', () => ({ KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u',
      KAFKA_SASL_PASSWORD_FILE: join(dir, 'a-directory') }), [
      /^KAFKA_SASL_PASSWORD_FILE .* \(a directory\)$/,
    ]],
    ['a CA file that is not a certificate', () => ({ KAFKA_SSL_CA_FILE: files.notPem }),
      [/^KAFKA_SSL_CA_FILE '.*not-pem' must hold a PEM certificate/]],
    ['a certificate given as key', () => ({ KAFKA_SSL_CERT_FILE: files.cert, KAFKA_SSL_KEY_FILE: files.cert }), [
      /^KAFKA_SSL_KEY_FILE '.*' must hold an unencrypted PEM private key \(PKCS#8, as Strimzi writes user.key\)$/,
    ]],
    ['an expired client certificate', () => ({ KAFKA_SSL_CERT_FILE: files.expired.cert, KAFKA_SSL_KEY_FILE: files.expired.key }), [
      /^KAFKA_SSL_CERT_FILE '.*expired-user.crt' holds a certificate that expired on 2020-01-02T00:00:00.000Z: mount the current Secret/,
    ]],
    ['a certificate and a key that do not belong together', () => ({ KAFKA_SSL_CERT_FILE: files.cert, KAFKA_SSL_KEY_FILE: files.otherKey }), [
      /^KAFKA_SSL_CERT_FILE '.*' and KAFKA_SSL_KEY_FILE '.*' do not belong together/,
    ]],
  ])('rejects %s, saying what to fix', (_, vars, expected) => {
    // WHEN the settings are read
    const problems = securityProblems(vars());

    // THEN exactly the expected problems are reported, none showing a password or key
    expect(problems).toHaveLength(expected.length);
    expected.forEach((pattern, i) => expect(problems[i]).toMatch(pattern));
    expect(problems.join('\n')).not.toMatch(new RegExp(`${PASSWORD}|PRIVATE KEY`));
  });
});

describe('Env', () => {
  test('accepts the bootstrap forms Kafka accepts: names, IPv4, bracketed IPv6, spaces after commas', () => {
    // GIVEN a list mixing every form
    const env = new Env({ KAFKA_BOOTSTRAP_SERVERS: 'amm-techlab-kafka-bootstrap:9092, 10.0.0.7:9093,[::1]:9094' });

    // WHEN it is read
    const servers = env.hostPortList('KAFKA_BOOTSTRAP_SERVERS', []);

    // THEN every entry is kept, trimmed, and nothing is reported
    expect(servers).toEqual(['amm-techlab-kafka-bootstrap:9092', '10.0.0.7:9093', '[::1]:9094']);
    expect(() => env.validate()).not.toThrow();
  });

  test.each(['', 'kafka', 'kafka:', 'kafka:0', 'kafka:65536', 'kafka:9092,', 'http://kafka:9092', '::1:9092'])(
    'rejects the bootstrap list %j',
    (value) => {
      const env = new Env({ KAFKA_BOOTSTRAP_SERVERS: value });
      expect(env.hostPortList('KAFKA_BOOTSTRAP_SERVERS', ['localhost:9092'])).toEqual(['localhost:9092']);
      expect(() => env.validate()).toThrow(ConfigError);
    },
  );

  test('uses the defaults when variables are unset', () => {
    const env = new Env({});
    expect(env.integer('PRODUCER_INTERVAL_MS', 2000, 0, 10)).toBe(2000);
    expect(env.oneOf('LOG_LEVEL', ['info', 'debug'] as const, 'info')).toBe('info');
    expect(env.optionalFile('KAFKA_SSL_CA_FILE')).toBeUndefined();
    expect(() => env.validate()).not.toThrow();
  });
});
