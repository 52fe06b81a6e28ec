import { Options } from 'ajv';

/**
 * Turns a CRD's structural openAPIV3Schema into a JSON Schema that also rejects unknown fields, as the API server
 * prunes them (and `kubectl apply --validate=strict` refuses them): an object schema with `properties` admits no
 * other field unless it says `x-kubernetes-preserve-unknown-fields`. Branches of `oneOf`/`anyOf` only state which
 * fields must be present, so they are left open. CEL rules (`x-kubernetes-validations`) are not evaluated here:
 * lib/core/cel-rules.ts evaluates them.
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

/** How the validators in imports/ are compiled (by `npm run import`): every problem reported, not just the first. */
export const AJV_OPTIONS: Options = { strict: false, allErrors: true };
