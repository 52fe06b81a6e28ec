import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Subject } from '../base/subject';
import { KafkaCluster } from '../cluster/kafka-cluster';
import { clientListener } from '../listeners/client-listener';
import { ClusterListener } from '../listeners/kafka-listener';
import { KafkaUser, UserAuthentication } from '../security/kafka-user';
import { clientUserAuthentication } from '../services/client-credentials';
import { CONNECT_RULES, ruleMessage } from './connect-rules';

/** How a Strimzi-operated Kafka client (Connect, Bridge) reaches its cluster, as the wiring decided it. */
export interface StrimziClientWiring {
  readonly listener: ClusterListener;
  readonly bootstrapServers: string;
  /** Its own KafkaUser, when the listener authenticates. */
  readonly user?: KafkaUser;
  /** `tls` and `authentication` of the Strimzi spec (KafkaConnect and KafkaBridge share the shape). */
  readonly security: { readonly tls?: unknown; readonly authentication?: unknown };
}

/**
 * Wires a Strimzi component to `cluster` like MicroservicePair wires its services: the listener the user names or
 * the most secure in-cluster one, a KafkaUser named `userName` with the listener's authentication (no ACLs yet:
 * the grants add them), trust of the cluster CA on a TLS listener, and the pods admitted to the listener.
 */
export function wireStrimziClient(scope: Construct, subject: Subject, props: {
  readonly cluster: KafkaCluster;
  readonly listener?: string;
  readonly userName: string;
  readonly podLabels: Record<string, string>;
  readonly labels?: Record<string, string>;
}): StrimziClientWiring {
  const listener = clientListener(subject, props.cluster, props.listener);
  const authentication = clientUserAuthentication(listener);
  const user = authentication && new KafkaUser(scope, 'User', {
    cluster: props.cluster, name: props.userName, authentication, labels: props.labels,
  });
  listener.allowFrom(props.podLabels);
  const tls = listener.tls
    ? { trustedCertificates: [{ secretName: props.cluster.clusterCaCert.secretName, certificate: props.cluster.clusterCaCert.key }] }
    : undefined;
  return { listener, bootstrapServers: props.cluster.bootstrapServers(listener.name), user,
    security: { tls, authentication: user && renderAuthentication(user) } };
}

function renderAuthentication(user: KafkaUser): unknown {
  const { credentials } = user;
  if (credentials.authentication === UserAuthentication.TLS) {
    return { type: 'tls', certificateAndKey: { secretName: credentials.secretName, certificate: credentials.certificateKey,
      key: credentials.privateKeyKey } };
  }
  return { type: 'scram-sha-512', username: credentials.username,
    passwordSecret: { secretName: credentials.secretName, password: credentials.passwordKey } };
}

/** The error of a Strimzi component outside its cluster's namespace, where its KafkaUser's Secret is written; none when it is in it. */
export function clusterNamespaceErrors(scope: Construct, subject: Subject, cluster: KafkaCluster): string[] {
  const namespace = Chart.of(scope).namespace;
  if (namespace === cluster.namespace) return [];
  return [ruleMessage(subject, CONNECT_RULES.namespace,
    `it is in namespace '${namespace ?? '(none)'}' but its cluster '${cluster.name}' is in '${cluster.namespace ?? '(none)'}', where the User ` +
      `Operator writes its credentials`,
    cluster.namespace === undefined ? "Leave the chart's namespace out, as the cluster's chart does"
    : `Create it in a chart with namespace '${cluster.namespace}'`)];
}
