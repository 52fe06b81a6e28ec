import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** A cold build (pacmak, the peers, Maven and Go downloads) on a busy 2-core machine; a warm one takes seconds. */
export const BUILD_TIMEOUT = 45 * 60_000;

/** An image registry, to take main.ts' other path (pushed images instead of OpenShift builds). */
export const REGISTRY = 'registry.example.com/team/';

export type Language = 'python' | 'java' | 'go';

/**
 * Builds the library's package for `language` and the seed program in bindings/<language> (scripts/bindings/build.sh)
 * and runs it; returns the directory it wrote its YAML to.
 */
export function synthInLanguage(language: Language, env: NodeJS.ProcessEnv = {}): string {
  const out = mkdtempSync(join(tmpdir(), `strimzi-cdk8s-bindings-${language}-`));
  execFileSync('bash', [join(ROOT, 'scripts/bindings/build.sh'), '--synth', out, language], {
    cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'], timeout: BUILD_TIMEOUT,
  });
  return join(out, language);
}

/** main.ts' own YAML for `env` (dist/ is what it writes without one). */
export function synthInTypeScript(env: NodeJS.ProcessEnv): string {
  const out = mkdtempSync(join(tmpdir(), 'strimzi-cdk8s-bindings-ts-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'main.ts'], {
    cwd: ROOT, env: { ...process.env, ...env, CDK8S_OUTDIR: out }, stdio: ['ignore', 'inherit', 'inherit'],
  });
  return out;
}

/** Every file of a synth output, by name: the text, compared byte for byte (as UTF-8, so a failure shows a diff). */
export function filesIn(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}
