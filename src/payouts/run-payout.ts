import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { type IsoDate, isoWeek } from '../calendar/dates.js';
import { ExpenseStore } from '../expenses/expense-store.js';
import { EXPENSES_PAYABLE, NET_SALARIES_PAYABLE, ONSS_PAYABLE, WITHHOLDING_PAYABLE, activityAccount } from '../ledger/chart.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import { postEntry } from '../ledger/post-entry.js';
import { MemberStore } from '../members/member-store.js';
import { allocate } from '../money/index.js';
import { salaryRatesAt } from '../payroll/salary-engine.js';
import { loadRules } from '../rules/set-rule.js';
import { nonZero } from '../invoicing/issue-invoice.js';
import { type WriteOff, dueForWriteOff, recordWriteOff } from '../invoicing/write-off.js';
import { type Held, type PayoutPlan, payableBudget, planPayoutRun } from './plan-payout-run.js';
import { type PayslipRow, PayoutStore, type RunRow } from './payout-store.js';

export interface RunOutcome {
  readonly status: 'paid' | 'already-paid' | 'dry-run';
  readonly week: string;
  readonly run: RunRow | undefined;
  readonly payslips: readonly PayslipRow[];
  readonly held: readonly Held[];
  /** Guaranteed invoices past the rules' write-off delay, moved to the guarantee fund by this run. */
  readonly writtenOff: readonly WriteOff[];
}

function runReference(week: string): string {
  return `SMART-PAYOUT-${week}`;
}

/** Reads everything the plan needs, inside the caller's transaction. */
function plan(book: Book, date: IsoDate): PayoutPlan {
  const store = new PayoutStore(book);
  const members = new MemberStore(book);
  const ledger = new LedgerStore(book);
  const unpaid = store.unpaidBudgets();
  const month = date.slice(0, 7);
  return planPayoutRun(
    store.dueInvoices(date),
    new ExpenseStore(book).approvedUnpaid().filter((note) => note.date <= date),
    (memberId) => {
      const member = members.findById(memberId);
      if (member === undefined) throw new Error(`member ${memberId} vanished`);
      return {
        category: member.category,
        withholding: member.withholding,
        status: member.status,
        iban: member.iban,
        activityBalanceCents: ledger.creditBalance(activityAccount(memberId).code),
        unpaidBudgetCents: unpaid.get(memberId) ?? 0,
        monthToDate: store.monthToDate(memberId, month),
      };
    },
    salaryRatesAt(loadRules(book), date),
  );
}

/**
 * `smart payout run`: the weekly run, keyed by the ISO week of its date. In one database
 * transaction it pays every due, guaranteed invoice and the approved expenses, one payslip per
 * member, and posts each payslip: the activity account pays gross, employer and holiday
 * contributions and expenses; net salaries, expenses, ONSS and withholding become payable. The
 * same week again changes nothing. A dry run plans and rolls back. Guaranteed invoices unpaid past
 * the rules' write-off delay are first moved to the guarantee fund, in the same transaction.
 */
