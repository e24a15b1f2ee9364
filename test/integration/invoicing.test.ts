import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { runChecks } from '../../src/checks/run-checks.js';
import { addClient, setClientBlocked } from '../../src/clients/manage-clients.js';
import { cancelContract } from '../../src/contracts/manage-contracts.js';
import { SmartError } from '../../src/errors.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { listInvoices } from '../../src/invoicing/list-invoices.js';
import { BANK, GUARANTEE_FUND, LEVY_INCOME, VAT_PAYABLE, activityAccount, receivableAccount } from '../../src/ledger/chart.js';
import { LedgerStore } from '../../src/ledger/ledger-store.js';
import { postEntry } from '../../src/ledger/post-entry.js';
import { leaveMember } from '../../src/members/leave-member.js';
import { memberStatement } from '../../src/members/member-statement.js';
import { showMember } from '../../src/members/show-member.js';
import { setRule } from '../../src/rules/set-rule.js';
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

function kindOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof SmartError) return error.kind;
    throw error;
  }
  return 'none';
}

describe('issuing an invoice (the worked example of DOMAIN.md)', () => {
  test('1,000.00 at 21 %: VAT 210.00, total 1,210.00, levy 65.00, fund 20.00, budget 915.00 on the activity account', () => {
    const contractId = contractFor(temp.book, ids);
    const { invoice, created } = issueInvoice(temp.book, testContext(), { contractId, date: '2026-11-23' });
    expect(created).toBe(true);
    expect(invoice).toMatchObject({
      number: '2026-000001',
      issueDate: '2026-11-23',
      dueDate: '2026-12-23',
      supplyStart: '2026-11-02',
      supplyEnd: '2026-11-06',
      amountExclVatCents: 100000,
      vatCents: 21000,
      totalCents: 121000,
      levyCents: 6500,
      fundCents: 2000,
      budgetCents: 91500,
    });
    expect(invoice.structuredCommunication).toMatch(/^\+\+\+202\/6000\/001\d\d\+\+\+$/);
    const ledger = new LedgerStore(temp.book);
    expect(ledger.balance(receivableAccount(ids.clientId).code)).toBe(121000);
    expect(ledger.creditBalance(VAT_PAYABLE.code)).toBe(21000);
    expect(ledger.creditBalance(LEVY_INCOME.code)).toBe(6500);
    expect(ledger.creditBalance(GUARANTEE_FUND.code)).toBe(2000);
    expect(showMember(temp.book, ids.memberId).activityBalanceCents).toBe(91500);
    expect(failedChecks()).toEqual([]);
  });

  test('issuing the same contract again returns the same invoice and writes nothing', () => {
    const contractId = contractFor(temp.book, ids);
    const first = issueInvoice(temp.book, testContext(), { contractId, date: '2026-11-23' });
    const again = issueInvoice(temp.book, testContext(), { contractId, date: '2026-11-24' });
    expect(again.created).toBe(false);
    expect(again.invoice.number).toBe(first.invoice.number);
    expect(listInvoices(temp.book, {})).toHaveLength(1);
  });

  test.each([
    ['reverse-charge', 'AE', 0],
    ['export', 'G', 0],
    ['exempt', 'E', 0],
  ])('%s: no VAT, category %s, no VAT posting', (vatRegime, category, vat) => {
    const swiss = addClient(temp.book, testContext(), { name: 'Théâtre de Vidy', address: 'Avenue E.-H. Jaques-Dalcroze 5, 1007 Lausanne', country: 'CH', peppolId: '0183:CHE123456789' }).client.id;
    const contractId = contractFor(temp.book, vatRegime === 'export' ? { ...ids, clientId: swiss } : ids, { vatRegime });
    const { invoice, lines } = issueInvoice(temp.book, testContext(), { contractId, date: '2026-11-23' });
    expect(invoice).toMatchObject({ vatCents: vat, totalCents: 100000, budgetCents: 91500, vatRegime });
    expect(lines[0]?.vatCategory).toBe(category);
    expect(new LedgerStore(temp.book).balance(VAT_PAYABLE.code)).toBe(0);
    expect(failedChecks()).toEqual([]);
  });

  test('6 % and 0 % rates; a rate that is not Belgian or VAT with reverse charge is refused', () => {
    const six = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids, { vatRate: '6', description: 'Concert' }), date: '2026-11-23' });
    expect(six.invoice.vatCents).toBe(6000);
    const zero = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids, { vatRate: '0', description: 'Book' }), date: '2026-11-23' });
    expect(zero.lines[0]?.vatCategory).toBe('Z');
    expect(kindOf(() => contractFor(temp.book, ids, { vatRate: '7', description: 'x' }))).toBe('invalid-input');
    expect(kindOf(() => contractFor(temp.book, ids, { vatRate: '21', vatRegime: 'reverse-charge', description: 'y' }))).toBe('invalid-input');
  });

  test('the VAT regime must fit the client: no reverse charge without a VAT number, no export inside the EU', () => {
    const person = addClient(temp.book, testContext(), { name: 'Jan Peeters', address: 'Kerkstraat 1, 2000 Antwerpen' }).client.id;
    expect(kindOf(() => contractFor(temp.book, { ...ids, clientId: person }, { vatRegime: 'reverse-charge' }))).toBe('invalid-input');
    expect(kindOf(() => contractFor(temp.book, ids, { vatRegime: 'export' }))).toBe('invalid-input');
  });

  test('rates changed mid-year apply by issue date, never to invoices already issued', () => {
    setRule(temp.book, testContext(), { name: 'levy.rate', value: '0.07', from: '2026-07-01' });
    const before = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids, { description: 'June' }), date: '2026-06-30' });
    const after = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids, { description: 'July' }), date: '2026-07-01' });
    expect(before.invoice).toMatchObject({ levyRate: '0.065', levyCents: 6500, budgetCents: 91500 });
    expect(after.invoice).toMatchObject({ levyRate: '0.07', levyCents: 7000, budgetCents: 91000 });
    expect(failedChecks()).toEqual([]);
  });
});

