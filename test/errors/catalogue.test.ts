/**
 * The catalogue of user mistakes: one case per message the tool gives for a mistake, each run
 * through the BUILT bin on a fresh copy of one demo book (see catalogue-support.ts). For every
 * case: the exit code (2 usage, 3 invalid input, 4 not found, 5 conflict); stderr says what is
 * wrong and where (a distinctive fragment, with file and line for files); no stack trace and no
 * "internal error"; nothing on stdout; no full NISS or IBAN repeated; and the book byte for byte
 * and row for row as it was.
 *
 * Build first: npx tsc -p tsconfig.build.json && node scripts/copy-assets.js
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mapLimit } from '../e2e/bank-support.js';
import { type CliResult, PEOPLE, memberFlags, runSmartAsync } from '../e2e/support.js';
import { type CaseFile, type CatalogueBook, FOLDER, bookAfter, caseFolder, fixture, onLine, prepareCatalogueBook, sha256 } from './catalogue-support.js';

interface ErrorCase {
  /** The mistake, as a person would describe it. */
  readonly mistake: string;
  /** The command line; `--db` of the case's copy of the book is appended unless it has one. */
  readonly args: readonly string[] | ((book: CatalogueBook) => readonly string[]);
  /** Files written into the case's folder (the command runs there) before it runs. */
  readonly files?: Readonly<Record<string, CaseFile>>;
  readonly exit: 2 | 3 | 4 | 5;
  /** A distinctive fragment of what stderr must say. */
  readonly says: RegExp;
  /** The NISS or IBAN the case typed or the file holds: never repeated in full. */
  readonly personal?: readonly string[];
}

const INES = PEOPLE[0];
const MEMBERS_HEADER = 'name,email,niss,birth_date,iban,address,category,shares,withholding,joined_on';
const inesRow = (changes: Partial<Record<'name' | 'email' | 'niss' | 'birth_date' | 'iban' | 'shares', string>> = {}): string =>
  [changes.name ?? INES.name, changes.email ?? INES.email, changes.niss ?? INES.niss, changes.birth_date ?? INES.birthDate, changes.iban ?? INES.iban, `"${INES.address}"`, 'employee', changes.shares ?? '1', '', '2026-01-01'].join(',');
const membersCsv = (...rows: string[]): string => [MEMBERS_HEADER, ...rows, ''].join('\n');
/** The first bytes of a PNG image (with the NUL bytes every binary file has). */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01]);
/** Ada Peeters, member 1 of the demo book. */
const ADA_NISS = '85073001150';

const CONTRACT = ['contract', 'add', '--member', '1', '--client', '2', '--start', '2026-12-10', '--end', '2026-12-12', '--days', '3', '--description', 'Concert'];
const withAmount = (amount: string): string[] => [...CONTRACT, '--amount', amount];
const CLIENT = ['client', 'add', '--name', 'Salle des Fêtes', '--address', 'Rue Haute 1, 1000 Bruxelles'];

const BANK = (name: string): string => fixture(`bank/${name}`);
const KBC_HEADER = readFileSync(BANK('kbc.csv')).toString('latin1').split('\r\n')[0] ?? '';
const kbcRow = (date: string, amount: string, free = 'Factuur 2026-000002'): string =>
  `BE16734021123474;;Coopérative Démo SCRL;EUR;02026001;${date};OVERSCHRIJVING;${date};${amount};0,00;;;BE48 0682 4691 3527;GKCCBEBB;Ancienne Belgique;;;${free}`;
const kbcFile = (...rows: string[]): Buffer => Buffer.from([KBC_HEADER, ...rows, ''].join('\r\n'), 'latin1');
const GOOD_KBC_ROWS = [kbcRow('05/01/2026', '10,00'), kbcRow('06/01/2026', '20,00')];
const mapping = (changes: Record<string, unknown>): string => JSON.stringify({ ...(JSON.parse(readFileSync(BANK('mapping.example.json'), 'utf8')) as object), ...changes });

