/** A key phrase of a message: a string matches literally, a regular expression as it is. */
export type Phrase = string | RegExp;

/** The regular expression source of key phrases of a message, in order. */
export function inOrder(phrases: readonly Phrase[]): string {
  return phrases.map((p) => (typeof p === 'string' ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : p.source)).join('.*');
}

/**
 * The regular expression source of the object a message is about, as every message of the library starts:
 * `<Kind> '<name>'`, given with or without its ` (<construct path>)`.
 */
export function objectOf(object: string): string {
  return `${inOrder([object])}(?: \\(.*?\\))?`;
}

/**
 * What `toThrow` expects of a library error: the code of the rule it breaks and key phrases of its message, in
 * order, on one line. Tests match on these rather than on whole sentences, so rewording a message or its fix does
 * not mean editing tests.
 */
export function coded(code: string, ...phrases: Phrase[]): RegExp {
  return new RegExp(`\\[${code}\\]: .*${inOrder(phrases)}`);
}

/** A `coded()` error about `object` (`<Kind> '<name>'`, with or without ` (<construct path>)`), where the object matters. */
export function about(object: string, error: RegExp): RegExp {
  return new RegExp(`${objectOf(object)} ${error.source}`);
}
