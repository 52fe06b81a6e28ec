import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBinaries } from './build';

// `npm run kubectl -- <args>`: the kubectl of the API server's release, on the cluster `npm run apiserver` started
// (its kubeconfig, unless KUBECONFIG names another).
const kubeconfig = process.env.KUBECONFIG ?? join(__dirname, '..', '..', '.local', 'kubeconfig');
if (!existsSync(kubeconfig)) process.stderr.write(`kubectl: ${kubeconfig} does not exist yet; start the API server with \`npm run apiserver\`.\n`);
const run = spawnSync(ensureBinaries().kubectl, process.argv.slice(2), { stdio: 'inherit', env: { ...process.env, KUBECONFIG: kubeconfig } });
process.exit(run.status ?? 1);
