import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaVersion } from '../../lib/cluster/kafka-version';

/** The Kafka release the harness runs: the same one the library deploys by default. */
export const KAFKA_VERSION = KafkaVersion.DEFAULT.version;

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

// kafka-tools pulls in connect-runtime (Jetty, Jersey, ...), which ProducerPerformance and
// ConsumerPerformance never load: excluding it keeps the download small.
function pom(version: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>strimzi-cdk8s.local</groupId>
  <artifactId>kafka-harness</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka_2.13</artifactId>
      <version>${version}</version>
    </dependency>
    <dependency>
      <groupId>org.apache.kafka</groupId>
      <artifactId>kafka-tools</artifactId>
      <version>${version}</version>
      <exclusions>
        <exclusion><groupId>org.apache.kafka</groupId><artifactId>connect-runtime</artifactId></exclusion>
        <exclusion><groupId>com.fasterxml.jackson.jakarta.rs</groupId><artifactId>jackson-jakarta-rs-json-provider</artifactId></exclusion>
      </exclusions>
    </dependency>
    <dependency>
      <groupId>org.slf4j</groupId>
      <artifactId>slf4j-simple</artifactId>
      <version>${SLF4J_VERSION}</version>
    </dependency>
  </dependencies>
</project>
`;
}

/**
 * Downloads Apache Kafka's jars from Maven Central once (Maven's own cache makes later runs
 * offline) and returns the folder holding them.
 *
 * @throws if Maven fails, with its output, e.g. when the version is not on Maven Central.
 */
export function ensureKafkaJars(version: string = KAFKA_VERSION): string {
  const dir = kafkaCacheDir(version);
  const lib = kafkaLibDir(version);
  // The marker is written last, so an interrupted download is retried rather than half-used.
  const marker = join(dir, '.complete');
  if (existsSync(marker)) return lib;

  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pom.xml'), pom(version));
  const mvn = spawnSync(
    'mvn',
    ['-B', '-q', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${lib}`],
    { cwd: dir, encoding: 'utf8' },
  );
  if (mvn.error) throw new Error(`Cannot run Maven ('mvn') to fetch Kafka ${version}: ${mvn.error.message}`);
  if (mvn.status !== 0) {
    throw new Error(`Maven could not fetch org.apache.kafka:kafka_2.13:${version}:\n${mvn.stdout}${mvn.stderr}`);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
  return lib;
}

if (require.main === module) {
  console.log(ensureKafkaJars());
}
