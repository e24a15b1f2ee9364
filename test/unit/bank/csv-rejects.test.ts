import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import type { BankLine } from '../../../src/bank/bank-line.js';
import { MAX_LISTED_PROBLEMS, readAllBankCsv, readBankCsv, validateBankCsv } from '../../../src/bank/csv/read-bank-csv.js';
import { SmartError } from '../../../src/errors.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/bank/', import.meta.url));
const fixture = (name: string): string => `${FIXTURES}${name}`;
const scratch = mkdtempSync(join(tmpdir(), 'smart-bank-csv-rejects-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, content: Buffer | string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

async function failure(promise: Promise<unknown>): Promise<SmartError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SmartError);
    return error as SmartError;
  }
  throw new Error('expected the file to be refused');
}

const KBC_HEADER = readFileSync(fixture('kbc.csv')).toString('latin1').split('\r\n')[0] ?? '';
function kbcRow(date: string, amount: string, free = 'Factuur 2026-000002'): string {
  return `BE16734021123474;;Coopérative Démo SCRL;EUR;02026001;${date};OVERSCHRIJVING;${date};${amount};0,00;;;BE48 0682 4691 3527;GKCCBEBB;Ancienne Belgique;;;${free}`;
}
function kbcFile(name: string, rows: readonly string[]): string {
  return scratchFile(name, Buffer.from([KBC_HEADER, ...rows].join('\r\n'), 'latin1'));
}

