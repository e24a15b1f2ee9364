import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import type { BankLine } from '../../../src/bank/bank-line.js';
import { readAllBankCsv, readBankCsv, resolveBankCsvProfile, validateBankCsv } from '../../../src/bank/csv/read-bank-csv.js';
import { findStructuredCommunications, structuredCommunicationFor, validateStructuredCommunication } from '../../../src/identifiers/structured-communication.js';

const FIXTURES = fileURLToPath(new URL('../../../fixtures/bank/', import.meta.url));
const fixture = (name: string): string => `${FIXTURES}${name}`;
const scratch = mkdtempSync(join(tmpdir(), 'smart-bank-csv-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function scratchFile(name: string, content: Buffer | string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

/** Invoice 2026-000001: base 2026000001, check 2026000001 mod 97 = 92. */
const INVOICE_1 = '202600000192';
/** The same base with a wrong check digit. */
const WRONG_CHECK = '202600000193';

const THEATRE = 'Théâtre National Wallonie-Bruxelles';

function line(fields: Partial<BankLine> & Pick<BankLine, 'sourceLine' | 'bookingDate' | 'amountCents'>): BankLine {
  return {
    account: null,
    valueDate: fields.bookingDate,
    currency: 'EUR',
    counterpartyName: null,
    counterpartyIban: null,
    structuredReference: null,
    communication: null,
    bankReference: null,
    ...fields,
  };
}

test('the fixtures\' structured communications are what the invoices derive', () => {
  expect(structuredCommunicationFor('2026000001')).toBe(INVOICE_1);
  expect(validateStructuredCommunication(`+++${INVOICE_1.slice(0, 3)}/${INVOICE_1.slice(3, 7)}/${INVOICE_1.slice(7)}+++`)).toEqual({ ok: true, value: INVOICE_1 });
  expect(validateStructuredCommunication(WRONG_CHECK).ok).toBe(false);
  expect(structuredCommunicationFor('2026000003')).toBe('202600000394');
  expect(structuredCommunicationFor('2026000004')).toBe('202600000495');
});

describe('KBC (ISO-8859-1, 18 space-padded columns, structured communication in its own column)', () => {
  const account = 'BE16734021123474';
  const expected: BankLine[] = [
    line({
      sourceLine: 2, account, bookingDate: '2026-01-05', amountCents: 121000, counterpartyName: THEATRE, counterpartyIban: 'BE63001551234508',
      structuredReference: INVOICE_1,
      communication: 'EUROPESE OVERSCHRIJVING VAN 05-01 BE63 0015 5123 4508 BANKIER OPDRACHTGEVER: GEBABEBB THÉÂTRE NATIONAL WALLONIE-BRUXELLES',
    }),
    line({
      sourceLine: 3, account, bookingDate: '2026-01-06', amountCents: 60550, counterpartyName: 'Ancienne Belgique', counterpartyIban: 'BE48068246913527',
      communication: 'Factuur 2026-000002 concert AB Club',
    }),
    line({
      sourceLine: 4, account, bookingDate: '2026-01-07', amountCents: 36300, counterpartyName: "Festival d'Avignon", counterpartyIban: 'FR1420041010050500013M02606',
      communication: 'Règlement facture 202600000394',
    }),
    line({
      sourceLine: 5, account, bookingDate: '2026-01-08', amountCents: -150000, counterpartyName: 'Jan Peeters', counterpartyIban: 'BE17363182736421',
      communication: 'Uitbetaling week 2026-W02',
    }),
    line({
      sourceLine: 6, account, bookingDate: '2026-01-09', valueDate: '2026-01-12', amountCents: 25000, counterpartyName: 'Café De Zwaan', counterpartyIban: 'BE41143090909010',
      structuredReference: WRONG_CHECK,
      communication: 'EUROPESE OVERSCHRIJVING VAN 09-01 BE41 1430 9090 9010 BANKIER OPDRACHTGEVER: GEBABEBB CAFÉ DE ZWAAN',
    }),
    line({ sourceLine: 7, account, bookingDate: '2026-01-09', valueDate: '2026-01-01', amountCents: -1250, communication: 'KOSTEN KBC-BUSINESS COMFORT 01-12 TOT 31-12' }),
  ];

  test('read with auto-detection', async () => {
    expect(await readAllBankCsv(fixture('kbc.csv'))).toEqual(expected);
    expect(await resolveBankCsvProfile(fixture('kbc.csv'))).toMatchObject({ format: 'kbc', bank: 'KBC' });
  });

  test('the file is ISO-8859-1, and the accents come out right', async () => {
    const bytes = readFileSync(fixture('kbc.csv'));
    expect(bytes.includes(Buffer.from('é', 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from([0xe9]))).toBe(true);
    const lines = await readAllBankCsv(fixture('kbc.csv'), 'kbc');
    expect(lines.map((one) => one.counterpartyName)).toContain('Café De Zwaan');
  });

  test('the same statement with lone "\\r" line ends (as KBC writes them) or tabs', async () => {
    const bytes = readFileSync(fixture('kbc.csv'));
    const carriageReturns = scratchFile('kbc-cr.csv', Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\r'), 'latin1'));
    expect(await readAllBankCsv(carriageReturns)).toEqual(expected);
    const tabs = scratchFile('kbc-tab.csv', Buffer.from(bytes.toString('latin1').replace(/;/g, '\t'), 'latin1'));
    expect(await readAllBankCsv(tabs)).toEqual(expected);
  });

  test('the English header, saved again as UTF-8 with a BOM', async () => {
    const english =
      "Account number;Heading;Name;Currency;Statement number;Date;Description;Value date;Amount;Balance;credit;debit;counterparty's account number;Counterparty BIC;Counterparty name;Counterparty address;standard-format reference;Free-format reference";
    const [, ...rows] = readFileSync(fixture('kbc.csv')).toString('latin1').split('\r\n');
    const path = scratchFile('kbc-en.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([english, ...rows].join('\r\n'), 'utf8')]));
    expect(await readAllBankCsv(path)).toEqual(expected);
  });
});

describe('BNP Paribas Fortis (UTF-8 with BOM; Volgnummer is the reference)', () => {
  const account = 'BE40001778899063';
  test('current 13-column layout, read with auto-detection', async () => {
    expect(await readAllBankCsv(fixture('bnp-paribas-fortis.csv'))).toEqual([
      line({
        sourceLine: 2, account, bookingDate: '2026-01-06', amountCents: 121000, counterpartyName: THEATRE, counterpartyIban: 'BE63001551234508',
        structuredReference: INVOICE_1, communication: '+++202/6000/00192+++', bankReference: '2026-0012',
      }),
      line({
        sourceLine: 3, account, bookingDate: '2026-01-07', amountCents: 60550, counterpartyName: 'ANCIENNE BELGIQUE', counterpartyIban: 'BE48068246913527',
        communication: 'Facture 2026-000002 "concert AB Club" - merci', bankReference: '2026-0013',
      }),
      line({
        sourceLine: 4, account, bookingDate: '2026-01-08', amountCents: -4840, bankReference: '2026-0014',
        communication: 'BETALING MET DEBETKAART NUMMER 4871 04XX XXXX 8258 PAPETERIE DU CENTRE BRUXELLES 08/01/2026 BANKREFERENTIE : 2601081301289954 VALUTADATUM : 08/01/2026',
      }),
      line({
        sourceLine: 5, account, bookingDate: '2026-01-09', amountCents: 36300, counterpartyName: "FESTIVAL D'AVIGNON", counterpartyIban: 'FR1420041010050500013M02606',
        structuredReference: '202600000394', communication: '***202/6000/00394***', bankReference: '2026-0015',
      }),
      line({
        sourceLine: 6, account, bookingDate: '2026-01-12', amountCents: 25000, counterpartyName: 'Café De Zwaan', counterpartyIban: 'BE41143090909010',
        structuredReference: WRONG_CHECK, communication: '+++202/6000/00193+++', bankReference: '2026-0016',
      }),
      line({
        sourceLine: 7, account, bookingDate: '2026-01-12', valueDate: '2026-01-13', amountCents: -250000, counterpartyName: 'Jan Peeters', counterpartyIban: 'BE17363182736421',
        communication: 'Uitbetaling week 2026-W02', bankReference: '2026-0017',
      }),
    ]);
  });

  test('older 8-column layout (ISO-8859-1, decimal point): the structured communication found in Details', async () => {
    expect(await readAllBankCsv(fixture('bnp-paribas-fortis-old.csv'))).toEqual([
      line({
        sourceLine: 2, account, bookingDate: '2026-01-15', amountCents: 121000, counterpartyIban: 'BE63001551234508', structuredReference: INVOICE_1, bankReference: '2026-0075',
        communication: 'OVERSCHRIJVING IN EURO VAN REKENING BE63 0015 5123 4508 THÉÂTRE NATIONAL MEDEDELING : +++202/6000/00192+++',
      }),
      line({ sourceLine: 3, account, bookingDate: '2026-01-16', amountCents: -3520, bankReference: '2026-0076', communication: 'BETALING MET BANKKAART PAPETERIE DU CENTRE 16/01' }),
      line({
        sourceLine: 4, account, bookingDate: '2026-01-19', amountCents: 125075, counterpartyIban: 'BE48068246913527', bankReference: '2026-0077',
        communication: 'OVERSCHRIJVING IN EURO VAN REKENING BE48 0682 4691 3527 ANCIENNE BELGIQUE MEDEDELING : Factuur 2026-000002',
      }),
    ]);
  });

  test('an order the bank refused ("Reden van weigering") moved no money and is left out', async () => {
    const [header = '', first = ''] = readFileSync(fixture('bnp-paribas-fortis.csv')).toString('utf8').split('\r\n');
    const refused = '2026-0018;13/01/2026;13/01/2026;-900,00;EUR;BE40001778899063;Overschrijving in euro;BE17363182736421;Jan Peeters;Uitbetaling;details;Geweigerd;Onvoldoende saldo';
    const path = scratchFile('bnp-refused.csv', [header, first, refused].join('\r\n'));
    expect((await readAllBankCsv(path)).map((one) => one.bankReference)).toEqual(['2026-0012']);
    expect(await validateBankCsv(path)).toMatchObject({ lines: 1 });
  });
});

describe('Belfius (ISO-8859-1, twelve preamble lines before the header)', () => {
  const account = 'BE71096123456769';
  const batch = 'UW COLLECTIEVE OVERSCHRIJVING LONEN ISABEL BESTAND : 010/2026-01-15 100001 GROEP : 010/2026-0/0000 REF. : 0000000000001 VAL. 15-01';
  test('the preamble is skipped and lines are numbered as in the file', async () => {
    expect(await readAllBankCsv(fixture('belfius.csv'))).toEqual([
      line({
        sourceLine: 14, account, bookingDate: '2026-01-12', amountCents: 121050, counterpartyName: THEATRE, counterpartyIban: 'BE63001551234508',
        structuredReference: INVOICE_1, communication: '+++202/6000/00192+++', bankReference: '2026/00002/00012',
      }),
      line({
        sourceLine: 15, account, bookingDate: '2026-01-13', amountCents: 60550, counterpartyName: 'Ancienne Belgique', counterpartyIban: 'BE48068246913527',
        communication: 'Factuur 2026-000002', bankReference: '2026/00002/00013',
      }),
      line({ sourceLine: 16, account, bookingDate: '2026-01-15', amountCents: -876543, communication: batch, bankReference: '2026/00003/00014' }),
      line({
        sourceLine: 17, account, bookingDate: '2026-01-16', amountCents: 100000, counterpartyName: 'Vzw Kunstenpunt', counterpartyIban: 'BE66751200334443',
        communication: 'Betaling 202600000495 bedankt', bankReference: '2026/00003/00015',
      }),
      line({
        sourceLine: 18, account, bookingDate: '2026-01-16', amountCents: 25000, counterpartyName: 'Café De Zwaan', counterpartyIban: 'BE41143090909010',
        structuredReference: WRONG_CHECK, communication: '+++202/6000/00193+++', bankReference: '2026/00003/00016',
      }),
      line({
        sourceLine: 19, account, bookingDate: '2026-01-19', amountCents: 9999, counterpartyName: 'Stichting De Nieuwe Vide', counterpartyIban: 'NL91ABNA0417164300',
        communication: 'Invoice 2026-000006 workshop', bankReference: '2026/00004/00017',
      }),
    ]);
  });

  test('bare twelve digits in the free text are left for the matcher, which accepts them when valid', async () => {
    const lines = await readAllBankCsv(fixture('belfius.csv'), 'belfius');
    expect(findStructuredCommunications(lines[3]?.communication ?? '')).toEqual(['202600000495']);
  });
});

describe('ING Belgium (UTF-8, old account number, details in padded sub-fields)', () => {
  const account = 'BE78310098765486';
  test('read with auto-detection', async () => {
    expect(await readAllBankCsv(fixture('ing.csv'))).toEqual([
      line({
        sourceLine: 2, account, bookingDate: '2026-01-13', amountCents: 121000, counterpartyName: THEATRE, counterpartyIban: 'BE63001551234508',
        structuredReference: INVOICE_1, communication: '+++202/6000/00192+++', bankReference: '2026/12',
      }),
      line({
        sourceLine: 3, account, bookingDate: '2026-01-13', amountCents: 60550, counterpartyName: 'ANCIENNE BELGIQUE', counterpartyIban: 'BE48068246913527',
        communication: 'Van: ANCIENNE BELGIQUE Anspachlaan 110 1000 Brussel IBAN: BE48 0682 4691 3527 Mededeling: Factuur 2026-000002', bankReference: '2026/13',
      }),
      line({
        sourceLine: 4, account, bookingDate: '2026-01-14', amountCents: -1044, bankReference: '2026/14',
        communication: '14/01 - 12.15 uur - PROXY DELHAIZE K - BRUGGE - BEL Kaartnummer 6703 39XX XXXX 1234 5',
      }),
      line({
        sourceLine: 5, account, bookingDate: '2026-01-15', valueDate: '2026-01-16', amountCents: -150000, counterpartyName: 'Jan Peeters', counterpartyIban: 'BE17363182736421',
        communication: 'Uitbetaling week 2026-W03', bankReference: '2026/15',
      }),
      line({
        sourceLine: 6, account, bookingDate: '2026-01-16', amountCents: 25000, counterpartyName: 'Café De Zwaan', counterpartyIban: 'BE41143090909010',
        structuredReference: WRONG_CHECK, communication: '***202/6000/00193***', bankReference: '2026/16',
      }),
      line({
        sourceLine: 7, account, bookingDate: '2026-01-19', amountCents: 242000, counterpartyName: 'Vzw Kunstenpunt', counterpartyIban: 'BE66751200334443',
        communication: '202600000495', bankReference: '2026/17',
      }),
    ]);
  });
});

describe('Argenta (dd-mm-yyyy; Referentie is the reference)', () => {
  const account = 'BE68973345678934';
  test('Dutch header, ISO-8859-1', async () => {
    expect(await readAllBankCsv(fixture('argenta.csv'))).toEqual([
      line({
        sourceLine: 2, account, bookingDate: '2026-01-14', amountCents: 121000, counterpartyName: THEATRE, counterpartyIban: 'BE63001551234508',
        structuredReference: INVOICE_1, communication: '+++202/6000/00192+++', bankReference: '7SLLCW65XDZQU891',
      }),
      line({
        sourceLine: 3, account, bookingDate: '2026-01-15', amountCents: 60550, counterpartyName: 'Ancienne Belgique', counterpartyIban: 'BE48068246913527',
        communication: 'Factuur 2026-000002 - bedankt', bankReference: 'B4K2QH7WZ0PLM3XA',
      }),
      line({
        sourceLine: 4, account, bookingDate: '2026-01-16', amountCents: -12500, counterpartyName: 'Jan Peeters', counterpartyIban: 'BE17363182736421',
        communication: 'Terugbetaling onkosten januari', bankReference: 'Q9TR5VXN2E8JD1KC',
      }),
      line({
        sourceLine: 5, account, bookingDate: '2026-01-19', amountCents: 36300, counterpartyName: "Festival d'Avignon", counterpartyIban: 'FR1420041010050500013M02606',
        structuredReference: '202600000394', communication: '***202/6000/00394***', bankReference: 'H3MZ8W1PAL6YQ2RT',
      }),
      line({
        sourceLine: 6, account, bookingDate: '2026-01-20', amountCents: 25000, counterpartyName: 'Café De Zwaan', counterpartyIban: 'BE41143090909010',
        structuredReference: WRONG_CHECK, communication: '+++202/6000/00193+++', bankReference: 'Z2XC4VB6NM8LK0JH',
      }),
      line({
        sourceLine: 7, account, bookingDate: '2026-01-21', amountCents: -2390, counterpartyName: 'Librairie Filigranes',
        communication: 'Betaling Bancontact', bankReference: 'P5OI9UY7TR3EW1QA',
      }),
    ]);
  });

  test('French header ("Référence", "Date valeu"), UTF-8 with BOM', async () => {
    expect(await readAllBankCsv(fixture('argenta-fr.csv'))).toEqual([
      line({
        sourceLine: 2, account, bookingDate: '2026-01-14', amountCents: 121000, counterpartyName: THEATRE, counterpartyIban: 'BE63001551234508',
        structuredReference: INVOICE_1, communication: '+++202/6000/00192+++', bankReference: 'K7JH5GF3DS1AQ9WE',
      }),
      line({
        sourceLine: 3, account, bookingDate: '2026-01-15', amountCents: 60550, counterpartyName: 'Ancienne Belgique', counterpartyIban: 'BE48068246913527',
        communication: 'Facture 2026-000002', bankReference: 'M2NB4VC6XZ8LP0OI',
      }),
      line({
        sourceLine: 4, account, bookingDate: '2026-01-16', amountCents: -12500, counterpartyName: 'Jan Peeters', counterpartyIban: 'BE17363182736421',
        communication: 'Remboursement frais', bankReference: 'R8TY6UI4OP2AS0DF',
      }),
    ]);
  });
});

describe('reading as a stream', () => {
  test('validateBankCsv counts the lines and says what the file was read as', async () => {
    expect(await validateBankCsv(fixture('kbc.csv'))).toEqual({ lines: 6, format: 'kbc', bank: 'KBC' });
    expect(await validateBankCsv(fixture('belfius.csv'))).toEqual({ lines: 6, format: 'belfius', bank: 'Belfius' });
    expect(await validateBankCsv(fixture('argenta-fr.csv'), 'argenta')).toEqual({ lines: 3, format: 'argenta', bank: 'Argenta' });
  });

  test('a caller may stop early', async () => {
    const first: BankLine[] = [];
    for await (const one of readBankCsv(fixture('ing.csv'))) {
      first.push(one);
      break;
    }
    expect(first.map((one) => one.sourceLine)).toEqual([2]);
  });

  test('a quoted line break keeps the line numbers of the file', async () => {
    const text = [
      'Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;Type verrichting;Tegenpartij;Naam van de tegenpartij;Mededeling;Details;Status;Reden van weigering',
      '2026-0001;02/01/2026;02/01/2026;10,00;EUR;BE40001778899063;Overschrijving in euro;;;"Factuur 2026-000002\r\nen 2026-000003";details;Geaccepteerd;',
      '',
      '2026-0002;03/01/2026;03/01/2026;-1,00;EUR;BE40001778899063;Kosten;;;;kosten;Geaccepteerd;',
    ].join('\r\n');
    const lines = await readAllBankCsv(scratchFile('bnp-multiline.csv', text));
    expect(lines.map((one) => [one.sourceLine, one.communication])).toEqual([
      [2, 'Factuur 2026-000002 en 2026-000003'],
      [5, 'kosten'],
    ]);
  });

  test('a header without lines is an empty statement', async () => {
    const path = scratchFile('ing-empty.csv', 'Rekeningnummer;Naam van de rekening;Rekening tegenpartij;Omzetnummer;Boekingsdatum;Valutadatum;Bedrag;Munteenheid;Omschrijving;Detail van de omzet;Bericht\r\n');
    expect(await readAllBankCsv(path)).toEqual([]);
    expect(await validateBankCsv(path)).toEqual({ lines: 0, format: 'ing', bank: 'ING Belgium' });
  });

  test('a large statement is streamed through', async () => {
    const header = readFileSync(fixture('kbc.csv')).toString('latin1').split('\r\n')[0] ?? '';
    const row = (index: number): string =>
      `BE16734021123474;;Coopérative Démo SCRL;EUR;02026001;05/01/2026;OVERSCHRIJVING;05/01/2026;${index},${String(index % 100).padStart(2, '0')};0,00;;;BE63 0015 5123 4508;GEBABEBB;Théâtre;;;Factuur ${index}`;
    const rows = Array.from({ length: 10_000 }, (_, index) => row(index + 1));
    const path = scratchFile('kbc-large.csv', Buffer.from([header, ...rows].join('\r\n'), 'latin1'));
    expect(await validateBankCsv(path)).toEqual({ lines: 10_000, format: 'kbc', bank: 'KBC' });
    let total = 0;
    let last = 0;
    for await (const one of readBankCsv(path)) {
      total += one.amountCents;
      last = one.sourceLine;
    }
    expect(last).toBe(10_001);
    expect(total).toBe(rows.reduce((sum, _, index) => sum + (index + 1) * 100 + ((index + 1) % 100), 0));
  });
});
