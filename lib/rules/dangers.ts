import { Danger } from '../base/warnings';

/**
 * Settings that are valid but dangerous: each becomes a warning at synth (an error in strict mode), with a stable
 * code to assert on, the danger, its source, and what to do instead (recorded with `warn` of base/warnings).
 */

export const DANGERS = {
  evenControllers: {
    code: 'even-controllers', source: 'KRaft: a Raft quorum needs a majority of its voters',
    danger: (voters: number) =>
      `the KRaft quorum has ${voters} controllers, an even number, which tolerates no more failures than ${voters - 1} and makes a majority harder ` +
        `to keep`,
    advice: (voters: number) => `Use ${voters - 1} or ${voters + 1} controllers`,
  } as Danger<[number]>,
  singleReplica: {
    code: 'single-replica', source: 'Kafka: a partition is unavailable while its only replica is down',
    danger: (brokers: number) =>
      `the topic has 1 replica in a cluster of ${brokers} brokers: losing the broker that holds a partition loses its records or stops it`,
    advice: () => 'Give the topic 3 replicas (or as many as there are brokers, up to 3)',
  } as Danger<[number]>,
  noFailureTolerated: {
    code: 'no-failure-tolerated', source: 'Kafka: acks=all writes need min.insync.replicas replicas in sync',
    danger: (what: string, isr: number) => `${what} is ${isr}, equal to the replicas: while any one replica is down, writes with acks=all fail`,
    advice: (_what: string, isr: number) => `Lower it to ${isr - 1} so that one replica may be down`,
  } as Danger<[string, number]>,
  weakDurability: {
    code: 'weak-durability', source: 'Kafka: min.insync.replicas=1 acknowledges a write held by one broker only',
    danger: (replicas: number) =>
      `min.insync.replicas is 1 with ${replicas} replicas: an acks=all write is acknowledged once the leader has it, and lost if that broker fails`,
    advice: () => 'Set minInsyncReplicas to 2',
  } as Danger<[number]>,
  unboundedRetention: {
    code: 'unbounded-retention', source: 'Kafka: retention.ms=-1 and no retention.bytes keep every record forever',
    danger: () => 'retention is unlimited in time and size with the delete cleanup policy: the topic grows until its disks are full',
    advice: () => 'Set retentionBytes, or use the compact cleanup policy if only the latest record per key matters',
  } as Danger<[]>,
  retentionBelowSegment: {
    code: 'retention-below-segment', source: 'Kafka deletes whole segments, never the active one',
    danger: (retentionBytes: number, segmentBytes: number) =>
      `retention.bytes (${retentionBytes}) is below segment.bytes (${segmentBytes}): a partition keeps a whole segment, so it holds up to ` +
        `${segmentBytes} bytes anyway`,
    advice: () => 'Lower segmentBytes to a fraction of retentionBytes, or raise retentionBytes',
  } as Danger<[number, number]>,
  uncleanLeaderElection: {
    code: 'unclean-leader-election', source: 'Kafka: an out-of-sync replica may become leader and drop acknowledged records',
    danger: (where: string) => `unclean.leader.election.enable is true ${where}: records acknowledged to producers can be lost`,
    advice: () => 'Leave it false unless availability matters more than every record',
  } as Danger<[string]>,
  autoCreateTopics: {
    code: 'auto-create-topics', source: 'Kafka: auto.create.topics.enable creates a topic for any name a client uses',
    danger: () =>
      "topics are created automatically: a client's misspelt topic name creates a new topic, with broker defaults and outside the KafkaTopic " +
        "resources",
    advice: () => 'Declare every topic with a Topic and leave autoCreateTopics off',
  } as Danger<[]>,
  unknownBrokerConfig: {
    code: 'unknown-broker-config', source: 'Kafka ignores broker keys it does not know (they may belong to a plugin)',
    danger: (key: string, near: string) => `broker config '${key}' is not a Kafka 4.3 broker config; it looks like '${near}'`,
    advice: (_key: string, near: string) => `Did you mean '${near}'? If '${_key}' is a plugin's key, keep it`,
  } as Danger<[string, string]>,
  sharedConsumerGroup: {
    code: 'shared-consumer-group', source: 'Kafka: a consumer group shares the partitions of its topics among all its members',
    danger: (group: string, other: string) =>
      `consumer group '${group}' is also used by ${other}: the two services split the records between them and rebalance each other`,
    advice: () => 'Give each consumer a group id of its own (consumer.groupId)',
  } as Danger<[string, string]>,
  mutableImage: {
    code: 'mutable-image', source: 'Kubernetes: a tag such as latest can point to new content at any pull',
    danger: (image: string) =>
      `the image '${image}' has no version tag or digest: nodes may run different builds, and a rollback cannot restore the old one`,
    advice: () => "Use a version tag (e.g. ':1.4.2') or a digest",
  } as Danger<[string]>,
  rawTypedConfig: {
    code: 'raw-typed-config', source: 'strimzi-cdk8s: a typed property says the same with units and checks',
    danger: (key: string, where: string, prop: string) =>
      `config '${key}' is set in '${where}'; Kafka and Strimzi accept it, and the typed property '${prop}' sets the same key`,
    advice: (_key: string, _where: string, prop: string) => `Prefer the typed property '${prop}' (kept as is here)`,
  } as Danger<[string, string, string]>,
  placeholderImage: {
    code: 'placeholder-image', source: "strimzi-cdk8s: the services' default images name what `npm run images` builds; no registry serves them",
    danger: (image: string) =>
      `it runs '${image}', the library's placeholder image, which no registry serves: its pods would never start (ImagePullBackOff)`,
    advice: (_image: string, role: string) =>
      `Set ${role}.image to the image you pushed (npm run images builds it), or set openShiftBuild to have OpenShift build it`,
  } as Danger<[string, string]>,
  deprecatedListener: {
    code: 'deprecated-listener', source: 'Strimzi: the ingress listener type is deprecated since 0.51',
    danger: (listener: string) =>
      `listener '${listener}' uses the deprecated type 'ingress' (it needs the Ingress NGINX Controller with TLS passthrough)`,
    advice: () => "Use type 'tlsroute' where the Gateway API offers TLSRoute, or 'route' on OpenShift",
  } as Danger<[string]>,
};

