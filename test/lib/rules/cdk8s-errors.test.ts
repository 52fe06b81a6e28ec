import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { Subject } from '../../../lib/base/subject';
import { CDK8S_ERROR_FIXES, guardCdk8s } from '../../../lib/rules/cdk8s-errors';
import { coded } from '../support/errors';

/**
 * The table of errors cdk8s and constructs raise, proven against the libraries themselves: each entry's pattern
 * matches what the installed version really says, so a reworded message upstream fails here, not in a user's synth.
 */
describe('cdk8s errors the library names: the table matches what cdk8s and constructs raise', () => {
  const chart = () => new Chart(Testing.app(), 'test');
  const subject = Subject.at('Topic', 'orders', 'test/orders');

  const CASES: [code: string, what: string, raise: () => unknown, upstream: string, fix: string][] = [
    ['cdk8s-not-whole-number', 'a fraction of the unit asked for', () => Duration.millis(1.5).toSeconds(), 'whole number of seconds',
      'Use a value that is a whole number of seconds'],
    ['cdk8s-negative', 'a negative size', () => Size.mebibytes(-1), 'Storage amounts cannot be negative', 'Use a value of 0 or more'],
    ['cdk8s-negative', 'a negative duration', () => Duration.seconds(-1), 'Duration amounts cannot be negative', 'Use a value of 0 or more'],
    ['cdk8s-construct-id-taken', 'an id used twice in one scope', () => {
      const scope = chart();
      new Construct(scope, 'x');
      new Construct(scope, 'x');
    }, "There is already a Construct with name 'x'", 'Give each construct an id of its own'],
    ['cdk8s-construct-id-empty', 'an empty id', () => new Construct(chart(), ''), 'Only root constructs may have an empty ID',
      'Give the construct a non-empty id'],
  ];

  test.each(CASES)('%s: %s', (code, _what, raise, upstream, fix) => {
    // GIVEN a call into cdk8s or constructs that they refuse WHEN it runs guarded THEN the error names the object, the
    // library's own message and the fix of the table
    expect(() => guardCdk8s(subject, 'the value', raise)).toThrow(coded(code, 'the value was refused by cdk8s', upstream, fix));
    expect(() => guardCdk8s(subject, 'the value', raise)).toThrow(/^Topic 'orders' \(test\/orders\) /);
  });

  test('an error the table does not know is still named with the object, under cdk8s-refused', () => {
    // GIVEN a cdk8s error no entry matches (a construct outside any chart asked for its chart)
    const lonely = new Construct(new App(), 'lonely');
    // WHEN it runs guarded THEN cdk8s' message is kept and the prop named
    expect(() => guardCdk8s(subject, 'the value', () => Chart.of(lonely)))
      .toThrow(coded('cdk8s-refused', 'the value was refused by cdk8s: cannot find a parent chart', "Correct 'the value'"));
  });

  test('every entry of the table has a case above', () => {
    expect(new Set(CASES.map(([code]) => code))).toEqual(new Set(CDK8S_ERROR_FIXES.map((k) => k.code)));
  });
});
