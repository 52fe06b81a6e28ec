import { KafkaBroker } from '../../scripts/kafka/broker';
import { BOOTSTRAP_ENV, DATA_DIR_ENV } from './kafka-env';

/** One broker for the whole services suite; tests isolate themselves with their own topics and groups. */
export default async function globalSetup(): Promise<void> {
  const broker = await KafkaBroker.start();
  (globalThis as { servicesBroker?: KafkaBroker }).servicesBroker = broker;
  // Workers are forked after global setup, so they inherit these.
  process.env[BOOTSTRAP_ENV] = broker.bootstrapServers;
  process.env[DATA_DIR_ENV] = broker.dataDir;
}
