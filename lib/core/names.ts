import { createHash } from 'crypto';

/**
 * Naming rules shared by the constructs. Each check returns nothing when the name is valid and
 * throws an error that names the object, the rule and a fix otherwise.
 */

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** True when `name` may be used as `metadata.name` of most Kubernetes objects (RFC 1123 subdomain). */
export function isResourceName(name: string): boolean {
  return name.length <= 253 && DNS_SUBDOMAIN.test(name);
}

/** Throws unless `name` is a valid RFC 1123 subdomain, the rule for `metadata.name`. */
export function assertResourceName(what: string, name: string): void {
  if (!isResourceName(name)) {
    throw new Error(
      `${what}: '${name}' is not a valid Kubernetes resource name: it must be at most 253 characters of ` +
        `lower-case letters, digits, '-' and '.', starting and ending with a letter or digit. ` +
        `Use e.g. '${toResourceName(name)}'.`,
    );
  }
}

/**
 * Throws unless `name` is a valid RFC 1035 label of at most `max` characters: the rule for names
 * that become Service names (and so DNS names), such as Deployments exposed by a Service.
 */
export function assertDnsLabel(what: string, name: string, max = 63): void {
  if (name.length > max || !DNS_LABEL.test(name)) {
    throw new Error(
      `${what}: '${name}' is not a valid name here: it must be at most ${max} characters of lower-case ` +
        `letters, digits and '-', starting with a letter and ending with a letter or digit.`,
    );
  }
}

/** Lower-cases a name and replaces what a resource name cannot hold, e.g. `Orders_v2` → `orders-v2`. */
export function toResourceName(name: string): string {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return cleaned === '' ? 'resource' : cleaned;
}

/** A short, stable suffix that keeps two different names apart after `toResourceName` folded them together. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
