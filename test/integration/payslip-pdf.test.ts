import { describe, expect, test } from '@jest/globals';
import { DOCUMENT_COOP } from '../helpers/document-fixtures.js';
import { expectMentions, pdfWorkspace } from '../helpers/pdf-workspace.js';
import { type PayslipDocument, isoWeekDates, payslipPdfDefinition, renderPayslipPdf } from '../../src/documents/pdf/payslip-pdf.js';
import { loadPdfMake } from '../../src/documents/pdf/pdfmake.js';
import { NO_EARLIER_PAY, type Salary, computeSalary, salaryRatesAt } from '../../src/payroll/salary-engine.js';
import { defaultRuleSet } from '../../src/rules/default-rules.js';

/*
 * Payslips of the worked examples of DOMAIN.md ("An invoice, end to end", step 2), built by hand
 * (no book). The text checks read the PDF back with poppler's pdftotext; set SMART_PDF_OUT=/dir
 * to keep the rendered files and look at them.
 */

const COOP = DOCUMENT_COOP;

const EMPLOYEE: PayslipDocument['member'] = {
  id: 7,
  name: 'Ada Peeters',
  address: 'Rue Haute 12, 1000 Bruxelles',
  niss: '85073001150',
  iban: 'BE83332253083015',
  category: 'employee',
  withholding: 'key-formula',
};

const ARTIST: PayslipDocument['member'] = {
  id: 12,
  name: 'Bruno Lambrechts',
  address: 'Kouter 5, 9000 Gent',
  niss: '90022812345',
  iban: 'BE71096123456769',
  category: 'artist',
  withholding: 'flat',
};

const RUN = { week: '2026-W48', runDate: '2026-11-27', reference: 'SMART-PAYOUT-2026-W48' } as const;

const rules = defaultRuleSet();
const RATES = salaryRatesAt(rules, RUN.runDate);

const LIGHTING = { invoiceNumber: '2026-000012', description: 'Stage lighting design for "Le Misanthrope"', supplyEnd: '2026-11-13', budgetCents: 91_500 };

/** DOMAIN.md, employee: budget 915.00 -> gross 720.75, employer 194.24, employee 94.20, net 626.55, 0.01 left. */
const EMPLOYEE_SALARY: Salary = {
  salaryBudgetCents: 91_500,
  grossCents: 72_075,
  baseCents: 72_075,
  employerContributionsCents: 19_424,
  holidayContributionsCents: 0,
  employeeContributionsCents: 9_420,
  taxableCents: 62_655,
  withholdingCents: 0,
  specialContributionCents: 0,
  netCents: 62_655,
  leftoverCents: 1,
};

/** DOMAIN.md, artist with flat withholding: gross 625.79 on a base of 675.85, net 477.75. */
const ARTIST_SALARY: Salary = {
  salaryBudgetCents: 91_500,
  grossCents: 62_579,
  baseCents: 67_585,
  employerContributionsCents: 18_214,
  holidayContributionsCents: 10_706,
  employeeContributionsCents: 8_833,
  taxableCents: 53_746,
  withholdingCents: 5_971,
  specialContributionCents: 0,
  netCents: 47_775,
  leftoverCents: 1,
};

const EMPLOYEE_SLIP: PayslipDocument = {
  coop: COOP,
  member: EMPLOYEE,
  run: RUN,
  items: [LIGHTING],
  expenses: [],
  salary: EMPLOYEE_SALARY,
  monthToDate: { grossCents: 0, withholdingCents: 0 },
  rates: RATES,
};

const ARTIST_SLIP: PayslipDocument = {
  coop: COOP,
  member: ARTIST,
  run: RUN,
  items: [{ ...LIGHTING, invoiceNumber: '2026-000015', description: 'Double bass, three concerts of the autumn tour' }],
  expenses: [],
  salary: ARTIST_SALARY,
  monthToDate: { grossCents: 0, withholdingCents: 0 },
  rates: RATES,
};

