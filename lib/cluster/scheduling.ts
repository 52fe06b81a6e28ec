import { KafkaNodePoolSpecTemplatePod, KafkaNodePoolSpecTemplatePodTolerations } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';

/** The node label of the host, the topology of "one pod per node". */
export const HOSTNAME_TOPOLOGY_KEY = 'kubernetes.io/hostname';
/** The node label of the availability zone, Kubernetes' well-known label and Strimzi's documented rack key. */
export const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';

/** Kubernetes' well-known node labels that pods are spread across. */
export class TopologyKey {
  /** The node label of the host, the topology of "one pod per node". */
  public static readonly HOSTNAME = HOSTNAME_TOPOLOGY_KEY;
  /** The node label of the availability zone, Kubernetes' well-known label and Strimzi's documented rack key. */
  public static readonly ZONE = ZONE_TOPOLOGY_KEY;

  private constructor() {}
}

/** What the scheduler does with a pod it cannot place without breaking a spread (`whenUnsatisfiable`). */
export enum WhenUnsatisfiable {
  /** Leave the pod pending. */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
  /** Place it anyway, as evenly as it can. */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
}

/** An even spread of a role's pods across the values of a node label (a topology spread constraint). */
export interface TopologySpread {
  /** Node label whose values are the domains, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;
  /**
   * Most pods one domain may have above the least loaded one.
   * @default 1
   */
  readonly maxSkew?: number;
  /**
   * What happens when the spread cannot be kept.
   * @default WhenUnsatisfiable.DO_NOT_SCHEDULE
   */
  readonly whenUnsatisfiable?: WhenUnsatisfiable;
}

/** Keeps a role's pods apart: never (required) or preferably not (preferred) two in one topology domain. */
export class PodAntiAffinity {
  /** At most one pod of the role per domain; pods stay pending when there are too few domains. */
  public static required(topologyKey = HOSTNAME_TOPOLOGY_KEY): PodAntiAffinity {
    return new PodAntiAffinity(topologyKey, true);
  }

  /** The scheduler avoids two pods of the role in one domain, but places them together rather than not at all. */
  public static preferred(topologyKey = HOSTNAME_TOPOLOGY_KEY): PodAntiAffinity {
    return new PodAntiAffinity(topologyKey, false);
  }

  private constructor(
    /** The node label of the domains. */
    public readonly topologyKey: string,
    /** Whether the rule is a hard requirement. */
    public readonly isRequired: boolean,
  ) {}
}

/** `operator` of a toleration. */
export enum TolerationOperator {
  /** The taint's value must equal the toleration's. */
  EQUAL = 'Equal',
  /** Any value of the taint's key (or any taint, without key). */
  EXISTS = 'Exists',
}

/** `effect` of a taint a toleration matches. */
export enum TaintEffect {
  NO_SCHEDULE = 'NoSchedule',
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  NO_EXECUTE = 'NoExecute',
}

/** Lets the pods run on nodes with a matching taint, e.g. nodes reserved for Kafka. */
export interface Toleration {
  /**
   * Taint key.
   * @default - every key (only with TolerationOperator.EXISTS)
   */
  readonly key?: string;
  /**
   * How the value is matched.
   * @default TolerationOperator.EQUAL
   */
  readonly operator?: TolerationOperator;
  /**
   * Taint value (only with TolerationOperator.EQUAL).
   * @default - empty
   */
  readonly value?: string;
  /**
   * Taint effect matched.
   * @default - every effect
   */
  readonly effect?: TaintEffect;
  /**
   * How long a pod stays on a node after a NoExecute taint appears.
   * @default - forever
   */
  readonly tolerationSeconds?: number;
}

