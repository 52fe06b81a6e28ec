import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiServer } from '../../scripts/apiserver/server';
import { KUBECONFIG_ENV, KUBECTL_ENV } from './kubectl';

/** One empty API server (built first if the cache has no binaries) for the whole project; apps use their own namespaces. */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'strimzi-cdk8s-apiserver-'));
  const server = await ApiServer.start({ dataDir, kubeconfig: join(dataDir, 'kubeconfig') });
  (globalThis as { apiServer?: ApiServer }).apiServer = server;
  // Workers are forked after global setup, so they inherit these.
  process.env[KUBECONFIG_ENV] = server.kubeconfig;
  process.env[KUBECTL_ENV] = server.binaries.kubectl;
}
