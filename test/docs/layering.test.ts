import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Only the config (src/config.ts) and the CLI's own env module (src/cli/env.ts) read process.env;
// everything else is handed what it needs. The other layering rules are about imports, which
// dependency-cruiser checks (`npm run deps`, .dependency-cruiser.cjs); it cannot see this one.

const root = join(import.meta.dirname, '..', '..');
const READERS = ['src/config.ts', 'src/cli/env.ts'];

const isProcess = (node: ts.Node) => node.getText() === 'process' || node.getText() === 'globalThis.process';

/** An import of `env` by name, or of the whole module, through which `env` would be read unseen. */
function importsEnv(clause: ts.ImportClause | undefined): boolean {
  const bindings = clause?.namedBindings;
  if (clause?.name !== undefined || (bindings !== undefined && ts.isNamespaceImport(bindings))) return true;
  return bindings?.elements.some((e) => (e.propertyName ?? e.name).text === 'env') === true;
}

/** The lines of `source` that read `process.env`, however it is spelled; comments and strings are not read. */
function envReads(source: string): number[] {
  const file = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    const reads =
      (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) ||
      (ts.isElementAccessExpression(node) &&
        ts.isStringLiteralLike(node.argumentExpression) &&
        node.argumentExpression.text === 'env' &&
        isProcess(node.expression)) ||
      (ts.isVariableDeclaration(node) &&
        ts.isObjectBindingPattern(node.name) &&
        node.initializer !== undefined &&
        isProcess(node.initializer) &&
        node.name.elements.some((e) => (e.propertyName ?? e.name).getText() === 'env')) ||
      (ts.isImportDeclaration(node) &&
        ts.isStringLiteral(node.moduleSpecifier) &&
        ['process', 'node:process'].includes(node.moduleSpecifier.text) &&
        importsEnv(node.importClause));
    if (reads) lines.push(file.getLineAndCharacterOfPosition(node.getStart()).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

describe('who reads process.env', () => {
  it('is only src/config.ts and src/cli/env.ts', () => {
    const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts'))
      .map((path) => `src/${path.split('\\').join('/')}`);
    const readers = files.flatMap((path) => {
      const lines = envReads(readFileSync(join(root, path), 'utf8'));
      return lines.length > 0 && !READERS.includes(path) ? [`${path}:${lines.join(',')}`] : [];
    });
    expect(readers).toEqual([]);
  });

  it('finds every way of reading it, and no mention in a comment or a string', () => {
    const reading = [
      'const a = process.env.KEYWARD_PORT;',
      "const a = process['env'];",
      'const { env } = process;',
      'const a = globalThis.process.env;',
      "import { env } from 'node:process';",
      "import process from 'process';",
      "import * as proc from 'node:process';",
    ];
    for (const source of reading) expect(envReads(source), source).toEqual([1]);
    const notReading = [
      '// process.env.KEY',
      '/** process.env.KEY */ const a = 1;',
      "const a = 'process.env';",
      "import { argv } from 'node:process';",
      'const a = config.env;',
    ];
    for (const source of notReading) expect(envReads(source), source).toEqual([]);
  });
});
