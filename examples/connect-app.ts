import { App, Chart } from 'cdk8s';
import {
  ConnectBuildOutput, ConnectConverter, KafkaBridge, KafkaCluster, KafkaConnect, KafkaConnector, MicroservicePair,
  PluginArtifact, Topic,
} from 'strimzi-cdk8s';

/** How many brokers hold the data, where the FileStream connectors read and write, and worker settings. */
export interface ConnectAppOptions {
  readonly brokers?: number;
  readonly sourceFile?: string;
  readonly sinkFile?: string;
  readonly workerConfig?: Record<string, string>;
}

export function buildConnectApp(app: App, options: ConnectAppOptions = {}) {
  const chart = new Chart(app, 'orders-platform', { namespace: 'orders' });
  const cluster = new KafkaCluster(chart, 'orders-kafka', { brokers: options.brokers ?? 3 });
  const orders = new Topic(chart, 'orders', { cluster, partitions: 3 });
  const pair = new MicroservicePair(new Chart(app, 'orders-services', { namespace: 'orders' }), 'Default', {
    cluster, topic: orders,
    producer: { image: 'quay.io/my-team/data-producer:0.1.0' }, consumer: { image: 'quay.io/my-team/data-consumer:0.1.0' },
  });

  // Kafka Connect: its KafkaUser, group id, three compacted storage topics and ACLs are derived from the wiring.
  const connect = new KafkaConnect(chart, 'orders-connect', {
    cluster,
    valueConverter: ConnectConverter.string(),
    keyConverter: ConnectConverter.string(),
    config: options.workerConfig,
    imageBuild: {
      output: ConnectBuildOutput.registry('registry.example.com/orders/connect:1.0.0'),
      plugins: [{ name: 'connect-file', artifacts: [PluginArtifact.maven({ group: 'org.apache.kafka', artifact: 'connect-file',
        version: '4.3.1' })] }],
    },
  });
  // A source writes `orders` (granted Write); a sink reads it in group connect-orders-file-sink (granted Read).
  new KafkaConnector(chart, 'orders-file-source', {
    connect,
    className: 'org.apache.kafka.connect.file.FileStreamSourceConnector',
    writes: [orders],
    topicConfigKey: 'topic',
    config: { file: options.sourceFile ?? '/data/orders-in.txt' },
  });
  new KafkaConnector(chart, 'orders-file-sink', {
    connect,
    className: 'org.apache.kafka.connect.file.FileStreamSinkConnector',
    reads: [orders],
    config: { file: options.sinkFile ?? '/data/orders-out.txt' },
  });

  // The HTTP Bridge: HTTP clients produce to and consume `orders`; only the consumer service may call it.
  const bridge = new KafkaBridge(chart, 'orders-bridge', { cluster, produces: [orders], consumes: [orders] });
  bridge.allowFrom(pair.consumer.podSelector);
  return { cluster, orders, pair, connect, bridge };
}

if (require.main === module) {
  const app = new App();
  buildConnectApp(app);
  app.synth();
}
