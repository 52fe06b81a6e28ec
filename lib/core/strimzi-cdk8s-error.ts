/**
 * The error the library throws for a broken rule. Its message names the object, the rule and the fix (see
 * {@link Subject}); `code` names the rule, stable across releases, as listed in docs/rules.md. Tests and tools
 * match on the code rather than on the wording.
 */
export class StrimziCdk8sError extends Error {
  public constructor(
    /** The rule's stable kebab-case code, e.g. `topic-partitions-invalid`; it also appears in the message. */
    public readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'StrimziCdk8sError';
  }
}
