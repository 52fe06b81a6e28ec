import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { KafkaCluster, SynthPlan, Topic } from '../../../lib';
import { buildSeedSystem } from '../../../main';
import { buildDay2App, outputDirectory, synthInto } from '../../support/day2-app';
import { muteStderr } from '../support/stderr';

muteStderr();

const REPO = path.resolve(__dirname, '../../..');

describe('what the plan compares with', () => {
  test("the committed seed: the repository's dist/ is exactly what the seed app makes", () => {
    // GIVEN the seed app compared with the committed dist/ WHEN synthesized elsewhere THEN nothing changes
    const plan = synthInto(outputDirectory(), (app) => buildSeedSystem(app), [], { [SynthPlan.BASELINE_CONTEXT]: path.join(REPO, 'dist') });
    expect(plan.error).toBeUndefined();
    expect(plan.report.lines).toEqual([`plan against ${path.join(REPO, 'dist')}: no changes (15 objects)`]);
  });

  test('by default the output directory as committed at git HEAD, which `cdk8s synth` cannot delete; or any ref', () => {
    // GIVEN a git repository whose committed dist/ holds the app, and a working tree where dist/ is gone (as
    // `cdk8s synth` leaves it before running the app)
    const repo = outputDirectory();
    const dist = path.join(repo, 'dist');
    synthInto(dist, (app) => buildDay2App(app));
    const git = (...args: string[]) => execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args]);
    git('init', '-q');
    git('add', 'dist');
    git('commit', '-q', '-m', 'day 1');
    fs.rmSync(dist, { recursive: true });
    // WHEN the app without the audit topic is synthesized into it
    const plan = synthInto(dist, (app) => buildDay2App(app, { audit: 'removed' }));
    // THEN the plan is against HEAD:dist and refuses the deletion
    expect(plan.report.lines[0]).toBe('plan against git HEAD:dist: 1 to delete, 1 refused');
    expect(plan.error).toContain('[topic-deleted]');
    // AND a ref can be named: after a second commit, HEAD~1 is day 1 again
    synthInto(dist, (app) => buildDay2App(app, { ordersPartitions: 12 }), [], { [SynthPlan.BASELINE_CONTEXT]: dist });
    git('commit', '-q', '-a', '-m', 'day 2');
    const day2 = (ref?: string) => synthInto(dist, (app) => buildDay2App(app, { ordersPartitions: 12 }), [],
      ref ? { [SynthPlan.BASELINE_CONTEXT]: `git:${ref}` } : {});
    expect(day2().report.lines).toEqual(['plan against git HEAD:dist: no changes (22 objects)']);
    expect(day2('HEAD~1').report.lines).toEqual([
      'plan against git HEAD~1:dist: 1 to change',
      "  ~ KafkaTopic 'orders' (topics/orders) changed: spec.partitions 6 -> 12",
    ]);
  });

  test('a directory named in the environment turns the plan on, as `cdk8s synth` does', () => {
    const dir = outputDirectory();
    synthInto(dir, (app) => buildDay2App(app));
    process.env.STRIMZI_CDK8S_PLAN_BASELINE = dir;
    try {
      const app = new App({ outdir: outputDirectory() });
      buildDay2App(app, { ordersPartitions: 3 });
      expect(() => app.synth()).toThrow(/\[partitions-lowered\]/);
    } finally {
      delete process.env.STRIMZI_CDK8S_PLAN_BASELINE;
    }
  });

  test("without either, tests' synths compare nothing and refuse nothing", () => {
    // GIVEN an app whose outdir holds another app's output
    const dir = outputDirectory();
    synthInto(dir, (app) => buildDay2App(app));
    const app = new App({ outdir: dir });
    const chart = new Chart(app, 'other');
    new Topic(chart, 't', { cluster: new KafkaCluster(chart, 'c') });
    // WHEN it is synthesized with Testing, not by `cdk8s synth` THEN no plan is made
    expect(Testing.synth(chart)).toHaveLength(3);
    expect(SynthPlan.of(app).report).toBeUndefined();
  });
});

describe('acknowledgements', () => {
  let dir: string;
  beforeEach(() => {
    dir = outputDirectory();
    synthInto(dir, (app) => buildDay2App(app));
  });

  test('in code, for one object: SynthPlan.of(app).acknowledge(code, object)', () => {
    const plan = synthInto(dir, (app) => {
      buildDay2App(app, { audit: 'removed' });
      SynthPlan.of(app).acknowledge('topic-deleted', 'KafkaTopic/audit');
    });
    expect(plan.error).toBeUndefined();
    expect(plan.lines[1]).toContain('! topic-deleted (acknowledged)');
  });

  test('in the environment, comma-separated', () => {
    process.env.STRIMZI_CDK8S_ACKNOWLEDGE = 'user-deleted:KafkaUser/payments-producer, user-deleted:KafkaUser/payments-consumer';
    try {
      expect(synthInto(dir, (app) => buildDay2App(app, { withoutPayments: true })).error).toBeUndefined();
    } finally {
      delete process.env.STRIMZI_CDK8S_ACKNOWLEDGE;
    }
  });

  test('an acknowledgement covers its object only: another object of the same change is still refused', () => {
    const plan = synthInto(dir, (app) => buildDay2App(app, { withoutPayments: true }), ['user-deleted:KafkaUser/payments-producer']);
    expect(plan.report.refusals).toEqual([expect.stringMatching(/^KafkaUser 'payments-consumer' \(removed from .*\) \[user-deleted\]: /)]);
  });

  test('an acknowledgement left in the code after its change was committed is pointed out', () => {
    const plan = synthInto(dir, (app) => buildDay2App(app), ['topic-deleted:KafkaTopic/audit']);
    expect(plan.error).toBeUndefined();
    expect(plan.report.lines).toEqual([
      expect.stringContaining(': no changes'),
      "  acknowledgement 'topic-deleted:KafkaTopic/audit' matches no change of this synth: remove it once its change is applied",
    ]);
  });

  test('an acknowledgement that is not of a rule of the plan fails the synth, naming the codes', () => {
    const plan = synthInto(dir, (app) => buildDay2App(app), ['*', 'topic-deletd:KafkaTopic/audit']);
    expect(plan.error).toContain("acknowledgement '*' is not of the form <code>:<Kind>/[<namespace>/]<name>");
    expect(plan.error).toContain("acknowledgement 'topic-deletd:KafkaTopic/audit' is not of the form");
    expect(plan.error).toContain('topic-deleted, topic-kept,');
  });
});

test('the plan is written as JSON when a file is named', () => {
  const dir = outputDirectory();
  synthInto(dir, (app) => buildDay2App(app));
  const file = path.join(outputDirectory(), 'plan.json');
  synthInto(dir, (app) => buildDay2App(app, { ordersPartitions: 3 }), [], { [SynthPlan.JSON_CONTEXT]: file });
  const json = JSON.parse(fs.readFileSync(file, 'utf8'));
  expect(json.baseline).toBe(dir);
  expect(json.entries).toEqual([expect.objectContaining({
    action: 'change', kind: 'KafkaTopic', name: 'orders', path: 'topics/orders', file: '0001-topics.k8s.yaml',
    fields: [{ path: 'spec.partitions', before: 6, after: 3 }],
    findings: [expect.objectContaining({ code: 'partitions-lowered', consequence: 'impossible', refused: true, acknowledged: false })],
  })]);
  expect(json.refusals).toEqual([expect.stringContaining('[partitions-lowered]')]);
});
