/**
 * Writes imports/kafka.strimzi.io.schemas.json: the structural openAPIV3Schema of every served version of the
 * given CRDs, without descriptions and examples. Generated next to the classes `cdk8s import` makes from the same
 * CRDs, so that the library can check at synth what the generated classes cannot: the final YAML, after escape
 * hatches, against the schema the API server will apply.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const DROPPED = new Set(['description', 'example']);

function structural(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(structural);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !DROPPED.has(key))
      .map(([key, value]) => [
        key,
        key === 'properties'
          ? Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, structural(sub)]))
          : key === 'enum' || key === 'default' ? value : structural(value),
      ]),
  );
}

const [crdDir, ...files] = process.argv.slice(2);
const schemas: Record<string, unknown> = {};
for (const file of files) {
  const crd = parse(readFileSync(join(crdDir, file), 'utf8'));
  for (const version of crd.spec.versions.filter((v: { served: boolean }) => v.served)) {
    schemas[`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`] = structural(version.schema.openAPIV3Schema);
  }
}
writeFileSync(join(__dirname, '..', 'imports', 'kafka.strimzi.io.schemas.json'), `${JSON.stringify(schemas)}\n`);
console.log(`imports/kafka.strimzi.io.schemas.json: ${Object.keys(schemas).join(', ')}`);
