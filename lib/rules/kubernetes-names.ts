import { createHash } from 'crypto';

/**
 * Kubernetes' rules for names and keys, as k8s.io/apimachinery/pkg/util/validation (validation.go) states them:
 * a pattern and a length limit each, and a phrase a user can act on.
 */
export interface NameRule {
  /** What the rule is called in Kubernetes' documentation. */
  readonly title: string;
  /** The longest name allowed. */
  readonly maxLength: number;
  readonly pattern: RegExp;
  /** The rule in words, to follow "must be". */
  readonly description: string;
  /** Whether the empty string is allowed (label values only). */
  readonly emptyAllowed?: true;
}

const SUBDOMAIN_PART = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const QUALIFIED_PART = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';

export const NAME_RULES = {
  /** IsDNS1123Subdomain: `metadata.name` of most kinds; label and annotation key prefixes. */
  dns1123Subdomain: {
    title: 'DNS-1123 subdomain', maxLength: 253, pattern: new RegExp(`^${SUBDOMAIN_PART}(\\.${SUBDOMAIN_PART})*$`),
    description: "at most 253 characters of lower-case letters, digits, '-' and '.', starting and ending with a letter or digit",
  },
  /** IsDNS1123Label: namespaces, container, volume and Service port names, pod host names. */
  dns1123Label: {
    title: 'DNS-1123 label', maxLength: 63, pattern: new RegExp(`^${SUBDOMAIN_PART}$`),
    description: "at most 63 characters of lower-case letters, digits and '-', starting and ending with a letter or digit",
  },
  /** IsDNS1035Label: Service names (they become DNS names that must not look like numbers). */
  dns1035Label: {
    title: 'DNS-1035 label', maxLength: 63, pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
    description: "at most 63 characters of lower-case letters, digits and '-', starting with a letter and ending with a letter or digit",
  },
  /** IsQualifiedName, the part after the optional `<prefix>/`: label and annotation keys. */
  qualifiedName: {
    title: 'qualified name', maxLength: 63, pattern: new RegExp(`^${QUALIFIED_PART}$`),
    description: "at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
  },
  /** IsValidLabelValue. */
  labelValue: {
    title: 'label value', maxLength: 63, pattern: new RegExp(`^${QUALIFIED_PART}$`), emptyAllowed: true,
    description: "empty, or at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
  },
  /** IsValidPortName (IANA service name, RFC 6335): container port names and named target ports. */
  ianaPortName: {
    title: 'IANA service name', maxLength: 15, pattern: /^(?=.*[a-z])(?!.*--)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    description: "at most 15 characters of lower-case letters, digits and '-', with at least one letter, " +
      "not starting or ending with '-' and without '--'",
  },
  /** IsEnvVarName (the rule clusters without the RelaxedEnvironmentVariableValidation gate apply). */
  envVarName: {
    title: 'environment variable name', maxLength: Number.POSITIVE_INFINITY, pattern: /^[-._a-zA-Z][-._a-zA-Z0-9]*$/,
    description: "letters, digits, '_', '-' and '.', not starting with a digit",
  },
} satisfies Record<string, NameRule>;

export type NameRuleId = keyof typeof NAME_RULES;

/** What is wrong with `name` under `rule`, as a phrase; undefined when it is valid. */
export function nameProblem(rule: NameRule, name: unknown): string | undefined {
  if (typeof name !== 'string') return `${JSON.stringify(name) ?? String(name)} is not a string`;
  if (name === '' && rule.emptyAllowed) return undefined;
  if (name.length <= rule.maxLength && rule.pattern.test(name)) return undefined;
  const length = name.length > rule.maxLength ? ` (it has ${name.length} characters)` : '';
  return `'${name}' is not a valid ${rule.title}${length}: it must be ${rule.description}`;
}

/** True when `name` may be used as `metadata.name` of most Kubernetes objects (RFC 1123 subdomain). */
export function isResourceName(name: string): boolean {
  return nameProblem(NAME_RULES.dns1123Subdomain, name) === undefined;
}

/**
 * What is wrong with a label or annotation key (IsQualifiedName: `[<DNS-1123 subdomain>/]<qualified name>`);
 * undefined when it is valid.
 */
export function qualifiedKeyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const [prefix, name] = slash < 0 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined) {
    const prefixProblem = nameProblem(NAME_RULES.dns1123Subdomain, prefix);
    if (prefixProblem) return `its prefix ${prefixProblem}`;
  }
  const nameProblemText = nameProblem(NAME_RULES.qualifiedName, name);
  return nameProblemText && `'${key}' is not a valid key: ${prefix === undefined ? '' : 'after the prefix, '}${nameProblemText}`;
}

/** A valid name close to `name` under `rule`, to suggest in a fix, e.g. `Orders_v2` → `orders-v2`. */
export function suggestName(rule: NameRule, name: string): string {
  const keepsDots = rule === NAME_RULES.dns1123Subdomain;
  let cleaned = name.toLowerCase()
    .replace(keepsDots ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .slice(0, rule.maxLength)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  if (rule === NAME_RULES.dns1035Label && !/^[a-z]/.test(cleaned)) cleaned = `x-${cleaned}`.slice(0, rule.maxLength).replace(/-+$/, '');
  return cleaned === '' || cleaned === 'x' ? 'my-name' : cleaned;
}

/** Lower-cases a name and replaces what a resource name cannot hold, e.g. `Orders_v2` → `orders-v2`. */
export function toResourceName(name: string): string {
  return suggestName(NAME_RULES.dns1123Subdomain, name);
}

/** A short, stable suffix that keeps two different names apart after `toResourceName` folded them together. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}
