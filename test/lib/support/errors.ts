/**
 * What `toThrow` expects of a library error: the code of the rule it breaks and key phrases of its message, in
 * order (strings match literally; regular expressions as they are), on one line. Tests match on these rather than
 * on whole sentences, so rewording a message or its fix does not mean editing tests.
 */
export function coded(code: string, ...phrases: (string | RegExp)[]): RegExp {
  const keys = phrases.map((p) => (typeof p === 'string' ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : p.source));
  return new RegExp([`\\[${code}\\]: `, ...keys].join('.*'));
}
