/**
 * Annotations that keep an object when a GitOps tool prunes what left the manifests, or deletes its application:
 * Argo CD's sync options `Prune=false` and `Delete=false` (argo-cd docs/user-guide/sync-options.md), Flux's
 * `kustomize.toolkit.fluxcd.io/prune: disabled` and Helm's `helm.sh/resource-policy: keep` (for `cdk8s synth
 * --format helm`). Deleting such an object becomes a deliberate step by hand, after the plan showed what it holds.
 */
export const PRUNE_PROTECTION_ANNOTATIONS: Readonly<Record<string, string>> = {
  'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
  'kustomize.toolkit.fluxcd.io/prune': 'disabled',
  'helm.sh/resource-policy': 'keep',
};
