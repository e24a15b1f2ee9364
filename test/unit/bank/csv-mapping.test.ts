import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import type { BankLine } from '../../../src/bank/bank-line.js';
import { loadColumnMapping, mappingProfile, parseColumnMapping } from '../../../src/bank/csv/column-mapping.js';
import { readAllBankCsv, validateBankCsv } from '../../../src/bank/csv/read-bank-csv.js';
import { SmartError } from '../../../src/errors.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/bank/', import.meta.url));
const fixture = (name: string): string => `${FIXTURES}${name}`;
const scratch = mkdtempSync(join(tmpdir(), 'smart-bank-csv-mapping-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, content: Buffer | string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

function refusal(action: () => unknown): SmartError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(SmartError);
    return error as SmartError;
  }
  throw new Error('expected the mapping to be refused');
}

async function asyncRefusal(promise: Promise<unknown>): Promise<SmartError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SmartError);
    return error as SmartError;
  }
  throw new Error('expected a refusal');
}

const MINIMAL = { dateFormat: 'dd/mm/yyyy', decimal: ',', columns: { bookingDate: 'Datum', amount: 'Bedrag' } };

describe('the example mapping reads the example statement of another bank', () => {
  test('generic.csv with mapping.example.json (",", decimal point, ISO dates, a line before the header)', async () => {
    const mapping = await loadColumnMapping(fixture('mapping.example.json'));
    expect(mapping).toMatchObject({ kind: 'column-mapping', name: 'Example Bank', delimiter: ',', skipLines: 1, decimal: '.', dateFormat: 'yyyy-mm-dd' });
    const base = { account: null, currency: 'EUR', structuredReference: null } as const;
    const expected: BankLine[] = [
      {
        ...base, sourceLine: 3, bookingDate: '2026-01-15', valueDate: '2026-01-15', amountCents: 121000, counterpartyName: 'Théâtre National Wallonie-Bruxelles',
        counterpartyIban: 'BE63001551234508', structuredReference: '202600000192', communication: 'Invoice payment', bankReference: 'TX-260115-0001',
      },
      {
        ...base, sourceLine: 4, bookingDate: '2026-01-16', valueDate: '2026-01-16', amountCents: 60550, counterpartyName: 'Ancienne Belgique',
        counterpartyIban: 'BE48068246913527', communication: 'Factuur 2026-000002, concert AB Club', bankReference: 'TX-260116-0002',
      },
      {
        ...base, sourceLine: 5, bookingDate: '2026-01-17', valueDate: '2026-01-17', amountCents: -7500, counterpartyName: 'Office Supplies BV',
        counterpartyIban: 'NL91ABNA0417164300', communication: 'Order 5531', bankReference: 'TX-260117-0003',
      },
      {
        ...base, sourceLine: 6, bookingDate: '2026-01-18', valueDate: '2026-01-19', amountCents: 36300, counterpartyName: "Festival d'Avignon",
        counterpartyIban: 'FR1420041010050500013M02606', structuredReference: '202600000394', communication: '***202/6000/00394***', bankReference: 'TX-260118-0004',
      },
      {
        ...base, sourceLine: 7, bookingDate: '2026-01-19', valueDate: '2026-01-19', amountCents: 25000, counterpartyName: 'Café De Zwaan',
        counterpartyIban: 'BE41143090909010', structuredReference: '202600000193', communication: null, bankReference: 'TX-260119-0005',
      },
    ];
    expect(await readAllBankCsv(fixture('generic.csv'), mapping)).toEqual(expected);
    expect(await validateBankCsv(fixture('generic.csv'), mappingProfile(mapping))).toEqual({ lines: 5, format: 'mapping', bank: 'Example Bank' });
  });

  test('credit and debit columns, ";", ISO-8859-1, dd.mm.yyyy, a list of names for the communication', async () => {
    const mapping = parseColumnMapping({
      delimiter: ';',
      encoding: 'latin1',
      dateFormat: 'dd.mm.yyyy',
      decimal: ',',
      currency: 'EUR',
      columns: { bookingDate: 'Buchungstag', credit: 'Haben', debit: 'Soll', counterpartyName: 'Empfänger', counterpartyIban: 'IBAN', communication: ['Verwendungszweck', 'Buchungstext'], account: 'Konto' },
    });
    const text = [
      'Konto;Buchungstag;Buchungstext;Empfänger;IBAN;Verwendungszweck;Soll;Haben',
      'DE89370400440532013000;02.01.2026;Gutschrift;Théâtre National;BE63 0015 5123 4508;+++202/6000/00192+++;;1.210,00',
      'DE89370400440532013000;03.01.2026;Lastschrift;Müller GmbH;DE89370400440532013000;;-45,90;',
      'DE89370400440532013000;04.01.2026;Gebühren;;;;12,00;',
    ].join('\r\n');
    const lines = await readAllBankCsv(scratchFile('bank.csv', Buffer.from(text, 'latin1')), mapping);
    expect(lines.map((line) => [line.sourceLine, line.account, line.bookingDate, line.amountCents, line.counterpartyName, line.structuredReference, line.communication])).toEqual([
      [2, 'DE89370400440532013000', '2026-01-02', 121000, 'Théâtre National', '202600000192', '+++202/6000/00192+++'],
      [3, 'DE89370400440532013000', '2026-01-03', -4590, 'Müller GmbH', null, 'Lastschrift'],
      [4, 'DE89370400440532013000', '2026-01-04', -1200, null, null, 'Gebühren'],
    ]);
  });

  test('the mapping is strict about its own date and amount styles', async () => {
    const mapping = parseColumnMapping(MINIMAL);
    const path = scratchFile('strict.csv', 'Datum;Bedrag\n05/01/2026;1.210,50\n2026-01-06;10,00\n07/01/2026;1,210.50\n');
    const error = await asyncRefusal(readAllBankCsv(path, mapping));
    expect(error.problems).toEqual([
      { where: 'strict.csv:3', message: 'column "Datum": "2026-01-06" is not a date written as dd/mm/yyyy' },
      { where: 'strict.csv:4', message: 'column "Bedrag": "1,210.50" uses "." as the decimal separator, but this file\'s amounts are written like 1.234,56 (decimal comma)' },
    ]);
  });

  test('a column of the mapping that is not in the header row is named', async () => {
    const mapping = parseColumnMapping({ ...MINIMAL, columns: { ...MINIMAL.columns, communication: 'Mededeling' } });
    const path = scratchFile('missing-column.csv', 'Datum;Bedrag;Omschrijving\n05/01/2026;10,00;x\n');
    const error = await asyncRefusal(readAllBankCsv(path, mapping));
    expect(error.message).toBe('missing-column.csv:1: the header row has no column "Mededeling" (the mapping\'s columns.communication).');
    expect(error.hint).toMatch(/The header row is: Datum \| Bedrag \| Omschrijving/);
  });

  test('a mapping that says latin1 for a file with a UTF-8 byte order mark', async () => {
    const mapping = parseColumnMapping({ ...MINIMAL, encoding: 'latin1' });
    const path = scratchFile('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Datum;Bedrag\n05/01/2026;10,00\n')]));
    const error = await asyncRefusal(readAllBankCsv(path, mapping));
    expect(error.message).toMatch(/^bom\.csv:1: the file starts with a UTF-8 byte order mark, but its mapping says "encoding": "latin1"/);
  });
});

