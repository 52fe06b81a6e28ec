import { IConstruct } from 'constructs';
import { Subject } from '../base/subject';
import { Warnings } from '../base/warnings';
import { NodePool } from './node-pool';

/**
 * Warnings Strimzi's operator itself raises on a Kafka's status (`KafkaSpecChecker`, Strimzi 1.2.0), given at synth
 * instead: a single broker or a single controller on ephemeral storage loses its data on every restart.
 */
export function addStorageWarnings(scope: IConstruct, owner: Subject, pools: readonly NodePool[]): void {
  const checks = [
    { role: 'broker', code: 'ephemeral-single-broker', pools: pools.filter((p) => p.isBroker && p.replicas > 0), lost: 'every topic\'s records' },
    { role: 'controller', code: 'ephemeral-single-controller', pools: pools.filter((p) => p.isController && p.replicas > 0),
      lost: 'the cluster metadata' },
  ];
  for (const check of checks) {
    const [only] = check.pools;
    if (check.pools.length === 1 && only.replicas === 1 && only.storage.isEphemeral) {
      Warnings.of(scope)._add(check.code, owner.part('node pool', only.name),
        `the cluster's only ${check.role} has ephemeral storage, so ${check.lost} are lost on any restart or rolling update`,
        'Use persistent-claim storage, or more nodes');
    }
  }
}
