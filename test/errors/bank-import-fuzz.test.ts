/**
 * `smart bank import` (the BUILT bin) of a real statement with random damage: it either imports
 * the whole file (every line the reader finds is a new line or a duplicate, the book gains exactly
 * the new ones, and `smart check` still holds) or refuses it with a message and leaves the book
 * exactly as it was (same bytes, same row count in every table). A few dozen runs: each costs a
 * process or two.
 *
 * Build first: npx tsc -p tsconfig.build.json && node scripts/copy-assets.js
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import BetterSqlite3 from 'better-sqlite3';
import { openStatement } from '../../src/bank/open-statement.js';
import { SmartError } from '../../src/errors.js';
import { type ImportJson } from '../e2e/bank-support.js';
import { json, runSmartAsync } from '../e2e/support.js';
import { type CatalogueBook, fixture, prepareCatalogueBook, sha256 } from './catalogue-support.js';

const STATEMENTS = ['demo/statement-kbc.csv', 'bank/kbc.csv', 'bank/bnp-paribas-fortis.csv', 'bank/belfius.csv', 'bank/argenta.csv', 'bank/camt053/statement.camt053.001.02.xml', 'bank/coda/statement.cod']
  .map((name) => ({ name, bytes: readFileSync(fixture(name)) }));

const PIECES = [';', '"', '\r\n', '\n', ',', '31/02/2026', '12,345', 'x', '0', '<', '</Ntry>', ' ', '\u00e9'].map((text) => Buffer.from(text, 'latin1'));

type Edit = { kind: 'insert'; at: number; piece: number } | { kind: 'delete'; at: number; length: number } | { kind: 'set'; at: number; byte: number } | { kind: 'line'; what: 'drop' | 'repeat' | 'swap'; line: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('line' as const), what: fc.constantFrom('drop' as const, 'repeat' as const, 'swap' as const), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.nat({ max: PIECES.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }) },
);

function damaged(original: Buffer, edits: readonly Edit[]): Buffer {
  let bytes = Buffer.from(original);
  for (const change of edits) {
    if (change.kind === 'line') {
      const lines = bytes.toString('latin1').split(/(?<=\n)/);
      const index = change.line % Math.max(lines.length, 1);
      const line = lines[index] ?? '';
      if (change.what === 'drop') lines.splice(index, 1);
      else if (change.what === 'repeat') lines.splice(index, 0, line);
      else if (index + 1 < lines.length) [lines[index], lines[index + 1]] = [lines[index + 1] ?? '', line];
      bytes = Buffer.from(lines.join(''), 'latin1');
      continue;
    }
    const index = change.at % (bytes.length + 1);
    if (change.kind === 'insert') bytes = Buffer.concat([bytes.subarray(0, index), PIECES[change.piece] ?? Buffer.alloc(0), bytes.subarray(index)]);
    else if (change.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, index), bytes.subarray(index + change.length)]);
    else if (index < bytes.length) bytes[index] = change.byte;
  }
  return bytes;
}

function rowCounts(path: string): Record<string, number> {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

/** The lines the statement reader finds in the file, or undefined when it refuses the file. */
async function linesRead(path: string): Promise<number | undefined> {
  try {
    const statement = await openStatement(path, { format: 'auto' });
    let count = 0;
    for await (const _line of statement.read()) count += 1;
    return count;
  } catch (error) {
    if (error instanceof SmartError) return undefined;
    throw error;
  }
}

let book: CatalogueBook;
let baseCounts: Record<string, number>;
const outcomes = { imported: 0, nothingNew: 0, refused: 0 };
beforeAll(() => {
  book = prepareCatalogueBook();
  baseCounts = rowCounts(book.path);
}, 300_000);
afterAll(() => {
  process.stdout.write(`bank import e2e fuzz: ${outcomes.imported} imported, ${outcomes.nothingNew} with nothing new, ${outcomes.refused} refused\n`);
  book?.cleanup();
});

let run = 0;

describe('smart bank import of a damaged statement: all of it or nothing', () => {
  test('a real statement with lines dropped, repeated or swapped and bytes changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...STATEMENTS), fc.array(edit, { minLength: 1, maxLength: 4 }), async (statement, edits) => {
        run += 1;
        const bookPath = join(book.root, `fuzz-${run}.sqlite`);
        const file = join(book.root, `fuzz-${run}-${statement.name.split('/').pop() ?? 'statement'}`);
        copyFileSync(book.path, bookPath);
        writeFileSync(file, damaged(statement.bytes, edits));
        try {
          const expected = await linesRead(file);
          const result = await runSmartAsync(['bank', 'import', file, '--json', '--db', bookPath], { cwd: book.root });
          expect(result.stderr).not.toMatch(/internal error|^\s+at \S/m);
          if (result.exitCode !== 0) {
            // Refused: a message, the usual exit code, and the book exactly as it was.
            expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode: 3, stdout: '' });
            expect(result.stderr).toMatch(/^error: /);
            expect(expected).toBeUndefined();
            expect(sha256(bookPath)).toBe(book.sha256);
            expect(rowCounts(bookPath)).toEqual(baseCounts);
            outcomes.refused += 1;
            return;
          }
          // Imported: every line of the file is in the book, new or already there.
          const outcome = json<ImportJson>(result);
          expect(outcome.lines).toBe(expected);
          expect(outcome.imported + outcome.duplicates).toBe(outcome.lines);
          const counts = rowCounts(bookPath);
          expect(counts['bank_lines']).toBe((baseCounts['bank_lines'] ?? 0) + outcome.imported);
          if (outcome.imported === 0) {
            expect(sha256(bookPath)).toBe(book.sha256);
            outcomes.nothingNew += 1;
            return;
          }
          const check = await runSmartAsync(['check', '--json', '--db', bookPath], { cwd: book.root });
          expect({ exitCode: check.exitCode, failed: json<{ checks: { name: string; ok: boolean }[] }>(check).checks.filter((item) => !item.ok) }).toEqual({ exitCode: 0, failed: [] });
          outcomes.imported += 1;
        } finally {
          for (const path of [bookPath, `${bookPath}-wal`, `${bookPath}-shm`, file]) rmSync(path, { force: true });
        }
      }),
      // Each run spawns one or two smart processes: a few dozen runs, and no long shrinking.
      { numRuns: 30, endOnFailure: true },
    );
  }, 900_000);
});
