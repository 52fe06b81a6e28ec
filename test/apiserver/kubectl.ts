import { KubectlResult, runKubectl, succeeded } from '../../scripts/apiserver/server';

/** Set by global setup for the workers: the API server's kubeconfig and the kubectl of its release. */
export const KUBECONFIG_ENV = 'STRIMZI_CDK8S_APISERVER_KUBECONFIG';
export const KUBECTL_ENV = 'STRIMZI_CDK8S_APISERVER_KUBECTL';

/** kubectl against the project's API server; `input` goes to stdin (`-f -`). */
export function kubectl(args: readonly string[], input?: string): KubectlResult {
  const binary = process.env[KUBECTL_ENV];
  const kubeconfig = process.env[KUBECONFIG_ENV];
  if (!binary || !kubeconfig) throw new Error('no API server: run these tests through the jest project `apiserver` (its global setup starts one)');
  return runKubectl(binary, kubeconfig, args, input);
}

/** {@link kubectl}, throwing with its stderr unless it succeeds. */
export function kubectlOk(args: readonly string[], input?: string): string {
  return succeeded(args, kubectl(args, input));
}

/** The flags every apply uses: what the README tells users (`--server-side --validate=strict`), as one field manager. */
export const APPLY = ['apply', '--server-side', '--validate=strict', '--field-manager=strimzi-cdk8s'] as const;

/** Creates the namespace unless it exists. */
export function ensureNamespace(namespace: string): void {
  if (kubectl(['get', 'namespace', namespace]).status !== 0) kubectlOk(['create', 'namespace', namespace]);
}
