import { ErrorObject } from 'ajv';
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the generated validators are CommonJS without declarations
import validators = require('../../imports/kafka.strimzi.io.validators');

/**
 * What is wrong with a Strimzi custom resource against the Strimzi 1.2.0 CRD of its kind, one sentence per
 * problem naming the field by its JSON pointer; empty when it is valid.
 */
export function crdSchemaProblems(object: { apiVersion: string; kind: string }): string[] {
  const validate = validators[`${object.apiVersion}/${object.kind}`];
  if (!validate) return [`Strimzi 1.2.0 serves no ${object.kind} in ${object.apiVersion}`];
  if (validate(object)) return [];
  const errors = validate.errors ?? [];
  // A failed oneOf/anyOf repeats what its branches said; keep the branches' own errors when there are any.
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  return [...new Set((specific.length > 0 ? specific : errors).map(describe))];
}

function describe(error: ErrorObject): string {
  const at = error.instancePath || '/';
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at} has the field '${String(params.additionalProperty)}', which the CRD does not define`;
    case 'required':
      return `${at} lacks the required field '${String(params.missingProperty)}'`;
    case 'enum':
      return `${at} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}
