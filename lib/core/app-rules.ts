import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { KafkaResources } from '../base/kafka-resources';
import { Subject } from '../base/subject';
import { nameProblem } from '../rules/kubernetes-names';
import { CLUSTER_SCOPED_KINDS, KubeJson, kubernetesObjectProblems } from '../rules/kubernetes-objects';
import { ClusterNaming, DerivedName, PoolNaming, strimziDerivedNames, userSecretName } from '../rules/strimzi-names';
import { strimziObjectProblems } from '../rules/strimzi-objects';
import { celRuleProblems } from './cel-rules';
import { crdSchemaProblems } from './crd-schema';
import { addSynthCheck, Rendered } from './synth-checks';

/**
 * Rules checked at synth over the final JSON of every ApiObject of the app, whichever construct or prop (or
 * escape-hatch patch) produced it: Kubernetes' rules for each object, the Strimzi 1.2.0 CRD schema and CEL rules
 * and the operators' own rules for every Strimzi object, names Strimzi derives from the app's Kafka clusters, two
 * objects that would be the same object in the cluster, and objects that would replace one Strimzi creates.
 */
export class AppRules {
  /** Makes sure the app of `scope` is checked at synth (once, however many constructs ask). */
  public static enable(scope: IConstruct): void {
    const root = scope.node.root;
    if (enabled.has(root)) return;
    enabled.add(root);
    addSynthCheck(root, (objects) => appProblems(objects.map(described)));
  }

  /** Checks `object` as every Strimzi object of the app, naming `owner` (the construct that made it) in its problems. */
  public static checkAgainstCrd(object: ApiObject, owner: Subject): void {
    AppRules.enable(object);
    crdOwners.set(object, owner);
  }
}

const enabled = new WeakSet<IConstruct>();
const crdOwners = new WeakMap<ApiObject, Subject>();
const STRIMZI_GROUP = 'kafka.strimzi.io';

interface Made {
  readonly object: ApiObject;
  readonly json: KubeJson;
  readonly subject: Subject;
  /** Where it lives: its namespace, '' for cluster-scoped kinds, undefined for "the namespace `oc apply` targets". */
  readonly namespace: string | undefined;
}

function described({ object, json }: Rendered): Made {
  const name = typeof json.metadata?.name === 'string' ? json.metadata.name : String(json.metadata?.name);
  const namespace = CLUSTER_SCOPED_KINDS.has(json.kind) ? '' : (json.metadata?.namespace as string | undefined);
  return { object, json, namespace, subject: Subject.of(object, json.kind, name) };
}

function appProblems(made: Made[]): string[] {
  return [
    ...made.flatMap(crdProblems),
    ...made.flatMap(({ json, subject }) => kubernetesObjectProblems(json)
      .map((p) => subject.errorMessage(p.code, `${p.field}: ${p.problem}`, p.fix))),
    ...duplicates(made),
    ...strimziNameProblems(made),
    ...secondBudgetProblems(made),
  ];
}

// Every Strimzi custom resource, however it was made (a construct of the library, a class from imports/, a bare
// ApiObject), against its CRD's schema and CEL rules, and the operators' own rules.
function crdProblems(m: Made): string[] {
  if (group(m.json.apiVersion) !== STRIMZI_GROUP) return [];
  const owner = crdOwners.get(m.object) ?? m.subject;
  const mismatch = (code: string) => (problem: string) => owner.errorMessage(code,
    `its ${m.json.kind} '${String(m.json.metadata?.name)}' does not match the Strimzi 1.2.0 CRD: ${problem}`,
    'Correct the value (or the escape-hatch patch that set it) as the Strimzi API reference describes',
  );
  return [
    ...crdSchemaProblems(m.json).map(mismatch('crd-schema-mismatch')),
    ...celRuleProblems(m.json).map(mismatch('crd-cel-rule-broken')),
    ...strimziObjectProblems(m.json).map((p) => owner.errorMessage(p.code, p.problem, p.fix)),
  ];
}

const group = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');
const where = (namespace: string | undefined) => (namespace === '' ? 'the cluster' : namespace === undefined ? 'the default namespace'
  : `namespace '${namespace}'`);

// Two objects of one API group and kind with one name in one namespace are one object in the cluster: the
// second `apply` silently replaces the first.
function duplicates(made: Made[]): string[] {
  const byIdentity = new Map<string, Made[]>();
  for (const m of made) {
    const key = [group(m.json.apiVersion), m.json.kind, m.namespace ?? '\u0000', m.json.metadata?.name].join('/');
    byIdentity.set(key, [...(byIdentity.get(key) ?? []), m]);
  }
  return [...byIdentity.values()].filter((same) => same.length > 1).flatMap(([first, ...others]) => others.map((other) =>
    other.subject.errorMessage(
      'object-name-duplicate', `another ${first.json.kind} of the same name in ${where(other.namespace)} is made by ${first.object.node.path}; ` +
        'in the cluster they are one object and the later apply replaces the earlier',
      `Rename one of them, or put it in a chart with another namespace`,
    )));
}

