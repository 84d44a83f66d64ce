// Where code lives and how long it may grow (issue 22.5): db/ is the database
// itself (schema, migrations, seeds), the directory's domain logic lives in
// functions/directory/, and its functions stay short enough to read in one
// screen unless a reason is written beside them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** Every file under a folder, as repository paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).replaceAll('\\', '/'));
}

const codeFile = /\.(?:[cm]?[jt]sx?|sql)$/;
const dbCodeFolders = ['db/schema/', 'db/migrations/', 'db/seeds/'];
/** A config file for the database tools (drizzle.config.ts) may sit in db/ itself. */
const dbConfigFile = /^db\/[^/]+\.config\.[cm]?[jt]s$/;

/** Code under db/ outside schema/, migrations/ and seeds/ (data files and docs are fine). */
function misplacedDbCode(files: string[]): string[] {
  return files.filter((file) => codeFile.test(file) && !dbCodeFolders.some((folder) => file.startsWith(folder)) && !dbConfigFile.test(file));
}

const maxFunctionLines = 80;
const reasonMark = '// long because:';

/**
 * Functions (declarations, methods, arrows, function expressions) longer than
 * `maxLines`, as "file:line name (n lines)", unless a `// long because: …`
 * comment sits right above the function's statement or on its first line.
 */
function longFunctions(fileName: string, source: string, maxLines = maxFunctionLines): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const lineOf = (position: number) => file.getLineAndCharacterOfPosition(position).line;
  const sourceLines = source.split('\n');
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = lineOf(node.getStart(file));
      const lines = lineOf(node.end) - first + 1;
      if (lines > maxLines && !hasReason(node, first)) found.push(`${fileName}:${first + 1} ${nameOf(node)} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  /** The statement the function starts (`export const f = () => …`): its leading comments are the function's. */
  const hasReason = (node: ts.Node, first: number) => {
    let outer = node;
    while (outer.parent && !ts.isSourceFile(outer.parent) && lineOf(outer.parent.getStart(file)) === first) outer = outer.parent;
    const comments = ts.getLeadingCommentRanges(source, outer.getFullStart()) ?? [];
    return comments.some((range) => source.slice(range.pos, range.end).includes(reasonMark)) || sourceLines[first]!.includes(reasonMark);
  };
  const nameOf = (node: ts.Node): string => {
    const named = node as { name?: ts.Node };
    if (named.name) return named.name.getText(file);
    if (node.parent && ts.isVariableDeclaration(node.parent)) return node.parent.name.getText(file);
    return '(anonymous)';
  };
  visit(file);
  return found;
}

describe('db/ holds the database only', () => {
  it('has code only in schema/, migrations/ and seeds/ (domain logic lives in functions/)', () => {
    expect(misplacedDbCode(filesUnder('db'))).toEqual([]);
  });

  it('would catch a module put back into db/', () => {
    const files = [
      'db/schema/directory.ts',
      'db/migrations/0000_init.sql',
      'db/seeds/seed-demo.ts',
      'db/DIRECTORY.md',
      'db/templates/list.csv',
      'db/drizzle.config.ts',
    ];
    expect(misplacedDbCode(files)).toEqual([]);
    expect(misplacedDbCode([...files, 'db/directory/import-changes.ts', 'db/helpers.mjs', 'db/views.sql'])).toEqual([
      'db/directory/import-changes.ts',
      'db/helpers.mjs',
      'db/views.sql',
    ]);
  });
});

describe(`directory functions stay under ${maxFunctionLines} lines unless they say why`, () => {
  const files = filesUnder('functions/directory').filter((file) => /\.tsx?$/.test(file));

  it('scans the import engine', () => {
    for (const part of ['plan', 'diff', 'stage', 'apply', 'validate']) expect(files).toContain(`functions/directory/import/${part}.ts`);
  });

  it('finds no long function without a reason', () => {
    expect(files.flatMap((file) => longFunctions(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('finds a long function of any form, and accepts one with its reason', () => {
    const body = Array.from({ length: 85 }, (_, i) => `  total += ${i};`).join('\n');
    const declaration = `export function planAll(): number {\n  let total = 0;\n${body}\n  return total;\n}\n`;
    const arrow = `const diffAll = () => {\n  let total = 0;\n${body}\n  return total;\n};\n`;
    const method = `class Stage {\n  write() {\n    let total = 0;\n${body}\n    return total;\n  }\n}\n`;
    expect(longFunctions('x.ts', declaration)).toEqual(['x.ts:1 planAll (89 lines)']);
    expect(longFunctions('x.ts', arrow)).toEqual(['x.ts:1 diffAll (89 lines)']);
    expect(longFunctions('x.ts', method)).toEqual(['x.ts:2 write (89 lines)']);
    expect(longFunctions('x.ts', `// long because: one SQL statement per table, in order\n${declaration}`)).toEqual([]);
    expect(longFunctions('x.ts', `/** Docs. */\n// long because: one batch\n${arrow}`)).toEqual([]);
    expect(longFunctions('x.ts', declaration.replace('{\n', '{ // long because: one batch\n'))).toEqual([]);
    // A reason on another function does not count.
    expect(longFunctions('x.ts', `// long because: not this one\nfunction short() {}\n${declaration}`)).toHaveLength(1);
    expect(longFunctions('x.ts', declaration, 100)).toEqual([]);
  });
});
