/**
 * `smart check` from the last passing check's mark: the rows added since are proved one by one,
 * every balance of the whole book always; rows before the mark only with --full, or when a guard
 * that keeps them unchanged is missing.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { type CheckOutcome, checkBook, recordCheckMark, runChecks } from '../../src/checks/run-checks.js';
import { BANK } from '../../src/ledger/chart.js';
import { LedgerStore } from '../../src/ledger/ledger-store.js';
import { postEntry } from '../../src/ledger/post-entry.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { runPayout } from '../../src/payouts/run-payout.js';
import { contractFor, memberAndClient } from '../helpers/invoicing-fixture.js';
import { type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

let temp: TempBook;
beforeEach(() => {
  temp = createTempBook();
});
afterEach(() => temp.cleanup());

const failed = (outcome: CheckOutcome): string[] => outcome.results.filter((result) => !result.ok).map((result) => result.name);

/** Two postings on the bank and a test account that do not sum to zero, written as raw SQL would (the guards allow new rows). */
function forgeUnbalancedEntry(key: string): number {
  const ledger = new LedgerStore(temp.book);
  postEntry(ledger, testContext(), {
    key: `${key}-accounts`,
    date: '2026-11-20',
    reason: 'test',
    memo: 'creates the accounts',
    postings: [
      { account: BANK, amountCents: 100 },
      { account: { code: 'income:test', type: 'income', name: 'Test' }, amountCents: -100 },
    ],
  });
  const entryId = Number(
    temp.book
      .prepare("INSERT INTO entries (key, date, reason, memo, command, posting_count, debit_cents, recorded_at) VALUES (?, '2026-11-20', 'test', 'forged', 'sqlite3', 2, 500, 'now')")
      .run(key).lastInsertRowid,
  );
  const insert = temp.book.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, (SELECT id FROM accounts WHERE code = ?), ?)');
  insert.run(entryId, BANK.code, 500);
  insert.run(entryId, 'income:test', -499);
  return entryId;
}

function passAndRecord(): CheckOutcome {
  const outcome = checkBook(temp.book, { full: false });
  expect(failed(outcome)).toEqual([]);
  recordCheckMark(temp.book, testContext(), outcome);
  return outcome;
}

describe('check marks', () => {
  test('a passing check records how far it went, with an audit row; the next one starts there', () => {
    const ids = memberAndClient(temp.book);
    issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids), date: '2026-11-09' });
    const first = passAndRecord();
    expect(first.scope).toBe('full');
    const entries = (temp.book.prepare('SELECT max(id) AS id FROM entries').get() as { id: number }).id;
    expect(first.mark).toMatchObject({ entryId: entries, invoiceId: 1, runId: 0 });
    expect(temp.book.prepare("SELECT summary FROM audit_log WHERE summary LIKE 'check passed%'").all()).toHaveLength(1);

    runPayout(temp.book, testContext(), { date: '2026-11-13' });
    const second = passAndRecord();
    expect(second.scope).toBe('since');
    expect(second.since).toMatchObject({ entryId: entries, invoiceId: 1, runId: 0, scope: 'full' });
    expect(second.mark.runId).toBe(1);
    expect(second.mark.entryId).toBeGreaterThan(entries);
  });

  test('a broken row added after the mark is found, and a failing check records no mark', () => {
    passAndRecord();
    const forged = forgeUnbalancedEntry('forged-after');
    const outcome = checkBook(temp.book, { full: false });
    expect(outcome.scope).toBe('since');
    expect(failed(outcome)).toEqual(['entries-balance']);
    expect(outcome.results.find((result) => result.name === 'entries-balance')?.problems[0]).toMatch(new RegExp(`^entry ${forged} \\(forged-after\\): postings sum to 0\\.01`));
    expect(() => recordCheckMark(temp.book, testContext(), outcome)).toThrow('only a check that passed');
    expect(temp.book.prepare('SELECT COUNT(*) AS n FROM check_marks').get()).toEqual({ n: 1 });
  });

  test('a row before the mark is proved again by --full, or by any check once a guard is missing', () => {
    forgeUnbalancedEntry('forged-before');
    // As if a check had passed after it (a mark is only ever recorded by a passing check).
    const mark = checkBook(temp.book, { full: true }).mark;
    temp.book
      .prepare("INSERT INTO check_marks (checked_at, scope, entry_id, invoice_id, payslip_id, run_id, contract_id) VALUES ('2026-11-21T02:00:00Z', 'full', ?, ?, ?, ?, ?)")
      .run(mark.entryId, mark.invoiceId, mark.payslipId, mark.runId, mark.contractId);
    expect(failed(checkBook(temp.book, { full: false }))).toEqual([]);
    expect(failed(checkBook(temp.book, { full: true }))).toEqual(['entries-balance']);
    expect(runChecks(temp.book).filter((result) => !result.ok).map((result) => result.name)).toEqual(['entries-balance']);

    temp.book.exec('DROP TRIGGER postings_no_update');
    const widened = checkBook(temp.book, { full: false });
    expect(widened.scope).toBe('full');
    expect(failed(widened)).toEqual(['entries-balance', 'ledger-append-only']);
  });

  test('marks cannot be edited or deleted', () => {
    passAndRecord();
    expect(() => temp.book.exec('UPDATE check_marks SET entry_id = 0')).toThrow('never edited');
    expect(() => temp.book.exec('DELETE FROM check_marks')).toThrow('never deleted');
  });
});
