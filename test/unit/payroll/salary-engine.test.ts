import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { defaultRuleSet } from '../../../src/rules/default-rules.js';
import { NO_EARLIER_PAY, computeSalary, keyFormulaMonthly, salaryRatesAt, specialContributionMonthly } from '../../../src/payroll/salary-engine.js';

const rules = defaultRuleSet();
const rates = salaryRatesAt(rules, '2026-11-27');

describe('the worked example of DOMAIN.md, to the cent', () => {
  test('employee: 915.00 -> gross 720.75, employer 194.24, employee 94.20, net 626.55, 0.01 left', () => {
    expect(computeSalary({ salaryBudgetCents: 91500, category: 'employee', withholding: 'key-formula', monthToDate: NO_EARLIER_PAY }, rates)).toEqual({
      salaryBudgetCents: 91500,
      grossCents: 72075,
      baseCents: 72075,
      employerContributionsCents: 19424,
      holidayContributionsCents: 0,
      employeeContributionsCents: 9420,
      taxableCents: 62655,
      withholdingCents: 0,
      specialContributionCents: 0,
      netCents: 62655,
      leftoverCents: 1,
    });
  });

  test('artist with flat withholding: gross 625.79, employer 182.14, holiday 107.06, employee 88.33, withholding 59.71, net 477.75', () => {
    expect(computeSalary({ salaryBudgetCents: 91500, category: 'artist', withholding: 'flat', monthToDate: NO_EARLIER_PAY }, rates)).toEqual({
      salaryBudgetCents: 91500,
      grossCents: 62579,
      baseCents: 67585,
      employerContributionsCents: 18214,
      holidayContributionsCents: 10706,
      employeeContributionsCents: 8833,
      taxableCents: 53746,
      withholdingCents: 5971,
      specialContributionCents: 0,
      netCents: 47775,
      leftoverCents: 1,
    });
  });
});

describe('withholding and the special contribution', () => {
  test('the key formula is zero on low pay and grows with pay', () => {
    expect(keyFormulaMonthly(62655, rates)).toBe(0);
    const monthly = keyFormulaMonthly(300000, rates);
    // 3,000.00 a month: 36,000 - 6,070 costs = 29,930; tax 16,710 x 26.75 % + 12,790 x 42.80 % + 430 x 48.15 %
    // = 4,469.925 + 5,474.12 + 207.045 = 10,151.09; less 2,987.98 = 7,163.11 a year; / 12 = 596.925 -> 596.92.
    expect(monthly).toBe(59692);
    expect(keyFormulaMonthly(300001, rates)).toBeGreaterThanOrEqual(monthly);
  });

  test('the special contribution follows its capped scale', () => {
    expect(specialContributionMonthly(194538, rates)).toBe(0);
    expect(specialContributionMonthly(200000, rates)).toBe(415);
    expect(specialContributionMonthly(219018, rates)).toBe(1860);
    expect(specialContributionMonthly(1000000, rates)).toBe(6094);
  });

  test("splitting a month's pay over several runs gives the same monthly withholding and special contribution", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 800000 }), { minLength: 1, maxLength: 5 }), (budgets) => {
        let earlier: { grossCents: number; taxableCents: number; withholdingCents: number; specialCents: number } = { ...NO_EARLIER_PAY };
        for (const budget of budgets) {
          const salary = computeSalary({ salaryBudgetCents: budget, category: 'employee', withholding: 'key-formula', monthToDate: earlier }, rates);
          earlier = {
            grossCents: earlier.grossCents + salary.grossCents,
            taxableCents: earlier.taxableCents + salary.taxableCents,
            withholdingCents: earlier.withholdingCents + salary.withholdingCents,
            specialCents: earlier.specialCents + salary.specialContributionCents,
          };
        }
        expect(earlier.withholdingCents).toBe(keyFormulaMonthly(earlier.taxableCents, rates));
        expect(earlier.specialCents).toBe(specialContributionMonthly(earlier.grossCents, rates));
      }),
    );
  });
});

test('nets + contributions + withholding + leftovers = budgets, for any budget and member', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 5_000_000 }),
      fc.constantFrom('employee' as const, 'artist' as const),
      fc.constantFrom('key-formula' as const, 'flat' as const),
      (budget, category, withholding) => {
        const salary = computeSalary({ salaryBudgetCents: budget, category, withholding, monthToDate: NO_EARLIER_PAY }, rates);
        expect(salary.grossCents).toBeGreaterThanOrEqual(0);
        expect(salary.leftoverCents).toBeGreaterThanOrEqual(0);
        expect(salary.netCents + salary.employeeContributionsCents + salary.withholdingCents + salary.specialContributionCents).toBe(salary.grossCents);
        expect(salary.grossCents + salary.employerContributionsCents + salary.holidayContributionsCents + salary.leftoverCents).toBe(budget);
        // Rounding gross down leaves at most a few cents: one more cent of gross would not fit.
        expect(salary.leftoverCents).toBeLessThanOrEqual(3);
      },
    ),
  );
});
