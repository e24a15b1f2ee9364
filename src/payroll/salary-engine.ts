import type { IsoDate } from '../calendar/dates.js';
import type { Category, WithholdingMode } from '../members/member.js';
import { type Cents, Dec, type Rate, applyRate, parseCents, roundToCents } from '../money/index.js';
import type { RuleSet } from '../rules/rule-set.js';

/** Every rate the salary computation uses, read from the rules in force on the run date. */
export interface SalaryRates {
  readonly employer: Rate;
  readonly employee: Rate;
  readonly artistBaseFactor: Rate;
  readonly artistHoliday: Rate;
  readonly flatWithholding: Rate;
  readonly brackets: readonly { readonly upperCents: Cents | null; readonly rate: Rate }[];
  readonly flatCostsRate: Rate;
  readonly flatCostsCapCents: Cents;
  readonly allowanceReductionCents: Cents;
  readonly specialScale: readonly { readonly fromCents: Cents; readonly rate: Rate; readonly capCents: Cents }[];
}

function cents(text: string): Cents {
  const value = parseCents(text);
  if (value === undefined) throw new Error(`not an amount in the rules: ${text}`);
  return value;
}

export function salaryRatesAt(rules: RuleSet, date: IsoDate): SalaryRates {
  return {
    employer: rules.rateAt('employer.social-security.rate', date),
    employee: rules.rateAt('employee.social-security.rate', date),
    artistBaseFactor: rules.rateAt('artist.social-security.base-factor', date),
    artistHoliday: rules.rateAt('artist.holiday.rate', date),
    flatWithholding: rules.rateAt('withholding.flat.rate', date),
    brackets: rules
      .textAt('withholding.brackets', date)
      .split(',')
      .map((pair) => {
        const [upper = '', rateText = '0'] = pair.split(':');
        return { upperCents: upper === '' ? null : cents(upper), rate: new Dec(rateText) };
      }),
    flatCostsRate: rules.rateAt('withholding.flat-costs.rate', date),
    flatCostsCapCents: rules.amountAt('withholding.flat-costs.cap', date),
    allowanceReductionCents: rules.amountAt('withholding.allowance-reduction', date),
    specialScale: rules
      .textAt('special-contribution.scale', date)
      .split(',')
      .map((triple) => {
        const [from = '0', rateText = '0', cap = '0'] = triple.split(':');
        return { fromCents: cents(from), rate: new Dec(rateText), capCents: cents(cap) };
      }),
  };
}

/**
 * Monthly withholding by the key formula (simplified: single, no dependants), on a month's
 * taxable pay: x 12, less flat professional costs (capped), tax by brackets, less the tax-free
 * allowance reduction, never below zero, / 12 rounded down to the cent.
 */
export function keyFormulaMonthly(monthlyTaxableCents: Cents, rates: SalaryRates): Cents {
  if (monthlyTaxableCents <= 0) return 0;
  const annual = monthlyTaxableCents * 12;
  const costs = Math.min(applyRate(annual, rates.flatCostsRate), rates.flatCostsCapCents);
  const income = annual - costs;
  let tax = new Dec(0);
  let lower = 0;
  for (const bracket of rates.brackets) {
    const upper = bracket.upperCents ?? Number.MAX_SAFE_INTEGER;
    if (income > lower) tax = tax.add(new Dec(Math.min(income, upper) - lower).mul(bracket.rate));
    lower = upper;
  }
  const annualTax = tax.sub(rates.allowanceReductionCents);
  if (annualTax.lessThanOrEqualTo(0)) return 0;
  return roundToCents(annualTax.div(12), 'down');
}

/** The special social security contribution due on a month's gross pay (capped scale). */
export function specialContributionMonthly(monthlyGrossCents: Cents, rates: SalaryRates): Cents {
  let due = 0;
  for (const step of rates.specialScale) {
    if (monthlyGrossCents <= step.fromCents) break;
    due = Math.min(due + applyRate(monthlyGrossCents - step.fromCents, step.rate), step.capCents);
  }
  return due;
}

