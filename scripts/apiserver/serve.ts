import { join } from 'node:path';
import { ApiServer } from './server';

const REPO_ROOT = join(__dirname, '..', '..');

// `npm run apiserver`: a real API server on loopback until SIGTERM or Ctrl-C. Its data stays in .local/apiserver
// between runs (delete the folder for an empty cluster); the kubeconfig is .local/kubeconfig.
async function main(): Promise<void> {
  const started = Date.now();
  const server = await ApiServer.start({ dataDir: join(REPO_ROOT, '.local', 'apiserver'), kubeconfig: join(REPO_ROOT, '.local', 'kubeconfig') });
  process.stdout.write([
    `API server ready in ${((Date.now() - started) / 1000).toFixed(1)} s, with the Strimzi 1.2.0 and Route CRDs.`,
    `  kubeconfig: ${server.kubeconfig}`,
    `  log:        ${server.logFile}`,
    '  try:        npm run kubectl -- apply --server-side --validate=strict -n default -f dist/',
    'Ctrl-C or SIGTERM stops it.',
    '',
  ].join('\n'));
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`${signal}: stopping the API server and etcd...\n`);
    void server.stop().then((code) => {
      process.stdout.write(`stopped (${code}).\n`);
      process.exit(code === 0 ? 0 : 1);
    });
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`apiserver: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
