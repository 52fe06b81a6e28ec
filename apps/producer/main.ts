import { runService } from '../runtime';
import { readProducerConfig } from './config';
import { DataProducer } from './data-producer';

void runService({ name: 'data-producer', readConfig: readProducerConfig, create: (context) => new DataProducer(context) });
