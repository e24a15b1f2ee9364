import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BankLine } from '../../src/bank/bank-line.js';
import { type Statement, importStatement } from '../../src/bank/import-statement.js';
import { ignoreLine, matchByHand, unmatchedLines } from '../../src/bank/resolve-bank-line.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { addClient } from '../../src/clients/manage-clients.js';
import { SmartError } from '../../src/errors.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { writeOffInvoice } from '../../src/invoicing/write-off.js';
import { BANK, NET_SALARIES_PAYABLE, clientCreditAccount, receivableAccount } from '../../src/ledger/chart.js';
import { LedgerStore } from '../../src/ledger/ledger-store.js';
import { fundStatus } from '../../src/payouts/fund-status.js';
import { runPayout } from '../../src/payouts/run-payout.js';
import { contractFor, memberAndClient } from '../helpers/invoicing-fixture.js';
import { type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

let temp: TempBook;
let ids: { memberId: number; clientId: number };
let file: string;
beforeEach(() => {
  temp = createTempBook();
  ids = memberAndClient(temp.book);
  file = join(temp.dir, 'statement.csv');
  writeFileSync(file, 'a statement');
});
afterEach(() => temp.cleanup());

const PAYER_IBAN = 'BE71096123456769';

function line(overrides: Partial<BankLine>): BankLine {
  return {
    sourceLine: 2,
    account: 'BE71096123456769',
    bookingDate: '2026-11-20',
    valueDate: null,
    amountCents: 121000,
    currency: 'EUR',
    counterpartyName: 'Théâtre National',
    counterpartyIban: null,
    structuredReference: null,
    communication: null,
    bankReference: null,
    ...overrides,
  };
}

function statement(lines: readonly BankLine[]): Statement {
  return {
    format: 'test',
    async *read() {
      for (const [index, item] of lines.entries()) yield { ...item, sourceLine: index + 2 };
    },
  };
}

function invoice(description: string, amount = '1000.00'): { number: string; communication: string } {
  const issued = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids, { description, amount }), date: '2026-11-09' }).invoice;
  return { number: issued.number, communication: issued.structuredCommunication };
}

function failedChecks(): string[] {
  return runChecks(temp.book).filter((check) => !check.ok).map((check) => `${check.name}: ${check.problems.join('; ')}`);
}

describe('matching, in the order of DOMAIN.md', () => {
  test('a structured communication in its own field, in free text (+++ or ***), or bare, settles its invoice', async () => {
    const a = invoice('a');
    const b = invoice('b');
    const c = invoice('c');
    const outcome = await importStatement(temp.book, testContext(), file, statement([
      line({ structuredReference: a.communication.replace(/\D/g, '') }),
      line({ communication: `Paiement ${b.communication.replaceAll('+', '*')} merci` }),
      line({ communication: `ref ${c.communication.replace(/\D/g, '')}` }),
    ]), false);
    expect(outcome).toMatchObject({ lines: 3, imported: 3, duplicates: 0, matched: 3, unmatched: 0 });
    expect(new LedgerStore(temp.book).balance(receivableAccount(ids.clientId).code)).toBe(0);
    expect(failedChecks()).toEqual([]);
  });

  test('an invalid check digit never matches; an invoice number in the text or amount + known IBAN does', async () => {
    const a = invoice('a');
    const b = invoice('b', '500.00');
    const digits = a.communication.replace(/\D/g, '');
    const wrong = `${digits.slice(0, 10)}${String((Number(digits.slice(10)) % 97) + 1).padStart(2, '0')}`;
    const clientWithIban = addClient(temp.book, testContext(), { name: 'Payer', address: 'x 1, 1000 Bruxelles', vatNumber: 'BE0403170701', iban: PAYER_IBAN }).client.id;
    const c = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, { ...ids, clientId: clientWithIban }, { description: 'c', amount: '200.00' }), date: '2026-11-09' }).invoice;
    const outcome = await importStatement(temp.book, testContext(), file, statement([
      line({ structuredReference: wrong }),
      line({ communication: `Facture ${b.number}`, amountCents: 60500 }),
      line({ counterpartyIban: PAYER_IBAN, amountCents: c.totalCents }),
    ]), false);
    expect(outcome).toMatchObject({ matched: 2, unmatched: 1 });
    expect(unmatchedLines(temp.book, 10).map((item) => item.structuredReference)).toEqual([wrong]);
    expect(failedChecks()).toEqual([]);
  });
});

