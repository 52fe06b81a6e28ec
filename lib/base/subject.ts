import { IConstruct } from 'constructs';
import { StrimziCdk8sError } from './strimzi-cdk8s-error';

/**
 * The object an error or warning is about, as a user can find it: its kind, its Kubernetes or Kafka name, and
 * the path of the construct that made it. Every message of the library reads
 * `<Kind> '<name>' (<construct path>): <what is wrong, and the rule>. <how to fix it>`; an error carries the code of
 * the rule it breaks after the path: `<Kind> '<name>' (<construct path>) [<code>]: ...`.
 */
export class Subject {
  /** The subject of a construct, named by its kind and the name of what it creates. */
  public static of(construct: IConstruct, kind: string, name: string): Subject {
    return new Subject(kind, name, construct.node.path);
  }

  /** The subject of an object not yet made (e.g. refused before its construct exists), by its construct path. */
  public static at(kind: string, name: string, path: string): Subject {
    return new Subject(kind, name, path);
  }

  private constructor(
    /** e.g. `KafkaCluster`, `Topic`, `producer`. */
    public readonly kind: string,
    /** The resource (or topic, user, ...) name. */
    public readonly name: string,
    /** The construct path, e.g. `kafka-cluster/amm-techlab`. */
    public readonly path: string,
  ) {}

  /** A part of this subject (a listener, a node pool, an env variable, ...), under the same construct path. */
  public part(kind: string, name: string): Subject {
    return new Subject(`${this.kind} '${this.name}' ${kind}`, name, this.path);
  }

  /** The full message of a warning (whose code {@link Warnings} adds). */
  public message(problem: string, fix: string): string {
    return `${this.toString()}: ${problem}. ${fix}`;
  }

  /** The full message for a broken rule with the stable `code` of the rule, e.g. for `node.addValidation`. */
  public errorMessage(code: string, problem: string, fix: string): string {
    return `${this.toString()} [${code}]: ${problem}. ${fix}`;
  }

  /** An error to throw from a constructor for a broken rule, with the stable `code` of the rule. */
  public error(code: string, problem: string, fix: string): StrimziCdk8sError {
    return StrimziCdk8sError._create(code, this.errorMessage(code, problem, fix));
  }

  public toString(): string {
    return `${this.kind} '${this.name}' (${this.path || '(root)'})`;
  }
}
