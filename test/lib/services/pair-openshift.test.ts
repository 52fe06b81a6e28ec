import { App, Chart } from 'cdk8s';
import { ImageBuildSource, KafkaCluster, MicroservicePair, MicroservicePairProps, Topic } from '../../../lib';
import { validateAgainstOpenShift } from '../../openshift-schema/openshift-schema';
import { coded } from '../support/errors';
import { validateAgainstKubernetes } from '../support/schemas';
import { only, synthApp } from '../support/synth';

/** A cluster, a topic and a pair with `props` in a fresh app. */
function pair(props: Partial<MicroservicePairProps> = {}) {
  const app = new App();
  const chart = new Chart(app, 'infra');
  const cluster = new KafkaCluster(chart, 'amm-techlab');
  const topic = new Topic(chart, 'manual', { cluster, replicas: 1 });
  const services = new MicroservicePair(new Chart(app, 'services'), 'Default', { cluster, topic, ...props });
  return { app, services };
}

describe('MicroservicePair on OpenShift: builds of its own images, and a Route to the producer', () => {
  test('openShiftBuild: per service an ImageStream and a BuildConfig whose output the Deployment runs and watches', () => {
    // GIVEN a pair whose images OpenShift builds from a git repository, tagged 0.1.0
    const { app, services } = pair({
      openShiftBuild: { tag: '0.1.0', source: ImageBuildSource.git({ uri: 'https://git.example.com/strimzi-cdk8s.git', ref: 'main' }) },
    });
    // WHEN synthesized
    const objects = synthApp(app);

    // THEN each Deployment runs its build's ImageStreamTag and its trigger watches the tag the build writes
    for (const [role, name] of [['producer', 'data-producer'], ['consumer', 'data-consumer']]) {
      const deployment = only(objects, 'Deployment', name);
      const build = only(objects, 'BuildConfig', name);
      expect(deployment.spec.template.spec.containers[0].image).toBe(`${name}:0.1.0`);
      expect(JSON.parse(deployment.metadata.annotations['image.openshift.io/triggers'])[0].from).toEqual(build.spec.output.to);
      expect(build.spec.output.to).toEqual({ kind: 'ImageStreamTag', name: `${name}:0.1.0` });
      expect(build.spec.strategy.dockerStrategy.buildArgs).toEqual([{ name: 'SERVICE', value: role }]);
      expect(build.spec.source).toEqual({ type: 'Git', git: { uri: 'https://git.example.com/strimzi-cdk8s.git', ref: 'main' } });
      expect(only(objects, 'ImageStream', name).spec).toEqual({ lookupPolicy: { local: true } });
    }
    expect(services.imageBuilds?.producer.imageStreamTag).toBe('data-producer:0.1.0');
    // AND every object passes OpenShift's and Kubernetes' own models
    expect(validateAgainstOpenShift(objects.filter((o) => o.apiVersion.includes('openshift.io'))).flatMap((r) => r.errors)).toEqual([]);
    expect(validateAgainstKubernetes(objects).flatMap((r) => r.errors)).toEqual([]);
  }, 60_000);

  test('producerRoute: an edge-TLS Route to the producer, serving /data only', () => {
    // GIVEN a pair with a Route
    const { app, services } = pair({ producerRoute: true });
    const objects = synthApp(app);

    // THEN the Route sends /data to the producer's Service port, over TLS terminated at the router
    const route = only(objects, 'Route', 'data-producer');
    expect(route.spec).toEqual({
      path: '/data',
      to: { kind: 'Service', name: 'data-producer', weight: 100 },
      port: { targetPort: 'data-producer-http' },
      tls: { termination: 'edge', insecureEdgeTerminationPolicy: 'Redirect' },
    });
    expect(route.metadata.labels).toEqual(services.producer.labels);
    expect(validateAgainstOpenShift([route]).flatMap((r) => r.errors)).toEqual([]);
  }, 60_000);

  test('without the options there are no OpenShift objects', () => {
    const { app } = pair();
    expect(synthApp(app).filter((o) => o.apiVersion.includes('openshift.io'))).toEqual([]);
  });

  test.each(['image', 'imageStreamTag'] as const)('a service %s together with openShiftBuild is refused: the build decides it', (key) => {
    expect(() => pair({ openShiftBuild: {}, consumer: { [key]: key === 'image' ? 'quay.io/x/consumer:1' : 'consumer:1' } })).toThrow(
      coded('pair-image-with-openshift-build', `the consumer sets ${key}, but with openShiftBuild`),
    );
  });
});
