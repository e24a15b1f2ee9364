/**
 * The lists of migration 010 the weekly run reads instead of every invoice (pending payouts;
 * open invoices, whose payments are tested in bank-import.test.ts): kept by the database,
 * proved by smart check, rebuilt from the book when an older book is opened.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { openBook } from '../../src/book/open-book.js';
import { checkBook, runChecks } from '../../src/checks/run-checks.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { runPayout } from '../../src/payouts/run-payout.js';
import { contractFor, memberAndClient } from '../helpers/invoicing-fixture.js';
import { type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

let temp: TempBook;
let ids: { memberId: number; clientId: number };
beforeEach(() => {
  temp = createTempBook();
  ids = memberAndClient(temp.book);
});
afterEach(() => temp.cleanup());

const pending = (book = temp.book): number[] =>
  (book.prepare('SELECT invoice_id AS id FROM pending_payouts ORDER BY invoice_id').all() as { id: number }[]).map((row) => row.id);
const failed = (): string[] => runChecks(temp.book).filter((check) => !check.ok).map((check) => `${check.name}: ${check.problems.join('; ')}`);

/** Three invoices: the first paid out by the run of 2026-11-13, the second after it, the third credited in full before any run. */
function threeInvoices(): number[] {
  const first = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids), date: '2026-11-09' }).invoice;
  const credited = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids, { description: 'Cancelled job' }), date: '2026-11-09' }).invoice;
  creditInvoice(temp.book, testContext(), { number: credited.number, reason: 'cancelled', date: '2026-11-10' });
  runPayout(temp.book, testContext(), { date: '2026-11-13' });
  const later = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids, { description: 'Later job', start: '2026-11-16', end: '2026-11-20' }), date: '2026-11-20' }).invoice;
  return [first.id, credited.id, later.id];
}

describe('pending payouts', () => {
  test('an invoice joins the list when issued and leaves it when paid out; credit notes never join', () => {
    const [first, credited, later] = threeInvoices();
    const paidOut = (temp.book.prepare('SELECT invoice_id AS id FROM payout_items').all() as { id: number }[]).map((row) => row.id);
    const unpaid = [first, credited, later].filter((id) => !paidOut.includes(id as number));
    expect(paidOut).toContain(first);
    expect(pending()).toEqual(unpaid);
    const creditNotes = (temp.book.prepare("SELECT id FROM invoices WHERE kind = 'credit-note'").all() as { id: number }[]).map((row) => row.id);
    expect(creditNotes).toHaveLength(1);
    expect(pending()).not.toContain(creditNotes[0]);
    runPayout(temp.book, testContext(), { date: '2026-11-27' });
    expect(pending()).not.toContain(later);
    expect(failed()).toEqual([]);
  });

  test('the database refuses to edit the list or to take an unpaid invoice off it', () => {
    threeInvoices();
    const [id] = pending();
    expect(() => temp.book.prepare('DELETE FROM pending_payouts WHERE invoice_id = ?').run(id)).toThrow('only when it is paid out');
    expect(() => temp.book.prepare('UPDATE pending_payouts SET invoice_id = invoice_id + 100').run()).toThrow('never edited');
  });

  test('an invoice taken off the list behind the guards is found by smart check, even from a mark', () => {
    threeInvoices();
    const outcome = checkBook(temp.book, { full: false });
    expect(outcome.results.every((result) => result.ok)).toBe(true);
    temp.book
      .prepare("INSERT INTO check_marks (checked_at, scope, entry_id, invoice_id, payslip_id, run_id, contract_id) VALUES ('2026-11-21T02:00:00Z', 'full', @entryId, @invoiceId, @payslipId, @runId, @contractId)")
      .run(outcome.mark);
    const [id] = pending();
    temp.book.exec('DROP TRIGGER pending_payouts_only_when_paid_out');
    temp.book.prepare('DELETE FROM pending_payouts WHERE invoice_id = ?').run(id);
    const checked = checkBook(temp.book, { full: false });
    expect(checked.scope).toBe('full');
    expect(checked.results.filter((result) => !result.ok).map((result) => result.name)).toEqual(['ledger-append-only', 'pending-payouts']);
    expect(checked.results.find((result) => result.name === 'pending-payouts')?.problems[0]).toMatch(new RegExp(`\\(id ${id}\\) is neither paid out nor on the list of pending payouts`));
  });

  test('a book from before the list gets it from its invoices and payout items when opened', () => {
    const [, , later] = threeInvoices();
    const expected = pending();
    const open = (book = temp.book): number[] => (book.prepare('SELECT invoice_id AS id FROM open_invoices ORDER BY invoice_id').all() as { id: number }[]).map((row) => row.id);
    const expectedOpen = open();
    expect(expectedOpen.length).toBeGreaterThan(0);
    temp.book.exec(`DROP TRIGGER pending_payouts_on_issue; DROP TRIGGER pending_payouts_on_payout; DROP TABLE pending_payouts;
      DROP TRIGGER open_invoices_on_issue; DROP TRIGGER open_invoices_on_credit; DROP TRIGGER open_invoices_on_payment; DROP TRIGGER open_invoices_on_write_off;
      DROP TABLE open_invoices; DELETE FROM schema_migrations WHERE version = 10; PRAGMA user_version = 9`);
    temp.book.close();
    const reopened = openBook(temp.path, '2026-11-23T10:00:00.000Z');
    try {
      expect(pending(reopened)).toEqual(expected);
      expect(open(reopened)).toEqual(expectedOpen);
      expect(expected).toEqual(expect.arrayContaining([later]));
      expect(runChecks(reopened).filter((check) => !check.ok)).toEqual([]);
    } finally {
      reopened.close();
    }
  });
});
