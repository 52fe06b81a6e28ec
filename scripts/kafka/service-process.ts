import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { spawnTied, stopProcess } from './tied-process';

const REPO_ROOT = join(__dirname, '..', '..');

/** The two services in apps/. */
export type ServiceName = 'producer' | 'consumer';

export interface ServiceProcessOptions {
  /** Environment variables on top of this process's own. */
  readonly env?: Readonly<Record<string, string>>;
  /** Called with every line the service writes (stdout and stderr). */
  readonly onLine?: (line: string) => void;
  /**
   * Run the compiled JavaScript in `apps/build/` (`npx tsc -p apps`), as the images do, instead of
   * the TypeScript sources through tsx. @default false
   */
  readonly compiled?: boolean;
}

/**
 * A service run from its TypeScript sources (`node --import tsx apps/<name>/main.ts`), or compiled,
 * as a child process, stopped with it if this process dies. Keeps its output for assertions.
 */
export class ServiceProcess {
  public static start(name: ServiceName, options: ServiceProcessOptions = {}): ServiceProcess {
    return new ServiceProcess(name, options);
  }

  /** Every line written so far. */
  public readonly lines: string[] = [];
  /** Resolves with the exit code (or the signal name) when the process ends. */
  public readonly exited: Promise<number | string>;
  private readonly child: ChildProcess;
  private readonly outputs: Readable[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(
    public readonly name: ServiceName,
    private readonly options: ServiceProcessOptions,
  ) {
    const entry = options.compiled ? [join('apps', 'build', 'apps', name, 'main.js')] : ['--import', 'tsx', join('apps', name, 'main.ts')];
    this.child = spawnTied(process.execPath, entry, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: 'pipe',
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      this.outputs.push(stream);
      createInterface({ input: stream }).on('line', (line) => this.record(line));
    }
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve(code ?? signal ?? 0)));
  }

  /** Whether the process is still running. */
  public get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Stops reading the service's output, as a log collector that lags would: once the pipe is full,
   * the service's writes wait. {@link resumeOutput} reads on.
   */
  public pauseOutput(): void {
    for (const output of this.outputs) output.pause();
  }

  public resumeOutput(): void {
    for (const output of this.outputs) output.resume();
  }

  /** Sends a signal without waiting for anything (SIGKILL kills the whole process group at once). */
  public signal(signal: 'SIGTERM' | 'SIGINT' | 'SIGKILL'): void {
    if (signal === 'SIGKILL') void stopProcess(this.child, 0, 'SIGKILL');
    else this.child.kill(signal);
  }

  /** Sends SIGTERM and waits for the process to end; SIGKILL after `graceMs` if it will not. */
  public async stop(graceMs = 25_000): Promise<number | string> {
    return stopProcess(this.child, graceMs);
  }

  /**
   * Resolves with the first matching line from line number `from` on (already written or to come);
   * rejects after `timeoutMs`.
   */
  public waitForLine(pattern: RegExp, timeoutMs = 30_000, from = 0): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const line = this.lines.slice(from).find((l) => pattern.test(l));
        if (line !== undefined) resolve(line);
        return line !== undefined;
      };
      if (check()) return;
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`${this.name} wrote no line matching ${pattern} within ${timeoutMs} ms. Output:\n${this.lines.slice(-30).join('\n')}`));
      }, timeoutMs);
      const waiter = (): void => {
        if (check()) {
          clearTimeout(timer);
          this.waiters.delete(waiter);
        }
      };
      this.waiters.add(waiter);
    });
  }

  private record(line: string): void {
    this.lines.push(line);
    this.options.onLine?.(line);
    for (const waiter of [...this.waiters]) waiter();
  }
}
