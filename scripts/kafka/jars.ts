import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaVersion } from '../../lib/cluster/kafka-version';

/** The Kafka release the harness runs: the same one the library deploys by default. */
export const KAFKA_VERSION = KafkaVersion.DEFAULT.version;

/**
 * Strimzi's metrics reporter for brokers. The newest release, 0.3.0, published only its parent pom and
 * the client module on Maven Central (no `server-metrics-reporter`), so the broker reporter comes from
 * 0.2.0, the newest single jar there; its classes are named {@link METRICS_REPORTER_CLASSES}.
 */
export const METRICS_REPORTER_VERSION = '0.2.0';

/** The reporter's classes in {@link METRICS_REPORTER_VERSION} (0.3.0 renamed them `...prometheus.Server*`). */
export const METRICS_REPORTER_CLASSES = {
  kafka: 'io.strimzi.kafka.metrics.KafkaPrometheusMetricsReporter',
  yammer: 'io.strimzi.kafka.metrics.YammerPrometheusMetricsReporter',
} as const;

/** Matches the slf4j-api version Kafka 4.x depends on, so the binding is picked up without warnings. */
const SLF4J_VERSION = '1.7.36';

const REPO_ROOT = join(__dirname, '..', '..');

/** Where the jars of one Kafka version live (git-ignored). */
export function kafkaCacheDir(version: string = KAFKA_VERSION): string {
  return join(REPO_ROOT, '.cache', 'kafka', version);
}

/** The folder holding every jar needed to run the broker, its storage tool and the perf tools. */
export function kafkaLibDir(version: string = KAFKA_VERSION): string {
  return join(kafkaCacheDir(version), 'lib');
}

/** A `java -cp` value for that folder. */
export function kafkaClasspath(version: string = KAFKA_VERSION): string {
  return join(kafkaLibDir(version), '*');
}

/** A `java -cp` value for the metrics reporter's own jars (Kafka's are provided by the broker). */
export function metricsReporterClasspath(): string {
  return join(metricsReporterCacheDir(), 'lib', '*');
}

function metricsReporterCacheDir(): string {
  return join(REPO_ROOT, '.cache', 'strimzi-metrics-reporter', METRICS_REPORTER_VERSION);
}

interface MavenDependency {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  /** groupId:artifactId of transitive dependencies to leave out. */
  readonly exclusions?: readonly string[];
}

// kafka-tools pulls in connect-runtime (Jetty, Jersey, ...), which ProducerPerformance and
// ConsumerPerformance never load: excluding it keeps the download small.
function kafkaDependencies(version: string): MavenDependency[] {
  return [
    { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version },
    {
      groupId: 'org.apache.kafka',
      artifactId: 'kafka-tools',
      version,
      exclusions: ['org.apache.kafka:connect-runtime', 'com.fasterxml.jackson.jakarta.rs:jackson-jakarta-rs-json-provider'],
    },
    { groupId: 'org.slf4j', artifactId: 'slf4j-simple', version: SLF4J_VERSION },
  ];
}

function pom(name: string, version: string, dependencies: readonly MavenDependency[]): string {
  const dependency = (d: MavenDependency): string => {
    const exclusions = (d.exclusions ?? []).map((e) => {
      const [groupId, artifactId] = e.split(':');
      return `        <exclusion><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId></exclusion>\n`;
    });
    return `    <dependency>
      <groupId>${d.groupId}</groupId>
      <artifactId>${d.artifactId}</artifactId>
      <version>${d.version}</version>
${exclusions.length ? `      <exclusions>\n${exclusions.join('')}      </exclusions>\n` : ''}    </dependency>
`;
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>strimzi-cdk8s.local</groupId>
  <artifactId>${name}</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
${dependencies.map(dependency).join('')}  </dependencies>
</project>
`;
}

/**
 * Copies the runtime jars of `dependencies` from Maven Central into `<dir>/lib` once (Maven's own
 * cache makes later runs offline) and returns that folder.
 *
 * @throws if Maven fails, with its output, e.g. when a version is not on Maven Central.
 */
function ensureMavenJars(dir: string, name: string, version: string, dependencies: readonly MavenDependency[]): string {
  const lib = join(dir, 'lib');
  // The marker is written last, so an interrupted download is retried rather than half-used.
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return lib;

  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), pom(name, version, dependencies));
  const mvn = spawnSync(
    'mvn',
    ['-B', '-q', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${lib}`],
    { cwd: dir, encoding: 'utf8' },
  );
  const what = dependencies.map((d) => `${d.groupId}:${d.artifactId}:${d.version}`).join(', ');
  if (mvn.error) throw new Error(`Cannot run Maven ('mvn') to fetch ${what}: ${mvn.error.message}`);
  if (mvn.status !== 0) throw new Error(`Maven could not fetch ${what}:\n${mvn.stdout}${mvn.stderr}`);
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return lib;
}

/** Downloads Apache Kafka's jars (broker, tools, a logging binding) once; returns their folder. */
export function ensureKafkaJars(version: string = KAFKA_VERSION): string {
  return ensureMavenJars(kafkaCacheDir(version), 'kafka-harness', version, kafkaDependencies(version));
}

/** Where the jars of a Kafka Connect worker of one Kafka version live (git-ignored). */
function connectCacheDir(version: string): string {
  return join(REPO_ROOT, '.cache', 'kafka-connect', version);
}

/** A `java -cp` value for a Kafka Connect worker: connect-runtime and a logging binding (plugins come from `plugin.path`). */
export function connectClasspath(version: string = KAFKA_VERSION): string {
  return join(connectCacheDir(version), 'lib', '*');
}

/** Downloads Apache Kafka's Connect runtime once; returns its folder. */
export function ensureConnectJars(version: string = KAFKA_VERSION): string {
  return ensureMavenJars(connectCacheDir(version), 'kafka-connect-harness', version, [
    { groupId: 'org.apache.kafka', artifactId: 'connect-runtime', version },
    { groupId: 'org.slf4j', artifactId: 'slf4j-simple', version: SLF4J_VERSION },
  ]);
}

/**
 * Downloads a connector plugin's Maven artifact with its runtime dependencies once, as Strimzi's build does for a
 * `type: maven` artifact; returns the folder of its jars.
 */
export function ensureMavenPluginJars(groupId: string, artifactId: string, version: string): string {
  const dir = join(REPO_ROOT, '.cache', 'kafka-connect-plugins', groupId, artifactId, version);
  return ensureMavenJars(dir, `plugin-${artifactId}`, version, [{ groupId, artifactId, version }]);
}

/** Downloads Strimzi's metrics reporter and its Prometheus libraries once; returns their folder. */
export function ensureMetricsReporterJars(): string {
  return ensureMavenJars(metricsReporterCacheDir(), 'strimzi-metrics-reporter', METRICS_REPORTER_VERSION, [
    { groupId: 'io.strimzi', artifactId: 'metrics-reporter', version: METRICS_REPORTER_VERSION },
  ]);
}

if (require.main === module) {
  console.log(ensureKafkaJars());
  console.log(ensureMetricsReporterJars());
  console.log(ensureConnectJars());
}
