import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { KafkaCluster, KafkaMetrics, KafkaUser, UserAuthentication } from '../../lib';
import { crdFiles } from '../../scripts/apiserver/server';
import { coded } from '../lib/support/errors';
import { ensureNamespace, kubectl } from './kubectl';

const NAMESPACE = 'cel';

/** A valid object of the cluster's kinds, made by the library itself. */
function libraryObjects(): { kafka: any; user: any } {
  const chart = new Chart(Testing.app(), 'cel', { namespace: NAMESPACE });
  const cluster = new KafkaCluster(chart, 'cel', { brokers: 2, cruiseControl: {}, rack: {} });
  new KafkaUser(chart, 'cel-user', { cluster, authentication: UserAuthentication.TLS, validityDays: 30, renewalDays: 10 });
  const objects = Testing.synth(chart);
  return { kafka: objects.find((o) => o.kind === 'Kafka'), user: objects.find((o) => o.kind === 'KafkaUser') };
}

const clone = <T>(value: T): T => structuredClone(value);

/** The smallest valid objects of the kinds the library has no construct for, written as a user of `strimzi.*` would. */
const CONNECT_LIKE: Record<string, any> = {
  KafkaConnect: {
    replicas: 1, bootstrapServers: 'cel-kafka-bootstrap:9092', groupId: 'connect',
    configStorageTopic: 'connect-configs', statusStorageTopic: 'connect-status', offsetStorageTopic: 'connect-offsets',
  },
  KafkaBridge: { replicas: 1, bootstrapServers: 'cel-kafka-bootstrap:9092' },
  KafkaMirrorMaker2: {
    replicas: 1,
    target: {
      alias: 'target', bootstrapServers: 'cel-kafka-bootstrap:9092', groupId: 'mm2',
      configStorageTopic: 'mm2-configs', statusStorageTopic: 'mm2-status', offsetStorageTopic: 'mm2-offsets',
    },
    mirrors: [{ source: { alias: 'source', bootstrapServers: 'source-kafka-bootstrap:9092' } }],
  },
};

/** A valid object, a wrong copy of it that breaks exactly one CEL rule, and the rule's message. */
interface CelCase {
  readonly kind: string;
  readonly message: string;
  readonly valid: any;
  readonly wrong: any;
}

function cases(): CelCase[] {
  const { kafka, user } = libraryObjects();
  const withSpec = (object: any, change: (spec: any) => void): any => {
    const copy = clone(object);
    change(copy.spec);
    return copy;
  };
  const kafkaCases: CelCase[] = [
    { message: 'topologyKey property is required', wrong: withSpec(kafka, (s) => { s.kafka.rack.topologyKey = ''; }) },
    {
      message: 'envVarName property is required',
      wrong: withSpec(kafka, (s) => { s.kafka.rack = { type: 'environment-variable', envVarName: '' }; }),
    },
    { message: 'valueFrom property is required', wrong: withSpec(kafka, (s) => { s.kafka.metricsConfig = { type: 'jmxPrometheusExporter' }; }) },
    {
      message: 'valueFrom property is required',
      wrong: withSpec(kafka, (s) => { s.cruiseControl.metricsConfig = { type: 'jmxPrometheusExporter' }; }),
    },
    { message: 'value type not supported', wrong: withSpec(kafka, (s) => { s.cruiseControl.metricsConfig = { type: 'strimziMetricsReporter' }; }) },
  ].map((c) => ({ ...c, kind: 'Kafka', valid: kafka }));
  const userCases: CelCase[] = [
    {
      message: "'validityDays' and 'renewalDays' can be configured only with 'type: tls'",
      wrong: withSpec(user, (s) => { s.authentication.type = 'scram-sha-512'; }),
    },
    {
      message: "Both 'validityDays' and 'renewalDays' must be set together, or both must be unset.",
      wrong: withSpec(user, (s) => { delete s.authentication.renewalDays; }),
    },
    { message: "'renewalDays' must be less than 'validityDays'.", wrong: withSpec(user, (s) => { s.authentication.renewalDays = 30; }) },
  ].map((c) => ({ ...c, kind: 'KafkaUser', valid: user }));
  const connectLikeCases = Object.entries(CONNECT_LIKE).flatMap(([kind, spec]) => {
    const valid = { apiVersion: 'kafka.strimzi.io/v1', kind, metadata: { name: `cel-${kind.toLowerCase()}`, namespace: NAMESPACE }, spec };
    return [
      { message: 'topologyKey property is required', wrong: withSpec(valid, (s) => { s.rack = { type: 'topology-label', topologyKey: '' }; }) },
      { message: 'envVarName property is required', wrong: withSpec(valid, (s) => { s.rack = { type: 'environment-variable', envVarName: '' }; }) },
      { message: 'valueFrom property is required', wrong: withSpec(valid, (s) => { s.metricsConfig = { type: 'jmxPrometheusExporter' }; }) },
    ].map((c) => ({ ...c, kind, valid }));
  });
  return [...kafkaCases, ...userCases, ...connectLikeCases];
}

