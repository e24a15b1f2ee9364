import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { runChecks } from '../../src/checks/run-checks.js';
import { addClient, setClientBlocked } from '../../src/clients/manage-clients.js';
import { addExpense, decideExpense, findExpense } from '../../src/expenses/manage-expenses.js';
import { creditInvoice } from '../../src/invoicing/credit-invoice.js';
import { setDispute } from '../../src/invoicing/disputes.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { EXPENSES_PAYABLE, NET_SALARIES_PAYABLE, ONSS_PAYABLE, WITHHOLDING_PAYABLE, activityAccount } from '../../src/ledger/chart.js';
import { LedgerStore } from '../../src/ledger/ledger-store.js';
import { addMember } from '../../src/members/add-member.js';
import { editMember } from '../../src/members/edit-member.js';
import { leaveMember } from '../../src/members/leave-member.js';
import { fundStatus } from '../../src/payouts/fund-status.js';
import { runPayout } from '../../src/payouts/run-payout.js';
import { MEMBER_ADA, contractFor, memberAndClient } from '../helpers/invoicing-fixture.js';
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

function invoiceFor(memberAndClientIds: { memberId: number; clientId: number }, description: string, end = '2026-11-06', amount = '1000.00'): string {
  const contractId = contractFor(temp.book, memberAndClientIds, { description, end, amount });
  return issueInvoice(temp.book, testContext(), { contractId, date: '2026-11-09' }).invoice.number;
}

describe('the weekly run (worked example of DOMAIN.md)', () => {
  test('pays 626.55 net on a 1,000.00 invoice the client has not paid, and keeps the cent for next time', () => {
    const number = invoiceFor(ids, 'Lighting design');
    const outcome = runPayout(temp.book, testContext('2026-11-13'), { date: '2026-11-13' });
    expect(outcome).toMatchObject({ status: 'paid', week: '2026-W46', held: [] });
    expect(outcome.payslips).toHaveLength(1);
    expect(outcome.payslips[0]).toMatchObject({ memberId: ids.memberId, grossCents: 72075, employerCents: 19424, employeeCents: 9420, withholdingCents: 0, netCents: 62655, leftoverCents: 1, transferCents: 62655 });
    const ledger = new LedgerStore(temp.book);
    expect(ledger.creditBalance(activityAccount(ids.memberId).code)).toBe(1);
    expect(ledger.creditBalance(NET_SALARIES_PAYABLE.code)).toBe(62655);
    expect(ledger.creditBalance(ONSS_PAYABLE.code)).toBe(19424 + 9420);
    expect(ledger.creditBalance(WITHHOLDING_PAYABLE.code)).toBe(0);
    expect(fundStatus(temp.book)).toMatchObject({ balanceCents: 2000, exposureCents: 62655, ratio: '0.03' });
    expect(failedChecks()).toEqual([]);
    void number;
  });

  test('the same week again changes nothing; a missed week catches up, leftover cent included', () => {
    invoiceFor(ids, 'First');
    runPayout(temp.book, testContext('2026-11-13'), { date: '2026-11-13' });
    const again = runPayout(temp.book, testContext('2026-11-14'), { date: '2026-11-14' });
    expect(again.status).toBe('already-paid');
    expect(again.payslips).toHaveLength(1);
    invoiceFor(ids, 'Second', '2026-11-20');
    invoiceFor(ids, 'Third', '2026-11-27');
    const later = runPayout(temp.book, testContext('2026-12-04'), { date: '2026-12-04' });
    expect(later.status).toBe('paid');
    expect(later.payslips[0]?.salaryBudgetCents).toBe(2 * 91500 + 1);
    expect(runPayout(temp.book, testContext(), { date: '2026-12-05' }).status).toBe('already-paid');
    expect(failedChecks()).toEqual([]);
  });

  test('an invoice whose work has not ended yet waits for a later run', () => {
    invoiceFor(ids, 'Next month', '2026-12-15');
    const outcome = runPayout(temp.book, testContext(), { date: '2026-11-13' });
    expect(outcome.payslips).toHaveLength(0);
    expect(runPayout(temp.book, testContext(), { date: '2026-12-18' }).payslips).toHaveLength(1);
  });

  test('a dry run writes nothing', () => {
    invoiceFor(ids, 'Dry');
    const dry = runPayout(temp.book, testContext(), { date: '2026-11-13', dryRun: true });
    expect(dry.status).toBe('dry-run');
    expect(dry.payslips[0]?.netCents).toBe(62655);
    expect(runPayout(temp.book, testContext(), { date: '2026-11-13' }).status).toBe('paid');
  });
});

