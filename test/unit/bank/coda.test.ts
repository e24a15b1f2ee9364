import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BankLine } from '../../../src/bank/bank-line.js';
import { type CodaReadOptions, type CodaStatement, readCoda, readCodaStatements } from '../../../src/bank/coda/read-coda.js';
import { SmartError } from '../../../src/errors.js';
import { validateIban } from '../../../src/identifiers/iban.js';
import { structuredCommunicationFor, validateStructuredCommunication } from '../../../src/identifiers/structured-communication.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/bank/coda/', import.meta.url));
const samples = fileURLToPath(new URL('../../../../shared/refdata/coda/', import.meta.url));
const present = existsSync(samples);
if (!present) console.warn(`CODA reference samples skipped: ${samples} is absent (the shared refdata folder is not checked out)`);
const withSamples = present ? describe : describe.skip;

async function linesOf(path: string, options?: CodaReadOptions): Promise<BankLine[]> {
  const lines: BankLine[] = [];
  for await (const line of readCoda(path, options)) lines.push(line);
  return lines;
}

async function statementsOf(path: string, options?: CodaReadOptions): Promise<CodaStatement[]> {
  const statements: CodaStatement[] = [];
  for await (const statement of readCodaStatements(path, options)) statements.push(statement);
  return statements;
}

async function rejectionOf(path: string): Promise<SmartError> {
  try {
    await linesOf(path);
  } catch (error) {
    if (error instanceof SmartError) return error;
    throw error;
  }
  throw new Error(`${path} was accepted`);
}

const total = (lines: readonly BankLine[]): number => lines.reduce((sum, line) => sum + line.amountCents, 0);

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'smart-coda-'));
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

let written = 0;
function file(content: string | Buffer): string {
  written += 1;
  const path = join(scratch, `case-${written}.cod`);
  writeFileSync(path, content);
  return path;
}

const FIXTURE = join(fixtures, 'statement.cod');
/** The fixture's records (it is written with CRLF). */
const records = (): string[] => readFileSync(FIXTURE, 'latin1').split('\r\n').filter((record) => record !== '');

/** The record with `value` written from position `from` (1-based, as the Febelfin spec counts). */
function put(record: string, from: number, value: string): string {
  return record.slice(0, from - 1) + value + record.slice(from - 1 + value.length);
}

/** The fixture with the record on line `line` (1-based) changed. */
function withLine(line: number, change: (record: string) => string): string {
  const all = records();
  all[line - 1] = change(all[line - 1] ?? '');
  return `${all.join('\r\n')}\r\n`;
}

