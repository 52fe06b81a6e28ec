import { KubeObject } from '../lib/support/schemas';
import { isOpenShiftObject, validateAgainstOpenShift } from './openshift-schema';

// A Route and a BuildConfig as OpenShift documents them: the baseline each negative control spoils once.
const route = (): any => ({
  apiVersion: 'route.openshift.io/v1',
  kind: 'Route',
  metadata: { name: 'data-producer', labels: { application: 'amm-techlab' } },
  spec: {
    to: { kind: 'Service', name: 'data-producer', weight: 100 },
    port: { targetPort: 'http' },
    tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' },
  },
});
const buildConfig = (): any => ({
  apiVersion: 'build.openshift.io/v1',
  kind: 'BuildConfig',
  metadata: { name: 'data-producer' },
  spec: {
    source: { type: 'Binary', binary: {} },
    strategy: { type: 'Docker', dockerStrategy: { dockerfilePath: 'apps/Dockerfile', buildArgs: [{ name: 'SERVICE', value: 'producer' }] } },
    output: { to: { kind: 'ImageStreamTag', name: 'data-producer:latest' } },
  },
});

const errorsOf = (object: KubeObject) => validateAgainstOpenShift([object])[0].errors;

describe("the OpenShift schema check rejects what OpenShift's API would (so a pass means something)", () => {
  test('the baselines pass', () => {
    expect(errorsOf(route())).toEqual([]);
    expect(errorsOf(buildConfig())).toEqual([]);
  });

  test('a misspelt field is reported with its path, at any depth', () => {
    // GIVEN a Route with a typo in spec.tls, one in metadata, and a BuildConfig with one deep in its strategy
    const badRoute = route();
    badRoute.spec.tls.terminaton = 'edge';
    badRoute.metadata.lables = {};
    const badBuild = buildConfig();
    badBuild.spec.strategy.dockerStrategy.dockerFilePath = 'apps/Dockerfile';
    // THEN each one is named where it is
    expect(errorsOf(badRoute)).toEqual(["/metadata: unknown field 'lables'", "/spec/tls: unknown field 'terminaton'"]);
    expect(errorsOf(badBuild)).toEqual(["/spec/strategy/dockerStrategy: unknown field 'dockerFilePath'"]);
  });

  test('a field the kind does not have is reported, whatever its value', () => {
    // GIVEN a BuildConfig with a 'port' where no such field exists
    const bad = buildConfig();
    bad.spec.port = 8080;
    expect(errorsOf(bad)).toEqual(["/spec: unknown field 'port'"]);
  });

  test.each([
    ['a string where an integer belongs', (o: any) => (o.spec.to.weight = '100'),
      /^\/spec\/to\/weight: Cannot coerce String value \("100"\) to `java.lang.Integer`/],
    ['a number where a string belongs', (o: any) => (o.metadata.labels.application = 1),
      /^\/metadata\/labels\/application: Cannot coerce Integer value \(1\) to `java.lang.String`/],
    ['a string where an object belongs', (o: any) => (o.spec.tls = 'edge'), /^\/spec\/tls: /],
    ['a boolean where an int-or-string belongs', (o: any) => (o.spec.port.targetPort = true), /^\/spec\/port\/targetPort: .*integer or string/],
  ])('a wrong type is reported: %s', (_what, spoil, message) => {
    // GIVEN the Route with one value of the wrong type
    const bad = route();
    spoil(bad);
    // THEN that value is reported with its path
    const errors = errorsOf(bad);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });

  test('a kind OpenShift does not serve in that API group is reported', () => {
    // GIVEN an ImageStream in the build group
    const stray = { apiVersion: 'build.openshift.io/v1', kind: 'ImageStream', metadata: { name: 'x' } };
    expect(errorsOf(stray)).toEqual(['the OpenShift model has no ImageStream in build.openshift.io/v1']);
  });

  test('only OpenShift objects are checked', () => {
    // GIVEN a mix of a core, a Strimzi and an OpenShift object
    const objects: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } },
      { apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaTopic', metadata: { name: 't' } },
      route(),
    ];
    // THEN only the Route is checked
    expect(objects.map(isOpenShiftObject)).toEqual([false, false, true]);
    expect(validateAgainstOpenShift(objects).map((r) => r.object)).toEqual(['route.openshift.io/v1 Route data-producer']);
  });
});
