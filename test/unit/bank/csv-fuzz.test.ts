import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BankLine } from '../../../src/bank/bank-line.js';
import { BANK_CSV_FORMATS } from '../../../src/bank/csv/bank-profiles.js';
import { type BankCsvSource, readAllBankCsv } from '../../../src/bank/csv/read-bank-csv.js';
import { type ColumnMapping, parseColumnMapping } from '../../../src/bank/csv/column-mapping.js';
import { openStatement } from '../../../src/bank/open-statement.js';
import { parseIsoDate } from '../../../src/calendar/dates.js';
import { SmartError } from '../../../src/errors.js';

/**
 * Whatever bytes a bank CSV file holds, reading it either gives bank lines (whole cents, real
 * dates) or rejects the file with a SmartError that names the file, and the line wherever the
 * problem is on a line: never another exception, never a stack trace in the message. Run through
 * every --format profile, a column mapping, and the auto-detection of `smart bank import`
 * (which may hand the file to the camt.053 or CODA reader).
 */
const BANK = fileURLToPath(new URL('../../../fixtures/bank/', import.meta.url));
const DEMO = fileURLToPath(new URL('../../../fixtures/demo/', import.meta.url));
const MAPPING = parseColumnMapping(JSON.parse(readFileSync(join(BANK, 'mapping.example.json'), 'utf8')), 'mapping.example.json');

interface Fixture {
  readonly name: string;
  readonly bytes: Buffer;
  /** What the file is read as when its own format is used. */
  readonly own: BankCsvSource;
}

const FIXTURES: readonly Fixture[] = [
  ['kbc.csv', 'kbc'],
  ['bnp-paribas-fortis.csv', 'bnp'],
  ['bnp-paribas-fortis-old.csv', 'bnp'],
  ['belfius.csv', 'belfius'],
  ['ing.csv', 'ing'],
  ['argenta.csv', 'argenta'],
  ['argenta-fr.csv', 'argenta'],
  ['generic.csv', MAPPING],
].map(([name, own]) => ({ name: name as string, bytes: readFileSync(join(BANK, name as string)), own: own as BankCsvSource }))
  .concat([{ name: 'statement-kbc.csv', bytes: readFileSync(join(DEMO, 'statement-kbc.csv')), own: 'kbc' }]);

/** Every way a CSV file can be read: each bank's profile, the mapping, and recognised by its header. */
const SOURCES: readonly BankCsvSource[] = ['auto', ...BANK_CSV_FORMATS, MAPPING];

let scratch = '';
let mappingPath = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'smart-bank-csv-fuzz-'));
  mappingPath = join(scratch, 'mapping.json');
  writeFileSync(mappingPath, readFileSync(join(BANK, 'mapping.example.json')));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Rejections of the whole file that have no line to name (the message names the file). */
const WHOLE_FILE = /is empty|binary data|is a PDF|ZIP archive|UTF-16|is not the CSV export of a bank|no .* header row|no header row|this is not a CODA file|this is not an XML file/;

/** How many files each property ran through the readers (reported at the end). */
const counts = { files: 0, read: 0, rejected: 0 };
afterAll(() => {
  // The number of fuzz cases this file really ran, for docs/reliability.md.
  process.stdout.write(`bank CSV fuzz: ${counts.files} files read, ${counts.read} accepted, ${counts.rejected} rejected\n`);
});

function checkLine(line: BankLine): void {
  if (!Number.isSafeInteger(line.amountCents)) throw new Error(`a non-integer amount: ${String(line.amountCents)}`);
  if (parseIsoDate(line.bookingDate) !== line.bookingDate) throw new Error(`not a real booking date: ${line.bookingDate}`);
  if (line.valueDate !== null && parseIsoDate(line.valueDate) !== line.valueDate) throw new Error(`not a real value date: ${line.valueDate}`);
  if (!/^[A-Z]{3}$/.test(line.currency)) throw new Error(`not a currency: ${line.currency}`);
  if (!Number.isSafeInteger(line.sourceLine) || line.sourceLine < 1) throw new Error(`not a line number: ${line.sourceLine}`);
}

