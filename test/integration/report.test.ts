import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BankLine } from '../../src/bank/bank-line.js';
import { importStatement } from '../../src/bank/import-statement.js';
import { parseMonth, parseYear } from '../../src/calendar/periods.js';
import { reportPeriod } from '../../src/cli/commands/report.js';
import { findCoop } from '../../src/coop/coop-store.js';
import { reportPdfDefinition, renderReportPdf } from '../../src/documents/pdf/report-pdf.js';
import { SmartError } from '../../src/errors.js';
import { addExpense, decideExpense } from '../../src/expenses/manage-expenses.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { writeOffInvoice } from '../../src/invoicing/write-off.js';
import { addMember } from '../../src/members/add-member.js';
import { leaveMember } from '../../src/members/leave-member.js';
import { displayCents } from '../../src/money/cents.js';
import { runPayout } from '../../src/payouts/run-payout.js';
import { type Report, type ReportKind, buildReport } from '../../src/reports/report.js';
import { MEMBER_ADA, contractFor, memberAndClient } from '../helpers/invoicing-fixture.js';
import { expectMentions, pdfWorkspace } from '../helpers/pdf-workspace.js';
import { type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

/*
 * One book built with smart's own use cases over 2026 and early 2027, then every figure of the
 * report compared with sums the test makes itself over the ledger's postings (not through the
 * report's store), and with numbers worked out by hand from DOMAIN.md's worked example.
 *
 * - Bram (joined 2026-03-15): invoice A, 1,000.00, paid out by the run of 2026-10-16, then
 *   credited in full on 2026-11-18: the fund absorbs its budget (915.00).
 * - Ada (joined 2026-01-01): invoice B, 1,000.00 (issued 2026-11-09), paid out 2026-11-13 and
 *   paid by the client on 2026-11-25 (bank import, 1,210.00); invoice D, 300.00 (issued
 *   2026-11-23), paid out 2026-11-27 with an expense note of 42.50, written off on 2027-02-15.
 * - Bram: invoice C, 2,000.00 (issued 2026-11-16), credited 500.00 on 2026-11-20 before its
 *   payout, paid out by the run of 2026-12-04.
 * - Elif joined 2026-10-01 and left 2026-11-20.
 */

let temp: TempBook;
const numbers: Record<string, string> = {};

function date(text: string): ReturnType<typeof testContext> {
  return testContext(text);
}

beforeAll(async () => {
  temp = createTempBook();
  const book = temp.book;
  const ids = memberAndClient(book);
  const ada = ids.memberId;
  const bram = addMember(book, date('2026-03-15'), { ...MEMBER_ADA, name: 'Bram Claes', niss: '90021401316', birthDate: '1990-02-14', iban: 'BE65405081011296', joinedOn: '2026-03-15' }).member.id;
  const elif = addMember(book, date('2026-10-01'), { ...MEMBER_ADA, name: 'Elif Yilmaz', niss: '95090901923', birthDate: '1995-09-09', iban: 'BE15597097306130', joinedOn: '2026-10-01' }).member.id;

  const a = contractFor(book, { memberId: bram, clientId: ids.clientId }, { description: 'A', start: '2026-10-05', end: '2026-10-09' });
  numbers['A'] = issueInvoice(book, date('2026-10-12'), { contractId: a, date: '2026-10-12' }).invoice.number;
  runPayout(book, date('2026-10-16'), { date: '2026-10-16' });

  const b = contractFor(book, ids, { description: 'B', start: '2026-11-02', end: '2026-11-06' });
  const invoiceB = issueInvoice(book, date('2026-11-09'), { contractId: b, date: '2026-11-09' }).invoice;
  numbers['B'] = invoiceB.number;
  runPayout(book, date('2026-11-13'), { date: '2026-11-13' });

  const c = contractFor(book, { memberId: bram, clientId: ids.clientId }, { description: 'C', start: '2026-11-16', end: '2026-11-30', amount: '2000.00' });
  numbers['C'] = issueInvoice(book, date('2026-11-16'), { contractId: c, date: '2026-11-16' }).invoice.number;
  creditInvoice(book, date('2026-11-18'), { number: numbers['A'] ?? '', reason: 'Show cancelled after the work', date: '2026-11-18' });
  creditInvoice(book, date('2026-11-20'), { number: numbers['C'] ?? '', reason: 'Two days less', amountCents: 50000, date: '2026-11-20' });
  leaveMember(book, date('2026-11-20'), { memberId: elif, date: '2026-11-20' });

  const d = contractFor(book, ids, { description: 'D', start: '2026-11-16', end: '2026-11-20', amount: '300.00' });
  numbers['D'] = issueInvoice(book, date('2026-11-23'), { contractId: d, date: '2026-11-23' }).invoice.number;
  const note = addExpense(book, date('2026-11-20'), { memberId: ada, date: '2026-11-20', amount: '42.50', description: 'Train to Liège' });
  decideExpense(book, date('2026-11-20'), note.id, 'approved', undefined);

  const file = join(temp.dir, 'statement.csv');
  writeFileSync(file, 'a statement');
  const payment: BankLine = {
    sourceLine: 2,
    account: 'BE71096123456769',
    bookingDate: '2026-11-25',
    valueDate: null,
    amountCents: 121000,
    currency: 'EUR',
    counterpartyName: 'Théâtre National',
    counterpartyIban: null,
    structuredReference: invoiceB.structuredCommunication,
    communication: null,
    bankReference: null,
  };
  await importStatement(book, date('2026-11-25'), file, {
    format: 'test',
    async *read() {
      yield payment;
    },
  }, false);

  runPayout(book, date('2026-11-27'), { date: '2026-11-27' });
  runPayout(book, date('2026-12-04'), { date: '2026-12-04' });
  writeOffInvoice(book, date('2027-02-15'), numbers['D'] ?? '', 'client bankrupt', '2027-02-15');
});
afterAll(() => temp.cleanup());

function report(kind: ReportKind, text: string): Report {
  const period = kind === 'month' ? parseMonth(text) : parseYear(text);
  if (period === undefined) throw new Error(text);
  return buildReport(temp.book, kind, period);
}

/** The test's own sum of postings (debit-positive) on accounts matching `code`, by entry date and reason. */
function postings(code: string, from: string, to: string, reasons?: readonly string[]): number {
  const reasonFilter = reasons === undefined ? '' : ` AND e.reason IN (${reasons.map(() => '?').join(', ')})`;
  const row = temp.book
    .prepare(
      `SELECT coalesce(SUM(p.amount_cents), 0) AS cents FROM postings p JOIN entries e ON e.id = p.entry_id JOIN accounts a ON a.id = p.account_id
       WHERE a.code LIKE ? AND e.date >= ? AND e.date <= ?${reasonFilter}`,
    )
    .get(code, from, to, ...(reasons ?? [])) as { cents: number };
  return row.cents;
}

const INVOICING = ['invoice.issue', 'invoice.credit'];

/** Every figure of a period that the ledger holds, summed by the test. */
function fromLedger(from: string, to: string) {
  return {
    // An invoice debits the receivable with its total and credits the VAT: their sum is the amount excl. VAT.
    invoicedCents: postings('assets:receivable:%', from, to, INVOICING) + postings('liabilities:vat-payable', from, to, INVOICING),
    vatCents: 0 - postings('liabilities:vat-payable', from, to, INVOICING),
    levyCents: 0 - postings('income:levy', from, to),
    fundNetCents: 0 - postings('equity:guarantee-fund', from, to),
    fundBalanceCents: 0 - postings('equity:guarantee-fund', '0000-00-00', to),
    netCents: 0 - postings('liabilities:net-salaries', from, to, ['payout.salary']),
    withholdingCents: 0 - postings('liabilities:withholding-tax', from, to, ['payout.salary']),
    expensesCents: 0 - postings('liabilities:expenses-payable', from, to, ['payout.salary']),
    onssCents: 0 - postings('liabilities:onss', from, to, ['payout.salary']),
    activityPaidCents: postings('liabilities:activity:%', from, to, ['payout.salary']),
    receivedCents: postings('assets:bank', from, to, ['bank.payment']),
  };
}

function expectLedgerAgrees(kind: ReportKind, text: string): void {
  const { total } = report(kind, text);
  const ledger = fromLedger(total.from, total.to);
  expect(total.invoicedCents).toBe(ledger.invoicedCents);
  expect(total.vatCents).toBe(ledger.vatCents);
  expect(total.levyCents).toBe(ledger.levyCents);
  expect(total.fundInCents - total.fundOutCents).toBe(ledger.fundNetCents);
  expect(total.fundBalanceCents).toBe(ledger.fundBalanceCents);
  expect(total.netCents).toBe(ledger.netCents);
  expect(total.withholdingCents).toBe(ledger.withholdingCents);
  expect(total.expensesCents).toBe(ledger.expensesCents);
  // The ONSS is owed the employee and the employer (with holiday) contributions...
  expect(total.employerCents + total.employeeCents).toBe(ledger.onssCents);
  // ...the activity accounts paid the gross, the employer's side and the expenses...
  expect(total.grossCents + total.employerCents + total.expensesCents).toBe(ledger.activityPaidCents);
  // ...and the gross is the net plus what was withheld from it.
  expect(total.grossCents).toBe(total.netCents + total.withholdingCents + total.employeeCents);
  expect(total.receivedCents).toBe(ledger.receivedCents);
}

describe('the figures of a month', () => {
  test('November 2026 agrees with the ledger, summed independently', () => {
    expectLedgerAgrees('month', '2026-11');
  });

  test('November 2026 holds the numbers worked out by hand', () => {
    const { total, months } = report('month', '2026-11');
    expect(months).toHaveLength(1);
    // B 1,000 + C 2,000 + D 300 - credit of C 500 - credit of A 1,000.
    expect(displayCents(total.invoicedCents)).toBe('1,800.00');
    expect(displayCents(total.vatCents)).toBe('378.00');
    expect([total.invoices, total.creditNotes]).toEqual([3, 2]);
    expect(displayCents(total.levyCents)).toBe('117.00');
    // Fund contributions: 2 % of 1,800; the fund absorbed A's budget, paid out before its credit note.
    expect(displayCents(total.fundInCents)).toBe('36.00');
    expect(displayCents(total.fundOutCents)).toBe('915.00');
    // B paid by its client through the bank.
    expect(displayCents(total.receivedCents)).toBe('1,210.00');
    // Ada twice (the runs of the 13th and the 27th), nobody else; her expense note reimbursed.
    expect([total.payslips, total.payoutRuns, total.membersPaid]).toEqual([2, 2, 1]);
    expect(displayCents(total.expensesCents)).toBe('42.50');
    // Ada and Bram; Elif left on the 20th.
    expect([total.membersActive, total.membersJoined, total.membersLeft]).toEqual([2, 0, 1]);
  });

  test('the month chart has a bar per week of the month: invoiced and gross by the days they fall on', () => {
    const { chart, total } = report('month', '2026-11');
    expect(chart.map((bar) => bar.label)).toEqual(['1–7', '8–14', '15–21', '22–28', '29–30']);
    // B on the 9th; C on the 16th, credits on the 18th (A) and 20th (C); D on the 23rd.
    expect(chart.map((bar) => displayCents(bar.invoicedCents))).toEqual(['0.00', '1,000.00', '500.00', '300.00', '0.00']);
    expect(chart.reduce((sum, bar) => sum + bar.grossCents, 0)).toBe(total.grossCents);
    expect(chart[1]?.grossCents).toBeGreaterThan(0);
    expect(chart[3]?.grossCents).toBeGreaterThan(0);
    expect(report('month', '2026-02').chart.map((bar) => bar.label)).toEqual(['1–7', '8–14', '15–21', '22–28']);
  });

  test("the month of the worked example's payout: gross 720.75, employer 194.24, employee 94.20, net 626.55", () => {
    // The run of 2026-11-13 paid B alone, Ada's first pay: DOMAIN.md's worked example to the cent.
    const b = temp.book.prepare('SELECT ps.gross_cents AS gross FROM payslips ps JOIN payout_runs r ON r.id = ps.run_id WHERE r.run_date = ?').get('2026-11-13') as { gross: number };
    expect(displayCents(b.gross)).toBe('720.75');
    const { total } = report('month', '2026-11');
    const d = temp.book.prepare('SELECT ps.gross_cents AS gross, ps.net_cents AS net, ps.employer_cents + ps.holiday_cents AS employer FROM payslips ps JOIN payout_runs r ON r.id = ps.run_id WHERE r.run_date = ?').get('2026-11-27') as { gross: number; net: number; employer: number };
    expect(total.grossCents).toBe(72075 + d.gross);
    expect(total.netCents).toBe(62655 + d.net);
    expect(total.employerCents).toBe(19424 + d.employer);
  });

  test('a month with nothing in it: zeros, with the balances carried', () => {
    const { total } = report('month', '2026-06');
    expect([total.invoicedCents, total.levyCents, total.grossCents, total.receivedCents, total.payslips, total.payoutRuns]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([total.membersActive, total.membersJoined, total.membersLeft]).toEqual([2, 0, 0]);
    expect(total.fundBalanceCents).toBe(0);
  });

  test("the fund's balance at the end of every month agrees with the ledger, whichever end of the book it is read from", () => {
    // Early months are read from the entries before them, late ones from the whole balance less what came after.
    for (const month of ['2026-01', '2026-03', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2025-12']) {
      const { total } = report('month', month);
      expect([month, total.fundBalanceCents]).toEqual([month, fromLedger(total.from, total.to).fundBalanceCents]);
    }
  });

  test('a write-off: the fund absorbs what is open less its VAT', () => {
    const { total } = report('month', '2027-02');
    // D: 300.00 + VAT 63.00 open; the VAT is regularised, the fund takes 300.00.
    expect(displayCents(total.fundOutCents)).toBe('300.00');
    expect(total.fundInCents).toBe(0);
    expectLedgerAgrees('month', '2027-02');
  });
});

describe('the figures of a year', () => {
  test('twelve months that each equal the month on its own, and a total that adds them up', () => {
    const year = report('year', '2026');
    expect(year.months.map((row) => row.label)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    for (const row of year.months) expect(row).toEqual(report('month', row.label).total);
    for (const key of ['invoicedCents', 'vatCents', 'levyCents', 'fundInCents', 'fundOutCents', 'grossCents', 'netCents', 'employerCents', 'employeeCents', 'withholdingCents', 'expensesCents', 'payslips', 'payoutRuns', 'receivedCents', 'membersJoined', 'membersLeft'] as const) {
      expect([key, year.total[key]]).toEqual([key, year.months.reduce((sum, row) => sum + row[key], 0)]);
    }
    expect(year.total.fundBalanceCents).toBe(year.months[11]?.fundBalanceCents);
    expect(year.chart.map((bar) => bar.invoicedCents)).toEqual(year.months.map((row) => row.invoicedCents));
    expectLedgerAgrees('year', '2026');
    expectLedgerAgrees('year', '2027');
  });

  test('members: active at the end of each month, joined and left in it, paid counted once over the year', () => {
    const year = report('year', '2026');
    expect(year.months.map((row) => row.membersActive)).toEqual([1, 1, 2, 2, 2, 2, 2, 2, 2, 3, 2, 2]);
    expect(year.months.map((row) => row.membersJoined)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(year.months.map((row) => row.membersLeft)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    // Bram in October and December, Ada in November: three member-months, two people.
    expect(year.months.map((row) => row.membersPaid)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(year.total.membersPaid).toBe(2);
    expect([year.total.membersActive, year.total.membersJoined, year.total.membersLeft]).toEqual([2, 3, 1]);
  });

  test('the payslips and runs of the year are those of the payslips table', () => {
    const year = report('year', '2026');
    const counted = temp.book.prepare("SELECT COUNT(*) AS payslips, COUNT(DISTINCT run_id) AS runs FROM payslips ps JOIN payout_runs r ON r.id = ps.run_id WHERE r.run_date LIKE '2026-%'").get() as { payslips: number; runs: number };
    expect([year.total.payslips, year.total.payoutRuns]).toEqual([counted.payslips, counted.runs]);
    expect(counted).toEqual({ payslips: 4, runs: 4 });
  });
});

describe('the period of the command', () => {
  test('--month, --year, or the current year; not both', () => {
    expect(reportPeriod({ month: '2026-11' }, '2026-12-01')).toMatchObject({ kind: 'month', period: { from: '2026-11-01', to: '2026-11-30' } });
    expect(reportPeriod({ year: '2025' }, '2026-12-01')).toMatchObject({ kind: 'year', period: { from: '2025-01-01', to: '2025-12-31' } });
    expect(reportPeriod({}, '2026-12-01')).toMatchObject({ kind: 'year', period: { label: '2026' } });
    const kinds = (options: { month?: string; year?: string }): string | undefined => {
      try {
        reportPeriod(options, '2026-12-01');
        return undefined;
      } catch (error) {
        return error instanceof SmartError ? error.kind : 'not a SmartError';
      }
    };
    expect(kinds({ month: '2026-11', year: '2026' })).toBe('usage');
    expect(kinds({ month: '2026-13' })).toBe('invalid-input');
    expect(kinds({ month: 'November' })).toBe('invalid-input');
    expect(kinds({ year: '26' })).toBe('invalid-input');
  });
});

describe('the PDF', () => {
  const workspace = pdfWorkspace('smart-report-pdf-', 'the report PDFs are rendered but their text is not checked');

  test('a year: two pages, the co-op, the period, the key figures and every month', async () => {
    const coop = findCoop(temp.book);
    if (coop === undefined) throw new Error('no co-op');
    const year = report('year', '2026');
    const text = workspace.readBack('report-2026.pdf', await renderReportPdf({ coop, report: year, generatedOn: '2026-12-31' }), 2);
    expectMentions(text, [
      coop.name,
      'REPORT',
      '1 January – 31 December 2026',
      displayCents(year.total.invoicedCents),
      displayCents(year.total.levyCents),
      displayCents(year.total.grossCents),
      displayCents(year.total.netCents),
      displayCents(year.total.fundBalanceCents),
      displayCents(year.total.receivedCents),
      'Invoiced excl. VAT',
      'Gross salaries',
      // The chart's month labels and the monthly tables.
      'Jan',
      'Dec',
      'November',
      'Total',
      'Page 2 of 2',
    ]);
  });

  test('a month: one page with the week chart', async () => {
    const coop = findCoop(temp.book);
    if (coop === undefined) throw new Error('no co-op');
    const month = report('month', '2026-11');
    const text = workspace.readBack('report-2026-11.pdf', await renderReportPdf({ coop, report: month, generatedOn: '2026-12-01' }), 1);
    expectMentions(text, ['November 2026', '1 – 30 November 2026', '1,800.00', '915.00', '1,210.00', '8–14', '29–30', 'Balance on 30 November 2026', 'Page 1 of 1']);
  });

  test('the chart is scaled to the largest bar: the tallest bar reaches no higher than the top gridline', () => {
    const coop = findCoop(temp.book);
    if (coop === undefined) throw new Error('no co-op');
    const definition = reportPdfDefinition({ coop, report: report('month', '2026-11'), generatedOn: '2026-12-01' });
    const canvases = JSON.stringify(definition.content).match(/"type":"rect","x":[\d.]+,"y":[\d.]+,"w":[\d.]+,"h":[\d.]+/g) ?? [];
    const heights = canvases.map((rect) => Number(/"h":([\d.]+)/.exec(rect)?.[1]));
    // The week of the 8th: 1,000.00 invoiced, under a top gridline of 1,000 (five steps of 200).
    expect(Math.max(...heights)).toBeCloseTo(170, 5);
  });

  test('an empty year still renders, saying there is nothing to chart', async () => {
    const coop = findCoop(temp.book);
    if (coop === undefined) throw new Error('no co-op');
    const text = workspace.readBack('report-2024.pdf', await renderReportPdf({ coop, report: report('year', '2024'), generatedOn: '2026-12-01' }), 2);
    expectMentions(text, ['Nothing was invoiced nor paid in this period.', '2024']);
  });
});
