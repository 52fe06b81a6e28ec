import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** A cold build (pacmak, the peers, Maven and Go downloads) on a busy 2-core machine; a warm one takes seconds. */
const BUILD_TIMEOUT = 45 * 60_000;

/** An image registry, to take main.ts' other path (pushed images instead of OpenShift builds). */
const REGISTRY = 'registry.example.com/team/';

type Language = 'python' | 'java' | 'go';

/**
 * Builds the library's package for `language` and the seed program in bindings/<language> (scripts/bindings/build.sh)
 * and runs it; returns the files it wrote.
 */
function synthInLanguage(language: Language, env: NodeJS.ProcessEnv = {}): Record<string, string> {
  return inTempDir(`strimzi-cdk8s-bindings-${language}-`, (out) => {
    execFileSync('bash', [join(ROOT, 'scripts/bindings/build.sh'), '--synth', out, language], {
      cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'], timeout: BUILD_TIMEOUT,
    });
    return filesIn(join(out, language));
  });
}

/** The files main.ts writes with `env` (dist/ holds what it writes without one). */
function synthInTypeScript(env: NodeJS.ProcessEnv): Record<string, string> {
  return inTempDir('strimzi-cdk8s-bindings-ts-', (out) => {
    execFileSync(process.execPath, ['--import', 'tsx', 'main.ts'], {
      cwd: ROOT, env: { ...process.env, ...env, CDK8S_OUTDIR: out }, stdio: ['ignore', 'inherit', 'inherit'],
    });
    return filesIn(out);
  });
}

/** Every file of a synth output, by name: the text, compared byte for byte (as UTF-8, so a failure shows a diff). */
function filesIn(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

function inTempDir<T>(prefix: string, use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  try {
    return use(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each<[Language, string]>([
  ['python', 'Python package (a wheel; cdk8s, cdk8s-plus-27 and constructs from PyPI)'],
  ['java', 'Maven package (cdk8s and cdk8s-plus-27 built from their .jsii, constructs from Maven Central)'],
  ['go', 'Go module (the cdk8s modules generated from their .jsii, constructs and the jsii runtime from the Go proxy)'],
])('the seed system in bindings/%s, against the library\'s %s', (language) => {
  test('writes the YAML main.ts writes: dist/, byte for byte', () => {
    // GIVEN the library's package built by jsii-pacmak from the .jsii `npm run build` makes, and the seed program
    // WHEN the program runs
    const files = synthInLanguage(language);
    // THEN it writes dist/'s files and nothing else, each identical
    expect(files).toEqual(filesIn(join(ROOT, 'dist')));
  }, BUILD_TIMEOUT);

  test('takes main.ts\' other path too: with IMAGE_REGISTRY, the same Deployments on pushed images', () => {
    // GIVEN an image registry (the build is warm now)
    const env = { IMAGE_REGISTRY: REGISTRY };
    // WHEN the program and main.ts run with it
    const files = synthInLanguage(language, env);
    const expected = synthInTypeScript(env);
    // THEN both write the same YAML, which runs the registry's images and has no OpenShift build
    expect(files).toEqual(expected);
    expect(expected['0002-data-services.k8s.yaml']).toContain('image: registry.example.com/team/data-producer:0.1.0');
    expect(expected['0002-data-services.k8s.yaml']).not.toContain('kind: BuildConfig');
  }, BUILD_TIMEOUT);
});
