export * from './config';
export * from './health';
export * from './http-server';
export * from './kafka';
export * from './logger';
export * from './metrics';
export * from './retry';
export * from './service';
