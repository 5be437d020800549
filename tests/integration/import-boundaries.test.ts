// The import-boundary rule, run through ESLint with the project's own config on fixture
// files placed (by name only) in the folders they pretend to live in.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const fixturesDir = join(root, 'tests', 'lint-fixtures');
const eslint = new ESLint({ cwd: root });

const fixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith('.ts'))
  .map((file) => {
    const text = readFileSync(join(fixturesDir, file), 'utf8');
    const pretend = /^\/\/ pretend-path: (.+)$/m.exec(text)?.[1];
    const expectation = /^\/\/ expect: (error|ok)$/m.exec(text)?.[1];
    if (!pretend || !expectation) throw new Error(`${file} lacks its pretend-path or expect header`);
    return { file, text, pretend, expectation };
  });

describe('import-boundary lint rule', () => {
  it('has fixtures of both kinds', () => {
    expect(fixtures.filter((f) => f.expectation === 'error').length).toBeGreaterThanOrEqual(6);
    expect(fixtures.filter((f) => f.expectation === 'ok').length).toBeGreaterThanOrEqual(2);
  });

  for (const { file, text, pretend, expectation } of fixtures) {
    it(`${expectation === 'error' ? 'fails' : 'passes'} ${pretend} (${file})`, async () => {
      const [result] = await eslint.lintText(text, { filePath: join(root, pretend) });
      const boundaryErrors = (result?.messages ?? []).filter((m) => m.ruleId === 'tetherscope/import-boundaries');
      if (expectation === 'error') {
        expect(boundaryErrors.length).toBe(1);
        expect(boundaryErrors[0]?.severity).toBe(2);
      } else {
        expect(boundaryErrors).toEqual([]);
      }
    });
  }
});
