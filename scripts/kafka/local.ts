/**
 * `npm run local`: the original lab's "Kafka local". A broker on localhost:9092 with the topic as
 * synthesized in dist/, the producer on :8080 and the consumer on :8081, their logs prefixed.
 * Ctrl-C (or SIGTERM) stops the services, then the broker, and leaves nothing running.
 */
import { Kafka, logLevel } from 'kafkajs';
import { KafkaBroker } from './broker';
import { KAFKA_VERSION } from './jars';
import { ServiceName, ServiceProcess } from './service-process';
import { readSynthesizedTopic } from './synthesized-topic';

const BROKER_PORT = 9092;
const TOPIC = 'manual';
const HTTP_PORTS: Record<ServiceName, number> = { producer: 8080, consumer: 8081 };

// The broker's INFO log is hundreds of lines per minute; only warnings and errors are shown here.
const BROKER_PROBLEM = / (WARN|ERROR) /;

function print(prefix: string, line: string): void {
  process.stdout.write(`${prefix.padEnd(10)} | ${line}\n`);
}

async function main(): Promise<void> {
  const { file, topic } = readSynthesizedTopic(TOPIC);
  print('[local]', `Starting Kafka ${KAFKA_VERSION} on localhost:${BROKER_PORT}`);
  const broker = await KafkaBroker.start({
    port: BROKER_PORT,
    onLogLine: (line) => BROKER_PROBLEM.test(line) && print('[kafka]', line),
  });
  print('[local]', `Kafka is serving; full broker log: ${broker.dataDir}/broker.log`);

  const services: ServiceProcess[] = [];
  let stopping = false;
  const stopAll = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    print('[local]', 'Stopping the services, then Kafka');
    await Promise.all(services.map((service) => service.stop()));
    await broker.destroy();
    print('[local]', 'Everything stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const admin = new Kafka({ clientId: 'local', brokers: [broker.bootstrapServers], logLevel: logLevel.WARN }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [topic], waitForLeaders: true });
    await admin.disconnect();
    print('[local]', `Created topic ${TOPIC} as in ${file}: ${JSON.stringify(topic)}`);
  } catch (error) {
    print('[local]', `Creating topic ${TOPIC} failed: ${String(error)}`);
    await stopAll(1);
  }

  for (const name of ['producer', 'consumer'] as const) {
    const service = ServiceProcess.start(name, {
      env: { KAFKA_BOOTSTRAP_SERVERS: `localhost:${BROKER_PORT}`, KAFKA_TOPIC: TOPIC, HTTP_PORT: String(HTTP_PORTS[name]) },
      onLine: (line) => print(`[${name}]`, line),
    });
    services.push(service);
    void service.exited.then((code) => {
      if (stopping) return;
      print('[local]', `${name} exited unexpectedly (${code})`);
      void stopAll(1);
    });
  }
  print('[local]', `producer: http://localhost:${HTTP_PORTS.producer}/data  consumer: http://localhost:${HTTP_PORTS.consumer}/health  (Ctrl-C stops)`);
}

main().catch((error: unknown) => {
  print('[local]', error instanceof Error ? error.message : String(error));
  process.exit(1);
});