describe('a bad line rejects the whole file, and every bad line is named', () => {
  test('bad date, three decimals and a letter in the middle of a KBC statement', async () => {
    const error = await failure(readAllBankCsv(fixture('kbc-bad-rows.csv')));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toBe('kbc-bad-rows.csv:3: column "Datum": "31/02/2026" is not a calendar date (and 2 more bad lines).');
    expect(error.problems).toEqual([
      { where: 'kbc-bad-rows.csv:3', message: 'column "Datum": "31/02/2026" is not a calendar date' },
      { where: 'kbc-bad-rows.csv:5', message: 'column "Bedrag": "-12,345" has 3 decimals: an amount has at most two (cents)' },
      { where: 'kbc-bad-rows.csv:6', message: 'column "Bedrag": "1O5,00" is not an amount: it holds a letter; amounts are written like 1.234,56 (decimal comma)' },
    ]);
    expect(error.hint).toMatch(/Nothing was imported/);
    await expect(validateBankCsv(fixture('kbc-bad-rows.csv'))).rejects.toMatchObject({ problems: error.problems });
  });

  test('the stream yields the good lines before the first bad one, then stops yielding and throws at the end', async () => {
    const yielded: BankLine[] = [];
    const reading = (async () => {
      for await (const line of readBankCsv(fixture('kbc-bad-rows.csv'))) yielded.push(line);
    })();
    const error = await failure(reading);
    expect(yielded.map((line) => line.sourceLine)).toEqual([2]);
    expect(error.problems).toHaveLength(3);
  });

  test('a decimal point where Belfius writes a decimal comma, counted past the preamble', async () => {
    const error = await failure(readAllBankCsv(fixture('belfius-bad-row.csv')));
    expect(error.message).toBe('belfius-bad-row.csv:15: column "Bedrag": "1,210.50" uses "." as the decimal separator, but this file\'s amounts are written like 1.234,56 (decimal comma).');
    expect(error.problems).toHaveLength(1);
  });

  test('several problems on one line are one problem naming each column', async () => {
    const path = kbcFile('kbc-two-problems.csv', [kbcRow('05/01/2026', '10,00'), kbcRow('2026/01/05', '10,001')]);
    const error = await failure(readAllBankCsv(path));
    expect(error.problems).toEqual([
      {
        where: 'kbc-two-problems.csv:3',
        message: 'column "Datum": "2026/01/05" is not a date written as dd/mm/yyyy or yyyy-mm-dd; column "Valuta": "2026/01/05" is not a date written as dd/mm/yyyy or yyyy-mm-dd; column "Bedrag": "10,001" has 3 decimals: an amount has at most two (cents)',
      },
    ]);
  });

  test('empty date or amount, an invalid IBAN, a bad currency', async () => {
    const rows = [
      kbcRow('', '10,00'),
      kbcRow('05/01/2026', '   '),
      kbcRow('05/01/2026', '10,00').replace('BE48 0682 4691 3527', 'BE48 0682 4691 3528'),
      kbcRow('05/01/2026', '10,00').replace(';EUR;', ';EURO;'),
    ];
    const error = await failure(readAllBankCsv(kbcFile('kbc-empty-cells.csv', rows)));
    expect(error.problems.map((problem) => [problem.where, problem.message])).toEqual([
      ['kbc-empty-cells.csv:2', 'column "Datum" is empty: every line has a booking date'],
      ['kbc-empty-cells.csv:3', 'column "Bedrag" is empty: every line has an amount'],
      ['kbc-empty-cells.csv:4', 'column "rekeningnummer tegenpartij": not a valid iban: the check digits do not match: check for a typing error'],
      ['kbc-empty-cells.csv:5', 'column "Munt": "EURO" is not a currency code such as EUR'],
    ]);
  });

  test('a line with a field too few or too many', async () => {
    const good = kbcRow('05/01/2026', '10,00');
    const error = await failure(readAllBankCsv(kbcFile('kbc-fields.csv', [good, good.replace(';GKCCBEBB', ''), `${good};extra`, `${good};;`])));
    expect(error.problems).toEqual([
      { where: 'kbc-fields.csv:3', message: 'the line has 17 fields where the header row has 18: a ";" is missing, or a text holds a line break without quotes' },
      { where: 'kbc-fields.csv:4', message: 'the line has 19 fields where the header row has 18: a text holds a ";" without quotes' },
    ]);
  });

  test(`at most ${MAX_LISTED_PROBLEMS} bad lines are listed, all are counted`, async () => {
    const rows = Array.from({ length: 120 }, (_, index) => kbcRow('05/01/2026', index % 2 === 0 ? '10,00' : '10,0x'));
    const error = await failure(readAllBankCsv(kbcFile('kbc-many.csv', rows)));
    expect(error.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(error.problems[0]?.where).toBe('kbc-many.csv:3');
    expect(error.message).toMatch(/^kbc-many\.csv:3: column "Bedrag": .* \(and 59 more bad lines\)\.$/);
    expect(error.hint).toMatch(/Only the first 50 are listed/);
  });

  test('broken quoting stops the reading at its line', async () => {
    const path = kbcFile('kbc-quote.csv', [kbcRow('05/01/2026', '10,00'), kbcRow('06/01/2026', '10,00', '"Factuur 2026-000002'), kbcRow('07/01/2026', '10,00')]);
    const error = await failure(readAllBankCsv(path));
    expect(error.message).toBe('kbc-quote.csv:3: not valid CSV: a quote opened on this line is never closed.');
  });
});

describe('files that are no bank statement are refused clearly', () => {
  test('a missing file, a folder', async () => {
    expect(await failure(readAllBankCsv(join(scratch, 'nope.csv')))).toMatchObject({ kind: 'not-found' });
    const folder = join(scratch, 'folder.csv');
    mkdirSync(folder);
    expect(await failure(readAllBankCsv(folder))).toMatchObject({ kind: 'not-found', message: expect.stringMatching(/folder/) });
  });

  test.each([
    ['nothing', ''],
    ['blank lines', '\r\n\r\n  \r\n'],
    ['a byte order mark only', '\uFEFF'],
  ])('an empty file (%s)', async (_what, content) => {
    const error = await failure(readAllBankCsv(scratchFile('empty.csv', content)));
    expect(error).toMatchObject({ kind: 'invalid-input', message: 'empty.csv is empty.' });
  });

  test.each([
    ['random bytes', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]), 'binary.csv holds binary data (NUL bytes), not CSV text.'],
    ['an XLSX workbook', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 'binary.csv is a spreadsheet or a ZIP archive (XLSX), not a CSV text file.'],
    ['a PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'binary.csv is a PDF document, not a CSV text file.'],
    ['UTF-16 text', Buffer.from('\uFEFFRekening;Bedrag\r\n', 'utf16le'), 'binary.csv is UTF-16 text (it starts with a UTF-16 byte order mark), not a bank CSV export in UTF-8 or ISO-8859-1.'],
  ])('%s', async (_what, bytes, message) => {
    const error = await failure(readAllBankCsv(scratchFile('binary.csv', bytes)));
    expect(error).toMatchObject({ kind: 'invalid-input', message });
    expect(error.hint).toMatch(/Export the statement again/);
  });

  test('binary data after the first 64 KiB, named by its line', async () => {
    const rows = Array.from({ length: 1000 }, () => kbcRow('05/01/2026', '10,00'));
    const path = scratchFile('kbc-nul.csv', Buffer.concat([Buffer.from([KBC_HEADER, ...rows, ''].join('\r\n'), 'latin1'), Buffer.from([0x00, 0x01, 0x02])]));
    const error = await failure(readAllBankCsv(path));
    expect(error.message).toBe('kbc-nul.csv:1002: the file holds binary data (a NUL byte), not CSV text.');
  });

  test('a file that is UTF-8 at first and ISO-8859-1 further on', async () => {
    const rows = Array.from({ length: 1000 }, () => kbcRow('05/01/2026', '10,00'));
    const utf8 = Buffer.from([KBC_HEADER, ...rows, ''].join('\r\n'), 'utf8');
    const path = scratchFile('kbc-mixed.csv', Buffer.concat([utf8, Buffer.from(kbcRow('06/01/2026', '1,00'), 'latin1')]));
    const error = await failure(readAllBankCsv(path));
    expect(error.message).toBe('kbc-mixed.csv:1002: this line is not valid UTF-8 although the lines before it are: the file mixes two encodings.');
  });

  test('a CSV file of a bank smart does not know', async () => {
    const error = await failure(readAllBankCsv(fixture('generic.csv')));
    expect(error.message).toMatch(/^generic\.csv is not the CSV export of a bank smart recognises \(KBC, BNP Paribas Fortis, Belfius, ING, Argenta\)/);
    expect(error.hint).toMatch(/--format csv --map MAPPING/);
  });

  test('a bank\'s file read as another bank\'s', async () => {
    const error = await failure(readAllBankCsv(fixture('belfius.csv'), 'kbc'));
    expect(error.message).toBe('belfius.csv: no KBC header row (with "rekeningnummer", "afschriftnummer", "datum", "bedrag") in its first 40 lines. It looks like a Belfius export.');
  });
});
