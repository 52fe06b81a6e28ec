import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { buildOrdersApp } from '../../examples/orders-app';
import { buildProductionApp } from '../../examples/production-app';
import { kubectlOk } from './kubectl';

const ROOT = join(__dirname, '..', '..');

/** One object of a synthesized file: its identity, its JSON and its YAML text as written. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly json: any;
  readonly text: string;
}

/** A synthesized file, in the order `cdk8s synth` numbers them (the order `kubectl apply -f <dir>` reads them). */
export interface ManifestFile {
  readonly file: string;
  readonly manifests: Manifest[];
}

/** An app as a user applies it: its files, and the namespace they go to when they name none. */
export interface AppUnderTest {
  readonly name: string;
  readonly namespace: string;
  readonly files: ManifestFile[];
}

/** The YAML files of a synth output folder, in file-name order. */
export function readManifestDir(dir: string): ManifestFile[] {
  return readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((file) => ({
    file,
    manifests: parseAllDocuments(readFileSync(join(dir, file), 'utf8')).filter((doc) => doc.contents !== null).map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
      const json = doc.toJS();
      return {
        apiVersion: json.apiVersion, kind: json.kind, name: json.metadata.name, namespace: json.metadata.namespace, json, text: doc.toString(),
      };
    }),
  }));
}

function synthInto(build: (app: App) => unknown): string {
  const outdir = mkdtempSync(join(tmpdir(), 'strimzi-cdk8s-synth-'));
  const app = new App({ outdir });
  build(app);
  app.synth();
  return outdir;
}

/** The scale benchmark's app (1000 topics, 100 pairs) is a script: run it as `cdk8s synth` would, into a temp folder. */
function synthScaleApp(): string {
  const outdir = mkdtempSync(join(tmpdir(), 'strimzi-cdk8s-synth-'));
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'apps', 'scale.ts')], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDK8S_OUTDIR: outdir },
  });
  if (run.status !== 0) throw new Error(`bench/apps/scale.ts failed:\n${run.stderr}`);
  return outdir;
}

/**
 * The apps the README shows: dist/ as committed (the seed, applied to a fresh project), the two examples (their charts
 * name their namespaces) and the scale benchmark's app.
 */
export const APPS: Record<string, () => AppUnderTest> = {
  'dist/ (the seed)': () => ({ name: 'seed', namespace: 'seed', files: readManifestDir(join(ROOT, 'dist')) }),
  'examples/orders-app.ts': () => ({ name: 'orders', namespace: 'orders', files: readManifestDir(synthInto(buildOrdersApp)) }),
  'examples/production-app.ts': () => ({ name: 'production', namespace: 'payments', files: readManifestDir(synthInto(buildProductionApp)) }),
  'bench/apps/scale.ts': () => ({ name: 'scale', namespace: 'scale', files: readManifestDir(synthScaleApp()) }),
};

/** A kind the API server serves: `kubectl get` takes `resource` (plural.group). */
export interface ServedKind {
  readonly resource: string;
  readonly namespaced: boolean;
}

/** Every kind the API server serves, by `<apiVersion> <kind>` (from discovery, as kubectl sees it). */
export function servedKinds(): Map<string, ServedKind> {
  const served = new Map<string, ServedKind>();
  for (const line of kubectlOk(['api-resources', '--no-headers']).trim().split('\n')) {
    // NAME [SHORTNAMES] APIVERSION NAMESPACED KIND: read from the end, since SHORTNAMES may be empty.
    const columns = line.trim().split(/\s+/);
    const [apiVersion, namespaced, kind] = columns.slice(-3);
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
    served.set(`${apiVersion} ${kind}`, { resource: group ? `${columns[0]}.${group}` : columns[0], namespaced: namespaced === 'true' });
  }
  return served;
}

/**
 * Kinds an API server built from Kubernetes' modules cannot serve, and why. They stay on the check against fabric8's
 * OpenShift model (test/openshift-schema).
 */
export const UNSERVABLE_KINDS: Readonly<Record<string, string>> = {
  'build.openshift.io/v1 BuildConfig': "served by OpenShift's own API server (openshift-apiserver), not by a CRD",
  'image.openshift.io/v1 ImageStream': "served by OpenShift's own API server (openshift-apiserver), not by a CRD",
};