function checkRejection(error: unknown, file: string): void {
  if (!(error instanceof SmartError)) throw error;
  expect(error.kind).toBe('invalid-input');
  const texts = [error.message, error.hint ?? '', ...error.problems.map((problem) => `${problem.where ?? ''} ${problem.message}`)];
  for (const text of texts) expect(text).not.toMatch(/\n\s+at |Error: /);
  // The file is named; a problem on a line names the line.
  expect(error.message).toContain(file);
  for (const problem of error.problems) expect(problem.where ?? '').toMatch(new RegExp(`^${file.replace(/\./g, '\\.')}(:\\d+)?$`));
  if (!new RegExp(`${file.replace(/\./g, '\\.')}:\\d+`).test(error.message)) expect(error.message).toMatch(WHOLE_FILE);
}

type Via = BankCsvSource | 'statement-auto' | 'statement-map';

/** Reads the file as `via` says; 'statement-*' go through openStatement, as `smart bank import` does. */
async function outcome(bytes: Uint8Array, via: Via): Promise<'read' | 'rejected'> {
  counts.files += 1;
  const file = `fuzz-${counts.files}.csv`;
  const path = join(scratch, file);
  writeFileSync(path, bytes);
  try {
    let lines: BankLine[] = [];
    if (via === 'statement-auto' || via === 'statement-map') {
      const statement = await openStatement(path, via === 'statement-auto' ? { format: 'auto' } : { format: 'csv', mapPath: mappingPath });
      for await (const line of statement.read()) lines.push(line);
    } else {
      lines = await readAllBankCsv(path, via);
    }
    lines.forEach(checkLine);
    counts.read += 1;
    return 'read';
  } catch (error) {
    checkRejection(error, file);
    counts.rejected += 1;
    return 'rejected';
  } finally {
    rmSync(path, { force: true });
  }
}

const via: fc.Arbitrary<Via> = fc.constantFrom<Via>(...SOURCES, 'statement-auto', 'statement-map');

/** Pieces inserted into a real file: separators, quotes, line ends, bytes of other encodings, odd values. */
const PIECES: readonly Buffer[] = [
  ';', ',', '\t', '|', '"', '""', '"\n', '\r\n', '\n', '\r', ';;;;;;;;', '31/02/2026', '2026-02-31', '12,345', '1.210', '1,210.00', '-', '+', '1O5,00',
  'EURO', 'BE00 0000 0000 0000', '+++202/6000/00193+++', '=SUM(A1)', 'Datum;Bedrag', 'Rekeningnummer;Afschriftnummer;Datum;Bedrag', '\uFEFF', 'é', '€',
].map((text) => Buffer.from(text, 'utf8'))
  .concat([Buffer.from([0xe9]), Buffer.from([0x00]), Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xc3]), Buffer.from([0x80, 0x80])])
  .concat([Buffer.alloc(150_000, 'x'), Buffer.concat([Buffer.from('"'), Buffer.alloc(20_000, 'y')])]);

