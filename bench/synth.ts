import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Times synth of three apps, each run the way `cdk8s synth` runs main.ts (`node --import tsx <app>`, no
 * type-check): a bare cdk8s-plus-27 chart (the baseline), the seed app, and a 1000-topic / 100-pair app.
 * Prints the median wall time and peak RSS of each, and their ratios to the baseline.
 * Usage: npm run bench:synth [-- runs]
 */
const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.argv[2] ?? 7);

const APPS: Record<string, string> = {
  'hello (cdk8s-plus-27 baseline)': 'bench/apps/hello.ts',
  'seed (main.ts)': 'main.ts',
  'scale (1000 topics, 100 pairs)': 'bench/apps/scale.ts',
};

interface Run { seconds: number; maxRssMiB: number; files: number }

function runOnce(app: string): Run {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
  const start = process.hrtime.bigint();
  // GNU time reports the child's peak RSS (KiB) on stderr.
  const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '--import', 'tsx', app], {
    cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8',
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.status !== 0) {
    throw new Error(`${app} failed:\n${child.stderr}`);
  }
  const maxRssKiB = Number(child.stderr.trim().split('\n').pop());
  const files = fs.readdirSync(outdir).length;
  fs.rmSync(outdir, { recursive: true, force: true });
  return { seconds, maxRssMiB: maxRssKiB / 1024, files };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const results = Object.entries(APPS).map(([name, app]) => {
  runOnce(app); // warm the file cache and tsx's transform cache
  const runs = Array.from({ length: RUNS }, () => runOnce(app));
  return {
    name,
    seconds: median(runs.map((r) => r.seconds)),
    min: Math.min(...runs.map((r) => r.seconds)),
    maxRssMiB: median(runs.map((r) => r.maxRssMiB)),
    files: runs[0].files,
  };
});

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
console.log(`synth benchmark: ${RUNS} runs each (median), node ${process.version}, ${os.cpus().length} x ${os.cpus()[0].model}`);
console.log('app                              median s   min s   x baseline   peak RSS MiB   x baseline   files');
for (const r of results) {
  console.log(
    `${r.name.padEnd(32)} ${r.seconds.toFixed(3).padStart(8)} ${r.min.toFixed(3).padStart(7)} ` +
      `${(r.seconds / baseline.seconds).toFixed(2).padStart(12)} ${r.maxRssMiB.toFixed(0).padStart(14)} ` +
      `${(r.maxRssMiB / baseline.maxRssMiB).toFixed(2).padStart(12)} ${String(r.files).padStart(7)}`,
  );
}
console.log(`npm run synth equivalent (cdk8s CLI + seed app): median ${median(cliRuns).toFixed(3)} s`);