export interface SalaryInput {
  /** What this payout turns into salary: the budget less the expenses reimbursed in the same run. */
  readonly salaryBudgetCents: Cents;
  readonly category: Category;
  readonly withholding: WithholdingMode;
  /** The member's earlier payouts in the same calendar month (key formula and special contribution are monthly). */
  readonly monthToDate: { readonly grossCents: Cents; readonly taxableCents: Cents; readonly withholdingCents: Cents; readonly specialCents: Cents };
}

export interface Salary {
  readonly salaryBudgetCents: Cents;
  readonly grossCents: Cents;
  /** The social security base: gross, or 108 % of gross for artists (rounded for display). */
  readonly baseCents: Cents;
  readonly employerContributionsCents: Cents;
  readonly holidayContributionsCents: Cents;
  readonly employeeContributionsCents: Cents;
  readonly taxableCents: Cents;
  readonly withholdingCents: Cents;
  readonly specialContributionCents: Cents;
  readonly netCents: Cents;
  /** The cent(s) the rounding down of gross leaves on the activity account for the next payout. */
  readonly leftoverCents: Cents;
}

export const NO_EARLIER_PAY = { grossCents: 0, taxableCents: 0, withholdingCents: 0, specialCents: 0 } as const;

/**
 * From a salary budget to the net salary (DOMAIN.md, "An invoice, end to end"): gross is the
 * largest whole-cent amount whose employer cost fits in the budget (rounded down), contributions
 * are rounded half up on the exact base, and whatever the rounding leaves stays on the activity
 * account, so budget = gross + employer + holiday contributions + leftover, always.
 */
export function computeSalary(input: SalaryInput, rates: SalaryRates): Salary {
  const artist = input.category === 'artist';
  const factor = artist ? rates.artistBaseFactor : new Dec(1);
  const employerLoad = factor.mul(rates.employer).add(artist ? factor.mul(rates.artistHoliday) : 0);
  let grossCents = Math.max(0, roundToCents(new Dec(input.salaryBudgetCents).div(employerLoad.add(1)), 'down'));
  const costs = (gross: Cents): { base: Dec; employer: Cents; holiday: Cents } => {
    const base = new Dec(gross).mul(factor);
    return {
      base,
      employer: roundToCents(base.mul(rates.employer), 'half-up'),
      holiday: artist ? roundToCents(base.mul(rates.artistHoliday), 'half-up') : 0,
    };
  };
  // Rounding the contributions up can push the cost one cent over the budget: step gross down.
  let cost = costs(grossCents);
  while (grossCents > 0 && grossCents + cost.employer + cost.holiday > input.salaryBudgetCents) {
    grossCents -= 1;
    cost = costs(grossCents);
  }
  const employeeContributionsCents = roundToCents(cost.base.mul(rates.employee), 'half-up');
  const taxableCents = grossCents - employeeContributionsCents;
  const withholdingCents =
    input.withholding === 'flat'
      ? applyRate(taxableCents, rates.flatWithholding)
      : Math.max(0, keyFormulaMonthly(input.monthToDate.taxableCents + taxableCents, rates) - input.monthToDate.withholdingCents);
  const specialContributionCents = Math.max(0, specialContributionMonthly(input.monthToDate.grossCents + grossCents, rates) - input.monthToDate.specialCents);
  const netCents = taxableCents - withholdingCents - specialContributionCents;
  return {
    salaryBudgetCents: input.salaryBudgetCents,
    grossCents,
    baseCents: roundToCents(cost.base, 'half-up'),
    employerContributionsCents: cost.employer,
    holidayContributionsCents: cost.holiday,
    employeeContributionsCents,
    taxableCents,
    withholdingCents,
    specialContributionCents,
    netCents,
    leftoverCents: input.salaryBudgetCents - grossCents - cost.employer - cost.holiday,
  };
}