withSamples('the php-coda-parser reference samples give the values the refdata README expects', () => {
  test('sample1: one statement dated 2017-10-11, old balance 17752.12, new 17832.12, 4 movements', async () => {
    const statements = await statementsOf(join(samples, 'php-coda-parser-sample1.cod'));
    expect(statements).toHaveLength(1);
    const [statement] = statements;
    expect(statement).toMatchObject({
      createdOn: '2017-10-11',
      bankBic: 'KREDBEBB',
      duplicate: false,
      accountNumber: '138536152215',
      currency: 'EUR',
      openingBalance: { amountCents: 1775212, date: '2017-10-10' },
      closingBalance: { amountCents: 1783212, date: '2017-10-11' },
    });
    expect(statement?.lines).toHaveLength(4);
    expect(statement?.lines.map((line) => line.bookingDate)).toEqual(['2017-10-11', '2017-10-11', '2017-10-11', '2017-10-11']);
    expect(total(statement?.lines ?? [])).toBe(1783212 - 1775212);
  });

  test('sample1: its account number fails the Belgian check digits, so it gives no IBAN', async () => {
    const [statement] = await statementsOf(join(samples, 'php-coda-parser-sample1.cod'));
    expect(statement?.account).toBeNull();
    expect(statement?.lines.every((line) => line.account === null)).toBe(true);
  });

  test('sample1: the first movement is 5.00 from "KLANT1 MET NAAM1" BE22313215646432 with structured ref 000003505158', async () => {
    const [first] = await linesOf(join(samples, 'php-coda-parser-sample1.cod'));
    expect(first).toEqual({
      sourceLine: 3,
      account: null,
      bookingDate: '2017-10-11',
      valueDate: '2017-10-11',
      amountCents: 500,
      currency: 'EUR',
      counterpartyName: 'KLANT1 MET NAAM1',
      counterpartyIban: 'BE22313215646432',
      structuredReference: '000003505158',
      communication: null,
      bankReference: 'JRFC00120DSCCOCACAERT',
    });
  });

  test('sample1: the synthetic structured refs fail mod-97; they are kept as text and never match', async () => {
    const lines = await linesOf(join(samples, 'php-coda-parser-sample1.cod'));
    expect(lines.map((line) => line.structuredReference)).toEqual(['000003505158', '000003515846', '000003154982', '000002133131']);
    for (const line of lines) {
      expect(typeof line.structuredReference).toBe('string');
      expect(validateStructuredCommunication(line.structuredReference ?? '').ok).toBe(false);
    }
  });

  test('sample10: balances 100 -> 1100; the 1000.00 batch (detail 0000) becomes its two details', async () => {
    const [statement] = await statementsOf(join(samples, 'php-coda-parser-sample10.cod'));
    expect(statement?.openingBalance.amountCents).toBe(10000);
    expect(statement?.closingBalance.amountCents).toBe(110000);
    expect(statement?.lines.map((line) => [line.sourceLine, line.amountCents, line.counterpartyName, line.bankReference])).toEqual([
      [5, 25000, 'KLANT1 MET NAAM1', 'BANK-REF-BBBBBBBBBBBB'],
      [10, 75000, 'KLANT2 MET NAAM2', 'BANK-REF-CCCCCCCCCCCC'],
    ]);
    expect(total(statement?.lines ?? [])).toBe(100000);
  });

  test('sample11: balances 100 -> 1100 with one movement of 1000.00', async () => {
    const [statement] = await statementsOf(join(samples, 'php-coda-parser-sample11.cod'));
    expect(statement?.openingBalance.amountCents).toBe(10000);
    expect(statement?.closingBalance.amountCents).toBe(110000);
    expect(statement?.lines).toMatchObject([{ sourceLine: 3, amountCents: 100000, bankReference: 'BANK-REF-AAAAAAAAAAAA', structuredReference: null }]);
  });

  test('sample5 (not in the README) is inconsistent: its trailer and balances do not add up, so it is rejected', async () => {
    const error = await rejectionOf(join(samples, 'php-coda-parser-sample5.cod'));
    expect(error.problems.map((problem) => problem.where)).toEqual([
      'php-coda-parser-sample5.cod:15',
      'php-coda-parser-sample5.cod:16',
      'php-coda-parser-sample5.cod:16',
      'php-coda-parser-sample5.cod:16',
    ]);
    expect(error.problems[0]?.message).toBe(
      'the balances do not add up: the old balance 4004.10 (line 2) plus the movements 6303.46 makes 10307.56, but the new balance is -500012.10',
    );
  });

  test.each([1, 5, 127, 128, 129, 4096])('the samples read the same in chunks of %i bytes', async (chunkBytes) => {
    for (const sample of ['php-coda-parser-sample1.cod', 'php-coda-parser-sample10.cod', 'php-coda-parser-sample11.cod']) {
      expect(await statementsOf(join(samples, sample), { chunkBytes })).toEqual(await statementsOf(join(samples, sample)));
    }
  });
});

