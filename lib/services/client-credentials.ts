import { ServiceEnv } from '../base/service-environment';
import { ClusterListener } from '../listeners/kafka-listener';
import { ListenerAuthentication } from '../listeners/listener-authentication';
import { IKafkaUser, UserAuthentication } from '../security/kafka-user';

/** Where a service's user Secret is mounted (read-only, only the keys the client reads). */
export const USER_CREDENTIALS_DIR = '/etc/kafka-user';

/**
 * What a service needs to log in as a Kafka user (of this app or defined elsewhere): the env of the services' contract
 * and the Secret keys to mount.
 */
export interface ClientCredentials {
  readonly env: Record<string, string>;
  readonly secretName: string;
  readonly keys: string[];
}

/**
 * The services' env contract (lib/base/service-environment.ts): SCRAM reads the user name from `KAFKA_SASL_USERNAME` (the Secret
 * has no key for it) and the password from a file; mTLS reads the certificate and key from files. The values
 * never appear in the manifest, only the file paths.
 */
export function clientCredentials(user: IKafkaUser): ClientCredentials {
  const { credentials } = user;
  const file = (key: string) => `${USER_CREDENTIALS_DIR}/${key}`;
  if (credentials.authentication === UserAuthentication.TLS) {
    const keys = [credentials.certificateKey!, credentials.privateKeyKey!];
    return {
      env: { [ServiceEnv.KAFKA_SSL_CERT_FILE]: file(keys[0]), [ServiceEnv.KAFKA_SSL_KEY_FILE]: file(keys[1]) },
      secretName: credentials.secretName,
      keys,
    };
  }
  return {
    env: {
      [ServiceEnv.KAFKA_SASL_MECHANISM]: 'scram-sha-512',
      [ServiceEnv.KAFKA_SASL_USERNAME]: credentials.username!,
      [ServiceEnv.KAFKA_SASL_PASSWORD_FILE]: file(credentials.passwordKey!),
    },
    secretName: credentials.secretName,
    keys: [credentials.passwordKey!],
  };
}

/** The authentication a client's KafkaUser needs on `listener`; none for an unauthenticated listener. */
export function clientUserAuthentication(listener: ClusterListener): UserAuthentication | undefined {
  switch (listener.authentication) {
    case ListenerAuthentication.SCRAM_SHA_512:
      return UserAuthentication.SCRAM_SHA_512;
    case ListenerAuthentication.TLS:
      return UserAuthentication.TLS;
    case ListenerAuthentication.NONE:
      return undefined;
  }
}
