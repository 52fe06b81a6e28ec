import * as fs from 'fs';
import { App, Chart, Names, Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { addSynthCheck, Rendered } from '../core/synth-checks';
import { DATA_LOSS_BY_CODE } from './data-loss';
import { computePlan, PlanEntry, planLines, PreviousObject, RenderedObject } from './plan';
import { PreviousOutput, readPreviousOutput } from './previous-output';
import { PRUNE_PROTECTION_ANNOTATIONS } from './prune-protection';

const PLAN_BASELINE_CONTEXT = 'strimzi-cdk8s:plan-baseline';
const PLAN_JSON_CONTEXT = 'strimzi-cdk8s:plan-json';
const ACKNOWLEDGE_CONTEXT = 'strimzi-cdk8s:acknowledge';
const ENV = { [PLAN_BASELINE_CONTEXT]: 'STRIMZI_CDK8S_PLAN_BASELINE', [PLAN_JSON_CONTEXT]: 'STRIMZI_CDK8S_PLAN_JSON',
  [ACKNOWLEDGE_CONTEXT]: 'STRIMZI_CDK8S_ACKNOWLEDGE' };

/** The plan of one synth, as printed and as written to the JSON file. */
export interface PlanReport {
  /** What the synth was compared with, e.g. `git HEAD:dist`. */
  readonly baseline: string;
  /** Whether there was nothing to compare with. */
  readonly firstSynth: boolean;
  /** One entry per object created, changed, replaced or deleted. */
  readonly entries: PlanEntry[];
  /** The plan as printed, line by line. */
  readonly lines: string[];
  /** The messages of the refused changes, which fail the synth. */
  readonly refusals: string[];
}

const plans = new WeakMap<IConstruct, SynthPlan>();

/**
 * The plan of an app's synth: before cdk8s writes the manifests, what it makes is compared with the previous
 * output, object by object, and printed (created, changed with the fields, replaced, deleted) with what each change
 * means for data. Changes Kafka or Strimzi cannot make are refused; changes that lose records, volumes,
 * credentials or offsets are refused unless acknowledged for that object (`acknowledge`, or ACKNOWLEDGE_CONTEXT).
 * See docs/changing-a-running-system.md.
 *
 * The library's KafkaCluster and Topic turn it on for their app; it runs when `cdk8s synth` runs the app, or when
 * BASELINE_CONTEXT is set (tests: `Testing.synth` with neither compares nothing).
 */
export class SynthPlan {
  /**
   * Context key (or environment variable `STRIMZI_CDK8S_PLAN_BASELINE`) naming what the plan compares with:
   * `git:<ref>` for the output directory as committed at a ref (e.g. `git:origin/main` in a pull request's CI), a
   * directory of manifests, or `true` for the default (the output directory as committed at git HEAD, else the
   * files in it). It also turns the plan on for an app not run by `cdk8s synth`.
   */
  public static readonly BASELINE_CONTEXT = PLAN_BASELINE_CONTEXT;
  /** Context key (or environment variable `STRIMZI_CDK8S_PLAN_JSON`): a file the plan is also written to, as JSON. */
  public static readonly JSON_CONTEXT = PLAN_JSON_CONTEXT;
  /**
   * Context key (or environment variable `STRIMZI_CDK8S_ACKNOWLEDGE`, comma-separated): the data losses the synth
   * may make, each for one object, as the refusal prints them: `<code>:<Kind>/[<namespace>/]<name>`, e.g.
   * `topic-deleted:KafkaTopic/manual`. There is no wildcard.
   */
  public static readonly ACKNOWLEDGE_CONTEXT = ACKNOWLEDGE_CONTEXT;
  /**
   * Annotations that make GitOps tools keep an object (a KafkaCluster's or Topic's `preventPrune`): Argo CD
   * `Prune=false,Delete=false`, Flux `prune: disabled`, Helm `resource-policy: keep`.
   */
  public static readonly PRUNE_PROTECTION_ANNOTATIONS: Record<string, string> = { ...PRUNE_PROTECTION_ANNOTATIONS };

  /** The plan of the app `scope` belongs to. */
  public static of(scope: IConstruct): SynthPlan {
    const root = scope.node.root;
    let plan = plans.get(root);
    if (!plan) {
      plan = new SynthPlan(root);
      plans.set(root, plan);
    }
    return plan;
  }

  private readonly acknowledgements = new Set<string>();
  private previous?: PreviousOutput;
  private last?: { readonly rendered: string; readonly report: PlanReport };

  private constructor(private readonly root: IConstruct) {
    addSynthCheck(root, (objects) => this.validate(objects));
  }

  /**
   * Lets the synth make one data loss the plan would refuse: the change `code` (as the refusal prints it, e.g.
   * `topic-deleted`) to the object `object` (`<Kind>/[<namespace>/]<name>`, e.g. `KafkaTopic/manual`).
   */
  public acknowledge(code: string, object: string): void {
    this.acknowledgements.add(`${code}:${object}`);
  }

  /** The plan of the last synth, or undefined before the first (or when the plan is off). */
  public get report(): PlanReport | undefined {
    return this.last?.report;
  }

  private setting(key: keyof typeof ENV): unknown {
    return this.root.node.tryGetContext(key) ?? process.env[ENV[key]];
  }

  private validate(objects: readonly Rendered[]): string[] {
    const baseline = this.setting(PLAN_BASELINE_CONTEXT);
    // `cdk8s synth` tells the app where to write in CDK8S_OUTDIR: that is a synth whose output gets applied.
    if (baseline === undefined && process.env.CDK8S_OUTDIR === undefined) return [];
    const outdir = this.root instanceof App ? this.root.outdir : 'dist';
    // Read once, before cdk8s writes the first file.
    const named = baseline === undefined || baseline === true || baseline === 'true' ? undefined : String(baseline);
    this.previous ??= readPreviousOutput(outdir, named);
    const previous = this.previous;
    if (previous.documents.length === 0) {
      return this.publish(`first:${objects.length}`, () => report(previous.description, [], true, objects.length, []));
    }
    const current: RenderedObject[] = objects.map(({ object: o, json }) => ({
      json, path: o.node.id === 'Resource' ? o.node.scope!.node.path : o.node.path, chart: Names.toDnsLabel(Chart.of(o)),
    }));
    const acknowledged = this.acknowledged();
    return this.publish(JSON.stringify([current.map((c) => c.json), [...acknowledged]]), () => {
      // The output is usually what it was: compare the documents' text as cdk8s writes it before parsing anything.
      const texts = (docs: string[]) => docs.sort().join('\u0000');
      if (texts(current.map((c) => Yaml.stringify(c.json))) === texts(previous.documents.map((d) => d.text))) {
        return report(previous.description, [], false, current.length, [...acknowledged]);
      }
      const entries = computePlan(parsePrevious(previous), current, acknowledged);
      const matched = new Set(entries.flatMap((e) => e.findings.filter((f) => f.acknowledged).map((f) => f.acknowledgement)));
      const unused = [...acknowledged].filter((a) => !matched.has(a));
      return report(previous.description, entries, false, current.length, unused);
    });
  }

  private acknowledged(): Set<string> {
    const given = this.setting(ACKNOWLEDGE_CONTEXT);
    const list = Array.isArray(given) ? given.map(String) : typeof given === 'string' ? given.split(',') : [];
    return new Set([...list.map((a) => a.trim()).filter(Boolean), ...this.acknowledgements]);
  }

  /** Prints the plan (once per distinct plan) and returns its refusals and any acknowledgement naming no rule. */
  private publish(rendered: string, make: () => PlanReport): string[] {
    if (this.last?.rendered !== rendered) {
      const plan = make();
      this.last = { rendered, report: plan };
      process.stderr.write(plan.lines.map((l) => `[strimzi-cdk8s] ${l}\n`).join(''));
      const jsonFile = this.setting(PLAN_JSON_CONTEXT);
      if (typeof jsonFile === 'string' && jsonFile !== '') {
        const { baseline, firstSynth, entries, refusals } = plan;
        fs.writeFileSync(jsonFile, JSON.stringify({ baseline, firstSynth, entries, refusals }, undefined, 2) + '\n');
      }
    }
    const unknown = [...this.acknowledged()].filter((a) => !DATA_LOSS_BY_CODE.has(a.split(':')[0]) || !a.includes('/'));
    return [
      ...this.last.report.refusals,
      ...unknown.map((a) =>
        `acknowledgement '${a}' is not of the form <code>:<Kind>/[<namespace>/]<name> with a code of the plan ` +
          `(${[...DATA_LOSS_BY_CODE.keys()].join(', ')}). Copy it from the refusal`),
    ];
  }
}

function report(baseline: string, entries: PlanEntry[], firstSynth: boolean, objects: number, unused: string[]): PlanReport {
  const lines = planLines(baseline, entries, firstSynth, objects);
  lines.push(...unused.map((a) => `  acknowledgement '${a}' matches no change of this synth: remove it once its change is applied`));
  return { baseline, firstSynth, entries, lines, refusals: entries.flatMap((e) => e.findings.filter((f) => f.refused).map((f) => f.message)) };
}

function parsePrevious(previous: PreviousOutput): PreviousObject[] {
  // Loaded only when something changed: parsing is the plan's only costly step.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml') as typeof import('yaml');
  return previous.documents.map((d) => ({ file: d.file, json: parse(d.text, { version: '1.1' }) }))
    .filter((p) => p.json && typeof p.json === 'object' && typeof p.json.kind === 'string');
}
