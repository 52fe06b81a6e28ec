import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { Testing } from 'cdk8s';
import { KafkaCluster, KafkaMetrics } from '../../../lib';
import { freePort } from '../../../scripts/kafka/free-port';
import { appWithChart, only } from '../support/synth';

/*
 * The generated JMX Exporter configuration, loaded by the real Prometheus JMX Exporter agent into a real Kafka
 * broker: the rules must name the broker's and the KRaft controller's MBeans as the library says they do.
 * The agent is io.prometheus.jmx:jmx_prometheus_javaagent 1.0.1: Strimzi 1.2.0's image ships 1.6.0, which (like
 * 1.5.0 and 1.3.0) the Maven Central reachable here does not serve; the rule format is the same across 1.x.
 */
const AGENT_VERSION = '1.0.1';
const AGENT_DIR = path.resolve(__dirname, '../../../.cache/jmx-exporter');
const AGENT_JAR = path.join(AGENT_DIR, `jmx_prometheus_javaagent-${AGENT_VERSION}.jar`);

function ensureAgent(): void {
  if (fs.existsSync(AGENT_JAR)) return;
  execFileSync('mvn', [
    '-q', '-B', 'dependency:copy', `-Dartifact=io.prometheus.jmx:jmx_prometheus_javaagent:${AGENT_VERSION}`, `-DoutputDirectory=${AGENT_DIR}`,
  ], { stdio: 'inherit' });
}

/** The samples of a Prometheus text exposition, as `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  return new Map(text.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => {
    const at = l.lastIndexOf(' ');
    return [l.slice(0, at), Number(l.slice(at + 1))];
  }));
}

describe('the generated JMX Exporter rules on a real Kafka broker', () => {
  let scraped: Map<string, number>;
  let configDir: string;

  beforeAll(async () => {
    // GIVEN the ConfigMap's configuration, as synthesized for a cluster with the JMX Exporter
    const { chart } = appWithChart();
    new KafkaCluster(chart, 'c', { metrics: KafkaMetrics.jmxPrometheusExporter() });
    const config: string = only(Testing.synth(chart), 'ConfigMap', 'c-kafka-metrics').data['metrics-config.yml'];
    ensureAgent();
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmx-'));
    const configFile = path.join(configDir, 'metrics-config.yml');
    fs.writeFileSync(configFile, config);
    // WHEN a broker runs with the agent serving it (JAVA_TOOL_OPTIONS reaches the broker's JVM), takes 10 records,
    // and the agent is scraped
    const metricsPort = await freePort();
    const { stdout } = await promisify(execFile)('node', ['--import', 'tsx', path.join(__dirname, 'support/scrape-broker.ts'),
      `http://127.0.0.1:${metricsPort}/metrics`], {
      env: { ...process.env, JAVA_TOOL_OPTIONS: `-javaagent:${AGENT_JAR}=127.0.0.1:${metricsPort}:${configFile}` },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 180_000,
    });
    scraped = samples(stdout);
  }, 240_000);

  afterAll(() => fs.rmSync(configDir, { recursive: true, force: true }));

  test.each([
    ['a meter, per topic, as a counter', 'kafka_server_brokertopicmetrics_messagesin_total{topic="probe"}'],
    ['a gauge', 'kafka_server_replicamanager_underreplicatedpartitions'],
    ['the controller', 'kafka_controller_kafkacontroller_activecontrollercount'],
    ['a gauge with two labels', 'kafka_log_log_size{partition="0",topic="probe"}'],
    ['a timer percentile', 'kafka_network_requestmetrics_totaltimems{quantile="0.99",request="Produce"}'],
    ['an idle ratio', 'kafka_server_kafkarequesthandlerpool_requesthandleravgidle_percent'],
    ['the KRaft raft metrics', 'kafka_server_raft_metrics_current_leader'],
  ])('exports %s: %s', (_what, sample) => {
    // THEN the sample is there under the library's name and labels
    expect([...scraped.keys()]).toContain(sample);
  });

  test("the values are the broker's: 10 records in, one active controller, nothing under-replicated", () => {
    expect(scraped.get('kafka_server_brokertopicmetrics_messagesin_total{topic="probe"}')).toBe(10);
    expect(scraped.get('kafka_controller_kafkacontroller_activecontrollercount')).toBe(1);
    expect(scraped.get('kafka_server_replicamanager_underreplicatedpartitions')).toBe(0);
  });

  test('every sample comes from a library rule, none under a default name', () => {
    // The library's rules name every sample kafka_*; the agent's own JVM and process metrics are the only others.
    const others = [...scraped.keys()].filter((k) => !/^(kafka_|jvm_|process_|jmx_)/.test(k));
    expect(others).toEqual([]);
  });
});
