import { Subject } from '../base/subject';
import type { IKafkaCluster } from '../cluster/kafka-cluster-base';
import { AclOperation, AclPatternType, AclResource, AclRule } from './acl';
import type { IKafkaUser } from './kafka-user';

/** A kind of access to a topic that a grant gives. */
type TopicAccess = 'write' | 'read' | 'describe';

/**
 * The operations each access needs, and nothing more, on Kafka 4.3 with the StandardAuthorizer
 * (docs security-observability-notes §2.3, verified on a 4.3.1 broker):
 * - Describe (Metadata, ListOffsets, OffsetFetch, FindCoordinator) is implied by Read and Write
 *   (`StandardAuthorizerData.IMPLIES_DESCRIBE`), so it is never listed beside them;
 * - write: Produce. An idempotent producer's InitProducerId is allowed by Write on any topic since KIP-679
 *   (Kafka 3.0), so no IdempotentWrite on the cluster;
 * - read: Fetch and OffsetCommit need Read on the topic; JoinGroup, SyncGroup, Heartbeat, LeaveGroup and
 *   OffsetCommit need Read on the consumer group;
 * - describe: metadata and offsets of the topic only.
 */
const ACCESS: Readonly<Record<TopicAccess, { topic: AclOperation[]; group: AclOperation[] }>> = {
  write: { topic: [AclOperation.WRITE], group: [] },
  read: { topic: [AclOperation.READ], group: [AclOperation.READ] },
  describe: { topic: [AclOperation.DESCRIBE], group: [] },
};

/** What a grant gave: the user, and the ACL rules added to it (as given, before they merge with its other rules). */
export class Grant {
  constructor(
    /** The user the ACLs were added to. */
    public readonly grantee: IKafkaUser,
    /** The ACL rules added. */
    public readonly acls: AclRule[],
  ) {}
}

/** The topic facts a grant reads. */
interface GrantedTopic {
  readonly topicName: string;
  readonly cluster: IKafkaCluster;
}

/** A consumer group a read grant covers: its id, or a prefix of the ids. */
interface GrantedGroup {
  readonly groupId: string;
  readonly patternType?: AclPatternType;
}

/** Whether two references name one Kafka cluster (two `fromExisting` references to it are different objects). */
export function sameCluster(a: IKafkaCluster, b: IKafkaCluster): boolean {
  return a === b || (a.name === b.name && a.namespace === b.namespace);
}

/**
 * Gives `user` exactly the ACLs `access` to `topic` needs (and, for reads, to the consumer group), and returns
 * them. Throws when the user belongs to another cluster, whose authorizer would never see the ACLs.
 */
export function grantTopicAccess(topicSubject: Subject, topic: GrantedTopic, user: IKafkaUser, access: TopicAccess, group?: GrantedGroup): Grant {
  if (!sameCluster(user.cluster, topic.cluster)) {
    throw topicSubject.error(
      'grant-other-cluster',
      `cannot grant ${access} to KafkaUser '${user.name}' of cluster '${user.cluster.name}': ACLs act only in the cluster that holds the topic`,
      'Grant to a user of the topic\'s own cluster',
    );
  }
  const rules: AclRule[] = [{ resource: AclResource.topic(topic.topicName), operations: ACCESS[access].topic }];
  if (ACCESS[access].group.length > 0) {
    if (group === undefined || group.groupId.trim() === '') {
      throw topicSubject.error('grant-read-without-group', `a ${access} grant to KafkaUser '${user.name}' needs the consumer group it reads in`,
        "Pass the consumer's group id, e.g. topic.grantRead(user, 'my-group')");
    }
    rules.push({ resource: AclResource.group(group.groupId, group.patternType), operations: ACCESS[access].group });
  }
  user.addAcl(...rules);
  return new Grant(user, rules);
}
