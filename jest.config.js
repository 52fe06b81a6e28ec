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
      // OpenShift constructs (lib/openshift) and the check of OpenShift objects against OpenShift's API model.
      displayName: 'openshift',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/openshift-schema/**/*.test.ts'],
    },
    {
      // The services' container images, built by global setup and run from their own read-only filesystem.
      displayName: 'images',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/images/**/*.test.ts'],
      globalSetup: '<rootDir>/test/images/global-setup.ts',
    },
    {
      // The library packed with `npm pack` and installed into a fresh app, as another user gets it.
      displayName: 'package',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/package/**/*.test.ts'],
    },
  ],
};
