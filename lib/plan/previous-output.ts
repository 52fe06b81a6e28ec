import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** The manifests a synth is compared with: each YAML document's text, with the file it came from. */
export interface PreviousOutput {
  /** Where they were read, for the plan's header, e.g. `git HEAD:dist` or `/tmp/out`. */
  readonly description: string;
  readonly documents: readonly PreviousDocument[];
}

export interface PreviousDocument {
  /** The file, relative to the output directory, e.g. `0001-manual-topic.k8s.yaml`. */
  readonly file: string;
  /** The document's YAML text, exactly as cdk8s wrote it. */
  readonly text: string;
}

const YAML_FILE = /\.ya?ml$/;

/**
 * Reads the previous output of an app whose output directory is `outdir`.
 *
 * `baseline` names it: `git:<ref>` for the output directory as committed at that ref, another value for a directory.
 * Without one: the output directory as committed at git HEAD when it is committed, otherwise the files in it. Git
 * comes first because `cdk8s synth` deletes the output directory before it runs the app, and because the committed
 * output is what a GitOps tool (or the last `oc apply -f dist/`) deployed.
 */
export function readPreviousOutput(outdir: string, baseline?: string): PreviousOutput {
  if (baseline?.startsWith('git:')) {
    const ref = baseline.slice('git:'.length);
    return readCommitted(outdir, ref) ?? { description: `git ${ref}:${outdir} (not found)`, documents: [] };
  }
  if (baseline !== undefined) return readDirectory(baseline);
  return readCommitted(outdir, 'HEAD') ?? readDirectory(outdir);
}

function readDirectory(dir: string): PreviousOutput {
  const documents: PreviousDocument[] = [];
  const walk = (relative: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(dir, relative), { withFileTypes: true });
    } catch {
      return; // no directory: nothing was synthesized there yet
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (YAML_FILE.test(entry.name)) documents.push(...splitDocuments(file, fs.readFileSync(path.join(dir, file), 'utf8')));
    }
  };
  walk('');
  return { description: dir, documents };
}

/** The YAML files under `outdir` at `ref`, or undefined when `outdir` is not in a git work tree or has none there. */
function readCommitted(outdir: string, ref: string): PreviousOutput | undefined {
  const root = gitRoot(path.resolve(outdir));
  if (root === undefined) return undefined;
  const relative = path.relative(root, path.resolve(outdir)).split(path.sep).join('/');
  // Two git calls whatever the number of files: list the blobs, then read them all in one batch.
  const tree = spawnSync('git', ['-C', root, 'ls-tree', '-r', '-z', ref, '--', `${relative}/`], { encoding: 'utf8' });
  if (tree.status !== 0) return undefined;
  const blobs = tree.stdout.split('\0').filter(Boolean)
    .map((entry) => ({ id: entry.split(/\s/)[2], file: path.posix.relative(relative, entry.slice(entry.indexOf('\t') + 1)) }))
    .filter((b) => YAML_FILE.test(b.file));
  if (blobs.length === 0) return undefined;
  const batch = spawnSync('git', ['-C', root, 'cat-file', '--batch'], { input: blobs.map((b) => b.id).join('\n') + '\n', maxBuffer: 1 << 30 });
  if (batch.status !== 0) return undefined;
  const documents: PreviousDocument[] = [];
  let offset = 0;
  for (const blob of blobs) {
    // Each object comes as "<id> blob <size>\n<content>\n".
    const headerEnd = batch.stdout.indexOf(0x0a, offset);
    const size = Number(batch.stdout.toString('utf8', offset, headerEnd).split(' ')[2]);
    documents.push(...splitDocuments(blob.file, batch.stdout.toString('utf8', headerEnd + 1, headerEnd + 1 + size)));
    offset = headerEnd + 1 + size + 1;
  }
  return { description: `git ${ref}:${relative}`, documents };
}

function gitRoot(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** cdk8s joins a file's documents with `---` lines; a document itself never has one at the start of a line. */
function splitDocuments(file: string, text: string): PreviousDocument[] {
  return text.split(/^---\n/m).filter((doc) => doc.trim() !== '').map((doc) => ({ file, text: doc }));
}