type Edit =
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'insert'; at: number; piece: number }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate-line' | 'drop-line' | 'swap-lines'; line: number }
  | { kind: 'cut'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), piece: fc.nat({ max: PIECES.length - 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constantFrom('duplicate-line' as const, 'drop-line' as const, 'swap-lines' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
);

function applyEdits(original: Buffer, edits: readonly Edit[]): Buffer {
  let bytes = Buffer.from(original);
  for (const change of edits) {
    if (change.kind === 'set' || change.kind === 'insert' || change.kind === 'delete' || change.kind === 'cut') {
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
      continue;
    }
    // Line edits keep the bytes of each line as they are (any encoding).
    const lines: Buffer[] = [];
    let start = 0;
    for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) {
      lines.push(bytes.subarray(start, at + 1));
      start = at + 1;
    }
    if (start < bytes.length) lines.push(bytes.subarray(start));
    if (lines.length === 0) continue;
    const index = change.line % lines.length;
    const line = lines[index] ?? Buffer.alloc(0);
    if (change.kind === 'duplicate-line') lines.splice(index, 0, line);
    else if (change.kind === 'drop-line') lines.splice(index, 1);
    else if (index + 1 < lines.length) [lines[index], lines[index + 1]] = [lines[index + 1] ?? Buffer.alloc(0), line];
    bytes = Buffer.concat(lines);
  }
  return bytes;
}

const fixture = fc.constantFrom(...FIXTURES);

describe('random input never makes the bank CSV readers fail with anything but a SmartError naming the file and line', () => {
  test('the untouched fixtures are read, each with its own format and through auto-detection', async () => {
    for (const { bytes, own } of FIXTURES) {
      expect(await outcome(bytes, own)).toBe('read');
      if (own !== MAPPING) expect(await outcome(bytes, 'statement-auto')).toBe('read');
      else expect(await outcome(bytes, 'statement-map')).toBe('read');
    }
  });

  test('random bytes, through every format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), via, async (bytes, how) => {
        expect(await outcome(bytes, how)).toBe('rejected');
      }),
      { numRuns: 250 },
    );
  });

  test('random lines of separators, quotes and values under a real header', async () => {
    const cell = fc.oneof(fc.constantFrom('', ' ', '"', '""', '"a;b"', '05/01/2026', '31/02/2026', '2026-01-05', '1210,00', '-12,345', '1.210', 'EUR', 'BE63 0015 5123 4508', 'é'), fc.string({ maxLength: 12 }));
    const row = fc.tuple(fc.array(cell, { maxLength: 22 }), fc.constantFrom(';', ',', '\t')).map(([cells, separator]) => cells.join(separator));
    await fc.assert(
      fc.asyncProperty(fixture, fc.array(row, { maxLength: 12 }), fc.constantFrom('\r\n', '\n', '\r'), via, async (chosen, rows, end, how) => {
        const text = chosen.bytes.toString('latin1');
        const header = text.slice(0, text.search(/\r?\n/) + 1);
        await outcome(Buffer.concat([Buffer.from(header, 'latin1'), Buffer.from(rows.join(end), 'utf8')]), how);
      }),
      { numRuns: 250 },
    );
  });

  test('the fixtures with bytes changed, pieces inserted, lines dropped, repeated or swapped, read as their own format or another', async () => {
    await fc.assert(
      fc.asyncProperty(fixture, fc.array(edit, { minLength: 1, maxLength: 6 }), fc.boolean(), via, async (chosen, edits, own, other) => {
        await outcome(applyEdits(chosen.bytes, edits), own ? chosen.own : other);
      }),
      { numRuns: 600 },
    );
  });

  test('a column mapping file with keys changed or dropped is read, or refused naming the file', () => {
    const base = JSON.parse(readFileSync(join(BANK, 'mapping.example.json'), 'utf8')) as Record<string, unknown>;
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constantFrom(';', ',', 'tab', 'dd/mm/yyyy', 'yyyy-mm-dd', '.', ',', 'EUR', 0, 1, -1, 1.5, 1001, ['Date'], [], { bookingDate: 'Date' }));
    const key = fc.constantFrom(...Object.keys(base), 'colums', 'Delimiter', '');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.option(value, { nil: undefined })), { maxLength: 5 }), fc.boolean(), (changes, wrapInArray) => {
        const json: Record<string, unknown> = { ...base };
        for (const [name, replacement] of changes) {
          if (replacement === undefined) delete json[name];
          else json[name] = replacement;
        }
        counts.files += 1;
        try {
          const mapping: ColumnMapping = parseColumnMapping(wrapInArray ? [json] : json, 'map.json');
          expect(mapping.kind).toBe('column-mapping');
        } catch (error) {
          if (!(error instanceof SmartError)) throw error;
          expect(error.kind).toBe('invalid-input');
          expect(error.message).toMatch(/^map\.json/);
          for (const problem of error.problems) expect(problem.where).toBe('map.json');
        }
      }),
      { numRuns: 300 },
    );
  });
});
