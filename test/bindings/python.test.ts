import { join } from 'node:path';
import { BUILD_TIMEOUT, filesIn, REGISTRY, ROOT, synthInLanguage, synthInTypeScript } from './seed-program';

describe('the seed system written in Python, against the library\'s Python package (a wheel, with cdk8s, cdk8s-plus-27 and constructs from PyPI)', () => {
  test('writes the YAML main.ts writes: dist/, byte for byte', () => {
    // GIVEN the library's package built by jsii-pacmak from the .jsii `npm run build` makes, and bindings/python
    // WHEN the Python program runs
    const out = synthInLanguage('python');
    // THEN it writes dist/'s files and nothing else, each identical
    expect(filesIn(out)).toEqual(filesIn(join(ROOT, 'dist')));
  }, BUILD_TIMEOUT);

  test('takes main.ts\' other path too: with IMAGE_REGISTRY, the same Deployments on pushed images', () => {
    // GIVEN an image registry (the build is warm now)
    const env = { IMAGE_REGISTRY: REGISTRY };
    // WHEN the Python program and main.ts run with it
    const out = synthInLanguage('python', env);
    const expected = filesIn(synthInTypeScript(env));
    // THEN both write the same YAML, which runs the registry's images and has no OpenShift build
    expect(filesIn(out)).toEqual(expected);
    expect(expected['0002-data-services.k8s.yaml']).toContain('image: registry.example.com/team/data-producer:0.1.0');
    expect(expected['0002-data-services.k8s.yaml']).not.toContain('kind: BuildConfig');
  }, BUILD_TIMEOUT);
});
