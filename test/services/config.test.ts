import { ConfigError, Env } from '../../apps/runtime/config';
import { ServiceProcess } from '../../scripts/kafka/service-process';

/** Exit status the runtime uses for configuration errors (sysexits EX_CONFIG). */
const EXIT_CONFIG = 78;

describe('bad configuration stops a service at start-up', () => {
  test('the producer names each bad variable and what it expects, and exits non-zero', async () => {
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

  test('the consumer rejects a bad port, log level, group id and CA file', async () => {
    // GIVEN a consumer with four bad settings
    const consumer = ServiceProcess.start('consumer', {
      env: { HTTP_PORT: '70000', LOG_LEVEL: 'verbose', KAFKA_GROUP_ID: '  ', KAFKA_SSL_CA_FILE: '/nonexistent/ca.crt' },
    });

    // WHEN it starts
    const exitCode = await consumer.exited;

    // THEN each one is reported by name
    expect(exitCode).toBe(EXIT_CONFIG);
    const output = consumer.lines.join('\n');
    expect(output).toContain("HTTP_PORT must be an integer from 1 to 65535, got '70000'");
    expect(output).toContain("LOG_LEVEL must be one of debug, info, warn, error, got 'verbose'");
    expect(output).toContain("KAFKA_GROUP_ID must be a non-blank string, got '  '");
    expect(output).toContain("KAFKA_SSL_CA_FILE must be the path of a readable file, got '/nonexistent/ca.crt'");
  }, 30_000);
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