/** Every `x-kubernetes-validations` rule of the served Strimzi CRD versions, as `<kind>: <message>`. */
function strimziCelRules(): string[] {
  const dir = crdFiles()[0];
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().flatMap((file) => {
    const crd = parse(readFileSync(join(dir, file), 'utf8'));
    const rules: string[] = [];
    const walk = (schema: any): void => {
      if (schema === null || typeof schema !== 'object') return;
      for (const rule of schema['x-kubernetes-validations'] ?? []) rules.push(`${crd.spec.names.kind}: ${rule.message}`);
      for (const child of Object.values(schema)) walk(child);
    };
    for (const version of crd.spec.versions) if (version.served) walk(version.schema.openAPIV3Schema);
    return rules;
  });
}

/** Server-side dry run of a create, with strict field validation: the API server's whole verdict, nothing stored. */
const dryRun = (object: any) => kubectl(['create', '--dry-run=server', '--validate=strict', '-n', NAMESPACE, '-f', '-'], JSON.stringify(object));

describe("Strimzi 1.2.0's CEL rules (x-kubernetes-validations) on a real API server", () => {
  const all = cases();
  beforeAll(() => ensureNamespace(NAMESPACE));

  test('every CEL rule of the Strimzi CRDs has a case below', () => {
    // GIVEN the rules of the served versions of the Strimzi CRDs, THEN each (kind, message) is exercised by a case
    expect(all.map((c) => `${c.kind}: ${c.message}`).sort()).toEqual(strimziCelRules().sort());
  });

  const named = all.map((c) => [`${c.kind}: ${c.message}`, c] as const);
  test.each(named)('%s: the valid object is accepted, the wrong one refused with the rule', (_name, c) => {
    // WHEN the valid object and its wrong copy are created (dry run)
    const valid = dryRun(c.valid);
    const wrong = dryRun(c.wrong);
    // THEN only the wrong one is refused, and by this rule
    expect(valid.stderr).toBe('');
    expect(valid.status).toBe(0);
    expect(wrong.status).not.toBe(0);
    expect(wrong.stderr).toContain(c.message);
  });
});

describe('the library refuses the same objects at synth, where its constructs can express them', () => {
  const chart = () => new Chart(Testing.app(), 'cel', { namespace: NAMESPACE });

  test("a rack without topologyKey ('topologyKey property is required')", () => {
    expect(() => new KafkaCluster(chart(), 'c', { rack: { topologyKey: '' } })).toThrow(coded('rack-topology-key-empty', 'empty topologyKey'));
  });

  test("Cruise Control with Strimzi's metrics reporter ('value type not supported')", () => {
    expect(() => new KafkaCluster(chart(), 'c', { brokers: 2, cruiseControl: { metrics: KafkaMetrics.strimziMetricsReporter() } }))
      .toThrow(coded('cruise-control-metrics-type', 'value type not supported'));
  });

  test.each([
    ["'validityDays' and 'renewalDays' can be configured only with 'type: tls'", UserAuthentication.SCRAM_SHA_512, 30, 10,
      coded('user-validity-without-tls', "only with 'type: tls'")],
    ["Both 'validityDays' and 'renewalDays' must be set together", UserAuthentication.TLS, 30, undefined,
      coded('user-validity-renewal-half-set', 'both must be set together')],
    ["'renewalDays' must be less than 'validityDays'", UserAuthentication.TLS, 30, 30,
      coded('user-renewal-not-before-expiry', 'must be less than validityDays')],
  ] as const)('KafkaUser: %s', (_rule, authentication, validityDays, renewalDays, refusal) => {
    const make = () => {
      const c = chart();
      const cluster = new KafkaCluster(c, 'c', {});
      new KafkaUser(c, 'u', { cluster, authentication, validityDays, renewalDays });
    };
    expect(make).toThrow(refusal);
  });
});

describe('the synth check catches every wrong object first, however it was made', () => {
  // GIVEN each object the API server refuses above, added as a bare ApiObject to an app that uses the library
  const all = cases();
  test.each(all.map((c) => [`${c.kind}: ${c.message}`, c] as const))('%s', (_name, c) => {
    const app = Testing.app();
    new KafkaCluster(new Chart(app, 'library', { namespace: 'library' }), 'library', {});
    new ApiObject(new Chart(app, 'bare'), 'wrong', c.wrong);
    // WHEN the app is synthesized, THEN the CEL rule refuses it, with the rule's own message
    const escaped = c.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(() => app.synth()).toThrow(new RegExp(`\\[crd-cel-rule-broken\\][^\\n]*${escaped}`));
  });
});
