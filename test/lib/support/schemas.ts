import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { strictSchema } from '../../../lib/core/strict-schema';

/**
 * Validators for synthesized objects against the real schemas:
 * - Strimzi custom resources against the `openAPIV3Schema` of the Strimzi 1.2.0 CRDs, made strict
 *   (unknown fields are errors, as with `kubectl apply --validate=strict`);
 * - core objects, and the metadata of custom resources, against Kubernetes' own OpenAPI models
 *   (the official Java client's generated models, run by k8s-schema/KubeSchemaCheck.java).
 */

const ROOT = path.resolve(__dirname, '../../..');
export const STRIMZI_CRDS_DIR = process.env.STRIMZI_CRDS_DIR ?? path.resolve(ROOT, '../shared/strimzi/crds');
const JARS_DIR = path.join(ROOT, '.cache/k8s-schema/lib');

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; [key: string]: unknown };
  [key: string]: unknown;
}

export interface SchemaResult {
  object: string;
  errors: string[];
}

/** Reads every YAML document of the files in a folder (e.g. dist/), in file order. */
export function readManifests(dir: string): KubeObject[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()
    .flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8')).map((d) => d.toJS() as KubeObject));
}

let strimziSchemas: Map<string, { schema: object; validate?: ValidateFunction }> | undefined;
const ajv = new Ajv({ strict: false, allErrors: true });

/** The validator for `apiVersion kind`, compiled on first use (the Kafka CRD alone takes a while). */
function strimziValidator(apiVersionKind: string): ValidateFunction | undefined {
  if (!strimziSchemas) {
    if (!fs.existsSync(STRIMZI_CRDS_DIR)) {
      throw new Error(`Strimzi CRDs not found in ${STRIMZI_CRDS_DIR}; set STRIMZI_CRDS_DIR to the folder of the 1.2.0 CRD files.`);
    }
    strimziSchemas = new Map();
    for (const file of fs.readdirSync(STRIMZI_CRDS_DIR).filter((f) => f.endsWith('.yaml'))) {
      const crd = parse(fs.readFileSync(path.join(STRIMZI_CRDS_DIR, file), 'utf8'));
      for (const version of crd.spec.versions.filter((v: any) => v.served)) {
        strimziSchemas.set(`${crd.spec.group}/${version.name} ${crd.spec.names.kind}`, { schema: version.schema.openAPIV3Schema });
      }
    }
  }
  const entry = strimziSchemas.get(apiVersionKind);
  if (entry && !entry.validate) {
    entry.validate = ajv.compile(strictSchema(entry.schema) as object);
  }
  return entry?.validate;
}

function describe(o: KubeObject): string {
  return `${o.apiVersion} ${o.kind} ${o.metadata?.name ?? '(no name)'}`;
}

/** Checks Strimzi custom resources against their CRD schema; other objects are skipped. */
export function validateAgainstStrimziCrds(objects: KubeObject[]): SchemaResult[] {
  return objects
    .filter((o) => o.apiVersion.startsWith('kafka.strimzi.io/') || o.apiVersion.startsWith('core.strimzi.io/'))
    .map((o) => {
      const validate = strimziValidator(`${o.apiVersion} ${o.kind}`);
      if (!validate) {
        return { object: describe(o), errors: [`Strimzi 1.2.0 serves no ${o.kind} in ${o.apiVersion}`] };
      }
      validate(o);
      const errors = (validate.errors ?? []).map((e) =>
        `${e.instancePath || '/'} ${e.message}${e.keyword === 'additionalProperties' ? `: '${(e.params as any).additionalProperty}'` : ''}`);
      return { object: describe(o), errors };
    });
}

/** Fetches the Kubernetes Java client once into .cache/ (Maven Central), then reuses it. */
function ensureKubernetesModels(): void {
  if (fs.existsSync(path.join(JARS_DIR, '.complete'))) return;
  execFileSync('mvn', [
    '-q', '-B', '-f', path.join(__dirname, '../k8s-schema/pom.xml'),
    'dependency:copy-dependencies', `-DoutputDirectory=${JARS_DIR}`, '-DincludeScope=runtime',
  ], { stdio: 'inherit' });
  fs.writeFileSync(path.join(JARS_DIR, '.complete'), '');
}

/** Checks core objects whole, and custom resources' metadata, against Kubernetes' own models. */
export function validateAgainstKubernetes(objects: KubeObject[]): SchemaResult[] {
  ensureKubernetesModels();
  const out = execFileSync('java', [
    '-cp', path.join(JARS_DIR, '*'), path.join(__dirname, '../k8s-schema/KubeSchemaCheck.java'),
  ], { input: JSON.stringify(objects), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const results: { ok: boolean; error?: string }[] = JSON.parse(out);
  if (results.length !== objects.length) {
    throw new Error(`KubeSchemaCheck answered for ${results.length} of ${objects.length} objects`);
  }
  // The model's message ends with the whole object as JSON; the first sentence says what is wrong.
  return objects.map((o, i) => ({
    object: describe(o),
    errors: results[i].ok ? [] : [(results[i].error ?? 'invalid').split(' JSON: ')[0]],
  }));
}