describe('the CODA fixture', () => {
  const common = { account: 'BE68539007547034', bookingDate: '2026-03-02', valueDate: '2026-03-02', currency: 'EUR' };

  test('gives its movements: a batch of client payments is split, the payout batch stays one debit', async () => {
    expect(await linesOf(FIXTURE)).toEqual([
      {
        ...common,
        sourceLine: 3,
        amountCents: 121000,
        counterpartyName: 'ATELIER DUPONT & FILS SRL',
        counterpartyIban: 'BE21001234567803',
        structuredReference: '202600000192',
        communication: null,
        bankReference: 'KBC2603020001ABCDEFGH',
      },
      {
        ...common,
        sourceLine: 8,
        amountCents: 35050,
        counterpartyName: 'JAN PEETERS',
        counterpartyIban: 'BE33734042198746',
        structuredReference: null,
        communication: 'FACTUUR 2026-000002 BEDANKT VOOR DE FIJNE SAMENWERKING',
        bankReference: 'KBC2603020002ABCDEFGH',
      },
      {
        ...common,
        sourceLine: 11,
        amountCents: -48000,
        counterpartyName: 'IMPRIMERIE LEMAIRE SA',
        counterpartyIban: 'BE51068247741562',
        structuredReference: null,
        communication: 'FACTURE F-2026-118 IMPRESSION FLYERS',
        bankReference: 'KBC2603020003ABCDEFGH',
      },
      {
        ...common,
        sourceLine: 15,
        amountCents: 48400,
        counterpartyName: 'STUDIO VERBEKE BV',
        counterpartyIban: 'BE27363158802073',
        structuredReference: '202600000394',
        communication: null,
        bankReference: 'KBC2603020004ABCDEF01',
      },
      {
        ...common,
        sourceLine: 18,
        amountCents: 24200,
        counterpartyName: 'MARIE CLAES',
        counterpartyIban: 'BE35310123456737',
        structuredReference: '202600000495',
        communication: null,
        bankReference: 'KBC2603020004ABCDEF02',
      },
      {
        ...common,
        sourceLine: 21,
        amountCents: -100000,
        counterpartyName: null,
        counterpartyIban: null,
        structuredReference: null,
        communication: 'SMART-2026-W10',
        bankReference: 'KBC2603020005ABCDEFGH',
      },
    ]);
  });

  test('its statement: header, account, balances 12500.00 -> 13306.50 that the lines add up to', async () => {
    const [statement] = await statementsOf(FIXTURE);
    expect(statement).toMatchObject({
      sourceLine: 2,
      createdOn: '2026-03-02',
      bankBic: 'KREDBEBB',
      duplicate: false,
      account: 'BE68539007547034',
      accountNumber: 'BE68539007547034',
      currency: 'EUR',
      statementNumber: '062',
      openingBalance: { amountCents: 1250000, date: '2026-02-27', sourceLine: 2 },
      closingBalance: { amountCents: 1330650, date: '2026-03-02', sourceLine: 29 },
    });
    expect(1250000 + total(statement?.lines ?? [])).toBe(1330650);
  });

  test('the first payment quotes the valid structured communication of invoice 2026-000001', async () => {
    const [first] = await linesOf(FIXTURE);
    expect(first?.structuredReference).toBe(structuredCommunicationFor('2026000001'));
    expect(validateStructuredCommunication(first?.structuredReference ?? '').ok).toBe(true);
    expect(validateIban(first?.counterpartyIban ?? '').ok).toBe(true);
  });

  test.each([1, 2, 64, 127, 128, 130, 1000])('reads the same in chunks of %i bytes', async (chunkBytes) => {
    expect(await statementsOf(FIXTURE, { chunkBytes })).toEqual(await statementsOf(FIXTURE));
  });

  test('LF instead of CRLF, no newline at the end, spaces after the 128th character, a byte order mark: the same', async () => {
    const expected = await statementsOf(FIXTURE);
    expect(await statementsOf(file(records().join('\n')))).toEqual(expected);
    expect(await statementsOf(file(records().map((record) => `${record}   `).join('\r\n')))).toEqual(expected);
    expect(await statementsOf(file(`\uFEFF${records().join('\n')}\n\n`))).toEqual(expected);
  });

  test('names in Latin-1 (Windows-1252) or in UTF-8 both read; a record is 128 characters, not bytes', async () => {
    const name = (record: string): string => put(record, 48, 'CRÈCHE LES PETITS LOUPS ASBL'.padEnd(35));
    const latin1 = Buffer.from(withLine(10, name), 'latin1');
    const utf8 = Buffer.from(withLine(10, name), 'utf8');
    expect(utf8.length).toBe(latin1.length + 1);
    for (const content of [latin1, utf8]) {
      expect((await linesOf(file(content)))[1]?.counterpartyName).toBe('CRÈCHE LES PETITS LOUPS ASBL');
    }
  });

  test('a duplicate file (position 17 of the header) says so', async () => {
    const [statement] = await statementsOf(file(withLine(1, (record) => put(record, 17, 'D'))));
    expect(statement?.duplicate).toBe(true);
  });

  test('an old-style Belgian account number (structure 0) with right check digits gives its IBAN', async () => {
    const zone = '539007547034 EUR0BE                  ';
    const content = records()
      .map((record) => (record.startsWith('1') ? put(put(record, 2, '0'), 6, zone) : record.startsWith('8') ? put(record, 5, zone) : record))
      .join('\n');
    const [statement] = await statementsOf(file(content));
    expect(statement?.account).toBe('BE68539007547034');
    expect(statement?.accountNumber).toBe('539007547034');
  });

  test('two statements in one file', async () => {
    const once = records().join('\n');
    const statements = await statementsOf(file(`${once}\n${once}\n`));
    expect(statements).toHaveLength(2);
    expect(statements[1]?.lines[0]?.sourceLine).toBe(33);
  });

  test('a bank reference that repeats within a statement gets #1, #2', async () => {
    const same = (record: string): string => put(record, 11, 'SAME-REFERENCE'.padEnd(21));
    const content = withLine(3, same).split('\r\n');
    content[7] = same(content[7] ?? '');
    const lines = await linesOf(file(content.join('\r\n')));
    expect(lines.map((line) => line.bankReference).slice(0, 2)).toEqual(['SAME-REFERENCE#1', 'SAME-REFERENCE#2']);
  });
});

