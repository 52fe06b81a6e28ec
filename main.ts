import { App, Chart, Duration } from 'cdk8s';
import { KafkaCluster, MicroservicePair, Retention, Topic } from './lib';

/** Where the seed's services get their images. */
export interface SeedOptions {
  /**
   * A registry (with path) holding images pushed from `npm run images`, e.g. `quay.io/my-team`: the Deployments run
   * `<registry>/data-producer:0.1.0` and `<registry>/data-consumer:0.1.0` and no OpenShift build objects are made —
   * for Kubernetes without OpenShift's builds (`IMAGE_REGISTRY=... npx cdk8s synth --output dist-k8s`).
   * @default - OpenShift builds both images from this repository
   */
  readonly imageRegistry?: string;
}

/**
 * The seed's system ("Event driven architecture with Apache Kafka"), on Strimzi 1.2 with KRaft:
 * one chart per concern, so dist/ holds one file per concern, numbered in apply order.
 */
export function buildSeedSystem(app: App, options: SeedOptions = {}) {
  const clusterChart = new Chart(app, 'kafka-cluster');
  const cluster = new KafkaCluster(clusterChart, 'amm-techlab', {
    labels: { application: 'amm-techlab' },
  });

  const topicChart = new Chart(app, 'manual-topic');
  const topic = new Topic(topicChart, 'manual', {
    cluster,
    partitions: 1,
    replicas: 1,
    retention: Retention.of(Duration.hours(2)),
    segmentBytes: 1073741824,
    labels: { application: 'amm-techlab' },
  });

  // Secured by the constructs' defaults: both listeners authenticate with SCRAM-SHA-512 and the cluster authorizes
  // with ACLs; the services use the `tls` listener, each as its own KafkaUser (in this chart, next to the Deployment
  // that mounts its Secret) with only the ACLs its role needs, admitted to that listener alone by NetworkPolicies.
  // OpenShift builds both images from this repository (`oc start-build data-producer --from-repo=.`) and rolls each
  // Deployment out when its build finishes: the seed's DeploymentConfig triggers, in the form a Deployment accepts.
  const registry = options.imageRegistry?.replace(/\/+$/, '');
  const services = new Chart(app, 'data-services');
  // The id 'Default' keeps the pair out of its objects' generated names and labels (cdk8s and constructs skip it),
  // so they read as they did when the pair was a chart of its own.
  const pair = new MicroservicePair(services, 'Default', {
    cluster,
    topic,
    ...(registry === undefined
      ? { openShiftBuild: {} }
      : {
        producer: { image: `${registry}/${MicroservicePair.DEFAULT_PRODUCER_IMAGE.split('/').pop()}` },
        consumer: { image: `${registry}/${MicroservicePair.DEFAULT_CONSUMER_IMAGE.split('/').pop()}` },
      }),
  });

  // Chart-level order only: dist/ files are numbered so `oc apply -f dist/` creates cluster, topic, services in turn.
  // (The constructs themselves add no dependencies: cdk8s re-resolves every dependency once per chart, which
  // made a 100-pair app take 85.6 s instead of 1.4 s; see docs/synth-benchmark.md.)
  topicChart.addDependency(clusterChart);
  services.addDependency(topicChart);

  return { clusterChart, topicChart, services, pair, cluster, topic };
}

if (require.main === module) {
  const app = new App();
  buildSeedSystem(app, { imageRegistry: process.env.IMAGE_REGISTRY || undefined });
  app.synth();
}
