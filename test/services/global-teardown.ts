import { KafkaBroker } from '../../scripts/kafka/broker';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { servicesBroker?: KafkaBroker }).servicesBroker?.destroy();
}
