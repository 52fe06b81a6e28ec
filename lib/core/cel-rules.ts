import type { CelInput } from '@bufbuild/cel';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- jsii compiles without esModuleInterop, so JSON loads by require
import generated = require('../../imports/kafka.strimzi.io.cel.json');

/** A CEL rule of a CRD (`x-kubernetes-validations`), and the message the API server gives when it fails. */
export interface CelRule {
  readonly rule: string;
  readonly message: string;
}

/** The CEL rules of one schema node, found at `path` in an object ('*' for any item of a list or value of a map). */
export interface SchemaRules {
  readonly path: readonly string[];
  readonly rules: readonly CelRule[];
}

/** The CEL rules of the Strimzi CRDs by `<group>/<version>/<kind>`, as `npm run import` reads them. */
export type CelRules = Readonly<Record<string, readonly SchemaRules[]>>;

const RULES: CelRules = generated;

/**
 * What the CRD's CEL rules (`x-kubernetes-validations`) refuse in a Strimzi custom resource, as the API server
 * evaluates them: each rule on each value its schema node applies to; a rule that fails or cannot be evaluated
 * (e.g. it reads a field that is absent) is a problem, one sentence each naming the value by its JSON pointer.
 */
export function celRuleProblems(object: { apiVersion: string; kind: string }): string[] {
  const problems: string[] = [];
  for (const { path, rules } of RULES[`${object.apiVersion}/${object.kind}`] ?? []) {
    for (const { pointer, value } of valuesAt(object, path, '')) {
      for (const { rule, message } of rules) {
        const result = program(rule)({ self: celInput(value) });
        if (result === true) continue;
        const reason = result instanceof Error ? `, which cannot be evaluated here: ${result.message}` : '';
        problems.push(`${pointer || '/'} ${message} (CEL rule \`${rule}\`${reason})`);
      }
    }
  }
  return problems;
}

type Program = (bindings: { self: CelInput }) => unknown;

// Each rule parsed and planned once; the evaluator is loaded when a rule first applies (most objects have none).
const programs = new Map<string, Program>();
function program(rule: string): Program {
  let planned = programs.get(rule);
  if (!planned) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded when a rule first applies, not with the library
    const cel = require('@bufbuild/cel') as typeof import('@bufbuild/cel');
    planned = cel.plan(cel.celEnv(), cel.parse(rule)) as Program;
    programs.set(rule, planned);
  }
  return planned;
}

function valuesAt(value: unknown, path: readonly string[], pointer: string): { pointer: string; value: unknown }[] {
  if (path.length === 0) return [{ pointer, value }];
  if (value === null || typeof value !== 'object') return [];
  const [step, ...rest] = path;
  const entries = step === '*' ? Object.entries(value) : step in value ? [[step, (value as Record<string, unknown>)[step]] as const] : [];
  return entries.flatMap(([key, child]) => valuesAt(child, rest, `${pointer}/${key}`));
}

// CEL has maps, lists and 64-bit ints where JSON has objects, arrays and whole numbers.
function celInput(value: unknown): CelInput {
  if (Array.isArray(value)) return value.map(celInput);
  if (value !== null && typeof value === 'object') return new Map(Object.entries(value).map(([key, v]) => [key, celInput(v)]));
  return typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value as CelInput;
}
