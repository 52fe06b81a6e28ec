/** What a change means for a running system's data. */
export enum Consequence {
  /**
   * Kafka, Strimzi or Kubernetes refuse it (applied, it only leaves the resource NotReady): the synth is refused,
   * and no acknowledgement passes it.
   */
  IMPOSSIBLE = 'impossible',
  /** Records, volumes, credentials or offsets are lost: refused unless acknowledged for that object. */
  DATA_LOSS = 'data-loss',
  /** Shown with what it means, never refused. */
  CAUTION = 'caution',
}

/**
 * One row of DATA_LOSS: a change to a running system, what it means for data, who says so, and the safe path. The
 * code is stable: printed in the plan, asserted in tests, named in acknowledgements.
 */
export interface DataLossRule<A extends unknown[]> {
  readonly code: string;
  readonly consequence: Consequence;
  /** Who says so. */
  readonly source: string;
  /** What would be lost, or why it cannot work. */
  readonly loss: (...args: A) => string;
  /** The safe way to reach the same goal. */
  readonly safePath: (...args: A) => string;
}

/** What changes to a running system mean for its data, as a table a reviewer can check against each row's source. */
export const DATA_LOSS = {
  topicDeleted: {
    code: 'topic-deleted', consequence: Consequence.DATA_LOSS,
    source: "Strimzi: the Topic Operator's finalizer deletes the Kafka topic when its KafkaTopic is deleted (unless strimzi.io/managed is \"false\")",
    loss: (topic: string) => `the Topic Operator would delete Kafka topic '${topic}' and all its records`,
    safePath: (topic: string) =>
      `Keep the Topic (set topicName: '${topic}' if its construct was renamed or moved), or set managed: false on it and apply that before ` +
        `removing it, which leaves the Kafka topic in place`,
  } as DataLossRule<[string]>,
  topicKept: {
    code: 'topic-kept', consequence: Consequence.CAUTION,
    source: 'Strimzi: deleting a KafkaTopic annotated strimzi.io/managed: "false" leaves the Kafka topic as it is',
    loss: (topic: string) => `the KafkaTopic goes but Kafka topic '${topic}' and its records stay, managed by no one`,
    safePath: () => "Delete the topic with Kafka's tools once nothing needs its records",
  } as DataLossRule<[string]>,
  topicRenamed: {
    code: 'topic-renamed', consequence: Consequence.DATA_LOSS,
    source: 'Kafka has no topic rename; Strimzi: spec.topicName cannot change, a new KafkaTopic makes a new topic',
    loss: (from: string, to: string) =>
      `Kafka topic '${from}' would be deleted with all its records and an empty topic '${to}' created; producers, consumers and ACLs would move to ` +
        `the empty one`,
    safePath: (from: string) => `To keep the topic, set topicName: '${from}' on the Topic (its construct id can then be anything)`,
  } as DataLossRule<[string, string]>,
  topicResourceRenamed: {
    code: 'topic-resource-renamed', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi, "Managing KafkaTopic resources without impacting Kafka topics": delete the old KafkaTopic only after annotating it ' +
      'strimzi.io/managed: "false"',
    loss: (from: string, topic: string) =>
      `pruning the old KafkaTopic '${from}' would make the Topic Operator delete Kafka topic '${topic}' and its records, which the new resource ` +
        `then re-creates empty`,
    safePath: (from: string) => `First apply the Topic with managed: false under its old resourceName '${from}', then rename it`,
  } as DataLossRule<[string, string]>,
  partitionsLowered: {
    code: 'partitions-lowered', consequence: Consequence.IMPOSSIBLE,
    source: 'Kafka: partitions can be added, never removed; Strimzi: "KafkaTopic.spec.partitions cannot be decreased"',
    loss: (from: number, to: number) => `partitions would go from ${from} to ${to}, which Kafka cannot do (the Topic Operator refuses it)`,
    safePath: (from: number) => `Keep ${from} partitions, or create a new topic with fewer partitions and move producers and consumers to it`,
  } as DataLossRule<[number, number]>,
  topicReplicasChanged: {
    code: 'topic-replicas-changed', consequence: Consequence.CAUTION,
    source: 'Strimzi: the Topic Operator changes the replication factor through Cruise Control, moving partition data between brokers',
    loss: (from: number, to: number) =>
      `replicas go from ${from} to ${to}: ${to < from ? 'the topic survives fewer broker failures' : 'partition data is copied to more ' +
        'brokers'} (needs Cruise Control)`,
    safePath: () => 'Check that Cruise Control is enabled on the cluster',
  } as DataLossRule<[number, number]>,
  retentionShortened: {
    code: 'retention-shortened', consequence: Consequence.DATA_LOSS,
    source: 'Kafka: retention.ms / retention.bytes apply to existing segments at the next log cleanup',
    loss: (key: string, from: string, to: string) =>
      `${key} would go from ${from} to ${to}: records beyond the new limit are deleted soon after it is applied`,
    safePath: () => 'Keep the retention, or copy the records you need before shortening it',
  } as DataLossRule<[string, string, string]>,
  cleanupPolicyChanged: {
    code: 'cleanup-policy-changed', consequence: Consequence.DATA_LOSS,
    source: 'Kafka: cleanup.policy compact keeps only the latest record per key; delete removes segments older than the retention',
    loss: (from: string, to: string) =>
      `cleanup.policy would go from '${from}' to '${to}': ${to.includes('compact') ? 'older records of each key are compacted away' : 'records ' +
        'older than the retention are deleted, latest values included'}`,
    safePath: () => 'Keep the policy, or write the records to a new topic with the new policy',
  } as DataLossRule<[string, string]>,
  volumeShrunk: {
    code: 'volume-shrunk', consequence: Consequence.IMPOSSIBLE,
    source: 'Kubernetes cannot shrink a PersistentVolumeClaim; Strimzi ignores a smaller size and reports it',
    loss: (volume: string, from: string, to: string) => `${volume} would shrink from ${from} to ${to}, which Kubernetes cannot do`,
    safePath: (volume: string, from: string) =>
      `Keep ${from} for ${volume}; to use smaller disks, add a node pool with them, move the partitions there (KafkaRebalance) and then remove the ` +
        `old pool`,
  } as DataLossRule<[string, string, string]>,
  volumeRemoved: {
    code: 'volume-removed', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: removing a JBOD volume (or changing its id) removes its claim from the nodes; the partitions on it must be moved first',
    loss: (volume: string) => `${volume} would be removed from every node of the pool, with the partition replicas it holds`,
    safePath: () => 'Keep volume ids stable; to retire a volume, move its partitions with a KafkaRebalance (remove-disks mode) first',
  } as DataLossRule<[string]>,
  storageTypeChanged: {
    code: 'storage-type-changed', consequence: Consequence.IMPOSSIBLE,
    source: 'Strimzi: the storage type of a node pool cannot change (except to and from JBOD with the same volume)',
    loss: (what: string, from: string, to: string) => `${what} type would change from ${from} to ${to}, which Strimzi refuses`,
    safePath: () => 'Add a node pool with the new storage, move the partitions to it (KafkaRebalance), then remove the old pool',
  } as DataLossRule<[string, string, string]>,
  storageClassChanged: {
    code: 'storage-class-changed', consequence: Consequence.CAUTION,
    source: 'Kubernetes: the StorageClass of an existing claim cannot change; Strimzi uses the new class for new claims only',
    loss: (volume: string, from: string, to: string) =>
      `${volume} class goes from ${from} to ${to}: existing claims keep ${from}, only new nodes get ${to}`,
    safePath: () => 'To move existing data, add a node pool with the new class and move the partitions to it',
  } as DataLossRule<[string, string, string]>,
  deleteClaimOn: {
    code: 'delete-claim-on', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: with deleteClaim: true the PersistentVolumeClaims are deleted when the cluster is deleted or a node is removed',
    loss: (volume: string) =>
      `${volume} would get deleteClaim: true: deleting the cluster or scaling the pool down would delete its claims and their data`,
    safePath: () => 'Keep deleteClaim: false (the default) and delete claims by hand when their data is no longer needed',
  } as DataLossRule<[string]>,
  poolDeleted: {
    code: 'pool-deleted', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: deleting a KafkaNodePool removes its nodes; broker nodes must hold no partition replicas first',
    loss: (pool: string, nodes: number, roles: string) =>
      `node pool '${pool}' and its ${nodes} ${roles} node(s) would be deleted, with the partition replicas and metadata they hold`,
    safePath: () => 'Move the partitions off its brokers (KafkaRebalance, remove-brokers mode), scale it to 0, then remove it',
  } as DataLossRule<[string, number, string]>,
  poolRenamed: {
    code: 'pool-renamed', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: a KafkaNodePool cannot be renamed; a new name is a new pool with new nodes and empty volumes',
    loss: (from: string, to: string, nodes: number) =>
      `node pool '${from}' (${nodes} node(s)) would be deleted with its volumes and an empty pool '${to}' created`,
    safePath: (from: string) =>
      `Keep the pool name '${from}' (name it in nodePools to adopt it), or add the new pool, move the partitions to it (KafkaRebalance), then ` +
        `remove the old one`,
  } as DataLossRule<[string, string, number]>,
  brokersRemoved: {
    code: 'brokers-removed', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: scaling brokers down removes the highest node ids; their partition replicas must be moved first (KafkaRebalance ' +
      'remove-brokers)',
    loss: (pool: string, from: number, to: number) =>
      `node pool '${pool}' would go from ${from} to ${to} broker(s): the removed brokers' partition replicas go with them`,
    safePath: () => 'Move the partitions off the brokers being removed (KafkaRebalance, remove-brokers mode) before scaling down',
  } as DataLossRule<[string, number, number]>,
  clusterDeleted: {
    code: 'cluster-deleted', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: deleting a Kafka resource deletes its brokers, controllers and internal topics (claims only where deleteClaim is true)',
    loss: (cluster: string) =>
      `Kafka cluster '${cluster}' would be deleted: every topic becomes unreachable, and its volumes survive only where deleteClaim is false`,
    safePath: () => 'Keep the cluster in the app; to move clients, add the new cluster first and mirror the topics (MirrorMaker 2)',
  } as DataLossRule<[string]>,
  clusterRenamed: {
    code: 'cluster-renamed', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: a Kafka resource cannot be renamed; a new name is a new, empty cluster',
    loss: (from: string, to: string) => `Kafka cluster '${from}' would be deleted and a new, empty cluster '${to}' created`,
    safePath: (from: string) => `Keep the name: set name: '${from}' on the KafkaCluster (its construct id can then be anything)`,
  } as DataLossRule<[string, string]>,
  userDeleted: {
    code: 'user-deleted', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: the User Operator deletes the credentials and ACLs of a deleted KafkaUser, and its Secret',
    loss: (user: string) => `KafkaUser '${user}' would be deleted with its Secret and ACLs: clients using it are locked out`,
    safePath: () => 'Move the clients to another user first',
  } as DataLossRule<[string]>,
  userRenamed: {
    code: 'user-renamed', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: a KafkaUser cannot be renamed; a new name gets a new password and Secret',
    loss: (from: string, to: string) =>
      `KafkaUser '${from}' would be deleted and '${to}' created with new credentials: clients still using '${from}' are locked out`,
    safePath: () => 'Roll out the clients with the new user before removing the old one',
  } as DataLossRule<[string, string]>,
  consumerGroupChanged: {
    code: 'consumer-group-changed', consequence: Consequence.DATA_LOSS,
    source: 'Kafka: committed offsets belong to a consumer group; a new group starts at auto.offset.reset',
    loss: (from: string, to: string) =>
      `the consumer group would change from '${from}' to '${to}': the new group has none of the old offsets, so records are read again or skipped`,
    safePath: (from: string) => `Keep groupId: '${from}', or copy the offsets to the new group first (kafka-consumer-groups --reset-offsets)`,
  } as DataLossRule<[string, string]>,
  listenerRemoved: {
    code: 'listener-removed', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: removing a listener removes its port and bootstrap service',
    loss: (listener: string, clients: number) =>
      `listener '${listener}' would be removed while ${clients} client(s) are admitted to it: they lose their connection`,
    safePath: () => 'Move the clients to another listener first',
  } as DataLossRule<[string, number]>,
  listenerChanged: {
    code: 'listener-changed', consequence: Consequence.DATA_LOSS,
    source: 'Strimzi: a changed listener rolls the brokers; clients must use the new port, TLS and credentials',
    loss: (listener: string, change: string, clients: number) =>
      `listener '${listener}' would change ${change} while ${clients} client(s) are admitted to it: clients not redeployed with it lose their ` +
        `connection`,
    safePath: () => 'Add a listener with the new settings, move the clients to it, then remove the old one',
  } as DataLossRule<[string, string, number]>,
};

/** Every rule by its code. */
export const DATA_LOSS_BY_CODE: ReadonlyMap<string, DataLossRule<any[]>> =
  new Map(Object.values(DATA_LOSS).map((rule) => [rule.code, rule as DataLossRule<any[]>]));
