import type { Book } from '../book/open-book.js';
import { findCoop } from '../coop/coop-store.js';
import type { PayslipDocument } from '../documents/pdf/payslip-pdf.js';
import type { SepaBatch } from '../documents/sepa/pain001.js';
import { ExpenseStore } from '../expenses/expense-store.js';
import type { Category, WithholdingMode } from '../members/member.js';
import { findMember } from '../members/show-member.js';
import { salaryRatesAt } from '../payroll/salary-engine.js';
import { loadRules } from '../rules/set-rule.js';
import { PayoutStore, type RunRow } from './payout-store.js';

function coopOf(book: Book) {
  const coop = findCoop(book);
  if (coop === undefined) throw new Error('the book has no co-op identity');
  return coop;
}

/** The bank file of a run: one credit transfer per payslip (net salary plus expenses), the co-op paying. */
export function sepaBatchOf(book: Book, run: RunRow, createdAt: string): SepaBatch {
  const coop = coopOf(book);
  const payslips = new PayoutStore(book).payslipsOf(run.id);
  return {
    messageId: run.reference,
    paymentInfoId: `${run.reference}-1`,
    createdAt,
    executionDate: run.runDate,
    debtorName: coop.name,
    debtorIban: coop.iban,
    debtorBic: coop.bic,
    categoryPurpose: 'SALA',
    payments: payslips.map((payslip) => ({
      endToEndId: `${run.week}-M${payslip.memberId}`,
      creditorName: payslip.memberName,
      creditorIban: payslip.iban,
      amountCents: payslip.transferCents,
      remittance: `Salary ${run.week} ${run.reference}${payslip.expensesCents > 0 ? ' incl. expenses' : ''}`,
    })),
  };
}

/** Everything one payslip shows, read back from the book (so a payslip can be printed again later). */
export function payslipDocumentsOf(book: Book, run: RunRow): PayslipDocument[] {
  const coop = coopOf(book);
  const store = new PayoutStore(book);
  const expenses = new ExpenseStore(book);
  const rates = salaryRatesAt(loadRules(book), run.runDate);
  return store.payslipsOf(run.id).map((payslip) => {
    const member = findMember(book, payslip.memberId);
    const earlier = store.monthToDateBefore(payslip.memberId, run.runDate.slice(0, 7), run.id);
    return {
      coop,
      member: { ...member, iban: payslip.iban, category: payslip.category as Category, withholding: payslip.withholdingMode as WithholdingMode },
      run: { week: run.week, runDate: run.runDate, reference: run.reference },
      items: store.itemsOf(payslip.id).map((item) => ({ invoiceNumber: item.number, description: item.description, supplyEnd: item.supplyEnd, budgetCents: item.budgetCents })),
      expenses: expenses.list({ memberId: payslip.memberId, status: 'reimbursed' }).filter((note) => note.payslipId === payslip.id).map((note) => ({ id: note.id, date: note.date, description: note.description, amountCents: note.amountCents })),
      salary: {
        salaryBudgetCents: payslip.salaryBudgetCents,
        grossCents: payslip.grossCents,
        baseCents: payslip.baseCents,
        employerContributionsCents: payslip.employerCents,
        holidayContributionsCents: payslip.holidayCents,
        employeeContributionsCents: payslip.employeeCents,
        taxableCents: payslip.taxableCents,
        withholdingCents: payslip.withholdingCents,
        specialContributionCents: payslip.specialCents,
        netCents: payslip.netCents,
        leftoverCents: payslip.leftoverCents,
      },
      monthToDate: { grossCents: earlier.grossCents, withholdingCents: earlier.withholdingCents },
      rates,
    };
  });
}
