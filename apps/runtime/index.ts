// The env contract the library's Deployments follow, for the services to name what they read.
export { ServiceEnv } from '../../lib/base/service-environment';
export * from './config';
export * from './health';
export * from './http-server';
export * from './kafka';
export * from './kafka-errors';
export * from './logger';
export * from './metrics';
export * from './retry';
export * from './service';
