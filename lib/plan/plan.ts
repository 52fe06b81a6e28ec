import { Subject } from '../base/subject';
import { Consequence } from './data-loss';
import { Breach, changeBreaches, deletionBreaches, kafkaTopicName, Manifest, replacementBreaches } from './data-loss-checks';
import { FieldChange, fieldChanges } from './object-diff';

/** An object the app renders now. */
export interface RenderedObject {
  readonly json: Manifest;
  /** Path of the construct that made it (its owner, for a library construct's `Resource`). */
  readonly path: string;
  /** The DNS label of its chart, as cdk8s names the chart's output file. */
  readonly chart: string;
}

/** An object of the previous output. */
export interface PreviousObject {
  readonly json: Manifest;
  /** The file it was in, relative to the output directory. */
  readonly file: string;
}

/** What happens to an object. */
export enum PlanAction {
  CREATE = 'create',
  /** The same object with other fields. */
  CHANGE = 'change',
  /** A delete plus a create of what is the same thing under another name. */
  REPLACE = 'replace',
  DELETE = 'delete',
}

/** What a change means for data, per rule of DATA_LOSS. */
export interface PlanFinding {
  readonly code: string;
  readonly consequence: Consequence;
  /** What names this finding for this object in an acknowledgement: `<code>:<Kind>/[<namespace>/]<name>`. */
  readonly acknowledgement: string;
  readonly acknowledged: boolean;
  /** Whether it fails the synth: impossible, or a data loss not acknowledged. */
  readonly refused: boolean;
  /** The whole message: `<Kind> '<name>' (<where>) [<code>]: <what would be lost>. <safe path>`. */
  readonly message: string;
  /** What would be lost. */
  readonly loss: string;
}

export interface PlanEntry {
  readonly action: PlanAction;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  /** The name before, for `replace`. */
  readonly previousName?: string;
  /** Construct path, for objects the app still makes. */
  readonly path?: string;
  /** File of the previous output, for objects it held. */
  readonly file?: string;
  /** The fields that differ, for `change` and `replace`. */
  readonly fields: FieldChange[];
  readonly findings: PlanFinding[];
}

const identity = (json: Manifest) => [group(json.apiVersion), json.kind, json.metadata?.namespace ?? '', json.metadata?.name].join('/');
const group = (apiVersion: unknown) => (String(apiVersion).includes('/') ? String(apiVersion).split('/')[0] : '');
/** The chart a previous file came from: `0001-manual-topic.k8s.yaml` and `0001-manual-topic/...` are `manual-topic`. */
const chartOfFile = (file: string) => file.split(/[\\/]/)[0].replace(/^\d{4}-/, '').split('.')[0];

/**
 * The plan of going from `previous` to `current`: objects are the same object when their API group, kind,
 * namespace and name are (a version change is a change); an object gone and one new of the same kind, in the same
 * chart (for node pools: with the same roles), and alone in being so, are one object renamed (`replace`), as is a
 * KafkaTopic for the same Kafka topic under a new resource name.
 */
export function computePlan(previous: readonly PreviousObject[], current: readonly RenderedObject[], acknowledged: ReadonlySet<string>): PlanEntry[] {
  const before = new Map(previous.map((p) => [identity(p.json), p]));
  const now = new Set(current.map((c) => identity(c.json)));
  const deleted = previous.filter((p) => !now.has(identity(p.json)));
  const created = current.filter((c) => !before.has(identity(c.json)));
  const pairs = pairRenames(deleted, created);
  const replacedOld = new Set(pairs.values());

  const entries: PlanEntry[] = [];
  const entry = (action: PlanAction, object: Manifest, where: { path?: string; file?: string }, fields: FieldChange[], breaches: Breach[],
    old?: Manifest): PlanEntry => {
    const namespace = object.metadata?.namespace;
    const name = String((old ?? object).metadata?.name);
    const subject = Subject.at(object.kind, name, where.path ?? `removed from ${where.file}`);
    return {
      action, kind: object.kind, name: String(object.metadata?.name), namespace, previousName: old?.metadata?.name, ...where, fields,
      findings: breaches.map(({ rule, args }) => {
        const acknowledgement = `${rule.code}:${object.kind}/${namespace ? `${namespace}/` : ''}${name}`;
        const isAcknowledged = rule.consequence === Consequence.DATA_LOSS && acknowledged.has(acknowledgement);
        const fix = rule.consequence === Consequence.DATA_LOSS
          ? `${rule.safePath(...args)}; or, to accept the loss, acknowledge '${acknowledgement}'`
          : rule.safePath(...args);
        return {
          code: rule.code, consequence: rule.consequence, acknowledgement, acknowledged: isAcknowledged,
          refused: rule.consequence === Consequence.IMPOSSIBLE || (rule.consequence === Consequence.DATA_LOSS && !isAcknowledged),
          message: `${subject} [${rule.code}]: ${rule.loss(...args)}. ${fix}`,
          loss: rule.loss(...args),
        };
      }),
    };
  };
  for (const c of current) {
    const old = before.get(identity(c.json));
    const renamed = pairs.get(c);
    if (old) {
      const fields = fieldChanges(old.json, c.json);
      if (fields.length > 0) entries.push(entry(PlanAction.CHANGE, c.json, { path: c.path, file: old.file }, fields,
        changeBreaches(old.json, c.json)));
    } else if (renamed) {
      entries.push(entry(PlanAction.REPLACE, c.json, { path: c.path, file: renamed.file }, fieldChanges(renamed.json, c.json),
        replacementBreaches(renamed.json, c.json), renamed.json));
    } else {
      entries.push(entry(PlanAction.CREATE, c.json, { path: c.path }, [], []));
    }
  }
  for (const d of deleted.filter((p) => !replacedOld.has(p))) {
    entries.push(entry(PlanAction.DELETE, d.json, { file: d.file }, [], deletionBreaches(d.json)));
  }
  return entries;
}