const CASES: readonly ErrorCase[] = [
  // member import: the file
  { mistake: 'member import: a row with too few fields', args: ['member', 'import', 'short-row.csv'], files: { 'short-row.csv': membersCsv(inesRow(), 'Jan De Smet,jan@example.be') }, exit: 3, says: /short-row\.csv:3: not valid CSV: the row has 2 fields where the header has 10/ },
  { mistake: 'member import: a quote never closed', args: ['member', 'import', 'unclosed.csv'], files: { 'unclosed.csv': membersCsv(inesRow(), 'Jan De Smet,"jan@example.be,87061204509') }, exit: 3, says: /unclosed\.csv:3: not valid CSV: a quote opened in this row is never closed/ },
  { mistake: 'member import: a quote in the middle of a field', args: ['member', 'import', 'stray-quote.csv'], files: { 'stray-quote.csv': membersCsv(inesRow({ email: 'ines"@example.be' })) }, exit: 3, says: /stray-quote\.csv:2: not valid CSV: a quote in the middle of a text/ },
  { mistake: 'member import: text after a closing quote', args: ['member', 'import', 'after-quote.csv'], files: { 'after-quote.csv': membersCsv(inesRow({ name: '"Inès" Vermeulen' })) }, exit: 3, says: /after-quote\.csv:2: not valid CSV: a quoted text in this row goes on after its closing quote/ },
  {
    mistake: 'member import: ISO-8859-1 bytes in a UTF-8 file',
    args: ['member', 'import', 'latin1.csv'],
    files: { 'latin1.csv': Buffer.from(membersCsv(inesRow({ name: 'Ines Vermeulen' }), inesRow({ name: 'Chloé Dubois', niss: '78110301558', birth_date: '1978-11-03', email: 'chloe@example.be' })), 'latin1') },
    exit: 3,
    says: /latin1\.csv:3: this line is not UTF-8 text/,
  },
  { mistake: 'member import: a field of 1 MB', args: ['member', 'import', 'huge.csv'], files: { 'huge.csv': membersCsv(inesRow({ name: 'x'.repeat(1024 * 1024) })) }, exit: 3, says: /huge\.csv:2: not valid CSV: a field is far longer than any real value/ },
  { mistake: 'member import: an unknown column', args: ['member', 'import', 'colour.csv'], files: { 'colour.csv': `${MEMBERS_HEADER},colour\n${inesRow()},red\n` }, exit: 3, says: /colour\.csv does not have the expected columns[\s\S]*colour\.csv:1: unknown column "colour"/ },
  { mistake: 'member import: a missing column', args: ['member', 'import', 'no-category.csv'], files: { 'no-category.csv': 'name,email,niss,birth_date,iban,address\nInès,ines@example.be,92031512322,1992-03-15,BE41063012345610,Rue Neuve 1\n' }, exit: 3, says: /no-category\.csv:1: missing column "category"/ },
  { mistake: 'member import: a date that does not exist', args: ['member', 'import', 'bad-date.csv'], files: { 'bad-date.csv': membersCsv(inesRow({ birth_date: '1992-02-30' })) }, exit: 3, says: /bad-date\.csv:2 birth_date: the birth date must be a real date written YYYY-MM-DD/ },
  { mistake: 'member import: an IBAN with a wrong check digit', args: ['member', 'import', 'bad-iban.csv'], files: { 'bad-iban.csv': membersCsv(inesRow({ iban: 'BE41063012345611' })) }, exit: 3, says: /bad-iban\.csv:2 iban: the check digits do not match/, personal: ['BE41063012345611'] },
  { mistake: 'member import: a NISS with a wrong check digit', args: ['member', 'import', 'bad-niss.csv'], files: { 'bad-niss.csv': membersCsv(inesRow({ niss: '92031512323' })) }, exit: 3, says: /bad-niss\.csv:2 niss: the check digits do not match/, personal: ['92031512323'] },
  { mistake: 'member import: the same NISS twice in the file', args: ['member', 'import', 'twice.csv'], files: { 'twice.csv': membersCsv(inesRow(), inesRow({ email: 'ines.v@example.be' })) }, exit: 3, says: /twice\.csv:3 niss: the same NISS as line 2/, personal: [INES.niss] },
  { mistake: 'member import: the NISS of a member with other details', args: ['member', 'import', 'ada.csv'], files: { 'ada.csv': membersCsv(inesRow({ niss: ADA_NISS, birth_date: '1985-07-30' })) }, exit: 3, says: /ada\.csv:2 niss: already member 1 with other details/, personal: [ADA_NISS] },
  { mistake: 'member import: zero shares', args: ['member', 'import', 'no-share.csv'], files: { 'no-share.csv': membersCsv(inesRow({ shares: '0' })) }, exit: 3, says: /no-share\.csv:2 shares: the number of shares must be a whole number from 1/ },
  { mistake: 'member import: an empty file', args: ['member', 'import', 'empty.csv'], files: { 'empty.csv': '' }, exit: 3, says: /empty\.csv is empty/ },
  { mistake: 'member import: a header and no rows', args: ['member', 'import', 'header-only.csv'], files: { 'header-only.csv': `${MEMBERS_HEADER}\n` }, exit: 3, says: /header-only\.csv has a header but no members/ },
  { mistake: 'member import: a PNG image renamed .csv', args: ['member', 'import', 'photo.csv'], files: { 'photo.csv': PNG }, exit: 3, says: /photo\.csv is not a CSV text file \(it holds binary data\)/ },
  { mistake: 'member import: a folder instead of a file', args: ['member', 'import', 'members.csv'], files: { 'members.csv': FOLDER }, exit: 3, says: /members\.csv is a folder, not a CSV file/ },
  { mistake: 'member import: a file that does not exist', args: ['member', 'import', 'missing.csv'], exit: 4, says: /Cannot read missing\.csv/ },

  // member add and edit: the flags
  { mistake: 'member add: an e-mail without @', args: ['member', 'add', ...memberFlags(INES, { '--email': 'ines.example.be' })], exit: 3, says: /The member was not added[\s\S]*--email: an email address has exactly one @/, personal: [INES.niss, INES.iban] },
  { mistake: 'member add: a NISS with a wrong check digit', args: ['member', 'add', ...memberFlags(INES, { '--niss': '92031512323' })], exit: 3, says: /--niss: the check digits do not match/, personal: ['92031512323', INES.iban] },
  { mistake: 'member add: a NISS with an impossible month', args: ['member', 'add', ...memberFlags(INES, { '--niss': '92131512322' })], exit: 3, says: /--niss: the month \(third and fourth digits\) is not possible/, personal: ['92131512322'] },
  { mistake: 'member add: an IBAN with a wrong check digit', args: ['member', 'add', ...memberFlags(INES, { '--iban': 'BE41063012345611' })], exit: 3, says: /--iban: the check digits do not match/, personal: ['BE41063012345611', INES.niss] },
  { mistake: 'member add: an IBAN of no country', args: ['member', 'add', ...memberFlags(INES, { '--iban': 'XX41063012345610' })], exit: 3, says: /--iban: no iban exists for the country code XX/, personal: ['XX41063012345610'] },
  { mistake: 'member add: a birth date that does not exist', args: ['member', 'add', ...memberFlags(INES, { '--birth-date': '1992-02-30' })], exit: 3, says: /--birth-date: the birth date must be a real date written YYYY-MM-DD/ },
  { mistake: 'member add: a birth date the NISS contradicts', args: ['member', 'add', ...memberFlags(INES, { '--birth-date': '1992-03-16' })], exit: 3, says: /--birth-date: does not match the birth date held in the NISS/, personal: [INES.niss] },
  { mistake: 'member add: an unknown category', args: ['member', 'add', ...memberFlags(INES, { '--category': 'freelancer' })], exit: 3, says: /--category: the category must be one of employee, artist/ },
  { mistake: 'member add: zero shares', args: ['member', 'add', ...memberFlags(INES, { '--shares': '0' })], exit: 3, says: /--shares: the number of shares must be a whole number from 1/ },
  { mistake: 'member add: the NISS of a member, with other details', args: ['member', 'add', ...memberFlags(INES, { '--niss': ADA_NISS, '--birth-date': '1985-07-30' })], exit: 5, says: /A member with this NISS already exists \(member 1, Ada Peeters\) with other details/, personal: [ADA_NISS] },
  { mistake: 'member add: options missing, no terminal to ask on', args: ['member', 'add', '--name', 'Inès Vermeulen'], exit: 2, says: /missing --email, --niss, --birth-date, --iban, --address, --category/ },
  { mistake: 'member edit: an e-mail without @', args: ['member', 'edit', '1', '--email', 'ada.example.be'], exit: 3, says: /Member 1 was not changed[\s\S]*--email: an email address has exactly one @/ },
  { mistake: 'member edit: a NISS with a wrong check digit', args: ['member', 'edit', '1', '--niss', '85073001151'], exit: 3, says: /--niss: the check digits do not match/, personal: ['85073001151'] },
  { mistake: 'member edit: an IBAN too short', args: ['member', 'edit', '1', '--iban', 'BE8333225308301'], exit: 3, says: /--iban: a BE iban has 16 characters, this one has 15/, personal: ['BE8333225308301'] },
  { mistake: 'member edit: a date that does not exist', args: ['member', 'edit', '1', '--birth-date', '1985-13-01'], exit: 3, says: /--birth-date: the birth date must be a real date/ },
  { mistake: 'member edit: an unknown category', args: ['member', 'edit', '1', '--category', 'boss'], exit: 3, says: /--category: the category must be one of employee, artist/ },
  { mistake: 'member edit: a member that does not exist', args: ['member', 'edit', '99', '--email', 'x@example.be'], exit: 4, says: /No member number 99/ },
  { mistake: 'member edit: a member number that is no number', args: ['member', 'edit', 'ada', '--email', 'x@example.be'], exit: 2, says: /"ada" is not a member number/ },
  { mistake: 'member show: a member that does not exist', args: ['member', 'show', '99'], exit: 4, says: /No member number 99/ },
  { mistake: 'member leave: a date that does not exist', args: ['member', 'leave', '2', '--date', '2026-02-30'], exit: 3, says: /--date "2026-02-30" is not a real date/ },

  // client add
  { mistake: 'client add: a VAT number with a wrong check digit', args: [...CLIENT, '--vat', 'BE0123456748'], exit: 3, says: /The client was not added[\s\S]*--vat: the check digits do not match/ },
  { mistake: 'client add: a VAT number of another country', args: [...CLIENT, '--vat', 'FR40303265045'], exit: 3, says: /--vat: is a FR VAT number but the country is BE: check --country/ },
  { mistake: 'client add: a country code that does not exist', args: [...CLIENT, '--country', 'XX'], exit: 3, says: /--country: "XX" is no ISO 3166 country code/ },
  { mistake: 'client add: UK for the United Kingdom', args: [...CLIENT, '--country', 'UK'], exit: 3, says: /--country: "UK" is no ISO 3166 country code: use GB for the United Kingdom/ },
  { mistake: 'client add: a country written in full', args: [...CLIENT, '--country', 'Belgium'], exit: 3, says: /--country: the country is a two-letter ISO code such as BE, FR, NL/ },
  { mistake: 'client add: an IBAN with a wrong check digit', args: [...CLIENT, '--iban', 'BE68539007547035'], exit: 3, says: /--iban: the check digits do not match/, personal: ['BE68539007547035'] },
  { mistake: 'client add: a Peppol id with a wrong enterprise number', args: [...CLIENT, '--vat', 'BE0123456749', '--peppol-id', '0208:0123456748'], exit: 3, says: /--peppol-id: a 0208 Peppol id holds a Belgian enterprise number/ },
  { mistake: 'client show: a client that does not exist', args: ['client', 'show', '99'], exit: 4, says: /No client number 99/ },

  // contract add
  { mistake: 'contract add: the end before the start', args: [...withAmount('1000')].map((arg) => (arg === '2026-12-12' ? '2026-12-01' : arg)), exit: 3, says: /--end: is before the start \(2026-12-10\)/ },
  { mistake: 'contract add: an amount with three decimals', args: withAmount('12.345'), exit: 3, says: /--amount: "12\.345" has 3 decimals: an amount has at most two \(cents\)/ },
  { mistake: 'contract add: an amount with a letter', args: withAmount('12,3x'), exit: 3, says: /--amount: "12,3x" is not an amount: it holds a letter/ },
  { mistake: 'contract add: a negative amount', args: withAmount('-5'), exit: 3, says: /--amount: "-5" is not more than 0/ },
  { mistake: 'contract add: an amount with a thousands separator', args: withAmount('1.000,00'), exit: 3, says: /--amount: "1\.000,00" has 2 separators: write no thousands separator/ },
  { mistake: 'contract add: a VAT rate Belgium does not have', args: [...withAmount('1000'), '--vat-rate', '19'], exit: 3, says: /--vat-rate: 19 % is not a Belgian VAT rate on 2026-12-10/ },
  { mistake: 'contract add: a member that does not exist', args: withAmount('1000').map((arg, index, all) => (all[index - 1] === '--member' ? '99' : arg)), exit: 4, says: /No member number 99/ },
  { mistake: 'contract add: a client that does not exist', args: withAmount('1000').map((arg, index, all) => (all[index - 1] === '--client' ? '99' : arg)), exit: 4, says: /No client number 99/ },
  { mistake: 'contract add: a member who left', args: withAmount('1000').map((arg, index, all) => (all[index - 1] === '--member' ? '3' : arg)), exit: 5, says: /Member 3 \(Chloé Dubois\) left on 2026-10-31: the co-op can no longer employ them/ },
  { mistake: 'contract add: no --member', args: ['contract', 'add', '--client', '2'], exit: 2, says: /required option '--member <n>' not specified/ },

  // invoices
  { mistake: 'invoice issue: a contract that does not exist', args: ['invoice', 'issue', '99'], exit: 4, says: /No contract number 99/ },
  { mistake: 'invoice issue: a date that does not exist', args: ['invoice', 'issue', '6', '--date', '2026-13-45'], exit: 3, says: /--date "2026-13-45" is not a real date/ },
  { mistake: 'invoice issue: a date no levy rate is in force on', args: ['invoice', 'issue', '6', '--date', '2020-01-01'], exit: 3, says: /No value of the rule levy\.rate is in force on 2020-01-01/ },
  { mistake: 'contract cancel: a contract already invoiced', args: ['contract', 'cancel', '1', '--reason', 'Show cancelled'], exit: 5, says: /invoiced/ },
  { mistake: 'invoice show: a number that does not exist', args: ['invoice', 'show', '2026-000099'], exit: 4, says: /No invoice 2026-000099/ },
  { mistake: 'invoice show: something that is no invoice number', args: ['invoice', 'show', '26-1'], exit: 3, says: /"26-1" is not an invoice number/ },
  { mistake: 'invoice credit: a number that does not exist', args: ['invoice', 'credit', '2026-000099', '--reason', 'x'], exit: 4, says: /No invoice 2026-000099/ },
  { mistake: 'invoice credit: a credit note', args: ['invoice', 'credit', '2026-000006', '--reason', 'x'], exit: 3, says: /2026-000006 is a credit note; credit the invoice it corrects/ },
  { mistake: 'invoice credit: more than is left', args: ['invoice', 'credit', '2026-000001', '--amount', '1000.01', '--reason', 'x'], exit: 3, says: /at most 1000\.00 \(what is left of invoice 2026-000001\)/ },
  { mistake: 'invoice credit: an amount with three decimals', args: ['invoice', 'credit', '2026-000001', '--amount', '12.345', '--reason', 'x'], exit: 3, says: /--amount: "12\.345" has 3 decimals/ },

  // bank import: a bad row in the middle, every format
  { mistake: 'bank import (KBC): a bad date, amount and letter on lines 3, 5, 6', args: ['bank', 'import', BANK('kbc-bad-rows.csv')], exit: 3, says: /kbc-bad-rows\.csv:3: column "Datum": "31\/02\/2026" is not a calendar date \(and 2 more bad lines\)[\s\S]*kbc-bad-rows\.csv:5: column "Bedrag": "-12,345" has 3 decimals/ },
  { mistake: 'bank import (BNP Paribas Fortis): a date that does not exist on line 4', args: ['bank', 'import', 'bnp-bad-row.csv'], files: { 'bnp-bad-row.csv': () => onLine(BANK('bnp-paribas-fortis.csv'), 4, '08/01/2026', '31/02/2026') }, exit: 3, says: /bnp-bad-row\.csv:4: column "Uitvoeringsdatum": "31\/02\/2026" is not a calendar date/ },
  { mistake: 'bank import (Belfius): a decimal point on line 15', args: ['bank', 'import', BANK('belfius-bad-row.csv')], exit: 3, says: /belfius-bad-row\.csv:15: column "Bedrag": "1,210\.50" uses "\." as the decimal separator/ },
  { mistake: 'bank import (ING): an amount with a letter on line 4', args: ['bank', 'import', 'ing-bad-row.csv'], files: { 'ing-bad-row.csv': () => onLine(BANK('ing.csv'), 4, '-10,44', '-1O,44') }, exit: 3, says: /ing-bad-row\.csv:4: column "Bedrag": "-1O,44" is not an amount: it holds a letter/ },
  { mistake: 'bank import (Argenta): three decimals on line 3', args: ['bank', 'import', 'argenta-bad-row.csv'], files: { 'argenta-bad-row.csv': () => onLine(BANK('argenta.csv'), 3, '605,50', '605,505') }, exit: 3, says: /argenta-bad-row\.csv:3: column "Bedrag": "605,505" has 3 decimals/ },
  {
    mistake: 'bank import (column mapping): a date that does not exist on line 4',
    args: ['bank', 'import', 'other-bank.csv', '--format', 'csv', '--map', BANK('mapping.example.json')],
    files: { 'other-bank.csv': () => onLine(BANK('generic.csv'), 4, '2026-01-16', '2026-02-31', 'utf8') },
    exit: 3,
    says: /other-bank\.csv:4: column "Date": "2026-02-31" is not a calendar date/,
  },
  { mistake: 'bank import (camt.053): an amount with a letter', args: ['bank', 'import', BANK('camt053/broken-amount-letters.camt053.xml')], exit: 3, says: /broken-amount-letters\.camt053\.xml:142: the amount "35O\.50" is not a decimal number/ },
  { mistake: 'bank import (camt.053): an amount with three decimals on line 70', args: ['bank', 'import', 'three-decimals.xml'], files: { 'three-decimals.xml': () => onLine(BANK('camt053/statement.camt053.001.02.xml'), 70, '1210.00', '1210.005', 'utf8') }, exit: 3, says: /three-decimals\.xml:70: / },
  { mistake: 'bank import (camt.053): balances that do not add up', args: ['bank', 'import', BANK('camt053/broken-balances.camt053.xml')], exit: 3, says: /broken-balances\.camt053\.xml:54: the balances do not add up/ },
  { mistake: 'bank import (CODA): a record of 127 characters', args: ['bank', 'import', BANK('coda/broken-record-length.cod')], exit: 3, says: /broken-record-length\.cod:10: the record has 127 characters, a CODA record has 128/ },
  { mistake: 'bank import (CODA): an amount with a letter', args: ['bank', 'import', BANK('coda/broken-amount-letters.cod')], exit: 3, says: /broken-amount-letters\.cod:8: the amount "0000000003505O0" is not an amount/ },
  { mistake: 'bank import: a field of 1 MB', args: ['bank', 'import', 'kbc-huge.csv'], files: { 'kbc-huge.csv': kbcFile(...GOOD_KBC_ROWS, kbcRow('07/01/2026', '30,00', 'y'.repeat(1024 * 1024))) }, exit: 3, says: /kbc-huge\.csv:4: not valid CSV: this line is far longer than any bank statement line/ },
  { mistake: 'bank import: a quote never closed', args: ['bank', 'import', 'kbc-quote.csv'], files: { 'kbc-quote.csv': kbcFile(GOOD_KBC_ROWS[0] ?? '', kbcRow('06/01/2026', '10,00', '"Factuur 2026-000002'), GOOD_KBC_ROWS[1] ?? '') }, exit: 3, says: /kbc-quote\.csv:3: not valid CSV: a quote opened on this line is never closed/ },
  {
    mistake: 'bank import: ISO-8859-1 after 1000 lines of UTF-8',
    args: ['bank', 'import', 'kbc-mixed.csv'],
    files: { 'kbc-mixed.csv': Buffer.concat([Buffer.from([KBC_HEADER, ...Array.from({ length: 1000 }, () => kbcRow('05/01/2026', '10,00', 'Café')), ''].join('\r\n'), 'utf8'), Buffer.from(kbcRow('06/01/2026', '1,00', 'Café'), 'latin1')]) },
    exit: 3,
    says: /kbc-mixed\.csv:1002: this line is not valid UTF-8 although the lines before it are/,
  },

  // bank import: files that are not what they seem
  { mistake: 'bank import: an XML file that is a pain.001, not a camt.053', args: ['bank', 'import', 'payments.xml'], files: { 'payments.xml': '<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn/></Document>\n' }, exit: 3, says: /payments\.xml:2: this is a pain\.001 payment file, not a bank statement/ },
  { mistake: 'bank import: an XML file of something else', args: ['bank', 'import', 'notes.xml'], files: { 'notes.xml': '<?xml version="1.0"?>\n<notes><note>call the bank</note></notes>\n' }, exit: 3, says: /notes\.xml:\d+: the root element is <notes>, not the <Document> of a camt\.053 statement/ },
  { mistake: 'bank import: a web page saved as .csv', args: ['bank', 'import', 'export.csv'], files: { 'export.csv': '<html><body><table><tr><td>Datum</td></tr></table></body></html>\n' }, exit: 3, says: /export\.csv:1: the root element is <html>/ },
  { mistake: 'bank import: a KBC CSV given as --format camt053', args: ['bank', 'import', BANK('kbc.csv'), '--format', 'camt053'], exit: 3, says: /kbc\.csv:1: text before the root element: this is not an XML file/ },
  { mistake: 'bank import: a KBC CSV given as --format coda', args: ['bank', 'import', BANK('kbc.csv'), '--format', 'coda'], exit: 3, says: /kbc\.csv:1: the first record is not a CODA header \(record 0\): this is not a CODA file/ },
  { mistake: 'bank import: a camt.053 given as --format kbc', args: ['bank', 'import', BANK('camt053/statement.camt053.001.02.xml'), '--format', 'kbc'], exit: 3, says: /statement\.camt053\.001\.02\.xml: no KBC header row/ },
  { mistake: 'bank import: a Belfius CSV given as --format ing', args: ['bank', 'import', BANK('belfius.csv'), '--format', 'ing'], exit: 3, says: /belfius\.csv: no ING Belgium header row .* It looks like a Belfius export/ },
  { mistake: 'bank import: the CSV of a bank smart does not know', args: ['bank', 'import', BANK('generic.csv')], exit: 3, says: /generic\.csv is not the CSV export of a bank smart recognises[\s\S]*--format csv --map/ },
  { mistake: 'bank import: an empty file', args: ['bank', 'import', 'empty.csv'], files: { 'empty.csv': '' }, exit: 3, says: /empty\.csv is empty/ },
  { mistake: 'bank import: an empty file given as --format camt053', args: ['bank', 'import', 'empty.xml', '--format', 'camt053'], files: { 'empty.xml': '' }, exit: 3, says: /empty\.xml is empty/ },
  { mistake: 'bank import: an empty file given as --format coda', args: ['bank', 'import', 'empty.cod', '--format', 'coda'], files: { 'empty.cod': '' }, exit: 3, says: /empty\.cod is empty/ },
  { mistake: 'bank import: a PNG image renamed .csv', args: ['bank', 'import', 'statement.csv'], files: { 'statement.csv': PNG }, exit: 3, says: /statement\.csv holds binary data \(NUL bytes\), not CSV text/ },
  { mistake: 'bank import: a PNG image given as --format camt053', args: ['bank', 'import', 'statement.xml', '--format', 'camt053'], files: { 'statement.xml': PNG }, exit: 3, says: /statement\.xml:1: .*this is not an XML file/ },
  { mistake: 'bank import: a PNG image given as --format coda', args: ['bank', 'import', 'statement.cod', '--format', 'coda'], files: { 'statement.cod': PNG }, exit: 3, says: /statement\.cod:1: .*this is not a CODA file/ },
  { mistake: 'bank import: a folder', args: ['bank', 'import', 'statements'], files: { statements: FOLDER }, exit: 3, says: /statements is a folder, not a statement file/ },
  { mistake: 'bank import: a file that does not exist', args: ['bank', 'import', 'missing.csv'], exit: 4, says: /Cannot read missing\.csv/ },
  { mistake: 'bank import: an unknown --format', args: ['bank', 'import', BANK('kbc.csv'), '--format', 'mt940'], exit: 3, says: /--format must be one of auto, kbc, bnp, belfius, ing, argenta, camt053, coda, csv/ },
  { mistake: 'bank import: --format csv without --map', args: ['bank', 'import', BANK('generic.csv'), '--format', 'csv'], exit: 3, says: /--format csv needs --map MAPPING\.json/ },
  { mistake: 'bank import: --map with a bank format', args: ['bank', 'import', BANK('kbc.csv'), '--format', 'kbc', '--map', BANK('mapping.example.json')], exit: 2, says: /--map describes another bank's CSV: it does not go with --format kbc/ },
  { mistake: 'bank import: a mapping file that is not JSON', args: ['bank', 'import', BANK('generic.csv'), '--map', 'mapping.json'], files: { 'mapping.json': 'dateFormat: dd/mm/yyyy\n' }, exit: 3, says: /mapping\.json is not valid JSON/ },
  { mistake: 'bank import: a mapping with a misspelt key and a bad decimal', args: ['bank', 'import', BANK('generic.csv'), '--map', 'mapping.json'], files: { 'mapping.json': mapping({ decimal: ';', colums: {} }) }, exit: 3, says: /mapping\.json: the column mapping has 2 problems[\s\S]*"colums": unknown key[\s\S]*"decimal": must be "," / },
  { mistake: 'bank import: a mapping that is a JSON list', args: ['bank', 'import', BANK('generic.csv'), '--map', 'mapping.json'], files: { 'mapping.json': '[{"dateFormat": "yyyy-mm-dd"}]' }, exit: 3, says: /mapping\.json: a column mapping is a JSON object/ },
  { mistake: 'bank import: a mapping whose columns are not in the file', args: ['bank', 'import', BANK('kbc.csv'), '--map', BANK('mapping.example.json')], exit: 3, says: /kbc\.csv:2: the header row lacks 9 columns of the mapping[\s\S]*kbc\.csv:2: the header row has no column "Date"[\s\S]*The header row is: BE\*\* \*\*\*\* \*\*\*\* 3474/ },
  { mistake: 'bank import: a mapping file that does not exist', args: ['bank', 'import', BANK('generic.csv'), '--map', 'no-mapping.json'], exit: 4, says: /Cannot read the column mapping no-mapping\.json/ },

  // bank match and ignore
  { mistake: 'bank match: a structured communication with a wrong check digit', args: (book) => ['bank', 'match', String(book.incomingLine), '+++202/6000/00193+++'], exit: 3, says: /"\+\+\+202\/6000\/00193\+\+\+" is not a valid structured communication: the check digits/ },
  { mistake: 'bank match: a structured communication of eleven digits', args: (book) => ['bank', 'match', String(book.incomingLine), '***202/6000/0019***'], exit: 3, says: /a structured communication has 12 digits, this one has 11/ },
  { mistake: 'bank match: a structured communication of no invoice', args: (book) => ['bank', 'match', String(book.incomingLine), '+++202/6000/09993+++'], exit: 4, says: /No invoice has the structured communication \+\+\+202\/6000\/09993\+\+\+/ },
  { mistake: 'bank match: an invoice that does not exist', args: (book) => ['bank', 'match', String(book.incomingLine), '2026-000099'], exit: 4, says: /No invoice 2026-000099/ },
  { mistake: 'bank match: a bank line that does not exist', args: ['bank', 'match', '999', '2026-000001'], exit: 4, says: /No bank line 999/ },
  { mistake: 'bank match: a bank line number that is no number', args: ['bank', 'match', 'first', '2026-000001'], exit: 2, says: /"first" is not a bank line number/ },
  { mistake: 'bank match: money going out', args: (book) => ['bank', 'match', String(book.outgoingLine), '2026-000001'], exit: 3, says: /is money going out: only incoming payments settle invoices/ },
  { mistake: 'bank match: a line already matched', args: ['bank', 'match', '1', '2026-000001'], exit: 5, says: /Bank line 1 is already matched/ },
  { mistake: 'bank ignore: no reason', args: (book) => ['bank', 'ignore', String(book.outgoingLine)], exit: 2, says: /Say why the line is set aside/ },
  { mistake: 'bank ignore: a bank line that does not exist', args: ['bank', 'ignore', '999', '--reason', 'fees'], exit: 4, says: /No bank line 999/ },

  // payout, rules, shares
  { mistake: 'payout run: a date that does not exist', args: ['payout', 'run', '--date', '2026-13-01'], exit: 3, says: /--date "2026-13-01" is not a real date/ },
  { mistake: 'payout run: a date in words', args: ['payout', 'run', '--date', 'friday'], exit: 3, says: /--date "friday" is not a real date/ },
  { mistake: 'payout run: a dry run asked to write files', args: ['payout', 'run', '--date', '2026-12-04', '--dry-run', '--sepa', 'out.xml'], exit: 3, says: /A dry run writes no files/ },
  { mistake: 'payout show: a week that is no ISO week', args: ['payout', 'show', '2026-48'], exit: 3, says: /"2026-48" is not an ISO week/ },
  { mistake: 'payout show: a week without a run', args: ['payout', 'show', '2026-W10'], exit: 4, says: /No payout run in 2026-W10/ },
  { mistake: 'rules set: a rate that is no number', args: ['rules', 'set', 'levy.rate', 'abc', '--from', '2027-01-01'], exit: 3, says: /Invalid value for levy\.rate: a rate is a decimal fraction such as 0\.065/ },
  { mistake: 'rules set: a rate above 1', args: ['rules', 'set', 'levy.rate', '6.5', '--from', '2027-01-01'], exit: 3, says: /a rate is at most 1 \(write 6\.5 % as 0\.065\)/ },
  { mistake: 'rules set: a rule that does not exist', args: ['rules', 'set', 'levy.rat', '0.07', '--from', '2027-01-01'], exit: 3, says: /Unknown rule "levy\.rat"/ },
  { mistake: 'rules set: no --from', args: ['rules', 'set', 'levy.rate', '0.07'], exit: 2, says: /--from/ },
  { mistake: 'rules set: a --from that does not exist', args: ['rules', 'set', 'levy.rate', '0.07', '--from', '2027-02-30'], exit: 3, says: /--from "2027-02-30" is not a real date/ },
  { mistake: 'shares buy: a count that is no number', args: ['shares', 'buy', '2', 'two'], exit: 3, says: /"two" is not a valid number of shares: a whole number from 1 to 9999/ },
  { mistake: 'shares buy: zero shares', args: ['shares', 'buy', '2', '0'], exit: 3, says: /"0" is not a valid number of shares/ },
  { mistake: 'shares buy: half a share', args: ['shares', 'buy', '2', '1.5'], exit: 3, says: /"1\.5" is not a valid number of shares/ },
  { mistake: 'shares buy: a member that does not exist', args: ['shares', 'buy', '99', '1'], exit: 4, says: /No member number 99/ },
  { mistake: 'shares buy: a member who left', args: ['shares', 'buy', '3', '1'], exit: 5, says: /Member 3 left on 2026-10-31 and cannot buy shares/ },

  // the book itself and the command line
  { mistake: '--db: a text file', args: ['member', 'list', '--db', 'notes.sqlite'], files: { 'notes.sqlite': 'Shopping list: bread, milk.\n'.repeat(20) }, exit: 3, says: /notes\.sqlite is not a smart book \(not an SQLite database\)/ },
  { mistake: '--db: a PNG image', args: ['member', 'list', '--db', 'photo.sqlite'], files: { 'photo.sqlite': Buffer.concat([PNG, Buffer.alloc(200, 7)]) }, exit: 3, says: /photo\.sqlite is not a smart book/ },
  { mistake: '--db: a book cut short', args: ['member', 'list', '--db', 'cut.sqlite'], files: { 'cut.sqlite': (book) => readFileSync(book.path).subarray(0, 4096) }, exit: 3, says: /cut\.sqlite is damaged: SQLite cannot read it/ },
  { mistake: '--db: a folder', args: ['member', 'list', '--db', 'books'], files: { books: FOLDER }, exit: 3, says: /books is a folder, not a smart book/ },
  { mistake: '--db: a file that does not exist', args: ['member', 'list', '--db', 'nobook.sqlite'], exit: 4, says: /No book at .*nobook\.sqlite/ },
  { mistake: 'an unknown command', args: ['memebr', 'list'], exit: 2, says: /unknown command 'memebr'/ },
  { mistake: 'an unknown option', args: ['member', 'list', '--colour'], exit: 2, says: /unknown option '--colour'/ },
];

/** A NISS (eleven digits) or an IBAN written whole, with or without spaces. */
const PERSONAL_SHAPES = [/(?<!\d)\d{11}(?!\d)/, /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){12,30}\b/];

