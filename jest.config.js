// One project per kind of proof. swc transpiles without type-checking; `npm test` type-checks everything once
// with tsc before jest runs.
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
  projects: [
    {
      // The manifest library: constructs, rules, schemas (pure and fast, but for a few real-broker checks).
      displayName: 'lib',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/lib/**/*.test.ts'],
      // Examples import the package by name, as other users' apps do.
      moduleNameMapper: { '^strimzi-cdk8s$': '<rootDir>/lib/index.ts' },
    },
    {
      // The services on a real Kafka broker, started once by global setup.
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
      moduleNameMapper: { '^strimzi-cdk8s$': '<rootDir>/lib/index.ts' },
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
      // The install paths: what scripts/ci/tools.sh finds missing and installs, on a PATH without the tools.
      displayName: 'install',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/install/**/*.test.ts'],
    },
    {
      // The library packed with `npm pack` and installed into a fresh app, as another user gets it.
      displayName: 'package',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/package/**/*.test.ts'],
    },
    {
      // Every synthesized object applied to a real kube-apiserver (built from Go modules, started by global setup)
      // with server-side apply and strict field validation; the Kubernetes rule tables compared with its verdicts.
      displayName: 'apiserver',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/apiserver/**/*.test.ts'],
      moduleNameMapper: { '^strimzi-cdk8s$': '<rootDir>/lib/index.ts' },
      globalSetup: '<rootDir>/test/apiserver/global-setup.ts',
      globalTeardown: '<rootDir>/test/apiserver/global-teardown.ts',
    },
  ],
};
