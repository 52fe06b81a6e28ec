import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Chart, Duration, Testing } from 'cdk8s';
import { readConsumerConfig } from '../../apps/consumer/config';
import { readProducerConfig } from '../../apps/producer/config';
import { ConfigError, Env } from '../../apps/runtime/config';
import { readServiceConfig, ServiceConfig } from '../../apps/runtime/service';
import { KafkaCluster, KafkaListener, KafkaMicroservice, ListenerAuthentication, MicroservicePair, Topic } from '../../lib';
import { EnvCondition, SERVICE_ENV, ServiceEnvName, ServiceEnvVariable, ServiceRole } from '../../lib/base/service-environment';
import { buildSeedSystem } from '../../main';
import { certificateAuthority, signedCertificate } from './pki';

// The contract of lib/base/service-environment.ts, held against both sides: the Deployments the constructs synthesize
// and the config readers the services start with (apps/*/config.ts, apps/runtime/service.ts).
const CONTRACT: Readonly<Record<ServiceEnvName, ServiceEnvVariable>> = SERVICE_ENV;
const ROLES: readonly ServiceRole[] = ['producer', 'consumer'];

/** Everything a service reads at start-up, as its main.ts composes it. */
const READ_CONFIG: Record<ServiceRole, (env: Env) => ServiceConfig> = {
  producer: (env) => readProducerConfig(env, readServiceConfig(env, 'data-producer')),
  consumer: (env) => readConsumerConfig(env, readServiceConfig(env, 'data-consumer')),
};

/** What `role` reads from `vars` (every variable it looks at, set or not), its config and the problems it reports. */
function readAs(role: ServiceRole, vars: Record<string, string>) {
  const read = new Set<string>();
  const recording = new Proxy(vars, {
    get: (target, name) => {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  const env = new Env(recording);
  const config = READ_CONFIG[role](env);
  let problems: readonly string[] = [];
  try {
    env.validate();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems = error.problems;
  }
  return { read, config, problems };
}

/** The contract's variables that `role` reads, and of those the ones the construct sets on a listener with `conditions`. */
const readBy = (role: ServiceRole) => (Object.keys(CONTRACT) as ServiceEnvName[]).filter((name) => CONTRACT[name].readBy.includes(role));
const setByConstruct = (role: ServiceRole, conditions: readonly EnvCondition[]) => readBy(role).filter((name) => {
  const { setBy, when } = CONTRACT[name];
  return setBy === 'construct' && (when === undefined || conditions.includes(when));
});

interface Variant {
  readonly pair: MicroservicePair;
  readonly cluster: KafkaCluster;
  readonly listener: string;
  readonly topic: Topic;
  /** What the services' listener asks for. */
  readonly conditions: readonly EnvCondition[];
  readonly intervalMs: number;
  readonly groupId: string;
}

/** A pair of renamed services (so a variable the construct leaves out would show as the service's default). */
function renamedPair(listenerProps: KafkaListener, conditions: EnvCondition[]): Variant {
  const listener = listenerProps.name;
  const chart = new Chart(Testing.app(), 'orders');
  const cluster = new KafkaCluster(chart, 'events', { listeners: [listenerProps] });
  const topic = new Topic(chart, 'orders', { cluster, partitions: 1, replicas: 1, topicName: 'orders.v1' });
  const pair = new MicroservicePair(chart, 'Pair', {
    cluster, topic, listener,
    producer: { name: 'order-writer', image: 'registry.example.com/order-writer:1.0.0', interval: Duration.seconds(5) },
    consumer: { name: 'order-reader', image: 'registry.example.com/order-reader:1.0.0', groupId: 'order-readers' },
  });
  return { pair, cluster, listener, topic, conditions, intervalMs: 5_000, groupId: 'order-readers' };
}

const VARIANTS: Record<string, () => Variant> = {
  'the seed system (TLS listener, SCRAM-SHA-512)': () => {
    const { pair, cluster, topic } = buildSeedSystem(Testing.app());
    return { pair, cluster, listener: 'tls', topic, conditions: ['listener-tls', 'authentication-scram-sha-512'], intervalMs: 2_000,
      groupId: 'data-consumer' };
  },
  'renamed services on an mTLS listener': () => renamedPair(
    { name: 'mtls', port: 9094, tls: true, authentication: ListenerAuthentication.TLS }, ['listener-tls', 'authentication-tls']),
  'renamed services on a SCRAM listener without TLS': () => renamedPair(
    { name: 'scram', port: 9092, tls: false, authentication: ListenerAuthentication.SCRAM_SHA_512 }, ['authentication-scram-sha-512']),
};

/** The Deployment of `role` as synthesized: its env and the Secret files it mounts. */
function deploymentOf(variant: Variant, role: ServiceRole) {
  const service = variant.pair[role];
  const deployment = Testing.synth(Chart.of(variant.pair)).find((o) => o.kind === 'Deployment' && o.metadata.name === service.name);
  expect(deployment?.metadata.labels['app.kubernetes.io/component']).toBe(role);
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];
  const env: Record<string, string> = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
  const mounts: { path: string; key: string }[] = (container.volumeMounts ?? []).flatMap((mount: { name: string; mountPath: string }) =>
    pod.volumes.find((v: { name: string }) => v.name === mount.name).secret.items
      .map((item: { key: string; path: string }) => ({ path: `${mount.mountPath}/${item.path}`, key: item.key })));
  return { name: service.name, env, mounts };
}

let dir: string;
/** What the kubelet would mount for each Secret key: a cluster CA, a user certificate and its key, a password. */
let secretKeys: Record<string, string>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'env-contract-'));
  const ca = certificateAuthority(dir, 'cluster-ca');
  const user = signedCertificate(dir, ca, 'order-reader');
  secretKeys = {
    'ca.crt': readFileSync(ca, 'utf8'), 'user.crt': readFileSync(user.cert, 'utf8'), 'user.key': readFileSync(user.key, 'utf8'),
    'password': 'pw-contract',
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The Deployment's mounts written under a root of their own, and its env with every absolute path moved there. */
function mounted(deployment: ReturnType<typeof deploymentOf>): Record<string, string> {
  const root = mkdtempSync(join(dir, 'pod-'));
  for (const { path, key } of deployment.mounts) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), secretKeys[key]);
  }
  return Object.fromEntries(Object.entries(deployment.env).map(([name, value]) => [name, value.startsWith('/') ? join(root, value) : value]));
}

