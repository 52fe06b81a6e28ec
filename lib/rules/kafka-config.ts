import { IConstruct } from 'constructs';
import { closest, distance } from 'fastest-levenshtein';
import { Subject } from '../base/subject';
import { warn } from '../base/warnings';
import { DANGERS } from './dangers';

/**
 * One config key as Kafka defines it (`org.apache.kafka.common.config.ConfigDef.ConfigKey`): how the value is
 * parsed (`type`) and what its validator accepts. The tables in kafka-topic-configs.ts and kafka-broker-configs.ts
 * are made of these; test/lib/rules/kafka-config-tables.test.ts proves they equal Kafka 4.3.1's own definitions.
 */
export interface KafkaConfigKey {
  /** `ConfigDef.Type`: how Kafka parses the text of the value. */
  readonly type: 'BOOLEAN' | 'STRING' | 'INT' | 'SHORT' | 'LONG' | 'DOUBLE' | 'LIST' | 'CLASS' | 'PASSWORD';
  /** Kafka's default, as Kafka prints it; `null` when the key has none. */
  readonly default: string | null;
  /** `Range` validator: the smallest value accepted. */
  readonly min?: number;
  /** `Range` validator: the largest value accepted. */
  readonly max?: number;
  /** One more value accepted outside `min`..`max`, e.g. `-1` ("the codec's default") for `compression.gzip.level`. */
  readonly orEqualTo?: number;
  /** `ValidString` (or, for a LIST, `ValidList`): the values accepted. */
  readonly oneOf?: readonly string[];
  /** `CaseInsensitiveValidString`: `oneOf` compared without case. */
  readonly ignoreCase?: true;
  /** `ValidList`: whether an empty list is accepted. */
  readonly emptyList?: boolean;
  /** `ValidList.anyNonDuplicateValues`: no item may appear twice. */
  readonly unique?: true;
  /** `NonEmptyString`: the value must not be empty. */
  readonly nonEmpty?: true;
  /** `ThrottledReplicaListValidator`: `*` or a list of `<partition>:<broker>`. */
  readonly replicaList?: true;
  /** Marked internal by Kafka (for its own tests): not part of the documented configuration. */
  readonly internal?: true;
}

/** A config value as the library takes it; Strimzi writes numbers and booleans with `toString()`, lists joined by commas. */
export type ConfigValue = string | number | boolean | readonly (string | number | boolean)[];

// ConfigDef's integer types and the bounds of the Java types they parse to.
const JAVA_INTEGER_BOUNDS: Record<string, readonly [bigint, bigint]> = {
  SHORT: [BigInt(-32768), BigInt(32767)],
  INT: [BigInt(-2147483648), BigInt(2147483647)],
  LONG: [BigInt('-9223372036854775808'), BigInt('9223372036854775807')],
};
const JAVA_LONG = /^[+-]?\d+$/;
const JAVA_DOUBLE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/;
// ConfigDef splits LIST values on commas with the whitespace around them.
const LIST_SEPARATOR = /\s*,\s*/;
const REPLICA = /^\d+:\d+$/;

/**
 * The text Kafka receives for a value: what the Strimzi operators write for a JSON value (`toString()` of a
 * number or boolean, list items joined by `,`), or a problem when the value cannot be written at all.
 */
export function configValueText(value: unknown): { text: string } | { problem: string } {
  if (typeof value === 'string' || typeof value === 'boolean') return { text: String(value) };
  if (typeof value === 'number') {
    // JSON has no NaN or Infinity (they become null), and a non-integer far from zero is written in exponent form.
    return Number.isFinite(value) ? { text: String(value) } : { problem: `${value} is not a number JSON can hold` };
  }
  if (Array.isArray(value)) {
    const items = value.map(configValueText);
    const bad = items.find((i): i is { problem: string } => 'problem' in i);
    return bad ?? { text: items.map((i) => (i as { text: string }).text).join(',') };
  }
  return { problem: `${value === null ? 'null' : typeof value} is not a config value (use a string, number, boolean or list)` };
}

/**
 * What Kafka would say is wrong with `value` for `key` (parse error or validator), as a phrase to follow
 * "is invalid:"; undefined when Kafka accepts it.
 */
export function configValueProblem(key: KafkaConfigKey, value: unknown): string | undefined {
  const rendered = configValueText(value);
  if ('problem' in rendered) return rendered.problem;
  const text = rendered.text.trim();
  switch (key.type) {
    case 'BOOLEAN':
      return /^(true|false)$/i.test(text) ? undefined : 'it must be true or false';
    case 'SHORT':
    case 'INT':
    case 'LONG':
      return integerProblem(key, text, typeof value === 'number');
    case 'DOUBLE':
      if (!JAVA_DOUBLE.test(text)) return 'it must be a decimal number';
      return rangeProblem(key, Number(text.replace(/[dDfF]$/, '')));
    case 'LIST':
      return listProblem(key, text === '' ? [] : text.split(LIST_SEPARATOR));
    case 'STRING':
    case 'CLASS':
    case 'PASSWORD':
      return stringProblem(key, text);
  }
}

