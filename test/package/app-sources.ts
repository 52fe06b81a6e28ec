// The sources of the app that test/package builds against the packed library: another user's app, with
// its own cdk8s. Kept as text so the project's own type-check does not compile them against lib/.

/** The app's strict compiler settings; skipLibCheck is off so the shipped declarations are checked too. */
export const TSCONFIG = JSON.stringify({
  compilerOptions: {
    target: 'ES2022', module: 'commonjs', moduleResolution: 'node', strict: true, skipLibCheck: false,
    esModuleInterop: true, types: ['node'], outDir: 'build', rootDir: '.',
  },
  include: ['*.ts'],
}, null, 2);

/** A chart with the library's constructs, synthesized into dist/. */
export const MAIN_TS = `
import { App, Chart, Duration } from 'cdk8s';
import { KafkaCluster, KafkaVersion, MicroservicePair, Retention, Topic } from 'strimzi-cdk8s';

const app = new App({ outdir: 'dist' });
const infra = new Chart(app, 'infra', { namespace: 'shop' });
const cluster = new KafkaCluster(infra, 'shop-kafka', { brokers: 3, version: KafkaVersion.V4_3_1 });
const topic = new Topic(infra, 'orders', { cluster, partitions: 3, retention: Retention.of(Duration.days(1)) });
const services = new Chart(app, 'services', { namespace: 'shop' });
new MicroservicePair(services, 'orders', { cluster, topic, consumer: { replicas: 2 } });
app.synth();
`;

/** The generated Strimzi classes through the documented \`strimzi\` namespace. */
export const STRIMZI_TS = `
import { App, Chart } from 'cdk8s';
import { strimzi } from 'strimzi-cdk8s';

const app = new App({ outdir: 'dist-strimzi' });
const chart = new Chart(app, 'users');
const spec: strimzi.KafkaUserSpec = { authentication: { type: strimzi.KafkaUserSpecAuthenticationType.SCRAM_HYPHEN_SHA_HYPHEN_512 } };
new strimzi.KafkaUser(chart, 'reader', { metadata: { name: 'reader', labels: { 'strimzi.io/cluster': 'shop-kafka' } }, spec });
app.synth();
`;