function strimziNameProblems(made: Made[]): string[] {
  const problems: string[] = [];
  const reserved = new Map<string, { derived: DerivedName; cluster: string }>();
  const clusters = made.filter((m) => group(m.json.apiVersion) === STRIMZI_GROUP && m.json.kind === 'Kafka');
  for (const kafka of clusters) {
    const naming = clusterNaming(kafka.json);
    const poolObjects = made.filter((m) => m.json.kind === 'KafkaNodePool' && m.namespace === kafka.namespace &&
      (m.json.metadata?.labels as Record<string, string> | undefined)?.[KafkaResources.CLUSTER_LABEL] === naming.name);
    const users = made.filter((m) => m.json.kind === 'KafkaUser' && m.namespace === kafka.namespace &&
      (m.json.metadata?.labels as Record<string, string> | undefined)?.[KafkaResources.CLUSTER_LABEL] === naming.name);
    const derived = [
      ...strimziDerivedNames(naming, poolObjects.map((p) => poolNaming(p.json))),
      ...users.map((u) => userSecretName(naming, String(u.json.metadata?.name))),
    ];
    // Each derived name must itself be valid; report it once, on the object whose name it comes from.
    const reported = new Set<string>();
    for (const d of derived) {
      const problem = nameProblem(d.rule, d.name);
      const source = d.pool ? poolObjects.find((p) => p.json.metadata?.name === d.pool) ?? kafka : kafka;
      if (!problem || reported.has(`${d.kind}/${source.subject}`)) continue;
      reported.add(`${d.kind}/${source.subject}`);
      problems.push(source.subject.errorMessage(
        'strimzi-derived-name-invalid', `Strimzi would create the ${d.what} '${d.name}', but ${problem.replace(/^'[^']*' is/, 'that is')}`,
        d.pool ? 'Shorten the cluster or node pool name' : 'Shorten the cluster name (or the listener name)',
      ));
    }
    for (const d of derived) reserved.set(`${d.kind}/${kafka.namespace ?? ''}/${d.name}`, { derived: d, cluster: naming.name });
  }
  for (const m of made) {
    const clash = reserved.get(`${m.json.kind}/${m.namespace ?? ''}/${String(m.json.metadata?.name)}`);
    if (clash) {
      problems.push(m.subject.errorMessage(
        'strimzi-name-taken', `Strimzi creates a ${m.json.kind} of this name in ${where(m.namespace)} for Kafka cluster '${clash.cluster}' ` +
          `(its ${clash.derived.what}); applying this one would replace it, and the operator would overwrite it in turn`,
        `Rename this ${m.json.kind}`,
      ));
    }
  }
  return problems;
}

// Strimzi makes a PodDisruptionBudget for the Kafka pods of each cluster, and the eviction API refuses to evict a
// pod that more than one budget selects: a budget of the user's own over those pods hangs every node drain.
function secondBudgetProblems(made: Made[]): string[] {
  const budgets = made.filter((m) => group(m.json.apiVersion) === 'policy' && m.json.kind === 'PodDisruptionBudget');
  return made.filter((m) => group(m.json.apiVersion) === STRIMZI_GROUP && m.json.kind === 'Kafka').flatMap((kafka) => {
    const name = String(kafka.json.metadata?.name);
    const owner = crdOwners.get(kafka.object) ?? kafka.subject;
    return budgets.filter((pdb) => {
      const labels: Record<string, string> = (pdb.json.spec as any)?.selector?.matchLabels ?? {};
      // Every Strimzi pod of the cluster has strimzi.io/cluster; the Kafka pods have strimzi.io/name <cluster>-kafka.
      return pdb.namespace === kafka.namespace && labels[KafkaResources.CLUSTER_LABEL] === name &&
        (labels['strimzi.io/name'] ?? `${name}-kafka`) === `${name}-kafka`;
    }).map((pdb) => owner.errorMessage(
      'pdb-overlaps-kafka-pods',
      `the PodDisruptionBudget '${String(pdb.json.metadata?.name)}' (${pdb.object.node.path}) selects its Kafka pods, which Strimzi's own budget ` +
        `'${name}-kafka' already covers; Kubernetes refuses to evict a pod that two budgets select, so every node drain would hang`,
      'Remove that PodDisruptionBudget and set the cluster\'s podDisruptionBudget instead',
    ));
  });
}

function clusterNaming(kafka: KubeJson): ClusterNaming {
  const spec = (kafka.spec ?? {}) as Record<string, any>;
  return {
    name: String(kafka.metadata?.name),
    listeners: (spec.kafka?.listeners ?? []) as ClusterNaming['listeners'],
    parts: new Set(Object.keys(spec).filter((k) => spec[k] !== undefined)),
    userSecretPrefix: spec.entityOperator?.userOperator?.secretPrefix,
  };
}

function poolNaming(pool: KubeJson): PoolNaming {
  const spec = (pool.spec ?? {}) as Record<string, any>;
  return { name: String(pool.metadata?.name), replicas: Number(spec.replicas ?? 0), broker: (spec.roles ?? []).includes('broker') };
}