describe('the env contract between the constructs and the services (lib/base/service-environment.ts)', () => {
  describe.each(Object.keys(VARIANTS))('%s', (variantName) => {
    const variant = VARIANTS[variantName]();

    test.each(ROLES)('the %s Deployment sets exactly what the contract has the construct set, and its service reads all of it', (role) => {
      // GIVEN the Deployment the construct synthesizes for the role
      const deployment = deploymentOf(variant, role);
      // WHEN the service reads the Deployment's env
      const { read } = readAs(role, deployment.env);
      // THEN the env holds the contract's construct-set variables for this role and listener, and nothing else
      expect(Object.keys(deployment.env).sort()).toEqual(setByConstruct(role, variant.conditions).sort());
      // AND the service looks at every one of them
      expect(Object.keys(deployment.env).filter((name) => !read.has(name))).toEqual([]);
    });

    test.each(ROLES)('the %s service accepts its Deployment\'s env as it is and gets the wiring the construct meant', (role) => {
      // GIVEN the Deployment's env, its file paths pointing at what it mounts (a path without a mount would be refused)
      const deployment = deploymentOf(variant, role);
      const vars = mounted(deployment);
      // WHEN the service reads it
      const { config, problems } = readAs(role, vars);
      // THEN nothing is refused
      expect(problems).toEqual([]);
      // AND the service connects where the construct wired it, on the port its probes ask
      expect(config).toMatchObject({
        bootstrapServers: variant.cluster.bootstrapServers(variant.listener).split(','),
        topic: variant.topic.topicName,
        clientId: deployment.name,
        httpPort: KafkaMicroservice.HTTP_PORT,
        ...(role === 'producer' ? { intervalMs: variant.intervalMs } : { groupId: variant.groupId }),
      });
      // AND with the credentials of its KafkaUser, as the listener asks
      const { tls, sasl } = config.security;
      expect(tls?.ca).toBe(variant.conditions.includes('listener-tls') ? secretKeys['ca.crt'] : undefined);
      expect(tls?.cert).toBe(variant.conditions.includes('authentication-tls') ? secretKeys['user.crt'] : undefined);
      expect(sasl && { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password.reveal() }).toEqual(
        variant.conditions.includes('authentication-scram-sha-512')
          ? { mechanism: 'scram-sha-512', username: deployment.name, password: secretKeys.password } : undefined);
    });
  });

  test.each(ROLES)('the %s service reads exactly the variables the contract lists for it', (role) => {
    // GIVEN an empty environment, and one where every variable of the contract is set
    const everything = Object.fromEntries(Object.keys(CONTRACT).map((name) => [name, 'x']));
    // WHEN the service reads each
    const read = new Set([...readAs(role, {}).read, ...readAs(role, everything).read]);
    // THEN it looks at the contract's variables of its role, and at no other
    expect([...read].sort()).toEqual(readBy(role).sort());
  });

  test.each(ROLES)('the %s Deployment takes the user\'s variables of the contract through env, and refuses the others', (role) => {
    // GIVEN a value other than the service's default for each variable the contract leaves to the user
    const userVariables = readBy(role).filter((name) => CONTRACT[name].setBy === 'user');
    expect(Object.keys(USER_VALUES)).toEqual(expect.arrayContaining(userVariables));
    const env = Object.fromEntries(userVariables.map((name) => [name, USER_VALUES[name]]));
    // WHEN a pair sets them through the role's env
    const deployment = deploymentOf(userEnvPair(role, env), role);
    // THEN the Deployment carries them, the service accepts them and each one changes what it does
    expect(deployment.env).toMatchObject(env);
    expect(readAs(role, mounted(deployment)).problems).toEqual([]);
    const defaults = readAs(role, {}).config;
    for (const name of userVariables) expect(readAs(role, { [name]: USER_VALUES[name] }).config).not.toEqual(defaults);
    // AND every other variable of the role is refused in env, on any listener: the construct sets it, or it is a password
    for (const name of readBy(role).filter((n) => CONTRACT[n].setBy !== 'user')) {
      const code = CONTRACT[name].setBy === 'local' ? 'service-env-password' : 'service-env-derived';
      expect(() => userEnvPair(role, { [name]: 'x' })).toThrow(new RegExp(`\\[${code}\\]: .*'${name}'`));
    }
  });
});