describe('the guarantee and its limits', () => {
  test('blocked clients, credited and disputed invoices, members who left and bad IBANs are held with their reason', () => {
    const blockedClient = addClient(temp.book, testContext(), { name: 'Late Payer', address: 'x 1, 1000 Bruxelles', vatNumber: 'BE0403170701' }).client.id;
    invoiceFor({ ...ids, clientId: blockedClient }, 'Blocked');
    setClientBlocked(temp.book, testContext(), blockedClient, true, 'never pays');
    const credited = invoiceFor(ids, 'Credited');
    creditInvoice(temp.book, testContext(), { number: credited, reason: 'all', date: '2026-11-09' });
    const halved = invoiceFor(ids, 'Halved');
    creditInvoice(temp.book, testContext(), { number: halved, reason: 'half', amountCents: 50000, date: '2026-11-09' });
    const disputed = invoiceFor(ids, 'Disputed');
    setDispute(temp.book, testContext(), disputed, true, 'shortened show');
    const bram = addMember(temp.book, testContext(), { ...MEMBER_ADA, name: 'Bram', niss: '90021401316', birthDate: '1990-02-14', iban: 'BE65405081011296' }).member.id;
    invoiceFor({ memberId: bram, clientId: ids.clientId }, 'Leaving');
    leaveMember(temp.book, testContext(), { memberId: bram, force: true });
    const outcome = runPayout(temp.book, testContext(), { date: '2026-11-13' });
    // The halved invoice pays what is left of its budget: 915.00 - 457.50.
    expect(outcome.payslips.map((payslip) => payslip.salaryBudgetCents)).toEqual([45750]);
    expect(outcome.held.map((item) => item.reason).sort()).toEqual(['client-blocked', 'credited', 'disputed', 'member-left']);
    setDispute(temp.book, testContext(), disputed, false, 'agreed');
    const next = runPayout(temp.book, testContext(), { date: '2026-11-20' });
    expect(next.payslips).toHaveLength(1);
    // The resolved invoice's budget, plus the cent the first payslip left on the account.
    expect(next.payslips[0]?.salaryBudgetCents).toBe(91501);
    expect(next.held.map((item) => item.reason).sort()).toEqual(['client-blocked', 'credited', 'member-left']);
    // Crediting the rest of an invoice already paid out: the member keeps the salary, the fund absorbs it.
    expect(creditInvoice(temp.book, testContext(), { number: halved, reason: 'the rest', date: '2026-11-23' }).fromFundCents).toBe(45750);
    expect(failedChecks()).toEqual([]);
  });

  test('a member whose IBAN is not valid is held', () => {
    invoiceFor(ids, 'Bad IBAN');
    temp.book.prepare(`UPDATE members SET iban = 'BE00000000000000' WHERE id = ?`).run(ids.memberId);
    expect(runPayout(temp.book, testContext(), { date: '2026-11-13' }).held).toEqual([{ invoice: '2026-000001', memberId: ids.memberId, reason: 'invalid-iban' }]);
    editMember(temp.book, testContext(), ids.memberId, { iban: MEMBER_ADA.iban });
    expect(runPayout(temp.book, testContext(), { date: '2026-11-20' }).payslips).toHaveLength(1);
  });
});

describe('expense notes', () => {
  test('approved notes are reimbursed without contributions within the budget; a larger one waits', () => {
    invoiceFor(ids, 'Work');
    const train = addExpense(temp.book, testContext(), { memberId: ids.memberId, date: '2026-11-05', amount: '42.50', description: 'Train' });
    const laptop = addExpense(temp.book, testContext(), { memberId: ids.memberId, date: '2026-11-06', amount: '2000.00', description: 'Laptop' });
    const pending = addExpense(temp.book, testContext(), { memberId: ids.memberId, date: '2026-11-06', amount: '10.00', description: 'Not approved' });
    decideExpense(temp.book, testContext(), train.id, 'approved', undefined);
    decideExpense(temp.book, testContext(), laptop.id, 'approved', undefined);
    const outcome = runPayout(temp.book, testContext(), { date: '2026-11-13' });
    expect(outcome.payslips[0]).toMatchObject({ expensesCents: 4250, salaryBudgetCents: 91500 - 4250 });
    expect(outcome.payslips[0]?.transferCents).toBe((outcome.payslips[0]?.netCents ?? 0) + 4250);
    expect(outcome.held).toEqual([{ expense: laptop.id, memberId: ids.memberId, reason: 'expense-over-budget' }]);
    expect(findExpense(temp.book, train.id).status).toBe('reimbursed');
    expect(findExpense(temp.book, pending.id).status).toBe('submitted');
    expect(new LedgerStore(temp.book).creditBalance(EXPENSES_PAYABLE.code)).toBe(4250);
    expect(failedChecks()).toEqual([]);
  });
});

test('nets + contributions + withholding + leftovers = budgets over many members and runs', () => {
  const people = [
    { name: 'Ada', niss: '85073001150', birthDate: '1985-07-30', iban: 'BE83332253083015', category: 'artist' as const, withholding: 'flat' as const },
    { name: 'Bram', niss: '90021401316', birthDate: '1990-02-14', iban: 'BE65405081011296', category: 'employee' as const, withholding: 'key-formula' as const },
    { name: 'Elif', niss: '95090901923', birthDate: '1995-09-09', iban: 'BE15597097306130', category: 'employee' as const, withholding: 'key-formula' as const },
  ];
  const members = people.slice(1).map((person) => addMember(temp.book, testContext(), { ...MEMBER_ADA, ...person, email: `${person.name}@example.be` }).member.id);
  const all = [ids.memberId, ...members];
  const amounts = ['1234.56', '987.65', '4321.09', '15.00', '2500.00', '3333.33'];
  let budgets = 0;
  amounts.forEach((amount, index) => {
    const memberId = all[index % all.length] ?? ids.memberId;
    const contractId = contractFor(temp.book, { memberId, clientId: ids.clientId }, { description: `job ${index}`, amount, end: index < 3 ? '2026-11-06' : '2026-11-13' });
    budgets += issueInvoice(temp.book, testContext(), { contractId, date: '2026-11-13' }).invoice.budgetCents;
  });
  const runs = [runPayout(temp.book, testContext(), { date: '2026-11-13' }), runPayout(temp.book, testContext(), { date: '2026-11-20' })];
  const payslips = runs.flatMap((run) => run.payslips);
  const paid = payslips.reduce((sum, p) => sum + p.netCents + p.employeeCents + p.withholdingCents + p.specialCents + p.employerCents + p.holidayCents, 0);
  const ledger = new LedgerStore(temp.book);
  const leftovers = all.reduce((sum, id) => sum + ledger.creditBalance(activityAccount(id).code), 0);
  expect(paid + leftovers).toBe(budgets);
  expect(failedChecks()).toEqual([]);
});
