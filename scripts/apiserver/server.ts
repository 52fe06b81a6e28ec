import { ChildProcess, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../kafka/free-port';
import { spawnTied, stopProcess } from '../kafka/tied-process';
import { ApiServerBinaries, ensureBinaries } from './build';

const REPO_ROOT = join(__dirname, '..', '..');

/** The CRDs installed at start: Strimzi 1.2.0's and OpenShift's Route (as openshift/api publishes it). */
export function crdFiles(): string[] {
  const strimzi = process.env.STRIMZI_CRDS_DIR ?? resolve(REPO_ROOT, '../shared/strimzi/crds');
  const openshift = process.env.OPENSHIFT_CRDS_DIR ?? resolve(REPO_ROOT, '../shared/openshift/crds');
  for (const dir of [strimzi, openshift]) {
    if (!existsSync(dir)) throw new Error(`CRDs not found in ${dir}; set STRIMZI_CRDS_DIR / OPENSHIFT_CRDS_DIR to their folders.`);
  }
  return [strimzi, join(openshift, 'routes.route.openshift.io.yaml')];
}

export interface StartOptions {
  /** Keeps etcd's data, the serving certificate and the token; a directory that exists is reused as it is. */
  readonly dataDir: string;
  /** Where to write the kubeconfig of the cluster's admin. */
  readonly kubeconfig: string;
  /** How long to wait for the API server to be ready. @default 180 s */
  readonly readyTimeoutMs?: number;
}

export interface KubectlResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Kubernetes' own kube-apiserver with an embedded etcd on loopback (built by build.ts), with the Strimzi and Route
 * CRDs installed. No controller manager or scheduler runs: objects are validated, defaulted and stored, not acted on.
 */
export class ApiServer {
  static async start(options: StartOptions): Promise<ApiServer> {
    const binaries = ensureBinaries();
    const dataDir = resolve(options.dataDir);
    mkdirSync(join(dataDir, 'certs'), { recursive: true });
    const tokenFile = join(dataDir, 'tokens.csv');
    if (!existsSync(tokenFile)) {
      // Static token of a member of system:masters: the admin of this throw-away cluster.
      writeFileSync(tokenFile, `${randomBytes(24).toString('hex')},admin,admin,system:masters\n`, { mode: 0o600 });
    }
    const token = readFileSync(tokenFile, 'utf8').split(',')[0];
    const [port, etcdClientPort, etcdPeerPort] = [await freePort(), await freePort(), await freePort()];
    const log = openSync(join(dataDir, 'apiserver.log'), 'a');
    const child = spawnTied(binaries.apiserver, [
      `--data-dir=${dataDir}`, `--etcd-client-port=${etcdClientPort}`, `--etcd-peer-port=${etcdPeerPort}`, '--',
      '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${port}`,
      // The reconcilers refuse a loopback address for the `kubernetes` Service's endpoints, which nothing reads here.
      '--endpoint-reconciler-type=none',
      // The API server writes a self-signed serving certificate (and its CA) here on first start.
      `--cert-dir=${join(dataDir, 'certs')}`,
      `--token-auth-file=${tokenFile}`, '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local', '--service-cluster-ip-range=10.96.0.0/16',
      // No controller manager mints service-account tokens or creates `default` accounts here, so the admission
      // plugin that requires them would refuse every Pod; every other default admission plugin stays on.
      '--disable-admission-plugins=ServiceAccount',
    ], { stdio: ['pipe', log, log] });
    closeSync(log);
    const server = new ApiServer(binaries, child, dataDir, resolve(options.kubeconfig));
    writeFileSync(server.kubeconfig, kubeconfig(`https://127.0.0.1:${port}`, join(dataDir, 'certs', 'apiserver.crt'), token), { mode: 0o600 });
    try {
      await server.waitReady(options.readyTimeoutMs ?? 180_000);
      server.kubectlOrThrow(['apply', '--server-side', '--field-manager=strimzi-cdk8s', ...crdFiles().flatMap((f) => ['-f', f])]);
      server.kubectlOrThrow(['wait', '--for=condition=Established', '--timeout=120s', 'crd', '--all']);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  private constructor(
    readonly binaries: ApiServerBinaries,
    private readonly child: ChildProcess,
    readonly dataDir: string,
    readonly kubeconfig: string,
  ) {}

  /** The log of the API server and etcd's start (etcd's own log is etcd.log beside it). */
  get logFile(): string {
    return join(this.dataDir, 'apiserver.log');
  }

  /** Runs kubectl against this server; `input` goes to its stdin (`-f -`). */
  kubectl(args: readonly string[], input?: string): KubectlResult {
    return runKubectl(this.binaries.kubectl, this.kubeconfig, args, input);
  }

  /** {@link kubectl}, throwing with its stderr unless it succeeds. */
  kubectlOrThrow(args: readonly string[], input?: string): string {
    return succeeded(args, this.kubectl(args, input));
  }

  /** SIGTERM: the API server shuts down gracefully, then etcd; resolves with the exit code. */
  stop(): Promise<number | string> {
    return stopProcess(this.child, 30_000);
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the API server exited (${this.child.exitCode}); see ${this.logFile}`);
      const readyz = this.kubectl(['get', '--raw=/readyz']);
      if (readyz.status === 0) return;
      last = readyz.stderr.trim() || readyz.stdout.trim();
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new Error(`the API server was not ready after ${timeoutMs / 1000} s (${last}); see ${this.logFile}`);
  }
}

/** Runs `kubectl` with `kubeconfig`; `input` goes to its stdin (`-f -`). */
export function runKubectl(kubectl: string, kubeconfig: string, args: readonly string[], input?: string): KubectlResult {
  const run = spawnSync(kubectl, args, { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, KUBECONFIG: kubeconfig } });
  if (run.error) throw run.error;
  return { status: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
}

/** The output of a kubectl run, or an error with its stderr unless it succeeded. */
export function succeeded(args: readonly string[], run: KubectlResult): string {
  if (run.status !== 0) throw new Error(`kubectl ${args.join(' ')} failed (exit ${run.status}):\n${run.stderr}`);
  return run.stdout;
}

function kubeconfig(server: string, caFile: string, token: string): string {
  return JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'strimzi-cdk8s',
    clusters: [{ name: 'strimzi-cdk8s', cluster: { server, 'certificate-authority': caFile } }],
    users: [{ name: 'admin', user: { token } }],
    contexts: [{ name: 'strimzi-cdk8s', context: { cluster: 'strimzi-cdk8s', user: 'admin', namespace: 'default' } }],
  }, null, 2);
}
