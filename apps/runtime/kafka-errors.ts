import { Counter, Registry } from 'prom-client';
import { ServiceEnv } from '../../lib/base/service-environment';

/** A client error reduced to what an operator needs: a bounded kind (a metric label), the text and what to check. */
export interface DescribedError {
  /** e.g. `connection`, `timeout`, `authentication`, `group_coordinator_not_found`, `topic_authorization_failed`. */
  readonly kind: string;
  /** The error's text, then each cause's that adds something (kafkajs' retry wrappers repeat their cause's). */
  readonly message: string;
  readonly hint?: string;
  /** Whether Kafka or kafkajs call the condition retriable (it may pass by itself): a warning, not an error. */
  readonly retriable: boolean;
}

interface ErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly type?: string;
  readonly code?: string;
  readonly retriable?: boolean;
  readonly cause?: unknown;
}

/**
 * Classifies a kafkajs error. Retry wrappers (`KafkaJSNumberOfRetriesExceeded`, non-retriable
 * wrappers) are unwrapped to their cause, which says what actually went wrong.
 */
export function describeKafkaError(error: unknown, context: { readonly groupId?: string; readonly topic?: string } = {}): DescribedError {
  const chain = causes(error);
  const root = chain[chain.length - 1];
  const text = chain
    .map((e) => (e.message ?? String(e)).trim())
    .reduce((joined, message) => (joined.includes(message) ? joined : `${joined}: ${message}`));
  const kind = kindOf(root);
  const retriable = chain.some((e) => e.name === 'KafkaJSNumberOfRetriesExceeded') || root.retriable === true || RETRIABLE_KINDS.has(kind);
  return { kind, message: text, hint: hintFor(kind, context), retriable };
}

/** The error and its causes, outermost first. */
function causes(error: unknown): ErrorLike[] {
  const chain: ErrorLike[] = [error instanceof Error ? error : { message: String(error) }];
  for (let depth = 0; depth < 10; depth++) {
    const cause = chain[chain.length - 1].cause;
    if (!cause || typeof cause !== 'object' || chain.includes(cause as ErrorLike)) break;
    chain.push(cause as ErrorLike);
  }
  return chain;
}

/** Kinds of errors from below kafkajs (sockets, timers) that pass when the broker answers again. */
const RETRIABLE_KINDS = new Set(['connection', 'timeout']);

/** The part of kafkajs' (internal) table of Kafka's error codes read here. */
interface KafkaErrorCode {
  readonly type: string;
  readonly retriable: boolean;
  readonly message: string;
}

/** Group errors a consumer recovers from by itself by joining its group again. */
const REJOIN_ERRORS = new Set(['REBALANCE_IN_PROGRESS', 'UNKNOWN_MEMBER_ID', 'ILLEGAL_GENERATION']);

/** The texts of the Kafka errors that pass by themselves: retriable ones (Kafka's protocol guide) and the rejoins. */
// kafkajs exports no types or entry for its internal modules, so it is required by path.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PASSING_ERROR_TEXTS: readonly string[] = (require('kafkajs/src/protocol/error') as { errorCodes: readonly KafkaErrorCode[] }).errorCodes
  .filter((code) => code.retriable || REJOIN_ERRORS.has(code.type))
  .map((code) => code.message);

/** kafkajs' own lines about conditions it handles itself: reconnecting, rejoining, restarting the consumer. */
const PASSING_LOG_MESSAGES = [/^Connection (error|timeout)\b/, /^Closed connection\b/, /re-joining the group$/, /^Restarting the consumer in \d+ms$/];

/**
 * Whether a line kafkajs logs at ERROR is about a condition that passes by itself: one it is retrying (it
 * carries `retryCount`), a retriable Kafka error (a coordinator still loading on a fresh broker), a lost
 * connection, a rejoin. Such lines are warnings: nothing for an operator to do unless they go on.
 */
export function isPassingKafkaCondition(log: { readonly message?: unknown; readonly error?: unknown; readonly retryCount?: unknown }): boolean {
  if (typeof log.retryCount === 'number') return true;
  const message = String(log.message ?? '');
  const text = `${message} ${typeof log.error === 'string' ? log.error : ''}`;
  return PASSING_LOG_MESSAGES.some((pattern) => pattern.test(message)) || PASSING_ERROR_TEXTS.some((known) => text.includes(known));
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
      return `check ${ServiceEnv.KAFKA_SASL_USERNAME}, the password and ${ServiceEnv.KAFKA_SASL_MECHANISM} against the listener ` +
        '(Strimzi: scram-sha-512)';
    case 'illegal_sasl_state':
    case 'unsupported_sasl_mechanism':
      return "the listener does not take this SASL mechanism: use the listener whose authentication is scram-sha-512, or unset KAFKA_SASL_* for a " +
        "listener without authentication";
    case 'tls':
      return `check that ${ServiceEnv.KAFKA_SSL_CA_FILE} holds the cluster CA (Secret <cluster>-cluster-ca-cert, key ca.crt) and, for mTLS, ` +
        'the client certificate and key';
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
