import { Subject } from '../base/subject';

/**
 * The shape of props a cast can get wrong: a map where a map is expected, a list where a list is expected.
 * Each returns the value when it has the shape, or undefined when it is left out, and throws naming the prop otherwise.
 */

/** A map of names to values (labels, env, config). */
export function checkedRecord<T>(subject: Subject, prop: string, value: T | undefined, example: string): T | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw subject.error('prop-not-a-map', `${prop} is ${JSON.stringify(value)}, not a map of names to values`, `Pass e.g. ${example}`);
  }
  return value;
}

/** A list (listeners). */
export function checkedArray<T>(subject: Subject, prop: string, value: readonly T[] | undefined, example: string): readonly T[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw subject.error('prop-not-a-list', `${prop} is ${JSON.stringify(value)}, not a list`, `Pass e.g. ${example}`);
  const bad = value.findIndex((item) => item === null || typeof item !== 'object');
  if (bad >= 0) throw subject.error('prop-item-not-an-object', `${prop}[${bad}] is ${JSON.stringify(value[bad])}, not an object`,
    `Pass e.g. ${example}`);
  return value;
}
