import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const REPO_ROOT = join(__dirname, '..', '..');
/** Our Go module: it requires k8s.io/kubernetes and pins every staging module to the same release. */
export const MODULE_DIR = join(REPO_ROOT, 'tools', 'apiserver');

/** The Kubernetes release the module builds (kept in step with tools/apiserver/go.mod by {@link kubernetesVersion}). */
export function kubernetesVersion(): string {
  const match = /^\s*(?:require )?k8s\.io\/kubernetes (v\d+\.\d+\.\d+)$/m.exec(readFileSync(join(MODULE_DIR, 'go.mod'), 'utf8'));
  if (!match) throw new Error('tools/apiserver/go.mod: no `require k8s.io/kubernetes vX.Y.Z` line');
  return match[1];
}

/** The Go release tools/apiserver/go.mod needs (Debian's golang-go is older: Go comes with the machine, not apt). */
const GO_MINOR = 26;

function goVersion(): string {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  const minor = Number(/go1\.(\d+)/.exec(go.stdout ?? '')?.[1]);
  if (go.error || go.status !== 0 || !(minor >= GO_MINOR)) {
    const found = go.error || go.status !== 0 ? 'no `go` on PATH' : go.stdout.trim();
    throw new Error(`The API server is built from Go modules and needs Go 1.${GO_MINOR} or later (${found}); install it from https://go.dev/dl/ and put it on PATH.`);
  }
  return go.stdout.trim();
}

/**
 * The folder holding `apiserver` and `kubectl` for the current module: keyed by go.mod, go.sum, main.go and the Go
 * toolchain, so a dependency bump or a new Go builds afresh and anything else reuses the binaries (git-ignored).
 */
export function binDir(): string {
  const hash = createHash('sha256').update(goVersion());
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(MODULE_DIR, file)));
  return join(REPO_ROOT, '.cache', 'apiserver', `${kubernetesVersion()}-${hash.digest('hex').slice(0, 16)}`, 'bin');
}

export interface ApiServerBinaries {
  readonly apiserver: string;
  readonly kubectl: string;
}

/**
 * Builds the API server (with embedded etcd) and kubectl unless the cache has them. Modules come from the Go module
 * proxy by name, checked against the committed go.sum. A cold build takes many minutes and a few GB of memory.
 */
export function ensureBinaries(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): ApiServerBinaries {
  const dir = binDir();
  const binaries = { apiserver: join(dir, 'apiserver'), kubectl: join(dir, 'kubectl') };
  if (existsSync(binaries.apiserver) && existsSync(binaries.kubectl)) return binaries;

  const version = kubernetesVersion();
  const [, major, minor] = /^v(\d+)\.(\d+)\./.exec(version)!;
  // What `make` stamps into Kubernetes' binaries: `kubectl version` and the API server's /version report the release.
  const stamp = [`gitVersion=${version}`, `gitMajor=${major}`, `gitMinor=${minor}`, 'gitTreeState=clean']
    .map((kv) => `-X k8s.io/component-base/version.${kv}`)
    .join(' ');
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  log(`apiserver: building kube-apiserver + etcd and kubectl ${version} from Go modules (cold: many minutes)...`);
  const started = Date.now();
  // `-p`: the machine's cores are shared, so two compile jobs at a time unless APISERVER_GO_JOBS says otherwise.
  const build = spawnSync(
    'go',
    ['build', `-p=${process.env.APISERVER_GO_JOBS ?? 2}`, '-mod=readonly', '-buildvcs=false', '-trimpath', `-ldflags=-s -w ${stamp}`,
      '-o', `${tmp}/`, '.', 'k8s.io/kubernetes/cmd/kubectl'],
    {
      cwd: MODULE_DIR,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, CGO_ENABLED: '0' },
    },
  );
  if (build.error || build.status !== 0) {
    rmSync(tmp, { recursive: true, force: true });
    throw new Error(`apiserver: go build failed (${build.error?.message ?? `exit ${build.status}`}); see the output above.`);
  }
  mkdirSync(join(dir, '..'), { recursive: true });
  renameSync(tmp, dir);
  log(`apiserver: built in ${((Date.now() - started) / 1000).toFixed(0)} s -> ${dir}`);
  return binaries;
}

if (require.main === module) {
  const started = Date.now();
  try {
    const binaries = ensureBinaries();
    process.stdout.write(`${binaries.apiserver}\n${binaries.kubectl}\n(${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
