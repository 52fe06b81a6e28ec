import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import schemas from '../../imports/kafka.strimzi.io.schemas.json';

/**
 * Turns a CRD's structural openAPIV3Schema into a JSON Schema that also rejects unknown fields, as the API server
 * prunes them (and `kubectl apply --validate=strict` refuses them): an object schema with `properties` admits no
 * other field unless it says `x-kubernetes-preserve-unknown-fields`. Branches of `oneOf`/`anyOf` only state which
 * fields must be present, so they are left open. CEL rules (`x-kubernetes-validations`) are not evaluated here;
 * the constructs check those rules themselves.
 */
export function strictSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strictSchema(v)]));
    } else if (key === 'default' || key === 'enum' || key === 'example' || key === 'x-kubernetes-validations') {
      out[key] = value;
    } else {
      out[key] = strictSchema(value);
    }
  }
  if (source['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  if (source.nullable && typeof out.type === 'string') {
    out.type = [out.type, 'null'];
  }
  if (source.type === 'object' && source.properties && !source['x-kubernetes-preserve-unknown-fields'] && source.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true });
const validators = new Map<string, ValidateFunction>();

/** The strict validator of `apiVersion`/`kind` from the generated Strimzi 1.2.0 schemas, compiled on first use. */
function validator(apiVersion: string, kind: string): ValidateFunction | undefined {
  const key = `${apiVersion}/${kind}`;
  let validate = validators.get(key);
  if (!validate) {
    const schema = (schemas as Record<string, unknown>)[key];
    if (schema === undefined) return undefined;
    validate = ajv.compile(strictSchema(schema) as object);
    validators.set(key, validate);
  }
  return validate;
}

/**
 * What is wrong with a Strimzi custom resource against the Strimzi 1.2.0 CRD of its kind, one sentence per
 * problem naming the field by its JSON pointer; empty when it is valid.
 */
export function crdSchemaProblems(object: { apiVersion: string; kind: string }): string[] {
  const validate = validator(object.apiVersion, object.kind);
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