describe('numbering', () => {
  test('one gapless series a year, in date order', () => {
    const numbers = ['2026-12-30', '2026-12-31', '2027-01-02'].map((date, index) => issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids, { description: `job ${index}` }), date }).invoice.number);
    expect(numbers).toEqual(['2026-000001', '2026-000002', '2027-000001']);
    const late = contractFor(temp.book, ids, { description: 'late' });
    expect(kindOf(() => issueInvoice(temp.book, testContext(), { contractId: late, date: '2026-12-29' }))).toBe('conflict');
    expect(() => temp.book.prepare(`INSERT INTO invoices SELECT * FROM invoices WHERE number = '2026-000002'`).run()).toThrow();
    expect(() => temp.book.prepare(`UPDATE invoices SET total_cents = 1`).run()).toThrow('never edited');
    expect(failedChecks()).toEqual([]);
  });

  test('a cancelled contract is not invoiced; an invoiced one is not cancelled', () => {
    const cancelled = contractFor(temp.book, ids, { description: 'cancelled' });
    cancelContract(temp.book, testContext(), cancelled, 'venue closed');
    expect(kindOf(() => issueInvoice(temp.book, testContext(), { contractId: cancelled }))).toBe('conflict');
    const invoiced = contractFor(temp.book, ids, { description: 'invoiced' });
    issueInvoice(temp.book, testContext(), { contractId: invoiced });
    expect(kindOf(() => cancelContract(temp.book, testContext(), invoiced, 'oops'))).toBe('conflict');
  });
});

