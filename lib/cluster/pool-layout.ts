import { Subject } from '../base/subject';
import { NodePoolOptions, NodeRole } from './node-pool';
import { ClusterProfile, easyPoolStorage, poolDefaults, PRODUCTION_DEFAULTS } from './production';
import { KafkaStorage } from './storage';

/** The props of a cluster that decide its node pools. */
export interface PoolLayoutProps {
  readonly brokers?: number;
  readonly controllers?: number;
  readonly storage?: KafkaStorage;
  readonly nodePools?: NodePoolOptions[];
}

/**
 * The node pools of a cluster, each with its profile's defaults under its own options (JVM options and
 * scheduling field by field, the rest whole): the pools given, or those
 * the easy path makes (one `dual-role` pool, or `brokers` and `controllers`). Checks Strimzi's rules for a KRaft
 * cluster's pools (`NodePoolUtils`): unique names, at least one broker and one controller.
 */
export function poolLayout(owner: Subject, props: PoolLayoutProps, profile: ClusterProfile): NodePoolOptions[] {
  const pools = props.nodePools ? explicitPools(owner, props) : easyPools(owner, props, profile);
  const names = pools.map((p) => p.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) {
    throw owner.error('node-pool-name-duplicate', `two node pools are named '${twice}'; a KafkaNodePool name is unique in its namespace`,
      'Give each pool its own name');
  }
  for (const role of [NodeRole.BROKER, NodeRole.CONTROLLER]) {
    if (!pools.some((p) => p.roles.includes(role) && p.replicas > 0)) {
      throw owner.error('node-pool-role-missing', `no node pool has the ${role} role and at least one replica; a KRaft cluster needs both roles`,
        `Add a pool with roles including NodeRole.${role.toUpperCase()}`);
    }
  }
  return pools.map((pool) => {
    const defaults = poolDefaults(profile, pool.roles.includes(NodeRole.BROKER));
    return {
      ...pool,
      storage: pool.storage ?? defaults.storage,
      resources: pool.resources ?? defaults.resources,
      // Settings within these two are independent of each other, so the pool overrides them one by one.
      jvmOptions: merged(defaults.jvmOptions, pool.jvmOptions),
      scheduling: merged(defaults.scheduling, pool.scheduling),
    };
  });
}

function explicitPools(owner: Subject, props: PoolLayoutProps): NodePoolOptions[] {
  const easy = (['brokers', 'controllers', 'storage'] as const).filter((key) => props[key] !== undefined);
  if (easy.length > 0) {
    throw owner.error('node-pools-with-easy-path',
      `it sets nodePools and ${easy.join(', ')}; those make the pools for you and cannot be combined with nodePools`,
      `Set replicas and storage on each node pool, and remove ${easy.join(', ')}`);
  }
  return props.nodePools!;
}

function easyPools(owner: Subject, props: PoolLayoutProps, profile: ClusterProfile): NodePoolOptions[] {
  const production = profile === ClusterProfile.PRODUCTION;
  const brokers = props.brokers ?? (production ? PRODUCTION_DEFAULTS.brokers : 1);
  const controllers = props.controllers ?? (production ? PRODUCTION_DEFAULTS.controllers : undefined);
  if (!Number.isInteger(brokers) || brokers < 1) {
    throw owner.error('cluster-brokers-invalid', `brokers is ${brokers}; it must be a whole number of at least 1`, 'Use e.g. brokers: 3');
  }
  if (controllers !== undefined && (!Number.isInteger(controllers) || controllers < 1)) {
    throw owner.error('cluster-controllers-invalid', `controllers is ${controllers}; it must be a whole number of at least 1`,
      'Use e.g. controllers: 3, or leave it out for combined nodes');
  }
  // Pool names are the library's since its first release, so that existing clusters keep their pools.
  return controllers === undefined
    ? [{ name: 'dual-role', roles: [NodeRole.CONTROLLER, NodeRole.BROKER], replicas: brokers,
      storage: easyPoolStorage(profile, true, props.storage) }]
    : [
      { name: 'brokers', roles: [NodeRole.BROKER], replicas: brokers, storage: easyPoolStorage(profile, true, props.storage) },
      { name: 'controllers', roles: [NodeRole.CONTROLLER], replicas: controllers,
        storage: easyPoolStorage(profile, false, props.storage) },
    ];
}

/** `override` over `defaults`, field by field; a field left out (or undefined) keeps the default. */
function merged<T extends object>(defaults: T | undefined, override: T | undefined): T | undefined {
  if (!defaults || !override) return override ?? defaults;
  const set = Object.entries(override).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(set) };
}
