import { rmSync } from 'node:fs';
import { ApiServer } from '../../scripts/apiserver/server';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { apiServer?: ApiServer }).apiServer;
  if (!server) return;
  const code = await server.stop();
  if (code !== 0) throw new Error(`the API server did not stop cleanly on SIGTERM (${code}); see ${server.logFile}`);
  rmSync(server.dataDir, { recursive: true, force: true });
}