/** A value other than the default for each variable the contract leaves to the user. */
const USER_VALUES: Record<string, string> = {
  KAFKA_AUTO_OFFSET_RESET: 'latest', KAFKA_SESSION_TIMEOUT_MS: '30000', PRODUCER_BATCH_SIZE: '10',
  LOG_LEVEL: 'debug', LOG_FORMAT: 'json', MESSAGE_LOG_LEVEL: 'warn',
};

/** A pair on a cluster with the default listeners (`tls` with SCRAM-SHA-512), with `env` on the service of `role`. */
function userEnvPair(role: ServiceRole, env: Record<string, string>): Variant {
  const chart = new Chart(Testing.app(), 'user-env');
  const cluster = new KafkaCluster(chart, 'events');
  const topic = new Topic(chart, 'readings', { cluster, partitions: 1, replicas: 1 });
  const image = (name: string) => ({ image: `registry.example.com/${name}:1.0.0` });
  const pair = new MicroservicePair(chart, 'Pair', {
    cluster, topic,
    producer: { ...image('data-producer'), env: role === 'producer' ? env : undefined },
    consumer: { ...image('data-consumer'), env: role === 'consumer' ? env : undefined },
  });
  return { pair, cluster, listener: 'tls', topic, conditions: ['listener-tls', 'authentication-scram-sha-512'], intervalMs: 2_000,
    groupId: 'data-consumer' };
}
