import { Testing } from 'cdk8s';
import { buildSeedSystem } from '../../../main';
import { synthApp } from '../../lib/support/synth';

/**
 * The KafkaUsers of the seed's two services (`kafka.strimzi.io/v1`), as the library derives them from the wiring:
 * the producer may write its topic, the consumer may read it in its own group, nothing else. Every ACL test reads
 * its users from here, so the tests prove the synthesized ACLs sufficient and minimal on a real broker.
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

/** The seed's KafkaUsers, exactly as the library synthesizes them for dist/ (main.ts). */
export const SEED_USERS: readonly KafkaUserObject[] = (() => {
  const app = Testing.app();
  buildSeedSystem(app);
  return synthApp(app).filter((o) => o.kind === 'KafkaUser') as unknown as KafkaUserObject[];
})();

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
