import {
  KafkaJSConnectionError,
  KafkaJSGroupCoordinatorNotFound,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { describeKafkaError } from '../../apps/runtime/kafka-errors';

// kafkajs' typings declare some of its error constructors without parameters; at run time they take a message (and a cause).
type ErrorClass = new (message: string | Error, options?: { cause: Error }) => Error;
const make = (Class: unknown, message: string | Error, options?: { cause: Error }): Error => new (Class as ErrorClass)(message, options);

/** A broker error as kafkajs builds it from an error code. */
function protocolError(type: string, message: string): KafkaJSProtocolError {
  return new KafkaJSProtocolError({ type, message, retriable: false } as unknown as Error);
}

describe('kafkajs errors described for operators', () => {
  const context = { groupId: 'data-consumer', topic: 'manual' };

  test('"Failed to find group coordinator" (how kafkajs reports a missing group ACL) says to check the group ACL and credentials', () => {
    // GIVEN the error a consumer without Read on its group gets, wrapped as kafkajs' consumer crash wraps it
    const cause = make(KafkaJSGroupCoordinatorNotFound, 'Failed to find group coordinator');
    const error = make(KafkaJSNonRetriableError, cause, { cause });

    // WHEN it is described
    const described = describeKafkaError(error, context);

    // THEN its kind is a bounded label and the hint names the group and what to check
    expect(described.kind).toBe('group_coordinator_not_found');
    expect(described.message).toContain('Failed to find group coordinator');
    expect(described.hint).toMatch(/may Read group 'data-consumer' \(a group ACL\) and that its credentials are right/);
  });

  test.each<[string, Error, string, RegExp]>([
    ['retries exhausted on a refused connection',
      new KafkaJSNumberOfRetriesExceeded(new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092'),
        { retryCount: 5, retryTime: 1000 }), 'connection', /^$/],
    ['a certificate the client does not trust', new KafkaJSConnectionError('Connection error: self-signed certificate in certificate chain'), 'tls',
      /KAFKA_SSL_CA_FILE/],
    ['wrong SCRAM credentials', make(KafkaJSSASLAuthenticationError, 'SASL SCRAM SHA512 authentication failed: invalid credentials'),
      'authentication', /KAFKA_SASL_USERNAME/],
    ['a missing topic ACL', protocolError('TOPIC_AUTHORIZATION_FAILED', 'Not authorized to access topics: [Topic authorization failed]'),
      'topic_authorization_failed', /ACLs .* on topic 'manual'/],
    ['SASL against a listener without it', protocolError('ILLEGAL_SASL_STATE', 'Request is not valid given the current SASL state'),
      'illegal_sasl_state', /unset KAFKA_SASL_\*/],
    ['a missing topic', protocolError('UNKNOWN_TOPIC_OR_PARTITION', 'This server does not host this topic-partition'), 'unknown_topic_or_partition',
      /topic 'manual' exists/],
  ])('%s: a bounded kind and what to check', (_, error, kind, hint) => {
    const described = describeKafkaError(error, context);
    expect(described.kind).toBe(kind);
    expect(described.hint ?? '').toMatch(hint);
  });
});
