import { readFileSync } from 'node:fs';
import { Kafka, logLevel, SASLOptions } from 'kafkajs';

/**
 * A kafkajs client configured from a service's environment by the services' env contract
 * (KAFKA_BOOTSTRAP_SERVERS, KAFKA_CLIENT_ID, KAFKA_SASL_MECHANISM / _USERNAME / _PASSWORD(_FILE),
 * KAFKA_SSL_CA_FILE / _CERT_FILE / _KEY_FILE), so a test can prove that the environment a local run gives a
 * service is enough to reach Kafka, whichever branch of the services implements it.
 */
export function kafkaFromServiceEnv(env: Readonly<Record<string, string>>): Kafka {
  const read = (variable: string): string | undefined => (env[variable] ? readFileSync(env[variable], 'utf8') : undefined);
  const ca = read('KAFKA_SSL_CA_FILE');
  const mechanism = env.KAFKA_SASL_MECHANISM;
  return new Kafka({
    clientId: env.KAFKA_CLIENT_ID,
    brokers: env.KAFKA_BOOTSTRAP_SERVERS.split(','),
    logLevel: logLevel.NOTHING,
    ssl: ca ? { ca: [ca], cert: read('KAFKA_SSL_CERT_FILE'), key: read('KAFKA_SSL_KEY_FILE') } : undefined,
    sasl: mechanism
      ? ({ mechanism, username: env.KAFKA_SASL_USERNAME,
        password: env.KAFKA_SASL_PASSWORD ?? read('KAFKA_SASL_PASSWORD_FILE')?.trimEnd() } as SASLOptions)
      : undefined,
  });
}
