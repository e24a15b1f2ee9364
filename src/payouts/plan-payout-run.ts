import type { Category, WithholdingMode } from '../members/member.js';
import { validateIban } from '../identifiers/iban.js';
import type { Cents } from '../money/index.js';
import type { ExpenseNote } from '../expenses/expense-store.js';
import { type Salary, type SalaryRates, computeSalary } from '../payroll/salary-engine.js';
import type { DueInvoice, MonthToDate } from './payout-store.js';

export type HoldReason = 'member-left' | 'invalid-iban' | 'client-blocked' | 'credited' | 'disputed' | 'expense-over-budget' | 'too-small';

export const HOLD_REASONS: Readonly<Record<HoldReason, string>> = {
  'member-left': 'the member has left',
  'invalid-iban': "the member's IBAN is not valid",
  'client-blocked': 'the client is blocked: not guaranteed until they pay',
  credited: 'the invoice was credited',
  disputed: 'the invoice is disputed',
  'expense-over-budget': "larger than the member's available budget: waits for more budget",
  'too-small': 'the budget is too small to pay anything yet',
};

export interface Held {
  readonly invoice?: string;
  readonly expense?: number;
  readonly memberId: number;
  readonly reason: HoldReason;
}

export interface PlannedPayslip {
  readonly memberId: number;
  readonly iban: string;
  readonly category: Category;
  readonly withholding: WithholdingMode;
  readonly invoices: readonly DueInvoice[];
  readonly expenses: readonly ExpenseNote[];
  readonly expensesCents: Cents;
  readonly salary: Salary;
  readonly monthToDate: MonthToDate;
}

export interface MemberFacts {
  readonly category: Category;
  readonly withholding: WithholdingMode;
  readonly status: string;
  readonly iban: string;
  /** What the activity account holds (credit-positive). */
  readonly activityBalanceCents: Cents;
  /** Budget of this member's invoices not yet paid out (credits deducted), this run's included. */
  readonly unpaidBudgetCents: Cents;
  readonly monthToDate: MonthToDate;
}

export interface PayoutPlan {
  readonly payslips: readonly PlannedPayslip[];
  readonly held: readonly Held[];
}

/** The budget an invoice still carries: its own less what credit notes took back. */
export function payableBudget(invoice: DueInvoice): Cents {
  return invoice.budgetCents - invoice.creditedBudgetCents;
}

function holdReason(invoice: DueInvoice): HoldReason | undefined {
  if (invoice.memberStatus === 'left') return 'member-left';
  if (!validateIban(invoice.iban).ok) return 'invalid-iban';
  if (invoice.clientBlocked === 1) return 'client-blocked';
  // A partly credited invoice pays the budget that is left; a fully credited one has none.
  if (invoice.creditedBudgetCents >= invoice.budgetCents) return 'credited';
  if (invoice.disputed === 1) return 'disputed';
  return undefined;
}

/**
 * Decides the run, writing nothing: which invoices are paid (the guarantee: whether or not the
 * client paid) and which wait and why, which approved expenses fit the member's budget, and each
 * member's salary. A member's salary budget is what their activity account holds beyond the
 * budget of invoices still waiting, so leftover cents of earlier runs are paid with the next.
 */
export function planPayoutRun(due: readonly DueInvoice[], expenses: readonly ExpenseNote[], facts: (memberId: number) => MemberFacts, rates: SalaryRates): PayoutPlan {
  const held: Held[] = [];
  const payable = new Map<number, DueInvoice[]>();
  for (const invoice of due) {
    const reason = holdReason(invoice);
    if (reason !== undefined) held.push({ invoice: invoice.number, memberId: invoice.memberId, reason });
    else payable.set(invoice.memberId, [...(payable.get(invoice.memberId) ?? []), invoice]);
  }
  const expensesByMember = new Map<number, ExpenseNote[]>();
  for (const note of expenses) expensesByMember.set(note.memberId, [...(expensesByMember.get(note.memberId) ?? []), note]);

  const payslips: PlannedPayslip[] = [];
  const members = [...new Set([...payable.keys(), ...expensesByMember.keys()])].sort((a, b) => a - b);
  for (const memberId of members) {
    const member = facts(memberId);
    const invoices = payable.get(memberId) ?? [];
    const notes = expensesByMember.get(memberId) ?? [];
    if (member.status === 'left' || !validateIban(member.iban).ok) {
      for (const note of notes) held.push({ expense: note.id, memberId, reason: member.status === 'left' ? 'member-left' : 'invalid-iban' });
      continue;
    }
    const paidNow = invoices.reduce((sum, invoice) => sum + payableBudget(invoice), 0);
    const stillWaiting = member.unpaidBudgetCents - paidNow;
    let available = Math.max(0, member.activityBalanceCents - stillWaiting);
    const reimbursed: ExpenseNote[] = [];
    for (const note of notes) {
      if (note.amountCents <= available) {
        reimbursed.push(note);
        available -= note.amountCents;
      } else held.push({ expense: note.id, memberId, reason: 'expense-over-budget' });
    }
    const expensesCents = reimbursed.reduce((sum, note) => sum + note.amountCents, 0);
    // Without an invoice due, only expenses are paid: the rest of the budget waits for its invoice.
    const salaryBudgetCents = invoices.length > 0 ? available : 0;
    const salary = computeSalary({ salaryBudgetCents, category: member.category, withholding: member.withholding, monthToDate: member.monthToDate }, rates);
    if (salary.netCents + expensesCents <= 0) {
      for (const invoice of invoices) held.push({ invoice: invoice.number, memberId, reason: 'too-small' });
      continue;
    }
    payslips.push({ memberId, iban: member.iban, category: member.category, withholding: member.withholding, invoices, expenses: reimbursed, expensesCents, salary, monthToDate: member.monthToDate });
  }
  return { payslips, held };
}
