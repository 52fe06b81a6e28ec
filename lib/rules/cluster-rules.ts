import { Size } from 'cdk8s';
import { IConstruct } from 'constructs';
import { Subject } from '../base/subject';
import { warn } from '../base/warnings';
import { DANGERS } from './dangers';
import { NAME_RULES, nameProblem, suggestName } from './kubernetes-names';
import { LISTENER_TYPES, ListenerJson, listenerProblems } from './strimzi-listeners';
import { strimziDerivedNames } from './strimzi-names';

/** What a KafkaCluster is made of, as its constructor resolved it from its props. */
export interface ClusterFacts {
  readonly name: string;
  /** Broker and controller counts (the node pools' rules have checked them). */
  readonly brokers: number;
  readonly controllers: number;
  /** The listeners as the Kafka resource will hold them. */
  readonly listeners: readonly ListenerJson[];
  /** Props that must be true or false when set, by name. */
  readonly booleans: Readonly<Record<string, unknown>>;
}

/**
 * Throws naming `subject` at the first rule a cluster breaks: Strimzi's listener rules, and valid names for the objects Strimzi derives from the
 * cluster's and listeners' names. Dangerous but valid
 * settings become warnings.
 */
export function checkCluster(scope: IConstruct, subject: Subject, facts: ClusterFacts): void {
  const name = nameProblem(NAME_RULES.dns1035Label, facts.name);
  if (name) throw subject.error('cluster-name-invalid', `the cluster name ${name}; Strimzi names Services after it`,
    `Use e.g. '${suggestName(NAME_RULES.dns1035Label, String(facts.name))}'`);
  for (const [prop, value] of Object.entries(facts.booleans)) {
    if (value !== undefined && typeof value !== 'boolean') throw subject.error('cluster-prop-not-boolean',
      `${prop} is ${JSON.stringify(value)}, not true or false`, `Set ${prop} to true or false`);
  }
  const [listener] = listenerProblems(facts.listeners, facts.brokers);
  if (listener) throw subject.part('listener', listener.listener).error(listener.code, listener.problem, listener.fix);
  // Names derived from node pools are checked at synth (AppRules), after the node pools' own rules.
  for (const derived of strimziDerivedNames({ name: facts.name, listeners: facts.listeners, parts: new Set() }, [])) {
    const problem = nameProblem(derived.rule, derived.name);
    if (problem) {
      throw subject.error('cluster-derived-name-invalid',
        `Strimzi would create the ${derived.what} '${derived.name}', but ${problem.replace(/^'[^']*' is/, 'that is')}`,
        'Shorten the cluster name (or the listener name)');
    }
  }

  // A KRaft quorum of 2n voters tolerates as many failures as one of 2n - 1, with one more node to lose.
  if (facts.controllers % 2 === 0) warn(scope, subject, DANGERS.evenControllers, facts.controllers);
  for (const l of facts.listeners) if (LISTENER_TYPES[l.type]?.deprecated) warn(scope, subject, DANGERS.deprecatedListener, l.name);
}

/**
 * Throws naming `subject` when a persistent volume's props break a rule: the size must be a cdk8s Size, the
 * StorageClass name a valid Kubernetes object name (a DNS-1123 subdomain), `deleteClaim` a boolean.
 */
export function checkPersistentVolume(subject: Subject, what: string,
  volume: { size?: unknown; storageClass?: unknown; deleteClaim?: unknown }): void {
  if (volume.size !== undefined && !(volume.size instanceof Size)) {
    throw subject.error('volume-size-not-a-size', `the ${what} size is ${JSON.stringify(volume.size)}, not a Size`, 'Use e.g. Size.gibibytes(10)');
  }
  if (volume.storageClass !== undefined) {
    const problem = nameProblem(NAME_RULES.dns1123Subdomain, volume.storageClass);
    if (problem) throw subject.error('volume-storage-class-invalid', `the ${what} storage class ${problem}`,
      `Name an existing StorageClass, e.g. '${suggestName(NAME_RULES.dns1123Subdomain, String(volume.storageClass))}'`);
  }
  if (volume.deleteClaim !== undefined && typeof volume.deleteClaim !== 'boolean') {
    throw subject.error('volume-delete-claim-not-boolean', `the ${what} deleteClaim is ${JSON.stringify(volume.deleteClaim)}, not true or false`,
      'Set it to true or false');
  }
}
