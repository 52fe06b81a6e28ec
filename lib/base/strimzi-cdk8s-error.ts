/** The Error the library throws: jsii cannot model a subclass of JavaScript's `Error`, so it stays module-private. */
class CodedError extends Error {
  public constructor(public readonly code: string, message: string) {
    super(message);
    this.name = 'StrimziCdk8sError';
  }
}

/**
 * The error the library throws for a broken rule. Its message names the object, the rule and the fix (see
 * {@link Subject}); `code` names the rule, stable across releases, as listed in docs/rules.md. Tests and tools
 * match on the code rather than on the wording: `error instanceof StrimziCdk8sError` (TypeScript) or
 * `StrimziCdk8sError.isStrimziCdk8sError(error)`; in Python, Java and Go the runtime's exception carries the
 * message, with the code in brackets after the object.
 */
export class StrimziCdk8sError {
  /** Whether `x` is an error the library threw for a broken rule. */
  public static isStrimziCdk8sError(x: unknown): x is StrimziCdk8sError {
    return x instanceof CodedError;
  }

  /** @internal an error for the rule `code` with the full message */
  public static _create(code: string, message: string): StrimziCdk8sError {
    return new CodedError(code, message) as unknown as StrimziCdk8sError;
  }

  /** The rule's stable kebab-case code, e.g. `topic-partitions-invalid`; it also appears in the message. */
  public readonly code!: string;
  /** The message: `<Kind> '<name>' (<construct path>) [<code>]: <problem>. <fix>`. */
  public readonly message!: string;
  /** Always `StrimziCdk8sError`. */
  public readonly name!: string;

  private constructor() {}
}

// `instanceof StrimziCdk8sError` holds for the errors the library throws.
Object.defineProperty(StrimziCdk8sError, Symbol.hasInstance, { value: (x: unknown) => x instanceof CodedError });
