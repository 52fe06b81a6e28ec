import { Counter, Registry } from 'prom-client';

/** A client error reduced to what an operator needs: a bounded kind (a metric label), the text and what to check. */
export interface DescribedError {
  /** e.g. `connection`, `timeout`, `authentication`, `group_coordinator_not_found`, `topic_authorization_failed`. */
  readonly kind: string;
  readonly message: string;
  readonly hint?: string;
}

interface ErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly type?: string;
  readonly code?: string;
  readonly cause?: unknown;
}

/**
 * Classifies a kafkajs error. Retry wrappers (`KafkaJSNumberOfRetriesExceeded`, non-retriable
 * wrappers) are unwrapped to their cause, which says what actually went wrong.
 */
export function describeKafkaError(error: unknown, context: { readonly groupId?: string; readonly topic?: string } = {}): DescribedError {
  const root = rootCause(error);
  const message = error instanceof Error ? error.message : String(error);
  const text = root === error ? message : `${message}: ${root.message ?? String(root)}`;
  const kind = kindOf(root);
  return { kind, message: text, hint: hintFor(kind, context) };
}

function rootCause(error: unknown): ErrorLike {
  let current = error as ErrorLike;
  for (let depth = 0; depth < 10 && current?.cause && typeof current.cause === 'object'; depth++) current = current.cause as ErrorLike;
  return current ?? {};
}

function kindOf(error: ErrorLike): string {
  switch (error.name) {
    case 'KafkaJSConnectionError':
    case 'KafkaJSConnectionClosedError':
    case 'KafkaJSBrokerNotFound':
    case 'KafkaJSNoBrokerAvailableError':
      return /certificate|ssl|tls/i.test(error.message ?? '') ? 'tls' : 'connection';
    case 'KafkaJSRequestTimeoutError':
    case 'KafkaJSTimeout':
      return 'timeout';
    case 'KafkaJSSASLAuthenticationError':
      return 'authentication';
    case 'KafkaJSGroupCoordinatorNotFound':
      return 'group_coordinator_not_found';
    case 'KafkaJSMetadataNotLoaded':
    case 'KafkaJSTopicMetadataNotLoaded':
      return 'metadata_not_loaded';
    case 'KafkaJSProtocolError':
      return (error.type ?? 'protocol').toLowerCase();
    default:
      if (/certificate|ssl|tls/i.test(`${error.code ?? ''} ${error.message ?? ''}`)) return 'tls';
      return error.code === 'ECONNREFUSED' || error.code === 'ENOTFOUND' ? 'connection' : 'other';
  }
}

function hintFor(kind: string, { groupId, topic }: { readonly groupId?: string; readonly topic?: string }): string | undefined {
  switch (kind) {
    case 'group_coordinator_not_found':
      // kafkajs swallows GROUP_AUTHORIZATION_FAILED while looking up the coordinator and reports this instead.
      return `check that this client's KafkaUser may Read group '${groupId ?? '?'}' (a group ACL) and that its credentials are right; kafkajs ` +
        `reports a missing group ACL this way`;
    case 'group_authorization_failed':
      return `check that this client's KafkaUser may Read group '${groupId ?? '?'}' (a group ACL)`;
    case 'topic_authorization_failed':
      return `check the ACLs of this client's KafkaUser on topic '${topic ?? '?'}' (Write for the producer, Read for the consumer)`;
    case 'authentication':
      return 'check KAFKA_SASL_USERNAME, the password and KAFKA_SASL_MECHANISM against the listener (Strimzi: scram-sha-512)';
    case 'illegal_sasl_state':
    case 'unsupported_sasl_mechanism':
      return "the listener does not take this SASL mechanism: use the listener whose authentication is scram-sha-512, or unset KAFKA_SASL_* for a " +
        "listener without authentication";
    case 'tls':
      return 'check that KAFKA_SSL_CA_FILE holds the cluster CA (Secret <cluster>-cluster-ca-cert, key ca.crt) and, for mTLS, the client ' +
        'certificate and key';
    case 'unknown_topic_or_partition':
      return `check that topic '${topic ?? '?'}' exists (its KafkaTopic is Ready)`;
    default:
      return undefined;
  }
}

/** `kafka_errors_total{operation, kind}`: failed client operations by what failed and why. */
export class KafkaErrorCounter {
  private readonly counter: Counter<'operation' | 'kind'>;

  public constructor(registry: Registry) {
    this.counter = new Counter({
      name: 'kafka_errors_total',
      help: 'Failed Kafka client operations, by operation (connect, send, consume, commit) and kind of error.',
      labelNames: ['operation', 'kind'],
      registers: [registry],
    });
  }

  /** Counts the error and returns its description, for the log line and readiness. */
  public record(operation: string, error: unknown, context?: { readonly groupId?: string; readonly topic?: string }): DescribedError {
    const described = describeKafkaError(error, context);
    this.counter.inc({ operation, kind: described.kind });
    return described;
  }
}
