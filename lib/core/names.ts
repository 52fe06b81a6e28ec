import { NAME_RULES, nameProblem, shortHash, toResourceName } from '../rules/kubernetes-names';

/**
 * Name checks in the older message form (`<what>: '<name>' is not ...`), kept for the constructs that still call
 * them; the rules themselves are lib/rules/kubernetes-names.ts's tables.
 */
export { shortHash, toResourceName };

/** True when `name` may be used as `metadata.name` of most Kubernetes objects (RFC 1123 subdomain). */
export function isResourceName(name: string): boolean {
  return nameProblem(NAME_RULES.dns1123Subdomain, name) === undefined;
}

/** Throws unless `name` is a valid RFC 1123 subdomain, the rule for `metadata.name`. */
export function assertResourceName(what: string, name: string): void {
  if (!isResourceName(name)) {
    throw new Error(
      `${what}: '${name}' is not a valid Kubernetes resource name: it must be ${NAME_RULES.dns1123Subdomain.description}. ` +
        `Use e.g. '${toResourceName(name)}'.`,
    );
  }
}

/**
 * Throws unless `name` is a valid RFC 1035 label of at most `max` characters: the rule for names
 * that become Service names (and so DNS names), such as Deployments exposed by a Service.
 */
export function assertDnsLabel(what: string, name: string, max = 63): void {
  if (name.length > max || nameProblem(NAME_RULES.dns1035Label, name)) {
    throw new Error(
      `${what}: '${name}' is not a valid name here: it must be at most ${max} characters of lower-case ` +
        `letters, digits and '-', starting with a letter and ending with a letter or digit.`,
    );
  }
}
