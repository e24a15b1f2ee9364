import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SmartError } from '../../src/errors.js';
import { type ImportMembersOutcome, importMembers } from '../../src/members/import-members.js';
import { type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

/**
 * Whatever a members CSV file holds, `smart member import` either imports (or, in a dry run,
 * would import) its rows, or refuses the file with a SmartError that names the file, and the
 * line for every problem on a line: never another exception. A refused import leaves every
 * table of the book as it was; an accepted one adds exactly the members it says.
 */
const MEMBERS_CSV = readFileSync(fileURLToPath(new URL('../../fixtures/demo/members.csv', import.meta.url)));
/** The same members written the other way a spreadsheet saves them: ";" and a UTF-8 byte order mark. */
const MEMBERS_SEMICOLON = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from(
    MEMBERS_CSV.toString('utf8')
      .split('\n')
      .map((line) => line.replace(/"([^"]*)"/g, (_all, inner: string) => inner.replace(/,/g, ' ')).replace(/,/g, ';'))
      .join('\r\n'),
    'utf8',
  ),
]);
const HEADER = MEMBERS_CSV.toString('utf8').split('\n')[0] ?? '';

let temp: TempBook;
beforeAll(() => {
  temp = createTempBook();
});
afterAll(() => temp.cleanup());

const counts = { files: 0, imported: 0, refused: 0 };
afterAll(() => {
  process.stdout.write(`member import fuzz: ${counts.files} files, ${counts.imported} accepted, ${counts.refused} refused\n`);
});

/** Rejections of the whole file that have no line to name. */
const WHOLE_FILE = /is empty|is not a CSV text file|has a header but no members|does not have the expected columns|is a folder/;

function rowCounts(): Record<string, number> {
  const tables = temp.book.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, (temp.book.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Imports the bytes as a members file (a dry run unless `write`), and checks what it may do. */
async function outcome(bytes: Uint8Array, write: boolean): Promise<'imported' | 'refused'> {
  counts.files += 1;
  const file = `fuzz-${counts.files}.csv`;
  const path = join(temp.dir, file);
  writeFileSync(path, bytes);
  const before = rowCounts();
  try {
    const result: ImportMembersOutcome = await importMembers(temp.book, testContext(), path, !write);
    expect(result.rows).toBeGreaterThan(0);
    expect(result.added + result.alreadyPresent).toBe(result.rows);
    const after = rowCounts();
    expect(after['members']).toBe((before['members'] ?? 0) + (write ? result.added : 0));
    if (!write || result.added === 0) expect(after).toEqual(before);
    counts.imported += 1;
    return 'imported';
  } catch (error) {
    if (!(error instanceof SmartError)) throw error;
    expect(error.kind).toBe('invalid-input');
    const texts = [error.message, error.hint ?? '', ...error.problems.map((problem) => `${problem.where ?? ''} ${problem.message}`)];
    for (const text of texts) expect(text).not.toMatch(/\n\s+at |Error: /);
    expect(error.message).toContain(file);
    // Every problem names the file and its line (and the column, for a value).
    for (const problem of error.problems) expect(problem.where ?? '').toMatch(new RegExp(`^${escaped(file)}:\\d+( [a-z_]+)?$`));
    if (!new RegExp(`${escaped(file)}:\\d+`).test(error.message) && error.problems.length === 0) expect(error.message).toMatch(WHOLE_FILE);
    expect(rowCounts()).toEqual(before);
    counts.refused += 1;
    return 'refused';
  } finally {
    rmSync(path, { force: true });
  }
}

const PIECES: readonly Buffer[] = [
  ',', ';', '"', '""', '\n', '\r\n', '\r', ',,,,,', '1985-02-30', '85073001151', 'BE83332253083016', 'ada@@example.be', 'freelancer', '0', '-1', '1.5',
  'colour', 'name', 'é', '\uFEFF', '=HYPERLINK("x")',
].map((text) => Buffer.from(text, 'utf8'))
  .concat([Buffer.from([0xe9]), Buffer.from([0x00]), Buffer.from([0xc3]), Buffer.from([0xff, 0xfe]), Buffer.alloc(5000, 'x'), Buffer.alloc(1024 * 1024, 'y')]);

type Edit =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; piece: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line' | 'drop-line' | 'swap-lines'; line: number }
  | { kind: 'cut'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.nat({ max: PIECES.length - 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ kind: fc.constantFrom('duplicate-line' as const, 'drop-line' as const, 'swap-lines' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);

function applyEdits(original: Buffer, edits: readonly Edit[]): Buffer {
  let bytes = Buffer.from(original);
  for (const change of edits) {
    if (!('at' in change)) {
      const lines = bytes.toString('latin1').split(/(?<=\n)/);
      const index = change.line % Math.max(lines.length, 1);
      const line = lines[index] ?? '';
      if (change.kind === 'duplicate-line') lines.splice(index, 0, line);
      else if (change.kind === 'drop-line') lines.splice(index, 1);
      else if (index + 1 < lines.length) [lines[index], lines[index + 1]] = [lines[index + 1] ?? '', line];
      bytes = Buffer.from(lines.join(''), 'latin1');
      continue;
    }
    const index = change.at % (bytes.length + 1);
    if (change.kind === 'set') {
      if (index < bytes.length) bytes[index] = change.byte;
    } else if (change.kind === 'insert') {
      bytes = Buffer.concat([bytes.subarray(0, index), PIECES[change.piece] ?? Buffer.alloc(0), bytes.subarray(index)]);
    } else if (change.kind === 'delete') {
      bytes = Buffer.concat([bytes.subarray(0, index), bytes.subarray(index + change.length)]);
    } else {
      bytes = bytes.subarray(0, index);
    }
  }
  return bytes;
}

describe('random input never makes member import fail with anything but a SmartError naming the file and line', () => {
  test('the untouched files are read (a dry run)', async () => {
    expect(await outcome(MEMBERS_CSV, false)).toBe('imported');
    expect(await outcome(MEMBERS_SEMICOLON, false)).toBe('imported');
  });

  test('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        expect(await outcome(bytes, false)).toBe('refused');
      }),
      { numRuns: 200 },
    );
  });

  test('random rows of cells under the real header', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', ' ', '"', '""', '"a,b"', 'Ada', 'ada@example.be', '85073001150', '1985-07-30', '1985-02-30', 'BE83332253083015', 'artist', 'employee', 'flat', '2', '0', 'é'),
      fc.string({ maxLength: 10 }),
    );
    const row = fc.array(cell, { maxLength: 12 }).map((cells) => cells.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\r\n'), async (rows, end) => {
        await outcome(Buffer.from([HEADER, ...rows].join(end), 'utf8'), false);
      }),
      { numRuns: 300 },
    );
  });

  test('the real files with bytes changed, pieces inserted, lines dropped, repeated or swapped (a dry run)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(MEMBERS_CSV, MEMBERS_SEMICOLON), fc.array(edit, { minLength: 1, maxLength: 5 }), async (original, edits) => {
        await outcome(applyEdits(original, edits), false);
      }),
      { numRuns: 400 },
    );
  });

  test('the same, imported for real: all of the file or none of it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        await outcome(applyEdits(MEMBERS_CSV, edits), true);
      }),
      { numRuns: 60 },
    );
  });
});
