/**
 * The environment contract between the library's constructs and the services in `apps/`: every variable a
 * Deployment of `KafkaMicroservice` may carry and a service reads, named once. Both sides import this module
 * (`apps/tsconfig.json` compiles it with the services), so a name cannot change on one side only.
 *
 * A data module: no imports, nothing Node-only, nothing jsii exposes (it is not exported from `lib/index.ts`).
 */

/** A service of `apps/` (the `app.kubernetes.io/component` of its Deployment). */
export type ServiceRole = 'producer' | 'consumer';

/**
 * Who gives a variable its value in a Deployment the library synthesizes: the `construct` from its wiring (the
 * `env` prop cannot override it), the `user` through the `env` prop (else the service's default holds), or no one
 * (`local`: runs outside the library's Deployments only).
 */
export type EnvSetter = 'construct' | 'user' | 'local';

/** What makes the construct set a variable that not every Deployment carries: the listener the services use. */
export type EnvCondition = 'listener-tls' | 'authentication-scram-sha-512' | 'authentication-tls';

/** One variable of the contract. */
export interface ServiceEnvVariable {
  /** The services that read it. */
  readonly readBy: readonly ServiceRole[];
  /** Who sets it in a synthesized Deployment. */
  readonly setBy: EnvSetter;
  /** For a variable the construct sets: only on this kind of listener. Always when absent. */
  readonly when?: EnvCondition;
}

const BOTH: readonly ServiceRole[] = ['producer', 'consumer'];

/** The contract: each variable's name (the key), its readers and who sets it. */
export const SERVICE_ENV = {
  /** Comma-separated `host:port` list: the cluster's bootstrap Service on the services' listener. */
  KAFKA_BOOTSTRAP_SERVERS: { readBy: BOTH, setBy: 'construct' },
  /** The topic the producer writes and the consumer reads (its KafkaTopic's `topicName`). */
  KAFKA_TOPIC: { readBy: BOTH, setBy: 'construct' },
  /** The Kafka client id: the service's name. */
  KAFKA_CLIENT_ID: { readBy: BOTH, setBy: 'construct' },
  /** The consumer group, the one the consumer's KafkaUser may Read and the day-2 plan watches for changes. */
  KAFKA_GROUP_ID: { readBy: ['consumer'], setBy: 'construct' },
  /** Milliseconds between the producer's sends (the `interval` prop). */
  PRODUCER_INTERVAL_MS: { readBy: ['producer'], setBy: 'construct' },
  /** Port of the HTTP server (probes, metrics, `/data`): `KafkaMicroservice.HTTP_PORT`. */
  HTTP_PORT: { readBy: BOTH, setBy: 'construct' },
  /** Path of the mounted cluster CA certificate (PEM); set means TLS. */
  KAFKA_SSL_CA_FILE: { readBy: BOTH, setBy: 'construct', when: 'listener-tls' },
  /** mTLS: path of the mounted client certificate (the KafkaUser Secret's `user.crt`). */
  KAFKA_SSL_CERT_FILE: { readBy: BOTH, setBy: 'construct', when: 'authentication-tls' },
  /** mTLS: path of the mounted PKCS#8 client key (the KafkaUser Secret's `user.key`). */
  KAFKA_SSL_KEY_FILE: { readBy: BOTH, setBy: 'construct', when: 'authentication-tls' },
  /** SASL mechanism: `scram-sha-512` for a Strimzi SCRAM user. */
  KAFKA_SASL_MECHANISM: { readBy: BOTH, setBy: 'construct', when: 'authentication-scram-sha-512' },
  /** SASL user name: the KafkaUser's name (its Secret has no key for it). */
  KAFKA_SASL_USERNAME: { readBy: BOTH, setBy: 'construct', when: 'authentication-scram-sha-512' },
  /** Path of the mounted password (the KafkaUser Secret's `password`). */
  KAFKA_SASL_PASSWORD_FILE: { readBy: BOTH, setBy: 'construct', when: 'authentication-scram-sha-512' },
  /** The password itself, for local runs: the construct refuses it in `env`, where it would sit in the manifest. */
  KAFKA_SASL_PASSWORD: { readBy: BOTH, setBy: 'local' },
  /** `earliest` or `latest`: where a group without committed offsets starts. */
  KAFKA_AUTO_OFFSET_RESET: { readBy: ['consumer'], setBy: 'user' },
  /** How long the broker waits for a silent consumer before rebalancing, in milliseconds. */
  KAFKA_SESSION_TIMEOUT_MS: { readBy: ['consumer'], setBy: 'user' },
  /** Measurements per send request (benchmarks). */
  PRODUCER_BATCH_SIZE: { readBy: ['producer'], setBy: 'user' },
  /** `debug`, `info`, `warn` or `error`, for the service and its kafkajs client. */
  LOG_LEVEL: { readBy: BOTH, setBy: 'user' },
  /** `text` or `json` (one object a line). */
  LOG_FORMAT: { readBy: BOTH, setBy: 'user' },
  /** Level of the one-line-per-record logs. */
  MESSAGE_LOG_LEVEL: { readBy: BOTH, setBy: 'user' },
} as const satisfies Readonly<Record<string, ServiceEnvVariable>>;

/** The name of a variable of the contract. */
export type ServiceEnvName = keyof typeof SERVICE_ENV;

/** Each variable's name, for both sides to write instead of a string: `ServiceEnv.KAFKA_TOPIC`. */
export const ServiceEnv = Object.freeze(Object.fromEntries(Object.keys(SERVICE_ENV).map((name) => [name, name]))) as {
  readonly [Name in keyof typeof SERVICE_ENV]: Name;
};

/** The contract's entry for `name`; undefined for a variable outside the contract. */
export function serviceEnvVariable(name: string): ServiceEnvVariable | undefined {
  return Object.prototype.hasOwnProperty.call(SERVICE_ENV, name) ? SERVICE_ENV[name as ServiceEnvName] : undefined;
}
