/**
 * The KafkaUsers of the seed's two services, in the format of the KafkaUser CRD (`kafka.strimzi.io/v1`),
 * shaped as the library will generate them: the producer may write its topic, the consumer may read it in
 * its own group, nothing else. Every ACL test reads its users from here.
 *
 * Switch to the library's own objects (once it has the KafkaUser construct) by changing the one line
 * marked below to the KafkaUsers of the synthesized seed app, e.g.
 * `synthApp(app).filter((o) => o.kind === 'KafkaUser')` after `buildSeedSystem(app)`.
 */
export const CLUSTER = 'amm-techlab';
export const TOPIC = 'manual';
export const PRODUCER = 'data-producer';
export const CONSUMER = 'data-consumer';
/** The consumer's group (its `KAFKA_GROUP_ID`). */
export const GROUP = 'data-consumer';

export interface KafkaUserObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    authentication?: { type: string };
    authorization?: { type: string; acls: Array<{ resource: { type: string; name?: string; patternType?: string }; operations: string[] }> };
  };
}

function scramUser(name: string, acls: NonNullable<KafkaUserObject['spec']['authorization']>['acls']): KafkaUserObject {
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: { name, labels: { 'strimzi.io/cluster': CLUSTER } },
    spec: { authentication: { type: 'scram-sha-512' }, authorization: { type: 'simple', acls } },
  };
}

const INLINE_USERS: readonly KafkaUserObject[] = [
  scramUser(PRODUCER, [{ resource: { type: 'topic', name: TOPIC, patternType: 'literal' }, operations: ['Write', 'Describe'] }]),
  scramUser(CONSUMER, [
    { resource: { type: 'topic', name: TOPIC, patternType: 'literal' }, operations: ['Read', 'Describe'] },
    { resource: { type: 'group', name: GROUP, patternType: 'literal' }, operations: ['Read'] },
  ]),
];

/** The seed's KafkaUsers. */
export const SEED_USERS: readonly KafkaUserObject[] = INLINE_USERS; // ← the one line to switch to the synthesized users

/** A deep copy of `users` in which `user` lacks the ACL items on resources of `resourceType`. */
export function withoutAcl(users: readonly KafkaUserObject[], user: string, resourceType: string): KafkaUserObject[] {
  const copy = JSON.parse(JSON.stringify(users)) as KafkaUserObject[];
  const target = copy.find((u) => u.metadata.name === user);
  const authorization = target?.spec.authorization;
  if (!authorization || !authorization.acls.some((a) => a.resource.type === resourceType)) {
    throw new Error(`KafkaUser '${user}' has no ${resourceType} ACL to remove`);
  }
  authorization.acls = authorization.acls.filter((a) => a.resource.type !== resourceType);
  return copy;
}
