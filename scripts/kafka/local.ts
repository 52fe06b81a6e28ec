/**
 * `npm run local`: the original lab's "Kafka local", secured as dist/ describes it. A broker on
 * localhost:9092 serving the listener the services use (its TLS and authentication), the cluster's
 * authorization, users and ACLs from the KafkaUsers and the topics from the KafkaTopics; credentials in
 * .local/ as the User Operator's Secrets hold them; the producer on :8080 and the consumer on :8081 with
 * their Deployments' environment, their logs prefixed. Ctrl-C (or SIGTERM) stops the services, then the
 * broker, and leaves nothing running.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import { KafkaBroker } from './broker';
import { KAFKA_VERSION } from './jars';
import { LocalPlan, planLocalRun } from './local-plan';
import { SynthesizedManifests } from './manifests';
import { ServiceProcess } from './service-process';
import { applyKafkaUsers, AppliedUser } from './users';

const BROKER_PORT = 9092;
const HTTP_PORTS = { producer: 8080, consumer: 8081 } as const;
/** Git-ignored; holds `users/<user>/…` and `cluster-ca.crt`. */
export const LOCAL_CREDENTIALS_DIR = join(__dirname, '..', '..', '.local');

// The broker's INFO log is hundreds of lines per minute; only warnings, errors and ACL denials are shown.
const BROKER_PROBLEM = / (WARN|ERROR) |is Denied operation/;

/** A broker set up as a {@link LocalPlan} says, before any service starts. */
export interface LocalKafka {
  readonly broker: KafkaBroker;
  readonly users: readonly AppliedUser[];
}

/**
 * Starts the broker of `plan` (its listener on the plan's port), applies the KafkaUsers (credentials under
 * `credentialsDir`) and creates the topics.
 */
export async function startLocalKafka(plan: LocalPlan, credentialsDir: string, onLogLine?: (line: string) => void): Promise<LocalKafka> {
  const broker = await KafkaBroker.start({ listeners: [plan.listener], authorization: plan.authorization, credentialsDir, onLogLine });
  try {
    const users = await applyKafkaUsers(broker.cluster, plan.users.map((u) => u.object), [...new Set(plan.users.map((u) => u.source))].join(', '));
    if (plan.topics.length > 0) {
      const admin = new Kafka(broker.cluster.adminClientConfig('local')).admin();
      await admin.connect();
      try {
        await admin.createTopics({ topics: [...plan.topics], waitForLeaders: true });
      } finally {
        await admin.disconnect();
      }
    }
    return { broker, users };
  } catch (error) {
    await broker.destroy();
    throw error;
  }
}

function print(prefix: string, line: string): void {
  process.stdout.write(`${prefix.padEnd(10)} | ${line}\n`);
}

function describeSecurity(plan: LocalPlan, users: readonly AppliedUser[]): string[] {
  const { listener } = plan;
  const lines = [
    `Listener '${listener.name}' on localhost:${listener.port}: ${listener.tls ? 'TLS' : 'no TLS'}, ` +
      `${listener.authentication ? `${listener.authentication} authentication` : 'no authentication'}, ` +
      `${plan.authorization ? 'simple authorization' : 'no authorization'}`,
  ];
  if (listener.tls) lines.push(`Cluster CA for clients: ${join(LOCAL_CREDENTIALS_DIR, 'cluster-ca.crt')}`);
  if (listener.authentication === 'scram-sha-512') lines.push(
    `Super user: admin, password in ${join(LOCAL_CREDENTIALS_DIR, 'users', 'admin', 'password')}`,
  );
  for (const user of users) {
    lines.push(`KafkaUser ${user.principal}: ${user.acls.length} ACL bindings, Secret files ${Object.values(user.secretFiles).join(', ') || 'none'}`);
  }
  return lines;
}

async function main(): Promise<void> {
  // Credentials of an earlier run belong to a broker that is gone.
  rmSync(join(LOCAL_CREDENTIALS_DIR, 'users'), { recursive: true, force: true });
  rmSync(join(LOCAL_CREDENTIALS_DIR, 'cluster-ca.crt'), { force: true });
  const manifests = SynthesizedManifests.fromDir();
  const plan = planLocalRun(manifests, { port: BROKER_PORT, httpPorts: HTTP_PORTS, credentialsDir: LOCAL_CREDENTIALS_DIR });
  print('[local]', `Starting Kafka ${KAFKA_VERSION} for cluster '${plan.clusterName}' as in ${manifests.sources.join(', ')}`);
  const { broker, users } = await startLocalKafka(plan, LOCAL_CREDENTIALS_DIR, (line) => BROKER_PROBLEM.test(line) && print('[kafka]', line));
  for (const line of describeSecurity(plan, users)) print('[local]', line);
  print('[local]', `Created topics ${plan.topics.map((t) => t.topic).join(', ')}; full broker log: ${broker.logPath}`);

  const services: ServiceProcess[] = [];
  let stopping = false;
  const stopAll = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    print('[local]', 'Stopping the services, then Kafka');
    await Promise.all(services.map((service) => service.stop()));
    await broker.destroy();
    print('[local]', 'Everything stopped');
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const { name, env } of plan.services) {
    const service = ServiceProcess.start(name, { env, onLine: (line) => print(`[${name}]`, line) });
    services.push(service);
    void service.exited.then((code) => {
      if (stopping) return;
      print('[local]', `${name} exited unexpectedly (${code})`);
      void stopAll(1);
    });
  }
  print('[local]',
    `producer: http://localhost:${HTTP_PORTS.producer}/data  consumer: http://localhost:${HTTP_PORTS.consumer}/health  (Ctrl-C stops)`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    print('[local]', error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