describe('credit notes', () => {
  test('a partial then a full credit reverse the invoice exactly, in the same series', () => {
    const { invoice } = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids), date: '2026-11-23' });
    const partial = creditInvoice(temp.book, testContext(), { number: invoice.number, reason: 'one day less', amountCents: 20001, date: '2026-11-24' });
    expect(partial.creditNote).toMatchObject({ number: '2026-000002', kind: 'credit-note', amountExclVatCents: 20001, vatCents: 4200, levyCents: 1300, fundCents: 400, budgetCents: 18301 });
    const rest = creditInvoice(temp.book, testContext(), { number: invoice.number, reason: 'cancelled', date: '2026-11-25' });
    expect(rest.creditNote).toMatchObject({ number: '2026-000003', amountExclVatCents: 79999, vatCents: 16800, levyCents: 5200, fundCents: 1600, budgetCents: 73199 });
    const ledger = new LedgerStore(temp.book);
    for (const account of [receivableAccount(ids.clientId), VAT_PAYABLE, LEVY_INCOME, GUARANTEE_FUND, activityAccount(ids.memberId)]) {
      expect(ledger.balance(account.code)).toBe(0);
    }
    expect(listInvoices(temp.book, { kind: 'invoice' })[0]?.status).toBe('credited');
    expect(kindOf(() => creditInvoice(temp.book, testContext(), { number: invoice.number, reason: 'again' }))).toBe('conflict');
    expect(creditInvoice(temp.book, testContext(), { number: invoice.number, reason: 'cancelled' }).created).toBe(false);
    expect(failedChecks()).toEqual([]);
  });

  test('more than what is left, or a credit note of a credit note, is refused', () => {
    const { invoice } = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids) });
    expect(kindOf(() => creditInvoice(temp.book, testContext(), { number: invoice.number, reason: 'x', amountCents: 100001 }))).toBe('invalid-input');
    const note = creditInvoice(temp.book, testContext(), { number: invoice.number, reason: 'half', amountCents: 50000 }).creditNote;
    expect(kindOf(() => creditInvoice(temp.book, testContext(), { number: note.number, reason: 'y' }))).toBe('invalid-input');
    expect(kindOf(() => creditInvoice(temp.book, testContext(), { number: '2026-999999', reason: 'z' }))).toBe('not-found');
  });

  test('budget already paid out is absorbed by the guarantee fund; the activity account never goes negative', () => {
    const { invoice } = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids) });
    const ledger = new LedgerStore(temp.book);
    postEntry(ledger, testContext(), {
      key: 'salary-paid',
      date: '2026-11-27',
      // Not 'payout.salary': a payout entry without its payslip is what `smart check` flags.
      reason: 'test.budget-spent',
      memo: 'the budget leaves the activity account, as a payout run would take it',
      memberId: ids.memberId,
      postings: [
        { account: activityAccount(ids.memberId), amountCents: 91500 },
        { account: BANK, amountCents: -91500 },
      ],
    });
    const outcome = creditInvoice(temp.book, testContext(), { number: invoice.number, reason: 'client bankrupt' });
    expect(outcome.fromFundCents).toBe(91500);
    expect(ledger.balance(activityAccount(ids.memberId).code)).toBe(0);
    expect(ledger.creditBalance(GUARANTEE_FUND.code)).toBe(-91500);
    expect(failedChecks()).toEqual([]);
  });
});

describe('members, clients and contracts together', () => {
  test('a member with an open contract cannot leave without --force; one who left gets no contract', () => {
    contractFor(temp.book, ids);
    expect(kindOf(() => leaveMember(temp.book, testContext(), { memberId: ids.memberId }))).toBe('conflict');
    leaveMember(temp.book, testContext(), { memberId: ids.memberId, force: true });
    expect(kindOf(() => contractFor(temp.book, ids, { description: 'after leaving' }))).toBe('conflict');
  });

  test('insurance runs to the end of the year of the last contract; the statement sums the activity', () => {
    expect(showMember(temp.book, ids.memberId).insuredUntil).toBeNull();
    const { invoice } = issueInvoice(temp.book, testContext(), { contractId: contractFor(temp.book, ids), date: '2026-11-23' });
    creditInvoice(temp.book, testContext(), { number: invoice.number, reason: 'less', amountCents: 10000 });
    expect(showMember(temp.book, ids.memberId).insuredUntil).toBe('2026-12-31');
    expect(memberStatement(temp.book, ids.memberId, '2026-01-01', '2026-12-31')).toMatchObject({
      invoices: 1,
      creditNotes: 1,
      invoicedCents: 90000,
      levyCents: 6500 - 650,
      fundCents: 2000 - 200,
      budgetCents: 91500 - 9150,
      paidOutCents: 0,
      balanceCents: 91500 - 9150,
    });
  });

  test('clients: Belgian VAT checked, private persons allowed, same VAT twice is one client, blocking needs a reason', () => {
    expect(kindOf(() => addClient(temp.book, testContext(), { name: 'Bad', address: 'x', vatNumber: 'BE0123456748' }))).toBe('invalid-input');
    expect(kindOf(() => addClient(temp.book, testContext(), { name: 'Wrong country', address: 'x', country: 'FR', vatNumber: 'BE0123456749' }))).toBe('invalid-input');
    expect(addClient(temp.book, testContext(), { name: 'Théâtre National', address: 'Bd Émile Jacqmain 111, 1000 Bruxelles', vatNumber: 'BE 0123.456.749' }).created).toBe(false);
    expect(kindOf(() => addClient(temp.book, testContext(), { name: 'Other name', address: 'y', vatNumber: 'BE0123456749' }))).toBe('conflict');
    const person = addClient(temp.book, testContext(), { name: 'Jan Peeters', address: 'Kerkstraat 1, 2000 Antwerpen' });
    expect(person.client.vatNumber).toBeNull();
    expect(kindOf(() => setClientBlocked(temp.book, testContext(), person.client.id, true, undefined))).toBe('usage');
    expect(setClientBlocked(temp.book, testContext(), person.client.id, true, 'unpaid').client.blocked).toBe(true);
  });
});