/**
 * Everything at once: two invoices, two expense notes, a cent brought forward from an earlier
 * payout, and pay earlier in the month (so withholding and the special contribution are due).
 * The salary comes from the engine so the figures are consistent.
 */
const EXPENSES = [
  { id: 31, date: '2026-11-10', description: 'Train Brussels - Liège and back', amountCents: 4_560 },
  { id: 32, date: '2026-11-12', description: 'Gels and gaffer tape (receipt)', amountCents: 2_390 },
];
const ITEMS = [
  LIGHTING,
  { invoiceNumber: '2026-000019', description: 'Lighting rehearsal, two extra days', supplyEnd: '2026-11-20', budgetCents: 45_750 },
];
const EARLIER = { grossCents: 210_000, taxableCents: 182_553, withholdingCents: 21_345, specialCents: 1_824 };
const FULL_SALARY = computeSalary(
  {
    salaryBudgetCents: ITEMS[0]!.budgetCents + ITEMS[1]!.budgetCents + 1 - EXPENSES[0]!.amountCents - EXPENSES[1]!.amountCents,
    category: 'employee',
    withholding: 'key-formula',
    monthToDate: EARLIER,
  },
  RATES,
);
const FULL_SLIP: PayslipDocument = {
  coop: { ...COOP, demo: true },
  member: EMPLOYEE,
  run: RUN,
  items: ITEMS,
  expenses: EXPENSES,
  salary: FULL_SALARY,
  monthToDate: { grossCents: EARLIER.grossCents, withholdingCents: EARLIER.withholdingCents },
  rates: RATES,
};

const workspace = pdfWorkspace('smart-payslip-', 'the payslips are checked for their header and page count only, not their text.');
const readBack = (name: string, pdf: Buffer): string | undefined => workspace.readBack(name, pdf, 1);

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

/** The NISS shows once, formatted, and its bare eleven digits nowhere. */
function expectNissOnceFormatted(text: string | undefined, formatted: string, digits: string): void {
  if (text === undefined) return;
  expect(occurrences(text, formatted)).toBe(1);
  expect(text.replace(/\s+/g, '')).not.toContain(digits);
}