describe('amounts', () => {
  test('a partial payment leaves the rest due; an overpayment becomes a credit for the client', async () => {
    const a = invoice('a');
    const b = invoice('b');
    const outcome = await importStatement(temp.book, testContext(), file, statement([
      line({ structuredReference: a.communication, amountCents: 50000 }),
      line({ structuredReference: b.communication, amountCents: 130000 }),
    ]), false);
    expect(outcome).toMatchObject({ matched: 2, flagged: 1 });
    const ledger = new LedgerStore(temp.book);
    expect(ledger.balance(receivableAccount(ids.clientId).code)).toBe(121000 - 50000);
    expect(ledger.creditBalance(clientCreditAccount(ids.clientId).code)).toBe(130000 - 121000);
    expect(ledger.balance(BANK.code)).toBe(180000 + 3000);
    expect(failedChecks()).toEqual([]);
  });

  test('a payment for a credited invoice is flagged and kept as a credit', async () => {
    const a = invoice('a');
    creditInvoice(temp.book, testContext(), { number: a.number, reason: 'cancelled', date: '2026-11-10' });
    const outcome = await importStatement(temp.book, testContext(), file, statement([line({ structuredReference: a.communication })]), false);
    expect(outcome).toMatchObject({ matched: 1, flagged: 1 });
    expect(new LedgerStore(temp.book).creditBalance(clientCreditAccount(ids.clientId).code)).toBe(121000);
    expect(failedChecks()).toEqual([]);
  });
});

