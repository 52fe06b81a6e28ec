import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { KUBECONFIG_ENV } from './kubectl';

/** The API server's verdict on one object: accepted or not, and its message when not. */
export interface Verdict {
  readonly accepted: boolean;
  readonly status: number;
  readonly message: string;
}

/** Where each kind is created (core and apps/networking groups, namespaced unless stated). */
const COLLECTIONS: Readonly<Record<string, (namespace: string) => string>> = {
  Namespace: () => '/api/v1/namespaces',
  ConfigMap: (ns) => `/api/v1/namespaces/${ns}/configmaps`,
  Service: (ns) => `/api/v1/namespaces/${ns}/services`,
  Pod: (ns) => `/api/v1/namespaces/${ns}/pods`,
  Deployment: (ns) => `/apis/apps/v1/namespaces/${ns}/deployments`,
  StatefulSet: (ns) => `/apis/apps/v1/namespaces/${ns}/statefulsets`,
  DaemonSet: (ns) => `/apis/apps/v1/namespaces/${ns}/daemonsets`,
  ReplicaSet: (ns) => `/apis/apps/v1/namespaces/${ns}/replicasets`,
  Job: (ns) => `/apis/batch/v1/namespaces/${ns}/jobs`,
  CronJob: (ns) => `/apis/batch/v1/namespaces/${ns}/cronjobs`,
  NetworkPolicy: (ns) => `/apis/networking.k8s.io/v1/namespaces/${ns}/networkpolicies`,
};

let connection: { server: URL; ca: Buffer; token: string } | undefined;

/** The server, its CA and the admin token, from the kubeconfig global setup wrote. */
function fromKubeconfig(): { server: URL; ca: Buffer; token: string } {
  const config = JSON.parse(readFileSync(process.env[KUBECONFIG_ENV]!, 'utf8'));
  const cluster = config.clusters[0].cluster;
  return { server: new URL(cluster.server), ca: readFileSync(cluster['certificate-authority']), token: config.users[0].user.token };
}

/**
 * Creates `object` as a server-side dry run with strict field validation, straight over HTTPS (hundreds of probes
 * would take minutes through one kubectl process each). Nothing is stored.
 */
export function dryRunCreate(object: { kind: string }, namespace: string): Promise<Verdict> {
  connection ??= fromKubeconfig();
  const { server, ca, token } = connection;
  const body = JSON.stringify(object);
  return new Promise((resolve, reject) => {
    const req = request({
      host: server.hostname, port: server.port, method: 'POST', ca,
      path: `${COLLECTIONS[object.kind](namespace)}?dryRun=All&fieldValidation=Strict`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const accepted = status >= 200 && status < 300;
        resolve({ accepted, status, message: accepted ? '' : (JSON.parse(text).message as string) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
