import type { KubeJson } from './kubernetes-objects';
import { WHOLE_NUMBER_LIMITS, wholeNumberProblem } from './numbers';

/**
 * Kinds an operator finds by their `strimzi.io/cluster` label, and what the label names (Strimzi 1.2.0 documentation:
 * the Topic and User Operators watch the resources labelled with their Kafka cluster, a node pool belongs to the
 * cluster its label names, a connector to the Kafka Connect cluster, a rebalance to the Kafka cluster). Without the
 * label the resource is ignored, silently.
 */
export const CLUSTER_LABELLED_KINDS: Readonly<Record<string, string>> = {
  KafkaTopic: 'Kafka cluster', KafkaUser: 'Kafka cluster', KafkaNodePool: 'Kafka cluster', KafkaRebalance: 'Kafka cluster',
  KafkaConnector: 'KafkaConnect cluster',
};

/**
 * Kinds whose `spec.replicas` is the number of pods Strimzi runs, which Kubernetes requires to be 0 or more; the CRDs
 * of these two leave it unbounded, so the API server accepts a negative count that the operator then fails on.
 */
export const POD_REPLICAS_KINDS: readonly string[] = ['KafkaConnect', 'KafkaMirrorMaker2'];

/** The rules Strimzi's operators apply to a Strimzi custom resource beyond its CRD, each broken one with its fix. */
export function strimziObjectProblems(json: KubeJson): { code: string; problem: string; fix: string }[] {
  const problems: { code: string; problem: string; fix: string }[] = [];
  const labelled = CLUSTER_LABELLED_KINDS[json.kind];
  const labels = (json.metadata?.labels ?? {}) as Record<string, unknown>;
  if (labelled && (typeof labels['strimzi.io/cluster'] !== 'string' || labels['strimzi.io/cluster'] === '')) {
    problems.push({
      code: 'strimzi-cluster-label-missing',
      problem: `it has no 'strimzi.io/cluster' label, so no operator picks it up: a ${json.kind} belongs to the ${labelled} its label names`,
      fix: `Add the label 'strimzi.io/cluster' with the name of its ${labelled}`,
    });
  }
  const replicas = (json.spec as Record<string, unknown> | undefined)?.replicas;
  if (POD_REPLICAS_KINDS.includes(json.kind) && replicas !== undefined) {
    const problem = wholeNumberProblem(replicas, WHOLE_NUMBER_LIMITS.podReplicas);
    if (problem) {
      problems.push({
        code: 'strimzi-pod-replicas-invalid', problem: `spec.replicas is invalid: ${problem}`, fix: 'Use a whole number of pods, e.g. 1',
      });
    }
  }
  return problems;
}
