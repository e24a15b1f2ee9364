import { afterEach, beforeEach, expect, test } from '@jest/globals';
import { runChecks } from '../../src/checks/run-checks.js';
import { SmartError } from '../../src/errors.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { OverdueStore } from '../../src/invoicing/overdue-store.js';
import { writeOffInvoice } from '../../src/invoicing/write-off.js';
import { GUARANTEE_FUND, VAT_PAYABLE, receivableAccount } from '../../src/ledger/chart.js';
import { LedgerStore } from '../../src/ledger/ledger-store.js';
import { fundStatus } from '../../src/payouts/fund-status.js';
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

function failedChecks(): string[] {
  return runChecks(temp.book).filter((check) => !check.ok).map((check) => `${check.name}: ${check.problems.join('; ')}`);
}

test('overdue lists what is still due; a write-off regularises the VAT and the fund absorbs the rest', () => {
  const { invoice } = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids), date: '2026-11-09' });
  expect(new OverdueStore(temp.book).overdue('2026-12-01')).toHaveLength(0);
  expect(new OverdueStore(temp.book).overdue('2026-12-10').map((row) => [row.number, row.openCents])).toEqual([[invoice.number, 121000]]);
  expect(() => writeOffInvoice(temp.book, testContext(), invoice.number, 'gone')).toThrow(SmartError);
  runPayout(temp.book, testContext(), { date: '2026-11-13' });
  const outcome = writeOffInvoice(temp.book, testContext(), invoice.number, 'client bankrupt', '2027-01-15');
  expect(outcome).toMatchObject({ created: true, openCents: 121000, vatCents: 21000, fundCents: 100000 });
  const ledger = new LedgerStore(temp.book);
  expect(ledger.balance(receivableAccount(ids.clientId).code)).toBe(0);
  expect(ledger.creditBalance(VAT_PAYABLE.code)).toBe(0);
  expect(ledger.creditBalance(GUARANTEE_FUND.code)).toBe(2000 - 100000);
  expect(writeOffInvoice(temp.book, testContext(), invoice.number, 'again').created).toBe(false);
  // Written off, the advance is a loss the fund took, no longer an exposure.
  expect(fundStatus(temp.book).exposureCents).toBe(0);
  expect(failedChecks()).toEqual([]);
});

test('the weekly run writes off guaranteed invoices unpaid past the rules delay (180 days past due)', () => {
  const { invoice } = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids), date: '2026-11-09' });
  runPayout(temp.book, testContext(), { date: '2026-11-13' });
  // Due 2026-12-09; 180 days later is 2027-06-07.
  expect(runPayout(temp.book, testContext(), { date: '2027-06-04' }).writtenOff).toEqual([]);
  const later = runPayout(temp.book, testContext(), { date: '2027-06-11' });
  expect(later.writtenOff.map((item) => item.number)).toEqual([invoice.number]);
  expect(new OverdueStore(temp.book).overdue('2027-12-31')).toHaveLength(0);
  expect(failedChecks()).toEqual([]);
});

test('smart check proves the fund: contributions, less credit notes, less write-offs; a fund posting moved elsewhere is found', () => {
  const first = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids), date: '2026-11-09' }).invoice;
  const second = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids, { description: 'Second job' }), date: '2026-11-10' }).invoice;
  runPayout(temp.book, testContext(), { date: '2026-11-13' });
  // Paid out, then credited: the fund takes back its contribution and absorbs the salary.
  creditInvoice(temp.book, testContext(), { number: second.number, reason: 'cancelled' });
  writeOffInvoice(temp.book, testContext(), first.number, 'client bankrupt', '2027-01-15');
  expect(failedChecks()).toEqual([]);

  temp.book.exec('DROP TRIGGER postings_no_update');
  temp.book.prepare(
    `UPDATE postings SET account_id = (SELECT id FROM accounts WHERE code = 'income:levy')
     WHERE account_id = (SELECT id FROM accounts WHERE code = 'equity:guarantee-fund')
       AND entry_id = (SELECT entry_id FROM invoices WHERE number = ?)`,
  ).run(first.number);
  const failed = failedChecks();
  expect(failed.map((line) => line.split(':')[0])).toEqual(['ledger-append-only', 'invoice-postings', 'guarantee-fund']);
  expect(failed[1]).toContain(`invoice ${first.number}: levy`);
  expect(failed[2]).toMatch(/guarantee fund is at .* in the ledger but .* from the invoices/);
});