function pairRenames(deleted: readonly PreviousObject[], created: readonly RenderedObject[]): Map<RenderedObject, PreviousObject> {
  const pairs = new Map<RenderedObject, PreviousObject>();
  const unpairedOld = () => deleted.filter((d) => ![...pairs.values()].includes(d));
  // The same Kafka topic under another resource name.
  for (const c of created.filter((o) => o.json.kind === 'KafkaTopic')) {
    const same = unpairedOld().filter((d) => d.json.kind === 'KafkaTopic' && (d.json.metadata?.namespace ?? '') === (c.json.metadata?.namespace ??
      '') &&
      kafkaTopicName(d.json) === kafkaTopicName(c.json));
    if (same.length === 1) pairs.set(c, same[0]);
  }
  const key = (json: Manifest, chart: string) => [group(json.apiVersion), json.kind, json.metadata?.namespace ?? '', chart,
    json.kind === 'KafkaNodePool' ? [...(json.spec?.roles ?? [])].sort().join('+') : ''].join('/');
  const olds = new Map<string, PreviousObject[]>();
  for (const d of unpairedOld()) olds.set(key(d.json, chartOfFile(d.file)), [...(olds.get(key(d.json, chartOfFile(d.file))) ?? []), d]);
  const news = new Map<string, RenderedObject[]>();
  for (const c of created.filter((o) => !pairs.has(o))) news.set(key(c.json, c.chart), [...(news.get(key(c.json, c.chart)) ?? []), c]);
  for (const [k, candidates] of news) {
    const gone = olds.get(k) ?? [];
    if (candidates.length === 1 && gone.length === 1) pairs.set(candidates[0], gone[0]);
  }
  return pairs;
}

/** The plan as lines for a person: a header, then one line per object and one per finding. */
export function planLines(baseline: string, entries: readonly PlanEntry[], firstSynth: boolean, objects: number): string[] {
  if (firstSynth) return [`plan: nothing to compare with in ${baseline} (first synth); ${objects} object(s) to create`];
  if (entries.length === 0) return [`plan against ${baseline}: no changes (${objects} objects)`];
  const count = (action: PlanAction) => entries.filter((e) => e.action === action).length;
  const findings = entries.flatMap((e) => e.findings);
  const summary = [
    ...[PlanAction.CREATE, PlanAction.CHANGE, PlanAction.REPLACE, PlanAction.DELETE].filter((a) => count(a) > 0).map((a) => `${count(a)} to ${a}`),
    ...([['refused', findings.filter((f) => f.refused).length], ['acknowledged', findings.filter((f) => f.acknowledged).length]] as const)
      .filter(([, n]) => n > 0).map(([what, n]) => `${n} ${what}`),
  ];
  const lines = [`plan against ${baseline}: ${summary.join(', ')}`];
  const symbol: Record<PlanAction, string> = { [PlanAction.CREATE]: '+', [PlanAction.CHANGE]: '~', [PlanAction.REPLACE]: '±',
    [PlanAction.DELETE]: '-' };
  for (const e of entries) {
    const name = e.action === PlanAction.REPLACE ? `'${e.previousName}' -> '${e.name}'` : `'${e.name}'`;
    const where = e.path ?? `removed from ${e.file}`;
    const fields = e.action === PlanAction.CHANGE ? `: ${describeFields(e.fields)}` : '';
    lines.push(
      `  ${symbol[e.action]} ${e.kind} ${name}${e.namespace ? ` in ${e.namespace}` : ''} (${where}) ` +
        `${e.action === PlanAction.CHANGE ? 'changed' : `${e.action}d`}${fields}`,
    );
    for (const f of e.findings) {
      const status = f.consequence === Consequence.CAUTION ? 'caution'
      : f.consequence === Consequence.IMPOSSIBLE ? 'refused: impossible' : f.acknowledged ? 'acknowledged' : 'refused';
      lines.push(`      ! ${f.code} (${status}): ${f.loss}`);
    }
  }
  return lines;
}

const MAX_FIELDS = 4;

function describeFields(fields: readonly FieldChange[]): string {
  const shown = fields.slice(0, MAX_FIELDS).map((f) => `${f.path} ${value(f.before)} -> ${value(f.after)}`);
  return fields.length > MAX_FIELDS ? `${shown.join(', ')}, and ${fields.length - MAX_FIELDS} more` : shown.join(', ');
}

function value(v: unknown): string {
  if (v === undefined) return '(none)';
  const text = JSON.stringify(v);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
