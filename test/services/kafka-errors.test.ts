import {
  KafkaJSConnectionError,
  KafkaJSGroupCoordinatorNotFound,
  KafkaJSNonRetriableError,
  KafkaJSNumberOfRetriesExceeded,
  KafkaJSProtocolError,
  KafkaJSSASLAuthenticationError,
} from 'kafkajs';
import { describeKafkaError, isPassingKafkaCondition } from '../../apps/runtime/kafka-errors';

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

  test('a retry wrapper around its cause: the text says it once, and the condition is retriable', () => {
    // GIVEN kafkajs giving up on a refused connection (its wrapper repeats the cause's message, and has it as cause)
    const refused = new KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    const error = new KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 5, retryTime: 1000 });

    // WHEN it is described
    const described = describeKafkaError(error, context);

    // THEN the text is the cause's, once
    expect(described.message).toBe('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
    expect(described.retriable).toBe(true);
  });

  test('a wrapper that adds to its cause keeps both texts', () => {
    const cause = protocolError('TOPIC_AUTHORIZATION_FAILED', 'Not authorized to access topics: [Topic authorization failed]');
    const described = describeKafkaError(make(KafkaJSNonRetriableError, 'Crash while fetching', { cause }), context);
    expect(described.message).toBe('Crash while fetching: Not authorized to access topics: [Topic authorization failed]');
    expect(described.retriable).toBe(false);
  });
});

describe("kafkajs' own ERROR lines about conditions that pass by themselves are warnings", () => {
  test.each<[string, Record<string, unknown>]>([
    ['a coordinator not available yet on a fresh broker', { message: 'Response FindCoordinator(key: 10, version: 2)',
      error: 'The group coordinator is not available' }],
    ['a coordinator still loading (InitProducerId)', { message: 'Response InitProducerId(key: 22, version: 1)',
      error: "The coordinator is loading and hence can't process requests for this group" }],
    ['a refused connection', { message: 'Connection error: connect ECONNREFUSED 127.0.0.1:9092', broker: '127.0.0.1:9092' }],
    ['a call kafkajs is retrying', { message: 'Failed to connect to seed broker, trying another broker from the list: Connection error',
      retryCount: 2, retryTime: 400 }],
    ['a member the coordinator forgot, rejoining', { message: 'The coordinator is not aware of this member, re-joining the group', groupId: 'g' }],
  ])('%s: WARN', (_, log) => expect(isPassingKafkaCondition(log)).toBe(true));

  test.each<[string, Record<string, unknown>]>([
    ['a missing topic ACL', { message: 'Response Metadata(key: 3, version: 6)',
      error: 'Not authorized to access topics: [Topic authorization failed]' }],
    ['a consumer crash kafkajs does not restart',
      { message: 'Crash: KafkaJSNonRetriableError: Not authorized to access group: Group authorization failed', groupId: 'g' }],
    ['wrong credentials', { message: 'SASL SCRAM SHA512 authentication failed: invalid credentials' }],
  ])('%s: stays ERROR', (_, log) => expect(isPassingKafkaCondition(log)).toBe(false));
});
