import { IConstruct } from 'constructs';
import { Subject } from '../base/subject';
import { warn } from '../base/warnings';
import { DANGERS } from '../rules/dangers';

// The consumers of each cluster by group id: the first subject that used it.
const groupsByCluster = new WeakMap<IConstruct, Map<string, Subject>>();

/** Records that `subject` consumes from `cluster` in `groupId`, and warns when another consumer already does. */
export function trackConsumerGroup(scope: IConstruct, subject: Subject, cluster: IConstruct, groupId: string): void {
  const groups = groupsByCluster.get(cluster) ?? new Map<string, Subject>();
  groupsByCluster.set(cluster, groups);
  const first = groups.get(groupId);
  if (first) warn(scope, subject, DANGERS.sharedConsumerGroup, groupId, first.toString());
  else groups.set(groupId, subject);
}
