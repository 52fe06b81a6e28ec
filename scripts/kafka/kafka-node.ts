import { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync, WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { runHarnessAdmin } from './admin-tool';
import { KAFKA_VERSION } from './jars';
import { spawnTied, stopProcess } from './tied-process';

/** What a node does in KRaft (`process.roles`). */
export type NodeRole = 'broker' | 'controller';

/** How one JVM of a local cluster is run; the cluster decides its configuration. */
export interface KafkaNodeSettings {
  readonly id: number;
  readonly roles: readonly NodeRole[];
  /** Folder of its `server.properties`, log and data; kept across restarts. */
  readonly dir: string;
  /** The `java -cp` value. */
  readonly classpath: string;
  readonly serverProperties: Readonly<Record<string, string>>;
  /** KRaft cluster id, the same for every node of a cluster. */
  readonly clusterId: string;
  /** `--add-scram` values for formatting (SCRAM users that must exist before any broker starts). */
  readonly bootstrapScram: readonly string[];
  readonly heap: string;
  readonly logLevel: string;
  readonly onLogLine?: (line: string) => void;
}

// Both roles log this once the node has joined the quorum and, for brokers, registered. Its logger stays
// at INFO whatever the node's log level, so that a quiet node still says when it is up.
const STARTED = /Kafka Server started/;
const STARTED_LOGGER = 'kafka.server.KafkaRaftServer';

/**
 * One Kafka JVM on loopback, formatted on first start. It can be stopped gracefully or killed with
 * SIGKILL and started again on the same ports and data.
 */
export class KafkaNode {
  private process?: ChildProcess;
  private logFile?: WriteStream;

  public constructor(private readonly settings: KafkaNodeSettings) {}

  public get id(): number {
    return this.settings.id;
  }

  public get roles(): readonly NodeRole[] {
    return this.settings.roles;
  }

  public get isBroker(): boolean {
    return this.settings.roles.includes('broker');
  }

  /** Whether the JVM is running. */
  public get running(): boolean {
    return this.process !== undefined;
  }

  /** The node's full log (stdout and stderr of the JVM). */
  public get logPath(): string {
    return join(this.settings.dir, 'broker.log');
  }

  /** The last lines of the node's log, for error messages. */
  public logTail(lines = 40): string {
    return existsSync(this.logPath) ? readFileSync(this.logPath, 'utf8').split('\n').slice(-lines).join('\n') : '';
  }

  /** Formats storage if needed, starts the JVM and resolves when it logs that it started. */
  public async start(timeoutMs: number): Promise<void> {
    if (this.process) throw new Error(`Kafka node ${this.id} is already running`);
    mkdirSync(this.settings.dir, { recursive: true, mode: 0o700 });
    const properties = join(this.settings.dir, 'server.properties');
    // It may hold the inter-broker password: readable by us only.
    writeFileSync(properties, toProperties(this.settings.serverProperties), { mode: 0o600 });
    if (!existsSync(join(this.settings.serverProperties['log.dirs'], 'meta.properties'))) await this.format(properties);

    const logFile = createWriteStream(this.logPath, { flags: 'a' });
    this.logFile = logFile;
    const child = spawnTied(
      'java',
      [
        `-Xms${this.settings.heap}`,
        `-Xmx${this.settings.heap}`,
        `-Dorg.slf4j.simpleLogger.defaultLogLevel=${this.settings.logLevel}`,
        `-Dorg.slf4j.simpleLogger.log.${STARTED_LOGGER}=info`,
        '-Dorg.slf4j.simpleLogger.showDateTime=true',
        '-cp',
        this.settings.classpath,
        'kafka.Kafka',
        properties,
      ],
      { stdio: 'pipe' },
    );
    this.process = child;
    let started = false;
    const whenStarted = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`Kafka node ${this.id} did not start within ${timeoutMs} ms:\n${this.logTail()}`)),
        timeoutMs,
      );
      const done = (error?: Error): void => {
        clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      for (const stream of [child.stdout, child.stderr]) {
        if (!stream) continue;
        createInterface({ input: stream }).on('line', (line) => {
          logFile.write(`${line}\n`);
          this.settings.onLogLine?.(line);
          if (!started && STARTED.test(line)) {
            started = true;
            done();
          }
        });
      }
      child.once('exit', (code, signal) => {
        if (this.process === child) this.process = undefined;
        if (!started) done(new Error(`Kafka ${KAFKA_VERSION} node ${this.id} exited while starting (${code ?? signal}):\n${this.logTail()}`));
      });
    });
    try {
      await whenStarted;
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Stops the JVM gracefully (SIGTERM, then SIGKILL after 20 s); data stays. */
  public async stop(): Promise<void> {
    const child = this.process;
    if (child) await stopProcess(child, 20_000);
    await this.closeLog();
  }

  /** Kills the JVM at once with SIGKILL, as a crash or a lost machine would; no shutdown hook runs. */
  public async kill(): Promise<void> {
    const child = this.process;
    if (child) await stopProcess(child, 0, 'SIGKILL');
    await this.closeLog();
  }

  private async closeLog(): Promise<void> {
    this.process = undefined;
    const logFile = this.logFile;
    this.logFile = undefined;
    await new Promise<void>((resolve) => (logFile ? logFile.end(resolve) : resolve()));
  }

  private async format(properties: string): Promise<void> {
    // The id is passed attached with '=': it may start with '-', which the tool would read as an option.
    // SCRAM users go through stdin, so that no password shows in a process listing.
    await runHarnessAdmin(
      ['format', `--cluster-id=${this.settings.clusterId}`, '--config', properties],
      this.settings.bootstrapScram.map((s) => `${s}\n`).join(''),
    ).catch((error: Error) => {
      throw new Error(`Formatting Kafka storage of node ${this.id} in ${this.settings.dir} failed: ${error.message}`);
    });
  }
}

function toProperties(properties: Readonly<Record<string, string>>): string {
  return Object.entries(properties)
    .map(([key, value]) => `${key}=${value}\n`)
    .join('');
}