describe('broken CODA files are rejected whole, naming the line', () => {
  test('a record of the wrong length', async () => {
    const error = await rejectionOf(join(fixtures, 'broken-record-length.cod'));
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toBe('broken-record-length.cod:10: the record has 127 characters, a CODA record has 128.');
    expect(error.problems).toEqual([{ where: 'broken-record-length.cod:10', message: 'the record has 127 characters, a CODA record has 128' }]);
    expect(error.hint).toMatch(/Nothing was imported/);
  });

  test('balances that do not add up', async () => {
    const error = await rejectionOf(join(fixtures, 'broken-balances.cod'));
    expect(error.problems).toEqual([
      {
        where: 'broken-balances.cod:29',
        message: 'the balances do not add up: the old balance 12500.00 (line 2) plus the movements 806.50 makes 13306.50, but the new balance is 13306.60',
      },
    ]);
  });

  test('an amount with a letter in it', async () => {
    const error = await rejectionOf(join(fixtures, 'broken-amount-letters.cod'));
    expect(error.problems).toEqual([
      { where: 'broken-amount-letters.cod:8', message: 'the amount "0000000003505O0" is not an amount of 15 digits (3 of them decimals)' },
    ]);
  });

  test.each([
    ['a non-zero third decimal', 8, (r: string) => put(r, 33, '000000000350505'), 'the amount 350.505 has a third decimal'],
    ['a sign code other than 0 or 1', 8, (r: string) => put(r, 32, '2'), 'the sign code "2" of the amount'],
    ['an impossible entry date', 8, (r: string) => put(r, 116, '310226'), 'the entry date (positions 116-121)'],
    ['an impossible value date', 8, (r: string) => put(r, 48, '991399'), 'the value date "991399"'],
    ['a bad communication type', 8, (r: string) => put(r, 62, '7'), 'the communication type "7"'],
    ['an unknown record type', 8, (r: string) => put(r, 1, '7'), '"7" is not a CODA record type'],
    ['an unknown movement record', 9, (r: string) => put(r, 2, '9'), '"29" is not a CODA movement record'],
    ['a record 23 out of its movement', 10, (r: string) => put(r, 3, '0009'), 'a record 23 that does not follow'],
    ['sequence numbers with letters', 9, (r: string) => put(r, 3, '00A2'), 'the sequence and detail numbers'],
    ['a bad old balance', 2, (r: string) => put(r, 44, '0000000000000X0'), 'the old balance'],
    ['a bad account structure', 2, (r: string) => put(r, 2, '7'), 'the account structure code "7"'],
    ['a new balance for another account', 29, (r: string) => put(r, 5, 'BE43068999999501'), 'the new balance is for another account'],
    ['a trailer that miscounts the records', 30, (r: string) => put(r, 17, '000031'), 'the trailer counts 31 records, the file has 27'],
    ['a trailer whose debits differ', 30, (r: string) => put(r, 23, '000000001480010'), "the trailer's total of debits is 1480.01, the movements' is 1480.00"],
    ['a bad creation date', 1, (r: string) => put(r, 6, '000000'), 'the creation date "000000"'],
  ])('%s', async (_name, line, change, message) => {
    const error = await rejectionOf(file(withLine(line, change)));
    expect(error.problems.length).toBeGreaterThanOrEqual(1);
    expect(error.problems[0]?.where).toBe(`case-${written}.cod:${line}`);
    expect(error.problems[0]?.message).toContain(message);
  });

  test.each([
    ['a CSV file', 'date;amount\n02/03/2026;12,50\n', 1, 'the first record is not a CODA header (record 0): this is not a CODA file'],
    ['a header of the wrong length', '0000\n', 1, 'this is not a CODA file'],
    ['an empty file', '', 1, 'the file is empty'],
    ['only blank lines', '\n\n   \n', 1, 'the file is empty'],
    ['a binary file', Buffer.alloc(10000, 7), 1, 'this is not a CODA file'],
  ])('%s', async (_name, content, line, message) => {
    const error = await rejectionOf(file(content));
    expect(error.problems[0]?.where).toBe(`case-${written}.cod:${line}`);
    expect(error.problems[0]?.message).toContain(message);
  });

  test('CODA version 1 is refused with a hint', async () => {
    const error = await rejectionOf(file(withLine(1, (record) => put(record, 128, '1'))));
    expect(error.message).toContain('only CODA 2 is read, ask the bank for CODA version 2');
  });

  test('a file cut short, and a statement without its new balance', async () => {
    const cut = records().slice(0, 20).join('\n');
    expect((await rejectionOf(file(cut))).message).toMatch(/:20: the file ends before its trailer \(record 9\): it is cut short\.$/);
    const noNewBalance = records().filter((record) => !record.startsWith('8')).join('\n');
    expect((await rejectionOf(file(noNewBalance))).problems[0]?.message).toBe(
      'a trailer (record 9) cannot come inside a statement, before its new balance (record 8)',
    );
  });

  test('records in the wrong place', async () => {
    const all = records();
    const movementFirst = [all[0], all[2], all[1], ...all.slice(3)].join('\n');
    expect((await rejectionOf(file(movementFirst))).problems[0]).toEqual({
      where: `case-${written}.cod:2`,
      message: 'a movement (record 2) cannot come before the old balance (record 1)',
    });
  });

  test('a missing file is not-found, a folder is invalid input', async () => {
    await expect(linesOf(join(scratch, 'nothing-here.cod'))).rejects.toMatchObject({ kind: 'not-found' });
    await expect(linesOf(scratch)).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('is a folder') });
  });
});