describe('payslip PDF', () => {
  test('employee, key formula (DOMAIN.md): 915.00 -> gross 720.75 -> net 626.55, 0.01 left on the account', async () => {
    const text = readBack('payslip-employee.pdf', await renderPayslipPdf(EMPLOYEE_SLIP));
    expectMentions(text, [
      'PAYSLIP',
      'Smart Test Coop SC',
      '0123.456.749',
      'Rue Coenraets 72',
      'Ada Peeters',
      'Rue Haute 12',
      'White-collar employee',
      'Key formula',
      'Week 48, 23 – 29 November 2026',
      '27 November 2026',
      'SMART-PAYOUT-2026-W48',
      '2026-000012',
      'Stage lighting design',
      '13 November 2026',
      '915.00',
      '720.75',
      '915.00 / (1 + 26.95 %), rounded down',
      '194.24',
      '13.07 % of 720.75',
      '94.20',
      '626.55',
      'EUR 626.55',
      'to IBAN BE83 3322 5308 3015',
      '+ 0.01',
      'Left on the activity account for the next payout',
    ]);
    expect(text ?? '').not.toContain('Holiday contributions');
    expect(text ?? '').not.toContain('not a valid payslip');
    expectNissOnceFormatted(text, '85.07.30-011.50', EMPLOYEE.niss);
  });

  test('artist, flat withholding (DOMAIN.md): gross 625.79, base 675.85 at 108 %, net 477.75', async () => {
    const text = readBack('payslip-artist.pdf', await renderPayslipPdf(ARTIST_SLIP));
    expectMentions(text, [
      'Bruno Lambrechts',
      'Artist',
      'Flat rate',
      '915.00',
      '625.79',
      '108 % of gross 625.79',
      '675.85',
      '26.95 % of 675.85',
      '182.14',
      '15.84 % of 675.85',
      '107.06',
      '13.07 % of 675.85',
      '88.33',
      '537.46',
      '11.11 % of 537.46',
      '59.71',
      '477.75',
      'EUR 477.75',
      'to IBAN BE71 0961 2345 6769',
      'Holiday contributions',
    ]);
    expectNissOnceFormatted(text, '90.02.28-123.45', ARTIST.niss);
  });

  test('expenses, a cent brought forward and pay earlier in the month: every line adds up', async () => {
    const salary = FULL_SALARY;
    expect(salary.withholdingCents).toBeGreaterThan(0);
    expect(salary.specialContributionCents).toBeGreaterThan(0);
    const text = readBack('payslip-full.pdf', await renderPayslipPdf(FULL_SLIP));
    const amount = (cents: number): string => (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 });
    expectMentions(text, [
      '2026-000012',
      '2026-000019',
      '1,372.50', // budget of the work paid
      '+ 0.01', // brought forward
      '#31',
      'Train Brussels - Liège and back',
      '#32',
      '69.50', // expenses
      `− 69.50`,
      amount(salary.salaryBudgetCents),
      amount(salary.grossCents),
      amount(salary.withholdingCents),
      'less 213.45 already withheld',
      amount(salary.specialContributionCents),
      amount(salary.netCents),
      `EUR ${amount(salary.netCents + 6_950)}`,
      '2,100.00', // gross earlier this month
      'MONTH TO DATE: NOVEMBER 2026',
      'not a valid payslip',
    ]);
    expectNissOnceFormatted(text, '85.07.30-011.50', EMPLOYEE.niss);
  });

  test('without rates, the payslip prints the bases only', async () => {
    const { rates: _rates, ...withoutRates } = ARTIST_SLIP;
    const text = readBack('payslip-no-rates.pdf', await renderPayslipPdf(withoutRates));
    expectMentions(text, ['625.79', 'on 675.85', '477.75', 'EUR 477.75']);
    expect(text ?? '').not.toContain('13.07 %');
  });

  test('the definition is pure, keeps the NISS out of the metadata, and marks only a demo book', () => {
    expect(JSON.stringify(payslipPdfDefinition(EMPLOYEE_SLIP))).toBe(JSON.stringify(payslipPdfDefinition(EMPLOYEE_SLIP)));
    const definition = payslipPdfDefinition(EMPLOYEE_SLIP);
    expect(definition.pageSize).toBe('A4');
    expect(JSON.stringify(definition.info)).not.toContain(EMPLOYEE.niss);
    expect(definition.watermark).toBeUndefined();
    expect(payslipPdfDefinition(FULL_SLIP).watermark).toBeDefined();
  });

  test('ISO weeks print as their Monday to Sunday', () => {
    expect(isoWeekDates('2026-W48')).toEqual({ year: '2026', number: '48', start: '2026-11-23', end: '2026-11-29' });
    expect(isoWeekDates('2026-W01')).toEqual({ year: '2026', number: '1', start: '2025-12-29', end: '2026-01-04' });
    expect(isoWeekDates('2020-W53')).toEqual({ year: '2020', number: '53', start: '2020-12-28', end: '2021-01-03' });
    expect(isoWeekDates('week 48')).toBeUndefined();
  });

  test('rendering rate of payslips once pdfmake is loaded (printed, not asserted)', async () => {
    await loadPdfMake();
    await renderPayslipPdf(EMPLOYEE_SLIP); // warm the font cache
    const runs = 50;
    const started = performance.now();
    for (let run = 0; run < runs; run += 1) await renderPayslipPdf(run % 2 === 0 ? EMPLOYEE_SLIP : ARTIST_SLIP);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${runs} payslip PDFs in ${seconds.toFixed(2)} s: ${(runs / seconds).toFixed(1)} per second (${((seconds * 1000) / runs).toFixed(1)} ms each, in jest)`);
  });
});
