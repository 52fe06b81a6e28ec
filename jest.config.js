// Two projects: the manifest library (pure, fast) and the services (need a real Kafka broker,
// started once by the services project's global setup). swc transpiles without type-checking;
// `npm test` type-checks everything once with tsc before jest runs.
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    {
      displayName: 'lib',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/lib/**/*.test.ts'],
      // Examples import the package by name, as other users' apps do.
      moduleNameMapper: { '^strimzi-cdk8s$': '<rootDir>/lib/index.ts' },
    },
    {
      displayName: 'services',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/services/**/*.test.ts'],
      globalSetup: '<rootDir>/test/services/global-setup.ts',
      globalTeardown: '<rootDir>/test/services/global-teardown.ts',
    },
    {
      // The harness itself on real brokers: secured listeners, users and ACLs from KafkaUser objects,
      // clusters from synthesized Kafka + KafkaNodePool objects, faults on a 4-node cluster.
      displayName: 'cluster',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
    },
  ],
};