describe('exactly once', () => {
  test('the same statement twice, or an overlapping one, adds nothing the second time; a dry run writes nothing', async () => {
    const a = invoice('a');
    const lines = [line({ structuredReference: a.communication }), line({ amountCents: 999, communication: 'unknown' }), line({ amountCents: 999, communication: 'unknown' })];
    const dry = await importStatement(temp.book, testContext(), file, statement(lines), true);
    expect(dry).toMatchObject({ imported: 3, matched: 1, unmatched: 2, dryRun: true });
    expect(unmatchedLines(temp.book, 10)).toHaveLength(0);
    expect(await importStatement(temp.book, testContext(), file, statement(lines), false)).toMatchObject({ imported: 3, matched: 1, unmatched: 2 });
    expect(await importStatement(temp.book, testContext(), file, statement(lines), false)).toMatchObject({ imported: 0, duplicates: 3 });
    expect(await importStatement(temp.book, testContext(), file, statement([...lines.slice(1), line({ amountCents: 123 })]), false)).toMatchObject({ imported: 1, duplicates: 2 });
    expect(failedChecks()).toEqual([]);
  });

  test('no sequence of imports settles an invoice for more than it is due', async () => {
    const invoices = ['a', 'b', 'c'].map((description) => invoice(description, '100.00'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.record({ which: fc.integer({ min: 0, max: 2 }), cents: fc.integer({ min: 1, max: 20000 }), day: fc.integer({ min: 10, max: 28 }) }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }),
        async (imports) => {
          for (const rows of imports) {
            await importStatement(temp.book, testContext(), file, statement(rows.map((row) => line({ structuredReference: invoices[row.which]?.communication ?? null, amountCents: row.cents, bookingDate: `2026-11-${row.day}` }))), false);
          }
          const paid = temp.book.prepare(`SELECT i.number, i.total_cents AS total, coalesce(SUM(p.amount_cents), 0) AS paid FROM invoices i LEFT JOIN payments p ON p.invoice_id = i.id GROUP BY i.id`).all() as { total: number; paid: number }[];
          for (const row of paid) expect(row.paid).toBeLessThanOrEqual(row.total);
          expect(failedChecks()).toEqual([]);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('the queue and the co-op own payouts', () => {
  test('a person matches or sets aside what the rules could not place', async () => {
    const a = invoice('a');
    await importStatement(temp.book, testContext(), file, statement([line({ communication: 'for the show' }), line({ amountCents: -250, communication: 'bank fees' })]), false);
    const [incoming, fees] = unmatchedLines(temp.book, 10);
    expect(matchByHand(temp.book, testContext(), incoming?.id ?? 0, a.number)).toMatchObject({ paidCents: 121000, creditCents: 0 });
    expect(ignoreLine(temp.book, testContext(), fees?.id ?? 0, 'bank fees').status).toBe('ignored');
    expect(unmatchedLines(temp.book, 10)).toHaveLength(0);
    expect(() => ignoreLine(temp.book, testContext(), fees?.id ?? 0, 'again')).toThrow(SmartError);
    expect(failedChecks()).toEqual([]);
  });

  test("an outgoing line of a run's total settles its payables; exposure falls as the client pays", async () => {
    const a = invoice('a');
    const run = runPayout(temp.book, testContext(), { date: '2026-11-13' });
    const transfer = run.run?.totalTransferCents ?? 0;
    expect(fundStatus(temp.book).exposureCents).toBe(62655);
    const outcome = await importStatement(temp.book, testContext(), file, statement([
      line({ amountCents: -transfer, bookingDate: '2026-11-16', communication: 'SMART-PAYOUT-2026-W46' }),
      line({ structuredReference: a.communication }),
    ]), false);
    expect(outcome).toMatchObject({ payouts: 1, matched: 1, unmatched: 0 });
    expect(new LedgerStore(temp.book).balance(NET_SALARIES_PAYABLE.code)).toBe(0);
    expect(fundStatus(temp.book).exposureCents).toBe(0);
    expect(failedChecks()).toEqual([]);
  });
});

describe('the list of open invoices (migration 010)', () => {
  const listed = (): string[] =>
    (temp.book.prepare('SELECT i.number FROM open_invoices o JOIN invoices i ON i.id = o.invoice_id ORDER BY i.number').all() as { number: string }[]).map((row) => row.number);

  test('an invoice stays on it while anything is owed: through a partial payment, off it once paid in full, credited or written off', async () => {
    const paid = invoice('paid in two parts');
    const credited = invoice('credited');
    const written = invoice('written off');
    expect(listed()).toEqual([paid.number, credited.number, written.number]);
    await importStatement(temp.book, testContext(), file, statement([line({ amountCents: 21000, structuredReference: paid.communication.replace(/\D/g, '') })]), false);
    expect(listed()).toEqual([paid.number, credited.number, written.number]);
    await importStatement(temp.book, testContext(), file, statement([line({ amountCents: 100000, bookingDate: '2026-11-21', structuredReference: paid.communication.replace(/\D/g, '') })]), false);
    expect(listed()).toEqual([credited.number, written.number]);
    creditInvoice(temp.book, testContext(), { number: credited.number, reason: 'half', amountCents: 50000, date: '2026-11-10' });
    expect(listed()).toEqual([credited.number, written.number]);
    creditInvoice(temp.book, testContext(), { number: credited.number, reason: 'the rest', date: '2026-11-10' });
    expect(listed()).toEqual([written.number]);
    runPayout(temp.book, testContext(), { date: '2026-11-13' });
    writeOffInvoice(temp.book, testContext(), written.number, 'client bankrupt', '2027-01-15');
    expect(listed()).toEqual([]);
    expect(failedChecks()).toEqual([]);
  });

  test('an unsettled invoice cannot be taken off it; one taken off behind the guards is found by smart check', () => {
    const owed = invoice('owed');
    const id = (temp.book.prepare('SELECT id FROM invoices WHERE number = ?').get(owed.number) as { id: number }).id;
    expect(temp.book.prepare('DELETE FROM open_invoices WHERE invoice_id = ?').run(id).changes).toBe(0);
    expect(() => temp.book.prepare('UPDATE open_invoices SET invoice_id = 0').run()).toThrow('never edited');
    temp.book.exec('DROP TRIGGER open_invoices_only_when_settled');
    temp.book.prepare('DELETE FROM open_invoices WHERE invoice_id = ?').run(id);
    expect(failedChecks()).toEqual([
      'ledger-append-only: the guard open_invoices_only_when_settled is missing: the book was changed outside smart; restore it from a backup',
      `open-invoices: invoice ${owed.number} (id ${id}) is owed on but not on the list of open invoices: the book was changed outside smart; restore it from a backup`,
    ]);
  });
});
