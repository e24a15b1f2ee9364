import type { IsoDate } from '../calendar/dates.js';
import { computeContributions } from '../invoicing/contributions.js';
import type { Category, WithholdingMode } from '../members/member.js';
import { type Cents, applyRate } from '../money/index.js';
import type { RuleSet } from '../rules/rule-set.js';
import { type Salary, computeSalary, keyFormulaMonthly, salaryRatesAt, specialContributionMonthly } from './salary-engine.js';

export interface SimulationInput {
  readonly amountExclVatCents: Cents;
  readonly category: Category;
  readonly withholding: WithholdingMode;
  /** Approved expense notes reimbursed from the budget in the same payout. */
  readonly expensesCents: Cents;
  /** Gross pay already received earlier in the same month. */
  readonly monthToDateGrossCents: Cents;
  readonly date: IsoDate;
}

export interface Simulation {
  readonly amountExclVatCents: Cents;
  readonly levyCents: Cents;
  readonly fundCents: Cents;
  readonly budgetCents: Cents;
  readonly expensesCents: Cents;
  readonly salary: Salary;
}

/**
 * `smart simulate`: from an amount excl. VAT to the net salary, on the same engine as the payout
 * run, with the rules in force on the date. Earlier pay of the month is taken as a payout of the
 * same category, so the withholding shown is what this payout would add to it.
 */
export function simulateSalary(rules: RuleSet, input: SimulationInput): Simulation {
  const contributions = computeContributions(input.amountExclVatCents, rules.rateAt('levy.rate', input.date), rules.rateAt('fund.rate', input.date));
  const rates = salaryRatesAt(rules, input.date);
  const factor = input.category === 'artist' ? rates.artistBaseFactor : undefined;
  const earlierEmployee = factor === undefined ? applyRate(input.monthToDateGrossCents, rates.employee) : applyRate(input.monthToDateGrossCents, factor.mul(rates.employee));
  const earlierTaxable = input.monthToDateGrossCents - earlierEmployee;
  const salary = computeSalary(
    {
      salaryBudgetCents: Math.max(0, contributions.budgetCents - input.expensesCents),
      category: input.category,
      withholding: input.withholding,
      monthToDate: {
        grossCents: input.monthToDateGrossCents,
        taxableCents: earlierTaxable,
        withholdingCents: input.withholding === 'flat' ? 0 : keyFormulaMonthly(earlierTaxable, rates),
        specialCents: specialContributionMonthly(input.monthToDateGrossCents, rates),
      },
    },
    rates,
  );
  return { amountExclVatCents: input.amountExclVatCents, ...contributions, expensesCents: Math.min(input.expensesCents, contributions.budgetCents), salary };
}
