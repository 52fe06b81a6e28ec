import { IConstruct } from 'constructs';
import { Subject } from './subject';
import { isRepeatPass } from './synth-pass';

const STRICT_CONTEXT = 'strimzi-cdk8s:strict';
const STRICT_ENV = 'STRIMZI_CDK8S_STRICT';

/** Something valid but dangerous the library noticed in an app. */
export interface Warning {
  /** A stable identifier of the kind of danger, e.g. `even-controllers`, to assert on in tests. */
  readonly code: string;
  /** The whole message: the object, the danger and what to do. */
  readonly message: string;
}

/** A kind of valid but dangerous setting (rules/dangers.ts lists them), worded from its arguments. */
export interface Danger<A extends unknown[]> {
  readonly code: string;
  /** Why it is dangerous, and who says so. */
  readonly source: string;
  readonly danger: (...args: A) => string;
  readonly advice: (...args: A) => string;
}

/** Records the warning `danger` about `subject` in the app of `scope`. */
export function warn<A extends unknown[]>(scope: IConstruct, subject: Subject, danger: Danger<A>, ...args: A): void {
  Warnings.of(scope)._add(danger.code, subject, danger.danger(...args), danger.advice(...args));
}

const registries = new WeakMap<IConstruct, Warnings>();

/**
 * The warnings of one app. Constructs add them when they see a valid but dangerous setting, or register a check
 * that looks across objects once the app is complete. At synth each warning is printed once to stderr or, in
 * strict mode, fails the synth like an error.
 */
export class Warnings {
  /**
   * Context key that turns every warning into an error at synth ("strict mode"). Set it on the app before adding
   * charts (`app.node.setContext(Warnings.STRICT_CONTEXT, true)`), or set the environment variable
   * `STRIMZI_CDK8S_STRICT=true` for a whole `cdk8s synth`, e.g. in CI.
   */
  public static readonly STRICT_CONTEXT = STRICT_CONTEXT;

  /** The warnings of the app `scope` belongs to. */
  public static of(scope: IConstruct): Warnings {
    const root = scope.node.root;
    let registry = registries.get(root);
    if (!registry) {
      registry = new Warnings(root);
      registries.set(root, registry);
    }
    return registry;
  }

  private readonly entries = new Map<string, Warning>();
  private readonly checks: Array<() => void> = [];
  private readonly printed = new Set<string>();
  /** The warnings of the latest first pass, which cdk8s' repeated passes of the same synth reuse. */
  private lastPass?: readonly Warning[];

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => this.report() });
  }

  /**
   * Records a warning about `subject`; the same warning is recorded once.
   * @internal
   */
  public _add(code: string, subject: Subject, danger: string, advice: string): void {
    const message = subject.message(danger, advice);
    this.entries.set(`${code}\u0000${message}`, { code, message });
  }

  /**
   * Registers a check run at synth, when every object of the app exists; it reports through `_add`.
   * @internal
   */
  public _addCheck(check: () => void): void {
    this.checks.push(check);
  }

  /** Every warning of the app, the synth-time checks included, in the order they were added. */
  public get all(): Warning[] {
    for (const check of this.checks) check();
    return [...this.entries.values()];
  }

  /** Whether warnings fail the synth. */
  public get strict(): boolean {
    const value: unknown = this.root.node.tryGetContext(STRICT_CONTEXT) ?? process.env[STRICT_ENV];
    return value === true || value === 'true';
  }

  private report(): string[] {
    const warnings = this.lastPass && isRepeatPass() ? this.lastPass : this.all;
    this.lastPass = warnings;
    if (this.strict) {
      return warnings.map((w) => `${w.message} (warning '${w.code}', an error in strict mode)`);
    }
    for (const warning of warnings) {
      if (this.printed.has(warning.message)) continue;
      this.printed.add(warning.message);
      process.stderr.write(`[strimzi-cdk8s] warning '${warning.code}': ${warning.message}\n`);
    }
    return [];
  }
}
