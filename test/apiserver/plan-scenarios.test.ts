import * as fs from 'fs';
import { App, Duration, Size } from 'cdk8s';
import { Consequence, PlanAction, PlanReport } from '../../lib';
import { fieldChanges } from '../../lib/plan/object-diff';
import { muteStderr } from '../lib/support/stderr';
import { Day2App, README_POOL_NAMES, buildDay2App, outputDirectory, synthInto } from '../support/day2-app';
import { readManifestDir, servedKinds } from './apps';
import { APPLY, ensureNamespace, kubectlOk } from './kubectl';
import { kubectlDiff } from './kubectl-diff';

// The day-2 scenarios of issue 13 (test/lib/plan/day2-scenarios.test.ts) on a real API server: the app before is
// applied to a fresh namespace, the app after is synthesized against the app before's output, and the plan is
// compared with what `kubectl diff --server-side` reports against the live objects.
//
// Where the two legitimately differ, the rule is stated here and in docs/changing-a-running-system.md:
// - kubectl diff shows no deletion: it reads only the objects of the new output, and `--prune` offers only objects
//   carrying client-side apply's last-applied annotation, which server-side apply does not write (and kubectl
//   refuses `apply --server-side --prune`). The objects the plan deletes (and the old names of those it replaces)
//   are compared with the live objects the new output no longer holds: what a GitOps prune deletes.
// - a rename (the plan's `replaced`) is, for the API server, a new object created and the old one left to a prune.
// - the API server counts spec changes in metadata.generation (+1 on each object whose spec changes); manifests
//   hold no generation, so the plan does not show it.
// The fields are named by the plan's differ on both sides, so what is compared is which fields change and their
// values, as synthesized and as the API server merges them into the live objects.

muteStderr();
jest.setTimeout(10 * 60_000);

/** A day-2 change: the app after (and before, when not the default app) and what acknowledges its data losses. */
interface Scenario {
  readonly before?: Day2App;
  readonly after: Day2App;
  /** The plan's summary, as its first line prints it. */
  readonly plan: string;
  readonly acknowledge?: string[];
  /** The plan's findings that no acknowledgement lifts: Kafka or Kubernetes cannot make the change. */
  readonly impossible?: string[];
}

const SCENARIOS: Record<string, Scenario> = {
  'no change (a re-synth)': { after: {}, plan: 'no changes' },
  'topic renamed': { after: { ordersId: 'orders-v2' }, plan: '4 to change, 1 to replace', acknowledge: ['topic-renamed:KafkaTopic/orders'] },
  'topic removed': { after: { audit: 'removed' }, plan: '1 to delete', acknowledge: ['topic-deleted:KafkaTopic/audit'] },
  'partitions lowered': { after: { ordersPartitions: 3 }, plan: '1 to change', impossible: ['partitions-lowered'] },
  'retention shortened': {
    after: { paymentsRetention: Duration.days(1) }, plan: '1 to change', acknowledge: ['retention-shortened:KafkaTopic/payments'],
  },
  'cluster renamed': { after: { clusterId: 'events-eu' }, plan: '21 to change, 1 to replace', acknowledge: ['cluster-renamed:Kafka/events'] },
  'node pools renamed': {
    after: { nodePools: README_POOL_NAMES }, plan: '2 to replace',
    acknowledge: ['pool-renamed:KafkaNodePool/brokers', 'pool-renamed:KafkaNodePool/controllers'],
  },
  'deleteClaim only': {
    after: { storage: { deleteClaim: true } }, plan: '2 to change',
    acknowledge: ['delete-claim-on:KafkaNodePool/brokers', 'delete-claim-on:KafkaNodePool/controllers'],
  },
  'storageClass only': { after: { storage: { storageClass: 'fast-ssd' } }, plan: '2 to change' },
  'size changed (brokers shrink, controllers grow)': {
    after: { storage: { size: Size.gibibytes(50) } }, plan: '2 to change', impossible: ['volume-shrunk'],
  },
  'brokers removed': { after: { brokers: 3 }, plan: '1 to change', acknowledge: ['brokers-removed:KafkaNodePool/brokers'] },
  'user renamed': {
    after: { ordersConsumer: 'orders-ledger' }, plan: '1 to change, 4 to replace',
    acknowledge: ['user-renamed:KafkaUser/orders-consumer', 'consumer-group-changed:Deployment/orders-consumer'],
  },
  'consumer group id changed': {
    after: { ordersGroupId: 'orders-v2' }, plan: '2 to change', acknowledge: ['consumer-group-changed:Deployment/orders-consumer'],
  },
  'listener port changed': {
    after: { listeners: [{ name: 'plain', port: 9092 }, { name: 'tls', port: 9094, tls: true }] }, plan: '9 to change',
    acknowledge: ['listener-changed:Kafka/events'],
  },
};

/** The app's output, synthesized without a plan. */
function synthesized(v: Day2App): string {
  const dir = outputDirectory();
  const app = new App({ outdir: dir });
  buildDay2App(app, v);
  app.synth();
  return dir;
}

const manifests = (dir: string) => readManifestDir(dir).flatMap((f) => f.manifests);
/** The output as one YAML stream, file by file: what `kubectl apply -f <dir>` reads. */
const stream = (dir: string) => manifests(dir).map((m) => m.text).join('\n---\n');

/** The objects of the kinds the app before holds, live in `namespace`. */
function liveObjects(namespace: string, before: string): string[] {
  const served = servedKinds();
  const resources = [...new Set(manifests(before).map((m) => served.get(`${m.apiVersion} ${m.kind}`)!.resource))];
  return JSON.parse(kubectlOk(['get', resources.join(','), '-n', namespace, '-o', 'json'])).items.map((o: any) => `${o.kind}/${o.metadata.name}`);
}

