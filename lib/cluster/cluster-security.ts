import { IConstruct } from 'constructs';
import { Subject } from '../base/subject';
import { Warnings } from '../base/warnings';
import { ClusterListener } from '../listeners/kafka-listener';
import { ListenerAuthentication } from '../listeners/listener-authentication';
import { KafkaAuthorization } from './kafka-authorization';

/**
 * The cluster's security rules, checked when it is built (each listener checks its own authentication and peers):
 * the super users (errors), and each opt-out of secure defaults (warnings, errors in strict mode).
 */
export function checkClusterSecurity(
  scope: IConstruct,
  cluster: Subject,
  listeners: ClusterListener[],
  authorization: KafkaAuthorization,
): void {
  authorization._check(cluster);

  const warnings = Warnings.of(scope);
  if (!authorization.enabled) {
    warnings._add('authorization-off', cluster,
      'has no authorization: every client that connects may read, write, create and delete every topic, ' +
        'and KafkaUser ACLs cannot be used', 'Leave authorization at its default, KafkaAuthorization.simple()');
  }
  for (const listener of listeners.filter((l) => l.authentication === ListenerAuthentication.NONE)) {
    warnings._add('listener-unauthenticated', cluster.part('listener', listener.name),
      authorization.enabled
        ? 'has no authentication: its clients are User:ANONYMOUS, which no KafkaUser can stand for, so the ' +
          'authorizer denies them everything'
        : 'has no authentication and the cluster no authorization: any pod that reaches it may do anything',
      'Give the listener authentication (ListenerAuthentication.SCRAM_SHA_512, the default, or TLS)');
  }
}
