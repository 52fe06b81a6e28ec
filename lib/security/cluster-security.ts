import { IConstruct } from 'constructs';
import type { ResolvedKafkaListener } from '../cluster/kafka-listener';
import { Subject } from '../core/subject';
import { Warnings } from '../core/warnings';
import { KafkaAuthorization } from './kafka-authorization';
import { checkListenerAuthentication, ListenerAuthentication } from './listener-authentication';
import { checkListenerPeers } from './listener-peers';

/**
 * The cluster's security rules, checked when it is built: each listener's authentication and peers, and the super
 * users (errors), and each opt-out of secure defaults (warnings, errors in strict mode).
 */
export function checkClusterSecurity(
  scope: IConstruct,
  cluster: Subject,
  listeners: ReadonlyArray<ResolvedKafkaListener>,
  authorization: KafkaAuthorization,
): void {
  authorization.check(cluster);
  for (const listener of listeners) {
    checkListenerAuthentication(cluster, listener);
    checkListenerPeers(cluster, listener);
  }

  const warnings = Warnings.of(scope);
  if (!authorization.enabled) {
    warnings.add('authorization-off', cluster,
      'has no authorization: every client that connects may read, write, create and delete every topic, ' +
        'and KafkaUser ACLs cannot be used', 'Leave authorization at its default, KafkaAuthorization.simple()');
  }
  for (const listener of listeners.filter((l) => l.authentication === ListenerAuthentication.NONE)) {
    warnings.add('listener-unauthenticated', cluster.part('listener', listener.name),
      authorization.enabled
        ? 'has no authentication: its clients are User:ANONYMOUS, which no KafkaUser can stand for, so the ' +
          'authorizer denies them everything'
        : 'has no authentication and the cluster no authorization: any pod that reaches it may do anything',
      'Give the listener authentication (ListenerAuthentication.SCRAM_SHA_512, the default, or TLS)');
  }
}
