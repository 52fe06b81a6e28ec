import { readdirSync, readFileSync } from 'fs';
import { join, sep } from 'path';
import * as ts from 'typescript';
import { KafkaVersion, StrimziCdk8sError } from '../../../lib';

const ROOT = join(__dirname, '..', '..', '..');
const CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/;

/**
 * Every rule code the library defines, with where: the string literals passed to a parameter named `code` (of
 * `Subject.error`, `Subject.errorMessage`, `Warnings.add` and the rule tables' helpers) or given as a `code`
 * property (the rule tables, DANGERS). Found with the type checker, so a new call site is found without a list.
 */
function definedCodes(): { code: string; at: string }[] {
  const program = ts.createProgram([join(ROOT, 'lib/index.ts')], { strict: true, target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const found: { code: string; at: string }[] = [];
  const literals = (node: ts.Node, at: ts.SourceFile): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      found.push({ code: node.text, at: `${at.fileName.slice(ROOT.length + 1)}:${at.getLineAndCharacterOfPosition(node.getStart()).line + 1}` });
    } else if (ts.isConditionalExpression(node)) {
      literals(node.whenTrue, at);
      literals(node.whenFalse, at);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
      literals(node.right, at);
    }
  };
  for (const file of program.getSourceFiles().filter((f) => f.fileName.startsWith(join(ROOT, 'lib')))) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const params = checker.getResolvedSignature(node)?.getParameters() ?? [];
        node.arguments.forEach((arg, i) => {
          if (params[i]?.getName() === 'code') literals(arg, file);
        });
      } else if (ts.isPropertyAssignment(node) && node.name.getText() === 'code') {
        literals(node.initializer, file);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/**
 * The text of every string, template and regular-expression literal in the tests (not their comments), where a test
 * names the code it asserts: `coded('code', ...)`, `/\[code\]: /`, `w.code === 'code'`, an acknowledgement.
 */
function testLiterals(): string {
  const texts: string[] = [];
  const files = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.split(sep).includes('node_modules') && join(ROOT, 'test', f) !== __filename);
  for (const file of files) {
    const path = join(ROOT, 'test', file);
    const visit = (node: ts.Node): void => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node)) texts.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true));
  }
  return texts.join('\n');
}

describe('error and warning codes', () => {
  const codes = definedCodes();
  const docs = readFileSync(join(ROOT, 'docs/rules.md'), 'utf8');

  test('every rule has a kebab-case code, defined in one place', () => {
    // GIVEN the codes of lib/ THEN there are many, each kebab-case, and no two places define the same code
    expect(codes.length).toBeGreaterThan(200);
    expect(codes.filter((c) => !CODE.test(c.code))).toEqual([]);
    const twice = codes.filter((c, i) => codes.findIndex((d) => d.code === c.code) !== i);
    expect(twice.map((c) => `${c.code} again at ${c.at}`)).toEqual([]);
  });

  test('every code is documented in docs/rules.md, and every documented code exists', () => {
    const documented = new Set([...docs.matchAll(/`([a-z][a-z0-9]*(?:-[a-z0-9]+)+)`/g)].map((m) => m[1]));
    expect(codes.filter((c) => !documented.has(c.code)).map((c) => `${c.code} (${c.at})`)).toEqual([]);
    // The code columns of the rule tables name only codes the library defines.
    const columns = docs.split('\n').filter((l) => /^\| [A-Z]+\d+ \| `/.test(l)).flatMap((l) =>
      [...l.split('|')[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]));
    expect(columns.length).toBeGreaterThan(150);
    expect(columns.filter((c) => !codes.some((d) => d.code === c))).toEqual([]);
  });

  test('every code is named by a test', () => {
    // GIVEN the literals of every test WHEN each code is looked for as a whole word THEN each is there: a rule nobody
    // triggers is a rule nobody knows still works
    const literals = testLiterals();
    const untested = codes.filter((c) => !new RegExp(`(?<![\\w-])${c.code}(?![\\w-])`).test(literals));
    expect(untested.map((c) => `${c.code} (${c.at})`)).toEqual([]);
  });

  test('a thrown error carries its code as a property and in its message', () => {
    // WHEN a constructor-time rule is broken
    let error: unknown;
    try {
      KafkaVersion.of('3.9.0');
    } catch (e) {
      error = e;
    }
    // THEN the error is a StrimziCdk8sError whose code is also in its message, after the object
    expect(error).toBeInstanceOf(StrimziCdk8sError);
    expect((error as StrimziCdk8sError).code).toBe('kafka-version-unsupported');
    expect((error as Error).message).toMatch(/^KafkaVersion '3\.9\.0' \(KafkaVersion\.of\) \[kafka-version-unsupported\]: Kafka version "3\.9\.0"/);
  });
});
