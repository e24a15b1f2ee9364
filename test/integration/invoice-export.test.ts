/**
 * `smart export invoices` on a book made by smart's own use cases: in October an invoice paid out
 * and written off in November; in November invoices paid in full, paid in part, disputed,
 * credited in full and in part (one without VAT, reverse charge), credit notes of October's and
 * November's invoices; in December one more. The file is parsed back with csv-parse and set
 * against the book: rows against the invoices table, totals against the ledger's postings,
 * summed here with the test's own SQL.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { BankLine } from '../../src/bank/bank-line.js';
import { importStatement } from '../../src/bank/import-statement.js';
import type { Book } from '../../src/book/open-book.js';
import { type Period, parseMonth } from '../../src/calendar/periods.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { addClient } from '../../src/clients/manage-clients.js';
import { addContract } from '../../src/contracts/manage-contracts.js';
import { SmartError } from '../../src/errors.js';
import { openExportSink } from '../../src/exports/export-sink.js';
import { runTableExport } from '../../src/exports/run-export.js';
import type { ExportResult } from '../../src/exports/table-export.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import { setDispute } from '../../src/invoicing/disputes.js';
import type { Invoice } from '../../src/invoicing/invoice.js';
import { INVOICE_EXPORT_COLUMNS, invoiceExport } from '../../src/invoicing/invoice-export.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { listInvoices } from '../../src/invoicing/list-invoices.js';
import { writeOffInvoice } from '../../src/invoicing/write-off.js';
import { addMember } from '../../src/members/add-member.js';
import { runPayout } from '../../src/payouts/run-payout.js';
import { MEMBER_ADA } from '../helpers/invoicing-fixture.js';
import { type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

const FORMULA_NAME = '=HYPERLINK("http://x","y")';

let temp: TempBook;
let book: Book;
const ids = { ada: 0, artist: 0, theatre: 0, formula: 0 };
const number: Record<string, string> = {};

function invoiced(key: string, memberId: number, clientId: number, start: string, amount: string, issued: string, extra: { vatRegime?: string; vatRate?: string } = {}): Invoice {
  const contractId = addContract(book, testContext(issued), { memberId, clientId, description: key, start, end: start, days: '1', amount, ...extra }).contract.id;
  const { invoice } = issueInvoice(book, testContext(issued), { contractId, date: issued });
  number[key] = invoice.number;
  return invoice;
}

function credited(key: string, of: string, date: string, amountCents?: number): void {
  number[key] = creditInvoice(book, testContext(date), { number: number[of] ?? '', reason: key, date, ...(amountCents === undefined ? {} : { amountCents }) }).creditNote.number;
}

function payment(invoice: Invoice, amountCents: number, date: string): BankLine {
  return { sourceLine: 2, account: null, bookingDate: date, valueDate: null, amountCents, currency: 'EUR', counterpartyName: 'client', counterpartyIban: null, structuredReference: invoice.structuredCommunication, communication: null, bankReference: `ref-${invoice.number}` };
}

beforeAll(async () => {
  temp = createTempBook();
  book = temp.book;
  ids.ada = addMember(book, testContext(), MEMBER_ADA).member.id;
  ids.artist = addMember(book, testContext(), { ...MEMBER_ADA, name: FORMULA_NAME, email: 'ines@example.be', niss: '92031512322', birthDate: '1992-03-15', iban: 'BE41063012345610', category: 'artist', withholding: 'flat' }).member.id;
  ids.theatre = addClient(book, testContext(), { name: 'Théâtre National', address: 'Bd Émile Jacqmain 111, 1000 Bruxelles', vatNumber: 'BE0123456749' }).client.id;
  ids.formula = addClient(book, testContext(), { name: FORMULA_NAME, address: 'Rue X 1, 1000 Bruxelles', vatNumber: 'BE0403170701' }).client.id;

  // October: paid out by the run of 2026-10-09, partly credited in November, written off in November.
  invoiced('october', ids.ada, ids.theatre, '2026-09-28', '1000.00', '2026-10-01');
  expect(runPayout(book, testContext('2026-10-09'), { date: '2026-10-09' }).status).toBe('paid');
  // November.
  const paid = invoiced('paid', ids.ada, ids.theatre, '2026-10-26', '1000.00', '2026-11-02');
  const partly = invoiced('partly-paid', ids.artist, ids.formula, '2026-10-27', '2400.00', '2026-11-03', { vatRegime: 'reverse-charge' });
  invoiced('disputed', ids.ada, ids.theatre, '2026-10-28', '800.00', '2026-11-05', { vatRate: '6' });
  credited('credit-of-october', 'october', '2026-11-10', 20000);
  invoiced('credited', ids.artist, ids.theatre, '2026-11-09', '300.00', '2026-11-12');
  credited('credit-in-full', 'credited', '2026-11-13');
  invoiced('partly-credited', ids.artist, ids.formula, '2026-11-10', '500.00', '2026-11-16', { vatRegime: 'reverse-charge' });
  credited('credit-without-vat', 'partly-credited', '2026-11-17', 10000);
  setDispute(book, testContext('2026-11-18'), number.disputed ?? '', true, 'the client says one day was not worked');
  writeOffInvoice(book, testContext('2026-11-20'), number.october ?? '', 'client bankrupt', '2026-11-20');
  const statement = [payment(paid, 121000, '2026-11-20'), payment(partly, 50000, '2026-11-21')];
  writeFileSync(join(temp.dir, 'statement.csv'), 'a statement');
  const imported = await importStatement(book, testContext('2026-11-23'), join(temp.dir, 'statement.csv'), { format: 'test', async *read() { yield* statement; } }, false);
  expect(imported.matched).toBe(2);
  // December: outside November.
  invoiced('december', ids.ada, ids.theatre, '2026-11-30', '600.00', '2026-12-01');
}, 60_000);
afterAll(() => temp.cleanup());

const NOVEMBER = parseMonth('2026-11') as Period;

async function exportTo(path: string, period: Period | undefined, options: { excel?: boolean; force?: boolean } = {}): Promise<ExportResult> {
  const sink = await openExportSink(path, options.force === true, process.stdout);
  return runTableExport(book, testContext(), sink, 'invoices', () => invoiceExport(book, period), { excel: options.excel === true });
}

function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path, 'utf8'), { columns: true }) as Record<string, string>[];
}

/** "-1234.56" -> -123456, without floating point. */
function cents(text: string | undefined): number {
  const match = /^(-?)(\d+)[.,](\d{2})$/.exec(text ?? '');
  if (match === null) throw new Error(`not an amount: ${String(text)}`);
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
}

