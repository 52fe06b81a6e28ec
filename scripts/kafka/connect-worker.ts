import { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { LocalKafkaCluster } from './cluster';
import { LocalConnector, planLocalConnect } from './connect-config';
import { freePort } from './free-port';
import { connectClasspath, ensureConnectJars } from './jars';
import { SynthesizedManifests } from './manifests';
import { spawnTied, stopProcess } from './tied-process';

export interface LocalConnectWorkerOptions {
  /** The KafkaConnect to run, when the manifests hold several. */
  readonly name?: string;
  /** Worker folder (properties, plugin path, log). @default a new temp folder, deleted by stop() */
  readonly dir?: string;
  /** Called with every line the worker logs. */
  readonly onLogLine?: (line: string) => void;
  /** @default 120 s */
  readonly startTimeoutMs?: number;
}

/** A connector's state as the Connect REST API reports it (`GET /connectors/<name>/status`). */
export interface ConnectorStatus {
  readonly connector: { readonly state: string; readonly trace?: string };
  readonly tasks: ReadonlyArray<{ readonly id: number; readonly state: string; readonly trace?: string }>;
}

// Logged by Connect once its REST server and herder are started (org.apache.kafka.connect.runtime.Connect).
const STARTED = /Kafka Connect started/;

/**
 * One Kafka Connect worker in distributed mode, run from Apache Kafka's own connect-runtime jars on Maven Central,
 * configured from a synthesized KafkaConnect as Strimzi's Cluster Operator would (see planLocalConnect), whose
 * KafkaConnectors it applies through the REST API as the operator does.
 */
export class LocalConnectWorker {
  /** Starts the worker and waits until it has joined its group and serves its REST API. */
  public static async start(cluster: LocalKafkaCluster, manifests: SynthesizedManifests,
    options: LocalConnectWorkerOptions = {}): Promise<LocalConnectWorker> {
    ensureConnectJars();
    const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kafka-connect-'));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const restPort = await freePort();
    const plan = planLocalConnect(manifests, cluster, { name: options.name, restPort, dir });
    const properties = join(dir, 'connect-distributed.properties');
    // It holds the user's password: readable by us only.
    writeFileSync(properties, Object.entries(plan.properties).map(([k, v]) => `${k}=${v}\n`).join(''), { mode: 0o600 });
    const worker = new LocalConnectWorker(plan.name, plan.connectors, `http://127.0.0.1:${restPort}`, dir, options.dir === undefined);
    await worker.run(properties, options);
    return worker;
  }

  private process?: ChildProcess;
  private log?: WriteStream;

  private constructor(
    /** Name of the KafkaConnect. */
    public readonly name: string,
    /** Its KafkaConnectors, as read from the manifests. */
    public readonly connectors: readonly LocalConnector[],
    /** The REST API, e.g. `http://127.0.0.1:41234`. */
    public readonly restUrl: string,
    public readonly dir: string,
    private readonly ownsDir: boolean,
  ) {}

  public get logPath(): string {
    return join(this.dir, 'connect.log');
  }

  public logTail(lines = 40): string {
    return existsSync(this.logPath) ? readFileSync(this.logPath, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }

  /**
   * Creates or updates every KafkaConnector of the manifests (`PUT /connectors/<name>/config`), then puts each in its
   * `spec.state`; retries while the worker's group rebalances, as the operator's reconciliation would.
   */
  public async applyConnectors(timeoutMs = 60_000): Promise<void> {
    for (const connector of this.connectors) {
      await this.request('PUT', `/connectors/${connector.name}/config`, connector.config, timeoutMs);
      if (connector.state !== 'running') await this.request('PUT', `/connectors/${connector.name}/${connector.state === 'paused' ? 'pause' : 'stop'}`,
        undefined, timeoutMs);
    }
  }

  /** Deletes a connector (`DELETE /connectors/<name>`). */
  public async deleteConnector(name: string): Promise<void> {
    await this.request('DELETE', `/connectors/${name}`, undefined, 30_000);
  }

  public async status(name: string): Promise<ConnectorStatus> {
    return (await this.request('GET', `/connectors/${name}/status`, undefined, 10_000)) as ConnectorStatus;
  }

  /** Stops the worker gracefully (it leaves its group) and deletes its folder if it made it. */
  public async stop(): Promise<void> {
    if (this.process) await stopProcess(this.process, 30_000);
    this.process = undefined;
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    if (this.ownsDir) rmSync(this.dir, { recursive: true, force: true });
  }

  private async run(properties: string, options: LocalConnectWorkerOptions): Promise<void> {
    const log = createWriteStream(this.logPath, { flags: 'a' });
    this.log = log;
    const child = spawnTied('java', [
      '-Xms128m', '-Xmx384m',
      '-Dorg.slf4j.simpleLogger.defaultLogLevel=info',
      '-Dorg.slf4j.simpleLogger.showDateTime=true',
      '-cp', connectClasspath(),
      'org.apache.kafka.connect.cli.ConnectDistributed', properties,
    ], { stdio: 'pipe' });
    this.process = child;
    const timeoutMs = options.startTimeoutMs ?? 120_000;
    await new Promise<void>((resolve, reject) => {
      let started = false;
      const timer = setTimeout(() =>
        reject(new Error(`Kafka Connect worker '${this.name}' did not start within ${timeoutMs} ms:\n${this.logTail()}`)), timeoutMs);
      for (const stream of [child.stdout, child.stderr]) {
        if (!stream) continue;
        createInterface({ input: stream }).on('line', (line) => {
          log.write(`${line}\n`);
          options.onLogLine?.(line);
          if (!started && STARTED.test(line)) {
            started = true;
            clearTimeout(timer);
            resolve();
          }
        });
      }
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (!started) reject(new Error(`Kafka Connect worker '${this.name}' exited while starting (${code ?? signal}):\n${this.logTail()}`));
      });
    }).catch(async (error: unknown) => {
      await this.stop();
      throw error;
    });
  }

  // 409 (rebalance in progress) and connection errors are retried until the deadline; other errors fail at once.
  private async request(method: string, path: string, body: unknown, timeoutMs: number): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let retry: string;
      try {
        // A worker that cannot read its topics holds a request for its own REST timeout (90 s): give up at the deadline.
        const response = await fetch(`${this.restUrl}${path}`, {
          method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
        });
        const text = await response.text();
        if (response.ok) return text === '' ? undefined : JSON.parse(text);
        if (response.status !== 409 && response.status !== 404) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
        retry = `${response.status}: ${text}`;
      } catch (error) {
        if (error instanceof Error && / answered /.test(error.message)) throw error;
        retry = String(error);
      }
      if (Date.now() > deadline) throw new Error(
        `${method} ${path} on Kafka Connect '${this.name}' did not succeed within ${timeoutMs} ms (last: ${retry}).`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