/** The plan as the API server can check it: objects created and deleted, and the fields of each changed object. */
interface Outcome {
  readonly created: string[];
  readonly deleted: string[];
  readonly changed: Record<string, string[]>;
}

const describeChange = (c: { path: string; before?: unknown; after?: unknown }) =>
  `${c.path} ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`;

function planOutcome(report: PlanReport): Outcome {
  const key = (kind: string, name: string) => `${kind}/${name}`;
  return {
    created: report.entries.filter((e) => e.action === PlanAction.CREATE || e.action === PlanAction.REPLACE).map((e) => key(e.kind, e.name)).sort(),
    deleted: report.entries.filter((e) => e.action === PlanAction.DELETE || e.action === PlanAction.REPLACE)
      .map((e) => key(e.kind, e.previousName ?? e.name)).sort(),
    changed: Object.fromEntries(report.entries.filter((e) => e.action === PlanAction.CHANGE)
      .map((e) => [key(e.kind, e.name), e.fields.map(describeChange)]).sort()),
  };
}

const DIFF = ['--server-side', '--field-manager=strimzi-cdk8s'];

describe.each(Object.entries(SCENARIOS))('day 2 on a real API server: %s', (title, scenario) => {
  const namespace = `day2-${title.replace(/\(.*\)/, '').trim().replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
  let before: string;
  let after: string;
  let plan: ReturnType<typeof synthInto>;

  beforeAll(() => {
    // GIVEN the app before applied to a fresh namespace, as the README tells users
    before = synthesized(scenario.before ?? {});
    ensureNamespace(namespace);
    kubectlOk([...APPLY, '-n', namespace, '-f', '-'], stream(before));
    // WHEN the app after is synthesized against the app before's output (acknowledged where it loses data)
    const previous = outputDirectory();
    fs.cpSync(before, previous, { recursive: true });
    plan = synthInto(previous, (app) => buildDay2App(app, scenario.after), scenario.acknowledge);
    after = synthesized(scenario.after);
  });

  test('the plan agrees with kubectl diff --server-side against the live objects', () => {
    // (with --prune for every kind of the app before: it offers no object applied server-side)
    const kinds = [...new Set(manifests(before).map((m) => `${m.apiVersion.includes('/') ? '' : 'core/'}${m.apiVersion}/${m.kind}`))];
    const diff = kubectlDiff([...DIFF, '--prune', ...kinds.map((k) => `--prune-allowlist=${k}`), '-n', namespace, '-f', '-'], stream(after));
    expect(diff.stderr).toBe('');
    expect([...diff.objects].filter(([, o]) => o.merged === undefined)).toEqual([]);
    const inAfter = new Set(manifests(after).map((m) => `${m.kind}/${m.name}`));
    const changes = [...diff.objects].filter(([, o]) => o.live !== undefined).map(([k, o]) => [k, fieldChanges(o.live, o.merged)] as const);
    const server: Outcome = {
      created: [...diff.objects].filter(([, o]) => o.live === undefined).map(([k]) => k).sort(),
      deleted: liveObjects(namespace, before).filter((k) => !inAfter.has(k)).sort(),
      changed: Object.fromEntries(changes
        .map(([k, fields]) => [k, fields.filter((c) => c.path !== 'metadata.generation').map(describeChange)] as const)
        .filter(([, fields]) => fields.length > 0).sort()),
    };
    // THEN the plan is the scenario's, and the same objects are created, deleted and changed, with the same fields
    // and values, on both sides
    expect(plan.report.lines[0]).toContain(`: ${scenario.plan}`);
    expect(planOutcome(plan.report)).toEqual(server);
    // AND only the objects whose spec changes get a new generation, one more than the live one
    const generations = changes.flatMap(([k, fields]) => fields.filter((c) => c.path === 'metadata.generation').map((c) => [k, c.after]));
    const specChanged = changes.filter(([, fields]) => fields.some((c) => c.path.startsWith('spec.')));
    expect(generations.sort()).toEqual(specChanged.map(([k]) => [k, diff.objects.get(k)!.live.metadata.generation + 1]).sort());
    // AND kubectl diff exits 1 when it shows differences, 0 (and prints nothing) for a plan of no changes
    const shown = plan.report.entries.some((e) => e.action !== PlanAction.DELETE);
    expect({ status: diff.status, empty: diff.stdout === '' }).toEqual({ status: shown ? 1 : 0, empty: !shown });
  });

  test('the API server accepts the output after: the plan alone refuses what Kafka or Kubernetes cannot do', () => {
    // THEN the plan refuses exactly the impossible changes (the data losses are acknowledged) ...
    const refused = plan.report.entries.flatMap((e) => e.findings).filter((f) => f.refused);
    expect(refused.map((f) => [f.code, f.consequence])).toEqual((scenario.impossible ?? []).map((code) => [code, Consequence.IMPOSSIBLE]));
    expect(plan.error === undefined).toBe(refused.length === 0);
    // ... while the API server, which has no CEL rule comparing a KafkaTopic or KafkaNodePool with its old self,
    // stores the output after as it is: kubectl diff is empty once it is applied
    kubectlOk([...APPLY, '-n', namespace, '-f', '-'], stream(after));
    const again = kubectlDiff([...DIFF, '-n', namespace, '-f', '-'], stream(after));
    expect({ status: again.status, stdout: again.stdout, stderr: again.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