function integerProblem(key: KafkaConfigKey, text: string, fromNumber: boolean): string | undefined {
  if (!JAVA_LONG.test(text)) return `it must be a whole number (Kafka type ${key.type})`;
  // A number beyond 2^53 has already lost digits in JavaScript; only text carries such a value exactly.
  if (fromNumber && !Number.isSafeInteger(Number(text))) return 'it is beyond the whole numbers JavaScript holds exactly (2^53): pass it as a string';
  const [low, high] = JAVA_INTEGER_BOUNDS[key.type];
  if (BigInt(text) < low || BigInt(text) > high) return `it is beyond Kafka type ${key.type} (${low} to ${high})`;
  return rangeProblem(key, Number(text));
}

function rangeProblem(key: KafkaConfigKey, n: number): string | undefined {
  if (key.orEqualTo !== undefined && n === key.orEqualTo) return undefined;
  const tooLow = key.min !== undefined && n < key.min;
  const tooHigh = key.max !== undefined && n > key.max;
  if (!tooLow && !tooHigh) return undefined;
  const range = key.max === undefined ? `at least ${key.min}` : key.min === undefined ? `at most ${key.max}` : `from ${key.min} to ${key.max}`;
  return `it must be ${range}${key.orEqualTo !== undefined ? ` or ${key.orEqualTo}` : ''}`;
}

function listProblem(key: KafkaConfigKey, items: string[]): string | undefined {
  if (items.length === 0 && key.emptyList === false) return 'the list must not be empty';
  if (key.replicaList) {
    const ok = (items.length === 1 && items[0] === '*') || items.every((i) => i === '' || REPLICA.test(i));
    return ok ? undefined : "it must be '*' or a list of <partition>:<broker>, e.g. '0:1,1:2'";
  }
  if (key.unique && new Set(items).size < items.length) return 'no item may appear twice';
  if (key.oneOf && key.oneOf.length > 0) {
    const wrong = items.filter((i) => !key.oneOf!.includes(i));
    if (wrong.length > 0) return `${wrong.map((w) => `'${w}'`).join(', ')} ${wrong.length === 1 ? 'is' : 'are'} not one of ${key.oneOf.join(', ')}`;
  }
  return undefined;
}

function stringProblem(key: KafkaConfigKey, text: string): string | undefined {
  if (key.nonEmpty && text === '') return 'it must not be empty';
  if (!key.oneOf) return undefined;
  const matches = key.ignoreCase ? key.oneOf.some((v) => v.toLowerCase() === text.toLowerCase()) : key.oneOf.includes(text);
  return matches ? undefined : `it must be one of ${key.oneOf.join(', ')}${key.ignoreCase ? ' (any case)' : ' (exactly, case matters)'}`;
}

/** The known key nearest to `key` by edit distance, when it is near enough to be a likely typo. */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const candidate = closest(key, known as string[]);
  // A third of the key's length: 'retention.msec' finds 'retention.ms', an unrelated plugin key finds nothing.
  return distance(key, candidate) <= Math.max(2, Math.floor(key.length / 3)) ? candidate : undefined;
}

/**
 * The keys of `raw` (a user's config map, named `where`) that a typed property also sets, as Kafka and Strimzi
 * accept them: each gets the 'raw-typed-config' hint, and an error when the typed property is set too with another
 * value (Kafka would get only one of them). Returns the raw values of the keys whose typed property is unset.
 * @param typed the Kafka key of each typed property, and the value that property renders (undefined when unset)
 */
export function rawTypedKeys(scope: IConstruct, subject: Subject, where: string, raw: Record<string, unknown>,
  typed: Readonly<Record<string, { readonly prop: string; readonly value: unknown }>>): Record<string, unknown> {
  const unset: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const property = typed[key];
    if (!property) continue;
    if (property.value !== undefined && differs(property.value, value)) {
      throw subject.error('raw-typed-config-conflict',
        `config '${key}' is ${JSON.stringify(value)} in '${where}' but the typed property '${property.prop}' makes it ` +
          `${JSON.stringify(property.value)}; Kafka would get only one of them`,
      `Set it once: keep '${property.prop}' and remove '${key}' from '${where}'`);
    }
    warn(scope, subject, DANGERS.rawTypedConfig, key, where, property.prop);
    if (property.value === undefined) unset[key] = value;
  }
  return unset;
}

// Kafka reads numbers and booleans from their text, and a list from its comma-separated items in any order.
const differs = (a: unknown, b: unknown) => text(a) !== text(b);
const text = (value: unknown) => String(value).split(',').map((item) => item.trim()).sort().join(',');
