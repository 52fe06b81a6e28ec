import { IConstruct } from 'constructs';
import { Subject } from '../base/subject';

/**
 * Errors cdk8s, cdk8s-plus and constructs raise for values that come from the library's props, and what to do
 * about each: the library catches them and rethrows them naming the object, so that no message of theirs reaches
 * a user without the object and the fix.
 */
export const CDK8S_ERROR_FIXES: readonly (readonly [RegExp, string])[] = [
  [/(?:cannot be converted into|must be) a whole number of (\w+)/, 'Use a value that is a whole number of $1, e.g. Duration.seconds(2) or Size.mebibytes(512)'],
  [/cannot be negative/i, 'Use a value of 0 or more'],
  [/There is already a Construct with name/, 'Give each construct an id of its own within its scope'],
  [/Only root constructs may have an empty ID/, 'Give the construct a non-empty id'],
];

// cdk8s wraps an error raised while rendering an object in one naming the object, which the subject names already.
const CDK8S_WRAPPER = /^Failed serializing construct at path '[^']*' with name '[^']*': (Error: )?/;

// Messages the library wrote itself already read `<Kind> '<name>' (<path>): ...`.
const LIBRARY_MESSAGE = /^\S.* '.*' \(.*\): /s;

/** Runs `fn`, turning an error of cdk8s, cdk8s-plus or constructs into one about `subject`. */
export function guardCdk8s<T>(subject: Subject, what: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(CDK8S_WRAPPER, '');
    if (LIBRARY_MESSAGE.test(message)) throw e instanceof Error && e.message === message ? e : new Error(message);
    const known = CDK8S_ERROR_FIXES.map(([pattern, fix]) => ({ match: pattern.exec(message), fix })).find((k) => k.match);
    const fix = known ? known.fix.replace('$1', known.match![1] ?? '') : `Correct '${what}'`;
    throw subject.error(`${what} was refused by cdk8s: ${message.replace(/\.$/, '')}`, fix);
  }
}

/**
 * The id for a construct's `super(scope, id)`, checked first: constructs refuses an empty or repeated id with
 * a message that names neither the object nor the fix, and it does so before the construct's own code runs.
 */
export function checkedId(scope: IConstruct, id: string, kind: string, name?: string): string {
  const subject = Subject.at(kind, name ?? id, scope.node.path ? `${scope.node.path}/${id}` : id);
  if (typeof id !== 'string' || id === '') {
    throw subject.error(`the construct id is ${JSON.stringify(id)}; every construct below the app needs a non-empty id`, 'Give it an id, e.g. its name');
  }
  const existing = scope.node.tryFindChild(id.replace(/\//g, '--'));
  if (existing) {
    throw subject.error(
      `'${scope.node.path || '(app)'}' already holds a construct with the id '${id}'${existing.constructor.name ? ` (a ${existing.constructor.name})` : ''}; ids are unique within their scope`,
      'Give this construct another id',
    );
  }
  return id;
}
