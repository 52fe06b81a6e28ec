import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { kubectl } from './kubectl';

/** One object of `kubectl diff`: live (undefined when it would be created) and merged (undefined when pruned). */
export interface DiffedObject {
  readonly live?: any;
  readonly merged?: any;
}

/** What `kubectl diff` reports: its output and exit status, and each object it compared, by `<Kind>/<name>`. */
export interface KubectlDiff {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly objects: Map<string, DiffedObject>;
}

const CAPTURE = join(__dirname, 'capture-diff.sh');

/**
 * `kubectl diff <args>` with `input` on stdin, keeping the LIVE and MERGED objects kubectl wrote for its diff
 * program (one YAML file per object, an empty LIVE file for an object that does not exist), so that a test reads
 * what kubectl compared rather than parsing the text of a unified diff.
 */
export function kubectlDiff(args: readonly string[], input: string): KubectlDiff {
  const capture = mkdtempSync(join(tmpdir(), 'strimzi-cdk8s-diff-'));
  const saved = { program: process.env.KUBECTL_EXTERNAL_DIFF, capture: process.env.STRIMZI_CDK8S_DIFF_CAPTURE };
  process.env.KUBECTL_EXTERNAL_DIFF = CAPTURE;
  process.env.STRIMZI_CDK8S_DIFF_CAPTURE = capture;
  try {
    const run = kubectl(['diff', ...args], input);
    const read = (side: string, file: string) => parse(readFileSync(join(capture, side, file), 'utf8')) ?? undefined;
    const files = run.status <= 1 ? [...new Set(['live', 'merged'].flatMap((side) => readdirSync(join(capture, side))))] : [];
    const objects = new Map(files.map((file) => {
      const [live, merged] = ['live', 'merged'].map((side) => (readdirSync(join(capture, side)).includes(file) ? read(side, file) : undefined));
      const object = merged ?? live;
      return [`${object.kind}/${object.metadata.name}`, { live, merged }];
    }));
    return { ...run, objects };
  } finally {
    restore('KUBECTL_EXTERNAL_DIFF', saved.program);
    restore('STRIMZI_CDK8S_DIFF_CAPTURE', saved.capture);
    rmSync(capture, { recursive: true, force: true });
  }
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}
