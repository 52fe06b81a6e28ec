import { Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Subject } from '../core/subject';
import { guardCdk8s } from './cdk8s-errors';
import { DANGERS, warn } from './dangers';
import { NAME_RULES, nameProblem, suggestName } from './kubernetes-names';
import { WHOLE_NUMBER_LIMITS, wholeNumberProblem } from './numbers';
import { LISTENER_TYPES, ListenerJson, listenerProblems } from './strimzi-listeners';
import { strimziDerivedNames } from './strimzi-names';

/** What a KafkaCluster is made of, as its constructor resolved it from its props. */
export interface ClusterFacts {
  readonly name: string;
  readonly brokers: unknown;
  readonly controllers: unknown;
  /** The listeners as the Kafka resource will hold them. */
  readonly listeners: readonly ListenerJson[];
  /** Props that must be true or false when set, by name. */
  readonly booleans: Readonly<Record<string, unknown>>;
  /** Names of the node pools and the roles they hold, in order. */
  readonly pools: readonly { readonly name: string; readonly replicas: number; readonly broker: boolean }[];
}

/**
 * Throws naming `subject` at the first rule a cluster breaks: whole numbers of brokers and controllers, Strimzi's
 * listener rules, and valid names for every object Strimzi derives from the cluster's names. Dangerous but valid
 * settings become warnings.
 */
export function checkCluster(scope: IConstruct, subject: Subject, facts: ClusterFacts): void {
  const name = nameProblem(NAME_RULES.dns1035Label, facts.name);
  if (name) throw subject.error(`the cluster name ${name}; Strimzi names Services after it`, `Use e.g. '${suggestName(NAME_RULES.dns1035Label, String(facts.name))}'`);
  const brokers = wholeNumberProblem(facts.brokers, WHOLE_NUMBER_LIMITS.brokers);
  if (brokers) throw subject.error(`brokers is invalid: ${brokers}`, 'Use a whole number of at least 1, e.g. 3');
  if (facts.controllers !== undefined) {
    const controllers = wholeNumberProblem(facts.controllers, WHOLE_NUMBER_LIMITS.controllers);
    if (controllers) throw subject.error(`controllers is invalid: ${controllers}`, 'Use a whole number of at least 1, e.g. 3, or leave it out for combined nodes');
  }
  for (const [prop, value] of Object.entries(facts.booleans)) {
    if (value !== undefined && typeof value !== 'boolean') throw subject.error(`${prop} is ${JSON.stringify(value)}, not true or false`, `Set ${prop} to true or false`);
  }
  const [listener] = listenerProblems(facts.listeners, facts.brokers as number);
  if (listener) throw subject.part('listener', listener.listener).error(listener.problem, listener.fix);
  for (const derived of strimziDerivedNames({ name: facts.name, listeners: facts.listeners, parts: new Set() }, facts.pools)) {
    const problem = nameProblem(derived.rule, derived.name);
    if (problem) {
      throw subject.error(`Strimzi would create the ${derived.what} '${derived.name}', but ${problem.replace(/^'[^']*' is/, 'that is')}`,
        'Shorten the cluster name (or the listener name)');
    }
  }

  const voters = (facts.controllers ?? facts.brokers) as number;
  // A KRaft quorum of 2n voters tolerates as many failures as one of 2n - 1, with one more node to lose.
  if (voters % 2 === 0) warn(scope, subject, DANGERS.evenControllers, voters);
  for (const l of facts.listeners) if (LISTENER_TYPES[l.type]?.deprecated) warn(scope, subject, DANGERS.deprecatedListener, l.name);
}

/** The volume size as Strimzi writes it (`10Gi`, `512Mi`), after checking it is a positive whole number of MiB. */
export function storageSize(subject: Subject, size: Size): string {
  if (!(size instanceof Size)) throw subject.error(`storage size is ${JSON.stringify(size)}, not a Size`, 'Use e.g. Size.gibibytes(10)');
  const mebibytes = guardCdk8s(subject, 'storage size', () => size.toMebibytes({ rounding: SizeRoundingBehavior.NONE }));
  if (!Number.isInteger(mebibytes) || mebibytes <= 0) {
    throw subject.error(`storage size is ${mebibytes} MiB; a persistent volume claim needs a positive whole number of mebibytes`, 'Use e.g. Size.gibibytes(10)');
  }
  return mebibytes % 1024 === 0 ? `${mebibytes / 1024}Gi` : `${mebibytes}Mi`;
}

/** Throws unless a StorageClass name is a valid Kubernetes object name (a DNS-1123 subdomain). */
export function checkStorageClass(subject: Subject, storageClass: unknown): void {
  const problem = nameProblem(NAME_RULES.dns1123Subdomain, storageClass);
  if (problem) throw subject.error(`storage class ${problem}`, `Name an existing StorageClass, e.g. '${suggestName(NAME_RULES.dns1123Subdomain, String(storageClass))}'`);
}
