import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Times synth of a bare cdk8s-plus-27 chart (the baseline), the seed app, and the scale app at 100, 1000, 2000 and
 * 5000 topics (a pair per tenth topic), each run the way `cdk8s synth` runs main.ts (`node --import tsx <app>`, no
 * type-check). Prints the median wall and CPU time and peak RSS of each, their ratios to the baseline, and the growth
 * of the scale app (time per topic should stay flat when synth is linear).
 * Usage: npm run bench:synth [-- runs]
 */
const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.argv[2] ?? 7);

interface App { name: string; file: string; topics?: number }
const SCALE = [100, 1000, 2000, 5000];
const APPS: App[] = [
  { name: 'hello (cdk8s-plus-27 baseline)', file: 'bench/apps/hello.ts' },
  { name: 'seed (main.ts)', file: 'main.ts' },
  ...SCALE.map((topics) => ({ name: `scale (${topics} topics, ${topics / 10} pairs)`, file: 'bench/apps/scale.ts', topics })),
];

interface Run { seconds: number; cpuSeconds: number; maxRssMiB: number; files: number }

function runOnce(app: App): Run {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const start = process.hrtime.bigint();
  // GNU time reports the child's CPU time and peak RSS (KiB) on stderr.
  const child = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, '--import', 'tsx', app.file], {
    cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir, SCALE_TOPICS: String(app.topics ?? '') }, encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) {
    throw new Error(`${app.file} failed:\n${child.stderr}`);
  }
  const [user, system, maxRssKiB] = child.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  const files = fs.readdirSync(outdir).length;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { seconds, cpuSeconds: user + system, maxRssMiB: maxRssKiB / 1024, files };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

APPS.forEach((app) => runOnce(app)); // warm the file cache and tsx's transform cache
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
console.log('app                                 median s   min s  x baseline   CPU s  x baseline   peak RSS MiB  x baseline   files');
for (const r of results) {
  console.log(
    `${r.name.padEnd(35)} ${r.seconds.toFixed(3).padStart(8)} ${r.min.toFixed(3).padStart(7)} ` +
      `${(r.seconds / baseline.seconds).toFixed(2).padStart(11)} ${r.cpuSeconds.toFixed(2).padStart(7)} ` +
      `${(r.cpuSeconds / baseline.cpuSeconds).toFixed(2).padStart(11)} ` +
      `${r.maxRssMiB.toFixed(0).padStart(14)} ${(r.maxRssMiB / baseline.maxRssMiB).toFixed(2).padStart(11)} ${String(r.files).padStart(7)}`,
  );
}
// Linear synth: each doubling of the app at most doubles the time (the target: 2000 topics within 2.2x of 1000).
const scale = results.filter((r) => r.topics !== undefined);
console.log('growth of the scale app (wall / CPU), against the previous size:');
for (let i = 1; i < scale.length; i++) {
  const [prev, cur] = [scale[i - 1], scale[i]];
  console.log(`  ${String(prev.topics).padStart(5)} -> ${String(cur.topics).padStart(5)} topics (x${(cur.topics! / prev.topics!).toFixed(1)}): ` +
    `time x${(cur.seconds / prev.seconds).toFixed(2)} / x${(cur.cpuSeconds / prev.cpuSeconds).toFixed(2)}`);
}
console.log(`npm run synth equivalent (cdk8s CLI + seed app): median ${median(cliRuns).toFixed(3)} s`);
