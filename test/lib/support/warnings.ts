import { Warning } from '../../../lib';
import { inOrder, objectOf, Phrase } from './errors';

/** The regular expression source of a warning's message: its object (`undefined` for any), then the phrases in order. */
function messageOf(about: string | undefined, phrases: Phrase[]): string {
  return `${about === undefined ? '.*?' : objectOf(about)}: .*${inOrder(phrases)}`;
}

/** A test's expectation of one warning, matched by jest's equality, printed as the call that made it. */
class WarningMatcher {
  public readonly $$typeof = Symbol.for('jest.asymmetricMatcher');
  private readonly message: RegExp;

  constructor(private readonly code: string, private readonly about: string | undefined, private readonly phrases: Phrase[]) {
    this.message = new RegExp(`^${messageOf(about, phrases)}`);
  }

  public asymmetricMatch(other: unknown): boolean {
    const warning = other as Partial<Warning> | null;
    return warning?.code === this.code && typeof warning.message === 'string' && this.message.test(warning.message);
  }

  public toAsymmetricMatcher(): string {
    const args = [this.code, ...(this.about === undefined && !this.phrases.length ? [] : [this.about]), ...this.phrases];
    return `warned(${args.map((a) => (a instanceof RegExp ? String(a) : JSON.stringify(a))).join(', ')})`;
  }

  public toString(): string {
    return 'warned';
  }
}

/**
 * What a test expects of a warning of `Warnings.of(app).all`: its stable code, the object it is about (the start of
 * its message, `<Kind> '<name>'`, with or without ` (<construct path>)`; `undefined` for any) and key phrases of its
 * message, in order. For `toEqual([warned(...)])`,
 * `toContainEqual(warned(...))`, and `not.toContainEqual(warned(code))` for an absent one; a failure prints the
 * warnings actually given. Like `coded()` for errors: rewording a warning or its advice does not mean editing tests.
 */
export function warned(code: string, about?: string, ...phrases: Phrase[]): WarningMatcher {
  return new WarningMatcher(code, about, phrases);
}

/**
 * What `toThrow` expects of a synth that a warning fails in strict mode: the warning as for {@link warned}, on the
 * line of the error that ends with its code, `(warning '<code>', ...)`.
 */
export function strictWarning(code: string, about?: string, ...phrases: Phrase[]): RegExp {
  return new RegExp(`${messageOf(about, phrases)}.*\\(warning '${code}'`);
}
