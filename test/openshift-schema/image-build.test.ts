import { Chart, Testing } from 'cdk8s';
import { KafkaCluster, MicroservicePair, Topic } from '../../lib';
import { ImageBuildSource, OpenShiftImageBuild } from '../../lib/openshift';
import { about, coded } from '../lib/support/errors';
import { validateAgainstKubernetes } from '../lib/support/schemas';
import { appWithChart, only, synthApp } from '../lib/support/synth';
import { validateAgainstOpenShift } from './openshift-schema';

/** Synthesizes one OpenShiftImageBuild in a fresh chart. */
function synthBuild(props: Partial<ConstructorParameters<typeof OpenShiftImageBuild>[2]> = {}) {
  const { chart } = appWithChart('techlab');
  const build = new OpenShiftImageBuild(chart, 'build', { name: 'data-producer', service: 'producer', ...props });
  return { build, objects: Testing.synth(chart) };
}

describe('OpenShiftImageBuild', () => {
  test('by default: a local-lookup ImageStream and a binary Docker build of apps/Dockerfile for the service', () => {
    // GIVEN a build for the producer with defaults
    const { build, objects } = synthBuild();

    // THEN the ImageStream resolves short names in the namespace
    expect(only(objects, 'ImageStream', 'data-producer')).toEqual({
      apiVersion: 'image.openshift.io/v1',
      kind: 'ImageStream',
      metadata: { name: 'data-producer', namespace: 'techlab' },
      spec: { lookupPolicy: { local: true } },
    });
    // AND the BuildConfig builds the Dockerfile with SERVICE=producer from uploaded sources, into data-producer:latest
    const spec = only(objects, 'BuildConfig', 'data-producer').spec;
    expect(spec.source).toEqual({ type: 'Binary', binary: {} });
    expect(spec.strategy).toEqual({
      type: 'Docker',
      dockerStrategy: { dockerfilePath: 'apps/Dockerfile', buildArgs: [{ name: 'SERVICE', value: 'producer' }] },
    });
    expect(spec.output).toEqual({ to: { kind: 'ImageStreamTag', name: 'data-producer:latest' } });
    // a binary build cannot start by itself
    expect(spec.triggers).toEqual([]);
    // AND the Deployment gets the tag to watch and the image to use
    expect(build.imageStreamTag).toBe('data-producer:latest');
    expect(build.image).toBe('data-producer:latest');
  });

  test('a git source clones uri/ref/contextDir and builds on creation', () => {
    // GIVEN a git source on a branch, in a subfolder, with another tag and a base image argument
    const { build, objects } = synthBuild({
      tag: '0.1.0',
      source: ImageBuildSource.git({ uri: 'https://git.example.com/team/strimzi-cdk8s.git', ref: 'release/0.1', contextDir: 'deploy/strimzi-cdk8s' }),
      buildArgs: { BASE_IMAGE: 'registry.example.com/node:24' },
    });
    // THEN
    const spec = only(objects, 'BuildConfig').spec;
    expect(spec.source).toEqual({
      type: 'Git',
      git: { uri: 'https://git.example.com/team/strimzi-cdk8s.git', ref: 'release/0.1' },
      contextDir: 'deploy/strimzi-cdk8s',
    });
    expect(spec.triggers).toEqual([{ type: 'ConfigChange' }]);
    expect(spec.strategy.dockerStrategy.buildArgs).toEqual([
      { name: 'BASE_IMAGE', value: 'registry.example.com/node:24' },
      { name: 'SERVICE', value: 'producer' },
    ]);
    expect(build.imageStreamTag).toBe('data-producer:0.1.0');
  });

  test('both sources validate against the OpenShift model, with no unknown fields', () => {
    // GIVEN a binary and a git build
    const objects = [
      ...synthBuild().objects,
      ...synthBuild({ source: ImageBuildSource.git({ uri: 'git@git.example.com:team/app.git', ref: 'main' }) }).objects,
    ];
    // WHEN checked THEN all four objects pass
    const results = validateAgainstOpenShift(objects);
    expect(results.map((r) => r.object)).toEqual([
      'image.openshift.io/v1 ImageStream data-producer', 'build.openshift.io/v1 BuildConfig data-producer',
      'image.openshift.io/v1 ImageStream data-producer', 'build.openshift.io/v1 BuildConfig data-producer',
    ]);
    expect(results.flatMap((r) => r.errors)).toEqual([]);
  });

  test("fits a MicroservicePair: each Deployment watches the tag its build writes and runs the build's image", () => {
    // GIVEN a build per service, handed to the pair as its image and image trigger
    const { app, chart } = appWithChart();
    const cluster = new KafkaCluster(chart, 'amm-techlab');
    const topic = new Topic(chart, 'manual', { cluster });
    const builds = Object.fromEntries((['producer', 'consumer'] as const).map((service) =>
      [service, new OpenShiftImageBuild(chart, service, { name: `data-${service}`, service })]));
    new MicroservicePair(new Chart(app, 'services'), 'Default', {
      cluster, topic,
      producer: { image: builds.producer.image, imageStreamTag: builds.producer.imageStreamTag },
      consumer: { image: builds.consumer.image, imageStreamTag: builds.consumer.imageStreamTag },
    });
    // WHEN synthesized
    const objects = synthApp(app);
    // THEN the producer's Deployment runs data-producer:latest and its trigger watches that ImageStreamTag
    const producer = only(objects, 'Deployment', 'data-producer');
    expect(producer.spec.template.spec.containers[0].image).toBe('data-producer:latest');
    const [trigger] = JSON.parse(producer.metadata.annotations['image.openshift.io/triggers']);
    expect(trigger.from).toEqual({ kind: 'ImageStreamTag', name: 'data-producer:latest' });
    expect(only(objects, 'BuildConfig', 'data-producer').spec.output.to.name).toBe(trigger.from.name);
    // AND every object passes the OpenShift and Kubernetes checks
    expect(validateAgainstOpenShift(objects).flatMap((r) => r.errors)).toEqual([]);
    expect(validateAgainstKubernetes(objects).flatMap((r) => r.errors)).toEqual([]);
  }, 60_000);

  test.each([
    [{ name: 'Data_Producer' },
      about("OpenShiftImageBuild 'Data_Producer' (test/build)", coded('build-name-invalid', "the name 'Data_Producer'", "'data-producer'"))],
    [{ tag: 'v1:2' }, about("OpenShiftImageBuild 'data-producer' (test/build)", coded('build-tag-invalid', "tag 'v1:2'"))],
    [{ tag: '.hidden' }, /\[build-tag-invalid\]: .*tag '\.hidden' must be/],
    [{ service: 'Producer' }, coded('build-service-invalid', "service 'Producer'", 'apps/', "'producer'")],
    [{ dockerfilePath: '../Dockerfile' },
      /\[build-dockerfile-path-invalid\]: .*dockerfilePath '\.\.\/Dockerfile' must be relative to the build context, without '\.\.'/],
    [{ dockerfilePath: '/apps/Dockerfile' }, /\[build-dockerfile-path-invalid\]: .*dockerfilePath '\/apps\/Dockerfile' must be relative/],
    [{ buildArgs: { SERVICE: 'consumer' } }, coded('build-arg-service-reserved', "build argument 'SERVICE'", "'service' property", "'buildArgs'")],
    [{ buildArgs: { 'BASE-IMAGE': 'x' } }, /\[build-arg-name-invalid\]: .*build argument 'BASE-IMAGE' must be a name of letters, digits and '_'/],
    [{ source: ImageBuildSource.git({ uri: 'github.com/example/app' }) }, coded('git-uri-invalid', "git uri 'github.com/example/app'", 'https://host/path')],
    [{ source: ImageBuildSource.git({ uri: 'file:///srv/app.git' }) },
      /\[git-uri-invalid\]: .*git uri 'file:\/\/\/srv\/app\.git' is not a repository URL/],
    [{ source: ImageBuildSource.git({ uri: 'https://h/a.git', ref: 'feature branch' }) },
      /\[git-ref-invalid\]: .*git ref 'feature branch' is not a valid branch, tag or commit name/],
    [{ source: ImageBuildSource.git({ uri: 'https://h/a.git', ref: 'a..b' }) }, /\[git-ref-invalid\]: .*git ref 'a\.\.b' is not a valid/],
    [{ source: ImageBuildSource.git({ uri: 'https://h/a.git', ref: 'main.lock' }) }, /\[git-ref-invalid\]: .*git ref 'main\.lock' is not a valid/],
    [{ source: ImageBuildSource.git({ uri: 'https://h/a.git', contextDir: '../other' }) },
      /\[git-context-dir-invalid\]: .*contextDir '\.\.\/other' must be a relative folder inside the repository/],
  ])('rejects %j with a message that names the build, the rule and the fix', (props, message) => {
    // WHEN the build is created with a bad property THEN the constructor says what is wrong
    expect(() => synthBuild(props)).toThrow(message);
  });

  test('accepts the usual git forms', () => {
    // GIVEN URLs, refs and folders as people write them THEN none is refused
    for (const uri of ['https://github.com/example/app.git', 'http://git.local/app', 'ssh://git@host:2222/app.git',
      'git@github.com:example/app.git']) {
      for (const ref of [undefined, 'main', 'v0.1.0', 'feature/x-1', '0123abcd']) {
        expect(() => synthBuild({ source: ImageBuildSource.git({ uri, ref, contextDir: 'a/b.c' }) })).not.toThrow();
      }
    }
  });
});
