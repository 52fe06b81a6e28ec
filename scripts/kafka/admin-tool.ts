import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ensureKafkaJars, kafkaClasspath } from './jars';

const SOURCE = join(__dirname, 'HarnessAdmin.java');
const REPO_ROOT = join(__dirname, '..', '..');

/** Compiles HarnessAdmin.java once per content (a JVM start then costs ~0.5 s instead of ~2.5 s). */
function compiledClasspath(): string {
  ensureKafkaJars();
  const hash = createHash('sha256').update(readFileSync(SOURCE)).digest('hex').slice(0, 16);
  const dir = join(REPO_ROOT, '.cache', 'harness-admin', hash);
  if (!existsSync(join(dir, 'HarnessAdmin.class'))) {
    mkdirSync(dir, { recursive: true });
    const javac = spawnSync('javac', ['-cp', kafkaClasspath(), '-d', dir, SOURCE], { encoding: 'utf8' });
    if (javac.status !== 0) throw new Error(`Compiling ${SOURCE} failed:\n${javac.error?.message ?? ''}${javac.stdout}${javac.stderr}`);
  }
  return [dir, kafkaClasspath()].join(delimiter);
}

/**
 * Runs HarnessAdmin (on Kafka's own classes) with `args`, writing `input` to its stdin; resolves with its
 * stdout.
 *
 * @throws with the tool's output if it fails; `input` is never part of the message (it holds passwords).
 */
export function runHarnessAdmin(args: readonly string[], input = ''): Promise<string> {
  const classpath = compiledClasspath();
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-cp', classpath, 'HarnessAdmin', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', (error) => reject(new Error(`Cannot run java for HarnessAdmin ${args[0]}: ${error.message}`)));
    child.once('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`HarnessAdmin ${args.join(' ')} failed (exit ${code}):\n${stderr.trim() || stdout.trim()}`));
    });
    child.stdin.end(input);
  });
}

let brokerConfigNames: Promise<ReadonlySet<string>> | undefined;

/** Every broker config key Kafka itself defines (read once from its `ConfigDef`). */
export function kafkaBrokerConfigNames(): Promise<ReadonlySet<string>> {
  brokerConfigNames ??= runHarnessAdmin(['broker-config-names']).then((out) => new Set(out.split('\n').filter(Boolean)));
  return brokerConfigNames;
}