export function runPayout(book: Book, context: WriteContext, request: { date?: IsoDate; dryRun?: boolean }): RunOutcome {
  const date = request.date ?? context.today;
  const week = isoWeek(date);
  const store = new PayoutStore(book);
  const ledger = new LedgerStore(book);
  const expenses = new ExpenseStore(book);
  const existing = store.runByWeek(week);
  if (existing !== undefined) return { status: 'already-paid', week, run: existing, payslips: store.payslipsOf(existing.id), held: [], writtenOff: [] };
  if (request.dryRun === true) {
    const planned = plan(book, date);
    const payslips = planned.payslips.map((payslip, index): PayslipRow => ({
      id: -(index + 1),
      runId: 0,
      memberId: payslip.memberId,
      memberName: '',
      iban: payslip.iban,
      category: payslip.category,
      withholdingMode: payslip.withholding,
      ...rowFigures(payslip.salary, payslip.expensesCents),
    }));
    const writtenOff = dueForWriteOff(book, loadRules(book), date).map((invoice) => ({ number: invoice.number, openCents: invoice.openCents, vatCents: 0, fundCents: 0 }));
    return { status: 'dry-run', week, run: undefined, payslips, held: planned.held, writtenOff };
  }
  return book
    .transaction((): RunOutcome => {
      const again = store.runByWeek(week);
      if (again !== undefined) return { status: 'already-paid', week, run: again, payslips: store.payslipsOf(again.id), held: [], writtenOff: [] };
      const writtenOff = dueForWriteOff(book, loadRules(book), date).map((invoice) =>
        recordWriteOff(book, context, invoice, date, `unpaid past the write-off delay (run ${week})`),
      );
      const planned = plan(book, date);
      const totalNetCents = planned.payslips.reduce((sum, payslip) => sum + payslip.salary.netCents, 0);
      const totalExpensesCents = planned.payslips.reduce((sum, payslip) => sum + payslip.expensesCents, 0);
      const runId = store.insertRun({
        week,
        runDate: date,
        reference: runReference(week),
        payslipCount: planned.payslips.length,
        totalNetCents,
        totalExpensesCents,
        totalTransferCents: totalNetCents + totalExpensesCents,
        createdAt: context.now,
      });
      for (const payslip of planned.payslips) {
        const { salary } = payslip;
        const { entryId } = postEntry(ledger, context, {
          key: `payout:${week}:member-${payslip.memberId}`,
          date,
          reason: 'payout.salary',
          memo: `Payout ${week}: payslip of member ${payslip.memberId}`,
          memberId: payslip.memberId,
          postings: nonZero([
            { account: activityAccount(payslip.memberId), amountCents: salary.grossCents + salary.employerContributionsCents + salary.holidayContributionsCents + payslip.expensesCents },
            { account: NET_SALARIES_PAYABLE, amountCents: -salary.netCents },
            { account: EXPENSES_PAYABLE, amountCents: -payslip.expensesCents },
            { account: ONSS_PAYABLE, amountCents: -(salary.employeeContributionsCents + salary.employerContributionsCents + salary.holidayContributionsCents + salary.specialContributionCents) },
            { account: WITHHOLDING_PAYABLE, amountCents: -salary.withholdingCents },
          ]),
        });
        const payslipId = store.insertPayslip({
          runId,
          memberId: payslip.memberId,
          iban: payslip.iban,
          category: payslip.category,
          withholdingMode: payslip.withholding,
          ...rowFigures(salary, payslip.expensesCents),
          entryId,
        });
        const nets = payslip.invoices.length === 0 ? [] : allocate(salary.netCents, payslip.invoices.map((invoice) => Math.max(payableBudget(invoice), 1)));
        payslip.invoices.forEach((invoice, index) => store.insertItem(invoice.invoiceId, payslipId, payableBudget(invoice), nets[index] ?? 0));
        for (const note of payslip.expenses) expenses.markReimbursed(note.id, payslipId, context.now);
      }
      recordAudit(book, context, `payout run ${week}: ${planned.payslips.length} payslip(s)`);
      return { status: 'paid', week, run: store.runByWeek(week), payslips: store.payslipsOf(runId), held: planned.held, writtenOff };
    })
    .immediate();
}

function rowFigures(salary: import('../payroll/salary-engine.js').Salary, expensesCents: number) {
  return {
    salaryBudgetCents: salary.salaryBudgetCents,
    grossCents: salary.grossCents,
    baseCents: salary.baseCents,
    employerCents: salary.employerContributionsCents,
    holidayCents: salary.holidayContributionsCents,
    employeeCents: salary.employeeContributionsCents,
    taxableCents: salary.taxableCents,
    withholdingCents: salary.withholdingCents,
    specialCents: salary.specialContributionCents,
    netCents: salary.netCents,
    leftoverCents: salary.leftoverCents,
    expensesCents,
    transferCents: salary.netCents + expensesCents,
  };
}
