import { IConstruct } from 'constructs';
import { StrimziCdk8sError } from '../base/strimzi-cdk8s-error';
import { Subject } from '../base/subject';

/**
 * Errors cdk8s, cdk8s-plus and constructs raise for values that come from the library's props, and what to do
 * about each: the library catches them and rethrows them naming the object, so that no message of theirs reaches
 * a user without the object and the fix.
 */
export const CDK8S_ERROR_FIXES: readonly { readonly code: string; readonly pattern: RegExp; readonly fix: string }[] = [
  {
    code: 'cdk8s-not-whole-number',
    pattern: /(?:cannot be converted into|must be) a whole number of (\w+)/,
    fix: 'Use a value that is a whole number of $1, e.g. Duration.seconds(2) or Size.mebibytes(512)',
  },
  { code: 'cdk8s-negative', pattern: /cannot be negative/i, fix: 'Use a value of 0 or more' },
  { code: 'cdk8s-construct-id-taken', pattern: /There is already a Construct with name/,
    fix: 'Give each construct an id of its own within its scope' },
  { code: 'cdk8s-construct-id-empty', pattern: /Only root constructs may have an empty ID/, fix: 'Give the construct a non-empty id' },
];

// cdk8s wraps an error raised while rendering an object in one naming the object, which the subject names already.
const CDK8S_WRAPPER = /^Failed serializing construct at path '[^']*' with name '[^']*': (\w*Error: )?/;

// Messages the library wrote itself already read `<Kind> '<name>' (<path>) [<code>]: ...`.
const LIBRARY_MESSAGE = /^\S.* '.*' \(.*\) \[([a-z0-9-]+)\]: /s;

/**
 * Runs `fn`, turning an error of cdk8s, cdk8s-plus or constructs into one about `subject`, with the fix for a known
 * error, else `fix`.
 */
export function guardCdk8s<T>(subject: Subject, what: string, fn: () => T, fix = `Correct '${what}'`): T {
  try {
    return fn();
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(CDK8S_WRAPPER, '');
    const library = LIBRARY_MESSAGE.exec(message);
    if (library) throw e instanceof StrimziCdk8sError && e.message === message ? e : StrimziCdk8sError._create(library[1], message);
    const known = CDK8S_ERROR_FIXES.map((k) => ({ ...k, match: k.pattern.exec(message) })).find((k) => k.match);
    throw subject.error(known?.code ?? 'cdk8s-refused', `${what} was refused by cdk8s: ${message.replace(/\.$/, '')}`,
      known ? known.fix.replace('$1', known.match![1] ?? '') : fix);
  }
}

/**
 * The id for a construct's `super(scope, id)`, checked first: constructs refuses an empty or repeated id with
 * a message that names neither the object nor the fix, and it does so before the construct's own code runs.
 */
export function checkedId(scope: IConstruct, id: string, kind: string, name?: string): string {
  const subject = Subject.at(kind, name ?? id, scope.node.path ? `${scope.node.path}/${id}` : id);
  if (typeof id !== 'string' || id === '') {
    throw subject.error('construct-id-empty', `the construct id is ${JSON.stringify(id)}; every construct below the app needs a non-empty id`,
      'Give it an id, e.g. its name');
  }
  const existing = scope.node.tryFindChild(id.replace(/\//g, '--'));
  if (existing) {
    throw subject.error(
      'construct-id-duplicate',
      `'${scope.node.path || '(app)'}' already holds a construct with the id '${id}'${existing.constructor.name ? ` (a ` +
        `${existing.constructor.name})` : ''}; ids are unique within their scope`,
      'Give this construct another id',
    );
  }
  return id;
}
