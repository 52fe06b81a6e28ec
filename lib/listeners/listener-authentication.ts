import { KafkaSpecKafkaListenersAuthentication, KafkaSpecKafkaListenersAuthenticationType } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';

/** How clients of a listener prove who they are (`spec.kafka.listeners[].authentication.type`). */
export enum ListenerAuthentication {
  /** SASL SCRAM-SHA-512 with a KafkaUser's password (SASL_PLAINTEXT, or SASL_SSL on a TLS listener). */
  SCRAM_SHA_512 = 'scram-sha-512',
  /** Mutual TLS with a KafkaUser's certificate, signed by the clients CA; only on a TLS listener. */
  TLS = 'tls',
  /** None: every client is `User:ANONYMOUS`. Warns at synth. */
  NONE = 'none',
}

/** The listener fields this module reads. */
interface SecuredListener {
  readonly name: string;
  readonly tls: boolean;
  readonly authentication: ListenerAuthentication;
}

/**
 * Throws for an authentication the operator would refuse: Strimzi's ListenersValidator rejects "tls type
 * authentication with disabled TLS encryption" (there is no TLS handshake to carry a client certificate).
 */
export function checkListenerAuthentication(cluster: Subject, listener: SecuredListener): void {
  if (!Object.values(ListenerAuthentication).includes(listener.authentication)) {
    throw cluster.part('listener', listener.name).error(
      'listener-authentication-unsupported', `has authentication '${String(listener.authentication)}', which Strimzi 1.2.0 does not offer here ` +
        `(it offers ${Object.values(ListenerAuthentication).join(', ')})`,
      'Use one of the ListenerAuthentication values',
    );
  }
  if (listener.authentication === ListenerAuthentication.TLS && !listener.tls) {
    throw cluster.part('listener', listener.name).error(
      'listener-mtls-without-tls', 'has tls (mTLS) authentication but tls: false; client certificates need a TLS listener',
      "Set 'tls: true' on the listener, or use ListenerAuthentication.SCRAM_SHA_512",
    );
  }
}

/** `authentication` of the listener in the CRD's form; none for an unauthenticated listener. */
export function renderListenerAuthentication(listener: SecuredListener): KafkaSpecKafkaListenersAuthentication | undefined {
  switch (listener.authentication) {
    case ListenerAuthentication.SCRAM_SHA_512:
      return { type: KafkaSpecKafkaListenersAuthenticationType.SCRAM_HYPHEN_SHA_HYPHEN_512 };
    case ListenerAuthentication.TLS:
      return { type: KafkaSpecKafkaListenersAuthenticationType.TLS };
    case ListenerAuthentication.NONE:
      return undefined;
  }
}
