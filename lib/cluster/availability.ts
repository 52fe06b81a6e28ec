import { IConstruct } from 'constructs';
import { KafkaSpecKafkaTemplatePodDisruptionBudget } from '../../imports/kafka.strimzi.io';
import { Subject } from '../base/subject';
import { Warnings } from '../base/warnings';

/**
 * The PodDisruptionBudget Strimzi makes for the Kafka pods (`<cluster>-kafka`, over every node pool's pods,
 * controllers and brokers alike), set through `spec.kafka.template.podDisruptionBudget`. The operator always makes
 * it; a second budget over the same pods would make the eviction API refuse every eviction, so the library
 * never adds one and refuses one added by hand.
 */
export interface KafkaPodDisruptionBudget {
  /**
   * Most Kafka pods a voluntary disruption (a node drain) may take down at once; 0 blocks every drain.
   * @default 1 (Strimzi's default)
   */
  readonly maxUnavailable?: number;
}

/** The cluster facts the budget is weighed against. */
export interface DisruptionFacts {
  /** KRaft controllers (the quorum's voters). */
  readonly controllers: number;
  /** `default.replication.factor` of the cluster. */
  readonly replicationFactor: number;
  /** `min.insync.replicas` of the cluster. */
  readonly minInsyncReplicas: number;
}

/** `spec.kafka.template.podDisruptionBudget`, with warnings for budgets that let a drain stop the cluster. */
export function renderPodDisruptionBudget(
  scope: IConstruct,
  owner: Subject,
  budget: KafkaPodDisruptionBudget,
  facts: DisruptionFacts,
): KafkaSpecKafkaTemplatePodDisruptionBudget {
  const maxUnavailable = budget.maxUnavailable ?? 1;
  if (!Number.isInteger(maxUnavailable) || maxUnavailable < 0) {
    throw owner.error('pdb-max-unavailable-invalid',
      `podDisruptionBudget maxUnavailable is ${maxUnavailable}; it must be a whole number of at least 0`, 'Use 1, Strimzi\'s default');
  }
  const warnings = Warnings.of(scope);
  if (maxUnavailable === 0) {
    warnings._add('pdb-blocks-drains', owner,
      'podDisruptionBudget maxUnavailable is 0, so no Kafka pod can be evicted and node drains hang until someone intervenes',
      'Use maxUnavailable: 1 and let Strimzi roll one pod at a time');
  }
  const quorumTolerance = Math.floor((facts.controllers - 1) / 2);
  if (quorumTolerance > 0 && maxUnavailable > quorumTolerance) {
    warnings._add('pdb-breaks-quorum', owner,
      `podDisruptionBudget maxUnavailable is ${maxUnavailable}, but the KRaft quorum of ${facts.controllers} controllers survives only ` +
        `${quorumTolerance} lost; a drain could stop the cluster`, `Use maxUnavailable: ${quorumTolerance}`);
  }
  const isrTolerance = facts.replicationFactor - facts.minInsyncReplicas;
  if (facts.replicationFactor > 1 && maxUnavailable > isrTolerance) {
    warnings._add('pdb-below-min-isr', owner,
      `podDisruptionBudget maxUnavailable is ${maxUnavailable}, but with replication factor ${facts.replicationFactor} and min.insync.replicas ` +
        `${facts.minInsyncReplicas} ` +
        `losing more than ${isrTolerance} broker(s) makes acks=all writes fail`,
        `Use maxUnavailable: ${Math.max(isrTolerance, 1)}, or lower min.insync.replicas`);
  }
  return { maxUnavailable };
}