let book: CatalogueBook;
const results = new Map<string, { result: CliResult; before: string; after: ReturnType<typeof bookAfter>; db: string }>();

beforeAll(async () => {
  book = prepareCatalogueBook();
  await mapLimit(CASES, 2, async (errorCase) => {
    const { dir, bookPath } = caseFolder(book, `${CASES.indexOf(errorCase)}-${errorCase.mistake}`, errorCase.files ?? {});
    const args = typeof errorCase.args === 'function' ? errorCase.args(book) : errorCase.args;
    const dbIndex = args.indexOf('--db');
    const db = dbIndex === -1 ? bookPath : `${dir}/${args[dbIndex + 1] ?? ''}`;
    let before = '';
    try {
      before = sha256(db);
    } catch {
      before = 'none';
    }
    const result = await runSmartAsync(dbIndex === -1 ? [...args, '--db', bookPath] : args, { cwd: dir });
    let dbAfter = 'none';
    try {
      dbAfter = sha256(db);
    } catch {
      dbAfter = 'none';
    }
    results.set(errorCase.mistake, { result, before: `${before} ${dbAfter}`, after: bookAfter(bookPath), db });
  });
  // About 0.35 s of CPU per case: half a minute on an idle 2-core machine, far more when it is busy.
}, 900_000);

