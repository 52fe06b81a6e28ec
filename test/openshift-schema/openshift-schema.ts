import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { KubeObject, SchemaResult } from '../lib/support/schemas';

const JARS_DIR = resolve(__dirname, '../../.cache/openshift-schema/lib');

/** True for objects of OpenShift's own API groups (route.openshift.io, image.openshift.io, ...). */
export function isOpenShiftObject(object: KubeObject): boolean {
  return /^[a-z.]+\.openshift\.io\//.test(object.apiVersion);
}

/**
 * Fetches fabric8's OpenShift model once into .cache/ (Maven Central), then reuses it. Test files run in
 * parallel: each fetches into a folder of its own and the first to finish puts it in place.
 */
function ensureOpenShiftModels(): void {
  if (existsSync(JARS_DIR)) return;
  const fetching = `${JARS_DIR}.${process.pid}`;
  execFileSync('mvn', [
    '-q', '-B', '-f', join(__dirname, 'pom.xml'),
    'dependency:copy-dependencies', `-DoutputDirectory=${fetching}`, '-DincludeScope=runtime',
  ], { stdio: 'inherit' });
  try {
    renameSync(fetching, JARS_DIR);
  } catch {
    rmSync(fetching, { recursive: true, force: true }); // another worker was first
  }
}

/**
 * Checks OpenShift objects whole against OpenShift's API types (fabric8's generated model): unknown
 * fields at any depth and values of the wrong type are errors. Other objects are skipped.
 */
export function validateAgainstOpenShift(objects: KubeObject[]): SchemaResult[] {
  const openshift = objects.filter(isOpenShiftObject);
  if (openshift.length === 0) return [];
  ensureOpenShiftModels();
  const out = execFileSync('java', ['-cp', join(JARS_DIR, '*'), join(__dirname, 'OpenShiftSchemaCheck.java')], {
    input: JSON.stringify(openshift), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  const results: { ok: boolean; errors: string[] }[] = JSON.parse(out);
  if (results.length !== openshift.length) {
    throw new Error(`OpenShiftSchemaCheck answered for ${results.length} of ${openshift.length} objects`);
  }
  return openshift.map((o, i) => ({ object: `${o.apiVersion} ${o.kind} ${o.metadata?.name ?? '(no name)'}`, errors: results[i].errors }));
}
