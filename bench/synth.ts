import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/**
 * Times synth of a bare cdk8s-plus-27 chart (the baseline), the seed app, and the scale app at 100, 1000, 2000 and
 * 5000 topics (a pair per tenth topic), each run the way `cdk8s synth` runs main.ts (`node --import tsx <app>`, no
 * type-check): a first synth into an empty folder, and the synth users run every day: again over its own previous
 * output, which the plan compares (no changes). Also times cdk8s alone writing the 1000-topic app's output (the
 * same objects as bare ApiObjects in the same charts): the floor no library can go below. Prints the median wall and
 * CPU time and peak RSS of each, their ratios to the baseline, and the growth of the scale app (time per topic
 * should stay flat when synth is linear).
 * Usage: npm run bench:synth [-- runs]
 */
const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.argv[2] ?? 7);

interface App {
  name: string;
  file: string;
  topics?: number;
  /** Synthesizes over its own previous output (kept from the warm-up run), not into an empty folder. */
  again?: boolean;
  /** Objects for bench/apps/floor.ts. */
  floorJson?: string;
}
const SCALE = [100, 1000, 2000, 5000];
const FLOOR_TOPICS = 1000;
const scaleName = (topics: number) => `scale (${topics} topics, ${topics / 10} pairs)`;
const FLOOR_JSON = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-floor-')), 'objects.json');
const APPS: App[] = [
  { name: 'hello (cdk8s-plus-27 baseline)', file: 'bench/apps/hello.ts' },
  { name: 'seed (main.ts)', file: 'main.ts' },
  ...SCALE.map((topics) => ({ name: scaleName(topics), file: 'bench/apps/scale.ts', topics })),
  ...SCALE.map((topics) => ({ name: `${scaleName(topics)} again`, file: 'bench/apps/scale.ts', topics, again: true })),
  { name: `floor: cdk8s alone, ${FLOOR_TOPICS} app's output`, file: 'bench/apps/floor.ts', floorJson: FLOOR_JSON },
];
const againDirs = new Map<App, string>();

interface Run { seconds: number; cpuSeconds: number; maxRssMiB: number; files: number }

function runOnce(app: App): Run {
  const outdir = againDirs.get(app) ?? fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const start = process.hrtime.bigint();
  // GNU time reports the child's CPU time and peak RSS (KiB) on stderr.
  const child = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, '--import', 'tsx', app.file], {
    cwd: ROOT,
    env: { ...process.env, CDK8S_OUTDIR: outdir, SCALE_TOPICS: String(app.topics ?? ''), FLOOR_JSON: app.floorJson ?? '' },
    encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) {
    throw new Error(`${app.file} failed:\n${child.stderr}`);
  }
  const [user, system, maxRssKiB] = child.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  const files = fs.readdirSync(outdir).length;
  if (app.again) againDirs.set(app, outdir);
  else fs.rmSync(outdir, { recursive: true, force: true });
  return { seconds, cpuSeconds: user + system, maxRssMiB: maxRssKiB / 1024, files };
}

/** The objects of the scale app's output by chart, as bench/apps/floor.ts makes them again. */
function writeFloorObjects(topics: number): void {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/apps/scale.ts'], {
    cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir, SCALE_TOPICS: String(topics) }, encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`bench/apps/scale.ts failed:\n${child.stderr}`);
  const charts = Object.fromEntries(fs.readdirSync(outdir).sort().map((file) => [
    file.replace(/\.k8s\.yaml$/, ''),
    parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8')).map((doc) => doc.toJS()),
  ]));
  fs.writeFileSync(FLOOR_JSON, JSON.stringify(charts));
  fs.rmSync(outdir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

writeFloorObjects(FLOOR_TOPICS);
// Warms the file cache and tsx's transform cache, and gives each `again` app its previous output.
APPS.forEach((app) => runOnce(app));
// Runs interleave the apps, so that a burst of load from elsewhere falls on all of them alike.
const runs = APPS.map((): Run[] => []);
for (let i = 0; i < RUNS; i++) APPS.forEach((app, a) => runs[a].push(runOnce(app)));
const results = APPS.map((app, a) => ({
  ...app,
  seconds: median(runs[a].map((r) => r.seconds)),
  min: Math.min(...runs[a].map((r) => r.seconds)),
  cpuSeconds: median(runs[a].map((r) => r.cpuSeconds)),
  maxRssMiB: median(runs[a].map((r) => r.maxRssMiB)),
  files: runs[a][0].files,
}));

// What a user waits for: the cdk8s CLI (which spawns cdk8s.yaml's app) synthesizing the seed app.
const cliOut = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
const cliRuns = Array.from({ length: RUNS }, () => {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/cdk8s-cli/bin/cdk8s'), 'synth', '--output', cliOut], { cwd: ROOT });
  if (child.status !== 0) throw new Error(`cdk8s synth failed:\n${child.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
});
fs.rmSync(cliOut, { recursive: true, force: true });

const [baseline] = results;
console.log(`synth benchmark: ${RUNS} runs each (median), node ${process.version}, ${os.cpus().length} x ${os.cpus()[0].model}, ` +
  `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const width = Math.max(...results.map((r) => r.name.length)) + 1;
console.log(`${'app'.padEnd(width)} median s   min s  x baseline   CPU s  x baseline   peak RSS MiB  x baseline   files`);
for (const r of results) {
  console.log(
    `${r.name.padEnd(width)} ${r.seconds.toFixed(3).padStart(8)} ${r.min.toFixed(3).padStart(7)} ` +
      `${(r.seconds / baseline.seconds).toFixed(2).padStart(11)} ${r.cpuSeconds.toFixed(2).padStart(7)} ` +
      `${(r.cpuSeconds / baseline.cpuSeconds).toFixed(2).padStart(11)} ` +
      `${r.maxRssMiB.toFixed(0).padStart(14)} ${(r.maxRssMiB / baseline.maxRssMiB).toFixed(2).padStart(11)} ${String(r.files).padStart(7)}`,
  );
}
// Linear synth: each doubling of the app at most doubles the time (the target: 2000 topics within 2.2x of 1000).
for (const again of [false, true]) {
  const scale = results.filter((r) => r.topics !== undefined && !!r.again === again);
  console.log(`growth of the scale app${again ? ' again (over its previous output)' : ''} (wall / CPU), against the previous size:`);
  for (let i = 1; i < scale.length; i++) {
    const [prev, cur] = [scale[i - 1], scale[i]];
    console.log(`  ${String(prev.topics).padStart(5)} -> ${String(cur.topics).padStart(5)} topics (x${(cur.topics! / prev.topics!).toFixed(1)}): ` +
      `time x${(cur.seconds / prev.seconds).toFixed(2)} / x${(cur.cpuSeconds / prev.cpuSeconds).toFixed(2)}`);
  }
}
const floor = results.find((r) => r.floorJson)!;
const atFloorSize = results.find((r) => r.topics === FLOOR_TOPICS && !r.again)!;
const share = atFloorSize.cpuSeconds - floor.cpuSeconds;
console.log(`the library's share of the ${FLOOR_TOPICS}-topic app (CPU): ${share.toFixed(2)} s of ` +
  `${atFloorSize.cpuSeconds.toFixed(2)} s; cdk8s alone writing its output takes ${(floor.cpuSeconds / baseline.cpuSeconds).toFixed(2)}x the baseline`,
);
console.log(`npm run synth equivalent (cdk8s CLI + seed app): median ${median(cliRuns).toFixed(3)} s`);
for (const dir of [...againDirs.values(), path.dirname(FLOOR_JSON)]) fs.rmSync(dir, { recursive: true, force: true });
