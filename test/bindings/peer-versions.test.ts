import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
const locked = (name: string): string => JSON.parse(read('package-lock.json')).packages[`node_modules/${name}`].version;

describe('the seed programs name the peers npm installs', () => {
  // The programs' YAML equals dist/ only while cdk8s renders it as the npm build's cdk8s does: a peer bumped in
  // package-lock.json is bumped in bindings/ too.
  const peers = { cdk8s: locked('cdk8s'), 'cdk8s-plus-27': locked('cdk8s-plus-27'), constructs: locked('constructs') };

  test('Python: bindings/python/requirements.txt pins them', () => {
    // GIVEN the requirements THEN each peer is pinned at npm's version
    const requirements = read('bindings/python/requirements.txt');
    for (const [name, version] of Object.entries(peers)) expect(requirements).toContain(`\n${name}==${version}\n`);
  });

  test('Java: bindings/java/pom.xml depends on them', () => {
    // GIVEN the POM's dependencies THEN each peer's artifact is at npm's version
    const pom = read('bindings/java/pom.xml').replace(/\s+/g, '');
    for (const [name, version] of Object.entries(peers)) {
      expect(pom).toContain(`<artifactId>${name}</artifactId><version>${version}</version>`);
    }
  });

  test('Go: bindings/go/go.mod requires them', () => {
    // GIVEN the module's requirements THEN each peer's Go module is at npm's version
    const goMod = read('bindings/go/go.mod');
    expect(goMod).toMatch(new RegExp(`github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2 v${peers.cdk8s}\\b`));
    expect(goMod).toMatch(new RegExp(`github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2 v${peers['cdk8s-plus-27']}\\b`));
    expect(goMod).toMatch(new RegExp(`github.com/aws/constructs-go/constructs/v10 v${peers.constructs}\\b`));
  });
});
