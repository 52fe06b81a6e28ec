export * from './kafka-version';
export * from './kafka-listener';
export * from './broker-config';
export * from './kafka-cluster';
export * from './topic';
export * from './kafka-microservice';
export * from './microservice-pair';