afterAll(() => {
  book?.cleanup();
});

describe(`the catalogue of user mistakes: ${CASES.length} cases, each refused clearly with the book untouched`, () => {
  test('every mistake is named once', () => {
    expect(new Set(CASES.map((errorCase) => errorCase.mistake)).size).toBe(CASES.length);
  });

  test.each(CASES.map((errorCase) => [errorCase.mistake, errorCase] as const))('%s', (_mistake, errorCase) => {
    const ran = results.get(errorCase.mistake);
    if (ran === undefined) throw new Error('the case did not run');
    const { result } = ran;
    // What a script sees: the exit code, and nothing on stdout.
    // (stderr is shown when the exit code is wrong, to say why.)
    expect({ exitCode: result.exitCode, stdout: result.stdout, stderr: result.exitCode === errorCase.exit ? '(as expected)' : result.stderr }).toEqual({ exitCode: errorCase.exit, stdout: '', stderr: '(as expected)' });
    // What a person sees: what is wrong and where, as a message, not a crash.
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toMatch(errorCase.says);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.stderr).not.toMatch(/^\s+at \S/m);
    expect(result.stderr).not.toMatch(/^\w*(Error|Exception)\b[^\n]*:/m);
    for (const shape of PERSONAL_SHAPES) expect(result.stderr).not.toMatch(shape);
    for (const value of errorCase.personal ?? []) expect(result.stderr).not.toContain(value);
    // The book: the same bytes, no write waiting in a WAL, the same rows in every table.
    expect(ran.after.sha256).toBe(book.sha256);
    expect(ran.after.wal).toBe(0);
    expect(ran.after.contents).toEqual(book.contents);
    // A file given as --db is not touched either.
    const [before, after] = ran.before.split(' ');
    expect(after).toBe(before);
  });
});
