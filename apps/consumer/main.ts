import { runService } from '../runtime';
import { readConsumerConfig } from './config';
import { DataConsumer } from './data-consumer';

void runService({ name: 'data-consumer', readConfig: readConsumerConfig, create: (context) => new DataConsumer(context) });