describe('a bad mapping is refused, naming every wrong key', () => {
  test('the example file is a valid mapping, and so is the minimal one', () => {
    const example: unknown = JSON.parse(readFileSync(fixture('mapping.example.json'), 'utf8'));
    expect(() => parseColumnMapping(example)).not.toThrow();
    expect(parseColumnMapping(MINIMAL)).toEqual({
      kind: 'column-mapping', name: 'mapping', delimiter: ';', encoding: 'auto', skipLines: 0, dateFormat: 'dd/mm/yyyy', decimal: ',', currency: 'EUR',
      columns: { bookingDate: ['Datum'], amount: ['Bedrag'] },
    });
  });

  test('every problem at once', () => {
    const error = refusal(() =>
      parseColumnMapping(
        { delimeter: ';', encoding: 'ebcdic', skipLines: -1, dateFormat: 'mm/dd/yyyy', decimal: ';', currency: 'euro', columns: { bookingdate: 'Datum', amount: 7 } },
        'bank.json',
      ),
    );
    expect(error.kind).toBe('invalid-input');
    expect(error.message).toBe('bank.json: the column mapping has 9 problems.');
    expect(error.problems.map((problem) => problem.message)).toEqual([
      '"delimeter": unknown key; the keys are "$comment", "name", "delimiter", "encoding", "skipLines", "dateFormat", "decimal", "currency", "columns"',
      '"encoding": must be "auto", "utf-8" or "latin1"',
      '"skipLines": must be a whole number of lines from 0 to 1000',
      '"dateFormat": must be one of "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy", "yyyy-mm-dd"',
      '"decimal": must be "," (amounts like 1.234,56) or "." (amounts like 1,234.56)',
      '"currency": must be a currency code such as "EUR"',
      '"columns.bookingdate": unknown column key; the keys are "bookingDate", "amount", "credit", "debit", "valueDate", "account", "currency", "counterpartyName", "counterpartyIban", "communication", "structuredReference", "bankReference"',
      '"columns.amount": must be a header name, or a list of header names',
      '"columns.bookingDate": is missing: the header name of the booking date',
    ]);
    expect(error.problems.every((problem) => problem.where === 'bank.json')).toBe(true);
  });

  test.each([
    [{ decimal: ',', columns: MINIMAL.columns }, 'mapping: "dateFormat": is missing: one of "dd/mm/yyyy", "dd-mm-yyyy", "dd.mm.yyyy", "yyyy-mm-dd".'],
    [{ dateFormat: 'dd/mm/yyyy', columns: MINIMAL.columns }, 'mapping: "decimal": is missing: "," (amounts like 1.234,56) or "." (amounts like 1,234.56).'],
    [{ ...MINIMAL, columns: { bookingDate: 'Datum' } }, 'mapping: "columns.amount": is missing: the header name of the signed amount (or give "credit" and "debit").'],
    [{ ...MINIMAL, columns: { ...MINIMAL.columns, credit: 'Credit', debit: 'Debet' } }, 'mapping: "columns.amount": give either "amount" (signed) or "credit" and "debit", not both.'],
    [{ ...MINIMAL, columns: { bookingDate: 'Datum', credit: 'Credit' } }, 'mapping: "columns.debit": "credit" and "debit" go together.'],
    [{ ...MINIMAL, delimiter: ':' }, 'mapping: "delimiter": must be ";", ",", "tab" or "|".'],
    [{ ...MINIMAL, columns: { ...MINIMAL.columns, communication: [] } }, 'mapping: "columns.communication": must be a header name, or a list of header names.'],
    [{ dateFormat: 'dd/mm/yyyy', decimal: ',' }, 'mapping: "columns": is missing: it maps header names to "bookingDate", "amount", ....'],
  ])('%j', (json, message) => {
    expect(refusal(() => parseColumnMapping(json)).message).toBe(message);
  });

  test('not an object, not JSON, no file', async () => {
    expect(refusal(() => parseColumnMapping([1, 2])).message).toMatch(/a column mapping is a JSON object/);
    const broken = await asyncRefusal(loadColumnMapping(scratchFile('broken.json', '{ "decimal": "," ')));
    expect(broken).toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/^broken\.json is not valid JSON: /) });
    expect(await asyncRefusal(loadColumnMapping(join(scratch, 'none.json')))).toMatchObject({ kind: 'not-found' });
  });
});