/** Where a node pool's pods may run and how they are spread (the pool's `template.pod`). */
export interface PodScheduling {
  /**
   * Even spreads of the role's pods across topology domains. With rack awareness on, the rack's topology key is
   * spread too unless listed here.
   * @default - none (plus the rack spread, when the cluster has rack awareness)
   */
  readonly spreadAcross?: TopologySpread[];
  /**
   * Keeps the role's pods apart, e.g. `PodAntiAffinity.required()` for one broker per node.
   * @default - none
   */
  readonly podAntiAffinity?: PodAntiAffinity;
  /**
   * Taints the pods tolerate.
   * @default - none
   */
  readonly tolerations?: Toleration[];
  /**
   * Node labels the pods' nodes must have. Strimzi's pod template has no `nodeSelector`, so this becomes a required
   * node affinity with one `In` expression per label, which means the same.
   * @default - any node
   */
  readonly nodeSelector?: Record<string, string>;
  /**
   * PriorityClass of the pods, e.g. so that Kafka is not preempted by batch work.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;
}

/**
 * The pool's `template.pod` scheduling fields, checking the rules the API server applies to them.
 * @param selector labels of the pods the spreads and anti-affinity count (the pool's role in its cluster)
 * @param rackTopologyKey the cluster's rack key, spread across unless the scheduling already spreads it
 */
export function renderPodScheduling(
  subject: Subject,
  scheduling: PodScheduling,
  selector: Record<string, string>,
  rackTopologyKey: string | undefined,
): KafkaNodePoolSpecTemplatePod | undefined {
  const spreads = [...(scheduling.spreadAcross ?? [])];
  if (rackTopologyKey && !spreads.some((s) => s.topologyKey === rackTopologyKey)) {
    // Strimzi 0.49+ no longer spreads pods for rack awareness: without a spread all brokers may land in one zone.
    spreads.unshift({ topologyKey: rackTopologyKey });
  }
  const seen = new Set<string>();
  for (const s of spreads) {
    checkTopologyKey(subject, 'a topology spread', s.topologyKey);
    const maxSkew = s.maxSkew ?? 1;
    if (!Number.isInteger(maxSkew) || maxSkew < 1) {
      throw subject.error('spread-max-skew-invalid',
        `the spread across '${s.topologyKey}' has maxSkew ${maxSkew}; it must be a whole number of at least 1`, 'Use maxSkew: 1 for an even spread');
    }
    // The API server refuses two constraints with the same topologyKey and whenUnsatisfiable.
    const key = `${s.topologyKey}/${s.whenUnsatisfiable ?? WhenUnsatisfiable.DO_NOT_SCHEDULE}`;
    if (seen.has(key)) {
      throw subject.error('spread-duplicate', `it spreads across '${s.topologyKey}' twice with the same whenUnsatisfiable, which Kubernetes refuses`,
        'Keep one spread per topology key');
    }
    seen.add(key);
  }
  const antiAffinity = scheduling.podAntiAffinity;
  if (antiAffinity) checkTopologyKey(subject, 'the pod anti-affinity', antiAffinity.topologyKey);
  const tolerations = (scheduling.tolerations ?? []).map((t) => checkToleration(subject, t));
  const nodeLabels = Object.entries(scheduling.nodeSelector ?? {});

  const template: KafkaNodePoolSpecTemplatePod = {
    topologySpreadConstraints: spreads.length === 0 ? undefined : spreads.map((s) => ({
      maxSkew: s.maxSkew ?? 1,
      topologyKey: s.topologyKey,
      whenUnsatisfiable: s.whenUnsatisfiable ?? WhenUnsatisfiable.DO_NOT_SCHEDULE,
      labelSelector: { matchLabels: selector },
    })),
    affinity: !antiAffinity && nodeLabels.length === 0 ? undefined : {
      podAntiAffinity: antiAffinity && (antiAffinity.isRequired
        ? { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: antiAffinity.topologyKey, labelSelector: { matchLabels: selector } }] }
        : {
          preferredDuringSchedulingIgnoredDuringExecution: [{
            weight: 100,
            podAffinityTerm: { topologyKey: antiAffinity.topologyKey, labelSelector: { matchLabels: selector } },
          }],
        }),
      nodeAffinity: nodeLabels.length === 0 ? undefined : {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: nodeLabels.map(([key, value]) => ({ key, operator: 'In', values: [value] })) }],
        },
      },
    },
    tolerations: tolerations.length === 0 ? undefined : tolerations,
    priorityClassName: scheduling.priorityClassName,
  };
  return Object.values(template).some((v) => v !== undefined) ? template : undefined;
}

function checkTopologyKey(subject: Subject, what: string, topologyKey: string): void {
  if (topologyKey.trim() === '') {
    throw subject.error('topology-key-empty', `${what} has an empty topologyKey`,
      `Name a node label, e.g. '${ZONE_TOPOLOGY_KEY}' or '${HOSTNAME_TOPOLOGY_KEY}'`);
  }
}

/** Kubernetes' toleration rules (ValidateTolerations in the API server). */
function checkToleration(subject: Subject, t: Toleration): KafkaNodePoolSpecTemplatePodTolerations {
  const operator = t.operator ?? TolerationOperator.EQUAL;
  if (!t.key && operator !== TolerationOperator.EXISTS) {
    throw subject.error('toleration-key-missing', 'a toleration without key must use operator Exists (it then tolerates every taint)',
      'Set key, or operator: TolerationOperator.EXISTS');
  }
  if (operator === TolerationOperator.EXISTS && t.value) {
    throw subject.error('toleration-exists-with-value',
      `the toleration of '${t.key ?? '*'}' has operator Exists and value '${t.value}'; Exists matches any value and takes none`,
      'Remove value, or use operator: TolerationOperator.EQUAL');
  }
  if (t.tolerationSeconds !== undefined && t.effect !== TaintEffect.NO_EXECUTE) {
    throw subject.error('toleration-seconds-without-no-execute',
      `the toleration of '${t.key ?? '*'}' sets tolerationSeconds, which only applies to the NoExecute effect`,
      'Set effect: TaintEffect.NO_EXECUTE, or remove tolerationSeconds');
  }
  return { key: t.key, operator: t.operator, value: t.value, effect: t.effect, tolerationSeconds: t.tolerationSeconds };
}
