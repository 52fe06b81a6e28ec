import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { MAIN_TS, STRIMZI_TS, TSCONFIG } from './app-sources';

const ROOT = resolve(__dirname, '../..');
const PEERS = ['cdk8s', 'cdk8s-plus-27', 'constructs'];
const version = (name: string): string => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
const kindsIn = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map((d) => d.toJS())).map((o) =>
    `${o.kind}/${o.metadata.name}`).sort();

describe('the library as another app installs it from its packed tarball', () => {
  let work: string;
  let app: string;
  let tarball: string;
  let tscOutput: string;

  beforeAll(() => {
    // GIVEN the library packed as `npm publish` would (its `prepare` compiles it) ...
    work = mkdtempSync(join(tmpdir(), 'strimzi-cdk8s-package-'));
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
    tarball = join(work, packed[0].filename);
    // ... and a fresh app with its own cdk8s, cdk8s-plus-27 and constructs (from the local npm cache when it can)
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({
      name: 'other-users-app', private: true,
      dependencies: {
        'strimzi-cdk8s': `file:${tarball}`,
        ...Object.fromEntries(PEERS.map((name) => [name, version(name)])),
        '@types/node': version('@types/node'),
      },
    }));
    writeFileSync(join(app, 'tsconfig.json'), TSCONFIG);
    writeFileSync(join(app, 'main.ts'), MAIN_TS);
    writeFileSync(join(app, 'strimzi-types.ts'), STRIMZI_TS);
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, stdio: 'pipe' });
    // WHEN the app is compiled strictly (emitting even if a file has errors, so each test sees its own)
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', app], { cwd: app, encoding: 'utf8' });
    tscOutput = tsc.stdout + tsc.stderr;
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the tarball holds the compiled library with its declarations, jsii assembly, bundled rule checkers and LICENSE; ' +
    'no sources, tests, services or source maps', () => {
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(expect.arrayContaining([
      'LICENSE', 'README.md', 'package.json', '.jsii', 'build/lib/index.js', 'build/lib/index.d.ts', 'build/imports/kafka.strimzi.io.js',
      'build/imports/kafka.strimzi.io.validators.js', 'build/imports/kafka.strimzi.io.validators/Kafka.js', 'build/imports/kafka.strimzi.io.cel.json',
      'node_modules/ajv/package.json', 'node_modules/fastest-levenshtein/package.json', 'node_modules/@swimlane/docker-reference/package.json',
    ]));
    // jsii consumers (the Python, Java and Go bindings) load the package as published, so its non-jsii dependencies
    // travel inside it (bundledDependencies), with what they depend on.
    const expected =
      new RegExp('^(build/(lib|imports)/.*\\.(js|d\\.ts)|build/imports/kafka\\.strimzi\\.io\\.cel\\.json|node_modules/.*|\\.jsii|' +
        'LICENSE|README\\.md|package\\.json)$');
    expect(files.filter((f) => !expected.test(f))).toEqual([]);
    expect(JSON.parse(readFileSync(join(app, 'node_modules/strimzi-cdk8s/.jsii'), 'utf8')).name).toBe('strimzi-cdk8s');
    expect(readFileSync(join(app, 'node_modules/strimzi-cdk8s/LICENSE'), 'utf8')).toContain('Apache License\n                           Version 2.0');
  });

  test('cdk8s, cdk8s-plus-27 and constructs are peers: the app has one copy of each, its own', () => {
    // THEN the library brings no copy of its own, and declares none as a plain dependency (its own are the rule checkers', the CEL
    // evaluator and the plan's YAML reader)
    for (const name of PEERS) {
      expect(existsSync(join(app, 'node_modules/strimzi-cdk8s/node_modules', name))).toBe(false);
      expect(existsSync(join(app, 'node_modules', name, 'package.json'))).toBe(true);
    }
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/strimzi-cdk8s/package.json'), 'utf8'));
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(PEERS);
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      '@bufbuild/cel', '@bufbuild/protobuf', '@swimlane/docker-reference', 'ajv', 'fastest-levenshtein', 'yaml',
    ]);
  });

  test('an app using KafkaCluster, Topic and MicroservicePair type-checks strictly and synthesizes', () => {
    // THEN tsc reports nothing about main.ts (the library's declarations included)
    expect(tscOutput.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('strimzi-types.ts'))).toEqual([]);
    // AND the compiled app synthesizes the cluster, topic and services
    execFileSync(process.execPath, ['build/main.js'], { cwd: app, stdio: 'pipe' });
    expect(kindsIn(join(app, 'dist'))).toEqual([
      'Deployment/data-consumer', 'Deployment/data-producer', 'Kafka/shop-kafka', 'KafkaNodePool/dual-role',
      'KafkaTopic/orders', 'KafkaUser/data-consumer', 'KafkaUser/data-producer', 'NetworkPolicy/data-consumer',
      'NetworkPolicy/data-producer', 'PodDisruptionBudget/data-consumer', 'Service/data-consumer', 'Service/data-producer',
    ]);
  }, 60_000);

  test('API.md is the reference jsii-docgen generates from the assembly just built (npm run docgen)', () => {
    // GIVEN the .jsii assembly that packing built WHEN jsii-docgen renders the root module THEN it is API.md as committed
    execFileSync(process.execPath, [join(ROOT, 'node_modules/jsii-docgen/bin/jsii-docgen'), '--submodule', 'root', '--output', join(work, 'API.md')],
      { cwd: ROOT, stdio: 'pipe' });
    expect(readFileSync(join(work, 'API.md'), 'utf8')).toBe(readFileSync(join(ROOT, 'API.md'), 'utf8'));
  }, 60_000);

  test("the generated Strimzi types are exported as the namespace 'strimzi'", () => {
    // THEN a KafkaUser written with strimzi.* type-checks and synthesizes
    expect(tscOutput.split('\n').filter((line) => line.startsWith('strimzi-types.ts'))).toEqual([]);
    execFileSync(process.execPath, ['build/strimzi-types.js'], { cwd: app, stdio: 'pipe' });
    expect(kindsIn(join(app, 'dist-strimzi'))).toEqual(['KafkaUser/reader']);
  }, 60_000);
});