function sum(rows: readonly Record<string, string>[], column: string): number {
  return rows.reduce((total, row) => total + (row[column] === '' ? 0 : cents(row[column])), 0);
}

/** Postings on one account (code or LIKE pattern) of the invoice and credit note entries dated in the period, summed by the test's own SQL. */
function invoicePostings(account: string, period: Period): number {
  const row = book
    .prepare(
      `SELECT coalesce(SUM(p.amount_cents), 0) AS cents FROM entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id
       WHERE e.reason IN ('invoice.issue', 'invoice.credit') AND e.date BETWEEN ? AND ? AND a.code LIKE ?`,
    )
    .get(period.from, period.to, account) as { cents: number };
  return row.cents;
}

describe('the November register', () => {
  let rows: Record<string, string>[];
  let result: ExportResult;
  beforeAll(async () => {
    const path = join(temp.dir, 'invoices-2026-11.csv');
    result = await exportTo(path, NOVEMBER);
    rows = readCsv(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  test('one row per invoice and credit note issued in November, in series order, as the invoices table holds them', () => {
    const expected = book
      .prepare(
        `SELECT i.number, i.kind, i.issue_date AS issueDate, i.due_date AS dueDate, i.client_id AS client, i.member_id AS member, i.contract_id AS contract,
                (SELECT c.number FROM invoices c WHERE c.id = i.credited_invoice_id) AS credited
         FROM invoices i WHERE substr(i.issue_date, 1, 7) = '2026-11' ORDER BY i.number`,
      )
      .all() as { number: string; kind: string; issueDate: string; dueDate: string; client: number; member: number; contract: number; credited: string | null }[];
    expect(expected).toHaveLength(8);
    expect(rows.map((row) => [row.number, row.kind, row.issue_date, row.due_date, Number(row.client), Number(row.member), Number(row.contract), row.credited_invoice])).toEqual(
      expected.map((row) => [row.number, row.kind, row.issueDate, row.dueDate, row.client, row.member, row.contract, row.credited ?? '']),
    );
    expect(Object.keys(rows[0] ?? {})).toEqual(INVOICE_EXPORT_COLUMNS.map((column) => column.name));
    expect(result.rows).toBe(8);
  });

  test('credit notes carry negative amounts and point at the invoice they correct; paid and open balance stay empty on them', () => {
    const note = rows.find((row) => row.number === number['credit-of-october']);
    expect(note).toMatchObject({ kind: 'credit-note', credited_invoice: number.october, amount_excl_vat: '-200.00', vat: '-42.00', total: '-242.00', levy: '-13.00', fund: '-4.00', budget: '-183.00', paid: '', open_balance: '', status: 'credit-note' });
    // Reverse charge: no VAT, written 0.00, never -0.00.
    expect(rows.find((row) => row.number === number['credit-without-vat'])).toMatchObject({ amount_excl_vat: '-100.00', vat: '0.00', total: '-100.00' });
  });

  test('each invoice says what became of it, as smart invoice list, overdue and the bank see it', () => {
    const byKey = (key: string): Record<string, string> | undefined => rows.find((row) => row.number === number[key]);
    expect(byKey('paid')).toMatchObject({ total: '1210.00', paid: '1210.00', open_balance: '0.00', status: 'paid' });
    expect(byKey('partly-paid')).toMatchObject({ vat: '0.00', total: '2400.00', paid: '500.00', open_balance: '1900.00', status: 'open' });
    expect(byKey('disputed')).toMatchObject({ vat: '48.00', total: '848.00', paid: '0.00', open_balance: '848.00', status: 'disputed' });
    expect(byKey('credited')).toMatchObject({ total: '363.00', paid: '0.00', open_balance: '0.00', status: 'credited' });
    expect(byKey('partly-credited')).toMatchObject({ total: '500.00', open_balance: '400.00', status: 'open' });
    // `smart invoice list`'s "credited" is the same set.
    const listed = listInvoices(book, { from: NOVEMBER.from, to: NOVEMBER.to, status: 'credited' }).map((invoice) => invoice.number);
    expect(rows.filter((row) => row.status === 'credited').map((row) => row.number)).toEqual(listed);
  });

  test('names and parties as the book has them; a formula in a name comes out inert', () => {
    const row = rows.find((item) => item.number === number['partly-paid']);
    expect(row).toMatchObject({ client_name: `'${FORMULA_NAME}`, client_vat: 'BE0403170701', member_name: `'${FORMULA_NAME}` });
    expect(rows.find((item) => item.number === number.paid)).toMatchObject({ client_name: 'Théâtre National', client_vat: 'BE0123456749', member_name: MEMBER_ADA.name });
  });

  test("its totals are the ledger's: levy income, VAT payable and receivables of November's invoice and credit note entries", () => {
    expect(sum(rows, 'levy')).toBe(-invoicePostings('income:levy', NOVEMBER));
    expect(sum(rows, 'vat')).toBe(-invoicePostings('liabilities:vat-payable', NOVEMBER));
    expect(sum(rows, 'total')).toBe(invoicePostings('assets:receivable:%', NOVEMBER));
    expect(sum(rows, 'amount_excl_vat')).toBe(sum(rows, 'total') - sum(rows, 'vat'));
    expect(sum(rows, 'amount_excl_vat')).toBe(sum(rows, 'levy') + sum(rows, 'fund') + sum(rows, 'budget'));
    // November's VAT payable also moved by the write-off's regularisation, which is no invoice.
    const allVat = book
      .prepare(`SELECT SUM(p.amount_cents) AS cents FROM entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id WHERE a.code = 'liabilities:vat-payable' AND e.date BETWEEN ? AND ?`)
      .get(NOVEMBER.from, NOVEMBER.to) as { cents: number };
    const regularised = book.prepare('SELECT SUM(vat_cents) AS cents FROM write_offs').get() as { cents: number };
    expect(sum(rows, 'vat')).toBe(-allVat.cents + regularised.cents);
    // What the export reports (stderr, --json) is what it wrote, for every money column.
    const money = INVOICE_EXPORT_COLUMNS.filter((column) => column.kind === 'money').map((column) => column.name);
    expect(result.totals.map((total) => [total.column, total.cents])).toEqual(money.map((column) => [column, sum(rows, column)]));
  });
});

describe('the whole register (no period)', () => {
  let rows: Record<string, string>[];
  beforeAll(async () => {
    const path = join(temp.dir, 'invoices-all.csv');
    await exportTo(path, undefined);
    rows = readCsv(path);
  });

  test('holds every invoice and credit note of the book, October and December included', () => {
    const count = book.prepare('SELECT COUNT(*) AS n FROM invoices').get() as { n: number };
    expect(rows).toHaveLength(count.n);
    expect(rows[0]).toMatchObject({ number: number.october, status: 'written-off', paid: '0.00', open_balance: '0.00' });
    expect(rows.at(-1)).toMatchObject({ number: number.december, status: 'open', open_balance: '726.00' });
  });

  test("the open balances add up to what clients owe in the ledger's receivable accounts; payments to the bank's settlements", () => {
    const receivables = book.prepare(`SELECT SUM(p.amount_cents) AS cents FROM postings p JOIN accounts a ON a.id = p.account_id WHERE a.code LIKE 'assets:receivable:%'`).get() as { cents: number };
    expect(sum(rows, 'open_balance')).toBe(receivables.cents);
    const settled = book
      .prepare(`SELECT -SUM(p.amount_cents) AS cents FROM entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id WHERE e.reason = 'bank.payment' AND a.code LIKE 'assets:receivable:%'`)
      .get() as { cents: number };
    expect(sum(rows, 'paid')).toBe(settled.cents);
  });

  test('the book still passes smart check', () => {
    expect(runChecks(book).filter((check) => !check.ok).map((check) => `${check.name}: ${check.problems.join('; ')}`)).toEqual([]);
  });
});

describe('the file', () => {
  test('--excel: BOM, semicolons, decimal comma, negative credit notes still numbers', async () => {
    const path = join(temp.dir, 'invoices-excel.csv');
    await exportTo(path, NOVEMBER, { excel: true });
    const bytes = readFileSync(path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.find((row) => row.number === number['credit-of-october'])).toMatchObject({ amount_excl_vat: '-200,00', total: '-242,00' });
    expect(rows.find((row) => row.number === number.paid)).toMatchObject({ total: '1210,00', paid: '1210,00' });
  });

  test('an existing file is refused without --force and left as it was; --force replaces it', async () => {
    const path = join(temp.dir, 'taken.csv');
    writeFileSync(path, 'keep me');
    await expect(exportTo(path, NOVEMBER)).rejects.toThrow(SmartError);
    expect(readFileSync(path, 'utf8')).toBe('keep me');
    await exportTo(path, NOVEMBER, { force: true });
    expect(readCsv(path)).toHaveLength(8);
  });
});
