import type { Content, ContentTable, TableCell } from 'pdfmake/interfaces.js';
import type { IsoDate } from '../../calendar/dates.js';
import type { Coop } from '../../coop/coop-store.js';
import { formatEnterpriseNumber, formatIban, formatNiss } from '../../identifiers/index.js';
import type { Member } from '../../members/member.js';
import { type Cents, type Rate, displayCents, percentOf, sumCents } from '../../money/index.js';
import type { Salary } from '../../payroll/salary-engine.js';
import { type PayslipLabels, type PdfLabels, type PdfLanguage, labelsFor } from './labels.js';
import { RULE_ABOVE_RESULT, coopDocumentDefinition, coopIdentityLine, coopLetterhead, documentHeader, sideBySideBoxesLayout } from './blocks.js';
import { type PdfDocumentDefinition, renderPdf } from './pdfmake.js';
import {
  COLORS,
  DEFAULT_STYLE,
  NO_LINES,
  PAGE_MARGINS,
  addressLines,
  horizontalRule,
  lightRowsLayout,
  sectionLabel,
} from './style.js';

/**
 * The rates a payslip prints next to its figures ("13.07 % of 720.75"): those in force on the
 * run date, e.g. `salaryRatesAt(rules, run.runDate)` (a SalaryRates fits as is). Without them the
 * payslip prints the bases only ("on 720.75"): the figures themselves never come from here.
 */
export type PayslipRates = { readonly [K in 'employer' | 'employee' | 'artistBaseFactor' | 'artistHoliday' | 'flatWithholding']: Rate | string };

export interface PayslipDocument {
  readonly coop: Coop;
  readonly member: Pick<Member, 'id' | 'name' | 'address' | 'niss' | 'iban' | 'category' | 'withholding'>;
  readonly run: { readonly week: string; readonly runDate: IsoDate; readonly reference: string };
  /** The invoices whose budget this payout turns into salary. */
  readonly items: readonly { readonly invoiceNumber: string; readonly description: string; readonly supplyEnd: IsoDate; readonly budgetCents: Cents }[];
  readonly expenses: readonly { readonly id: number; readonly date: IsoDate; readonly description: string; readonly amountCents: Cents }[];
  readonly salary: Salary;
  /** Pay already received earlier in the same month (the key formula works on the month). */
  readonly monthToDate: { readonly grossCents: Cents; readonly withholdingCents: Cents };
  /** Optional: the rates in force on the run date, printed next to the figures. */
  readonly rates?: PayslipRates;
}

export interface PayslipPdfOptions {
  readonly language?: PdfLanguage;
}

export async function renderPayslipPdf(document: PayslipDocument, options: PayslipPdfOptions = {}): Promise<Buffer> {
  return renderPdf(payslipPdfDefinition(document, options));
}

/**
 * The payslip of one member for one weekly payout run, on one A4 page: the employer and the
 * worker; the week and the pay date; the work paid (one line per invoice) and the expenses
 * reimbursed; then the computation of DOMAIN.md step by step, from the salary budget through
 * gross, the social security base, the employee contributions, the taxable pay, the withholding
 * tax and the special contribution to the net salary and the amount transferred; and, for
 * information, the employer's side (its contributions and the cents left on the activity account)
 * and the month to date. A pure function of the document: every figure is read from it, none
 * is computed here except sums and the differences that make the columns add up.
 */
export function payslipPdfDefinition(document: PayslipDocument, options: PayslipPdfOptions = {}): PdfDocumentDefinition {
  const labels = labelsFor(options.language);
  const words = labels.payslip;
  const { coop, member, run } = document;
  const content: Content[] = [
    header(document, labels),
    horizontalRule([0, 8, 0, 10], COLORS.accent, 1.2),
    workerBlock(document, words),
    workTable(document, labels),
  ];
  if (document.expenses.length > 0) content.push(expensesTable(document, labels));
  content.push(computation(document, words), sideBlocks(document, labels), smallPrint(document, words));
  return coopDocumentDefinition({
    coop,
    language: labels.language,
    pageMargins: [PAGE_MARGINS[0], 36, PAGE_MARGINS[2], 54],
    title: `${words.title} ${run.week} – ${member.name}`,
    subject: `${words.title} ${run.week} – ${member.name} – ${run.reference}`,
    content,
    footerIdentity: coopIdentityLine(coop, words.enterpriseNumber),
    page: words.page,
    defaultStyle: { ...DEFAULT_STYLE, fontSize: 9 },
  });
}

/** "13.07 %" from 0.1307; undefined without rates. */
function percent(rate: Rate | string | undefined): string | undefined {
  return rate === undefined ? undefined : `${percentOf(rate.toString())} %`;
}

/** The Monday and Sunday of an ISO week "2026-W48", or undefined when the text is not one. */
export function isoWeekDates(week: string): { readonly year: string; readonly number: string; readonly start: IsoDate; readonly end: IsoDate } | undefined {
  const match = /^(\d{4})-W(\d{2})$/.exec(week);
  if (match === null) return undefined;
  const [, year = '', number = ''] = match;
  const weekNumber = Number(number);
  if (weekNumber < 1 || weekNumber > 53) return undefined;
  const january4 = new Date(Date.UTC(Number(year), 0, 4));
  const monday = new Date(january4.getTime() - ((january4.getUTCDay() || 7) - 1) * 86_400_000 + (weekNumber - 1) * 7 * 86_400_000);
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { year, number: String(weekNumber), start: monday.toISOString().slice(0, 10), end: sunday.toISOString().slice(0, 10) };
}

/** Left: the employer (the co-op); right: the title, the week, the pay date and the run. */
function header(document: PayslipDocument, labels: PdfLabels): Content {
  const words = labels.payslip;
  const { coop, run } = document;
  const week = isoWeekDates(run.week);
  const meta: [string, string][] = [
    [words.period, week === undefined ? run.week : words.weekValue({ week: week.number, period: labels.formatPeriod(week.start, week.end) })],
    [words.payDate, labels.formatDate(run.runDate)],
    [words.reference, run.reference],
  ];
  return documentHeader(
    [sectionLabel(words.employer), ...coopLetterhead(coop, words.enterpriseNumber, formatEnterpriseNumber(coop.enterpriseNumber), 3)],
    250,
    words.title.toUpperCase(),
    meta,
  );
}

/** The worker: name and address on the left; NISS, category and withholding mode on the right. */
function workerBlock(document: PayslipDocument, words: PayslipLabels): Content {
  const { member } = document;
  const facts: [string, string][] = [
    // An anonymised member's NISS is a placeholder ("anonymised-12"), printed as it is.
    [words.niss, /^\d{11}$/.test(member.niss) ? formatNiss(member.niss) : member.niss],
    [words.category, words.categories[member.category]],
    [words.withholdingMode, words.withholdingModes[member.withholding]],
  ];
  return {
    table: {
      widths: ['*', 'auto'],
      body: [
        [
          {
            stack: [
              sectionLabel(`${words.worker}  ·  ${words.memberNumber} ${member.id}`),
              { text: member.name, bold: true, fontSize: 11.5, margin: [0, 0, 0, 2] },
              ...addressLines(member.address).map((line) => ({ text: line })),
            ],
          },
          {
            table: {
              widths: ['auto', 'auto'],
              body: facts.map(([label, value]): TableCell[] => [
                { text: label, style: 'small', margin: [0, 1, 0, 0], noWrap: true },
                { text: value, bold: label === words.niss, noWrap: true },
              ]),
            },
            layout: NO_LINES,
          },
        ],
      ],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i) => (i === 0 ? 3 : 0),
      vLineColor: () => COLORS.accent,
      fillColor: () => COLORS.fill,
      paddingLeft: (i) => (i === 0 ? 10 : 16),
      paddingRight: (i) => (i === 1 ? 10 : 0),
      paddingTop: () => 6,
      paddingBottom: () => 6,
    },
    margin: [0, 0, 0, 12],
  };
}

/** A table with a coloured header row (its total is the first line of the computation below). */
function listTable(headerRow: TableCell[], rows: TableCell[][]): ContentTable {
  return {
    table: { headerRows: 1, widths: ['auto', '*', 'auto', 70], body: [headerRow, ...rows], dontBreakRows: true },
    layout: { ...lightRowsLayout({ fillHeader: true }), paddingTop: () => 2.5, paddingBottom: () => 2.5 },
  };
}

function headerRow(texts: [string, string, string, string]): TableCell[] {
  return texts.map((text, index): TableCell => ({ text, style: 'tableHeader', alignment: index === 3 ? 'right' : 'left', noWrap: index !== 1 }));
}

function workTable(document: PayslipDocument, labels: PdfLabels): Content {
  const words = labels.payslip;
  const rows = document.items.map((item): TableCell[] => [
    { text: item.invoiceNumber, noWrap: true },
    { text: item.description },
    { text: labels.formatDate(item.supplyEnd), noWrap: true },
    { text: displayCents(item.budgetCents), alignment: 'right', noWrap: true },
  ]);
  return {
    stack: [sectionLabel(words.workPaid), listTable(headerRow([words.invoice, words.work, words.workEnded, words.budget]), rows)],
    margin: [0, 0, 0, 10],
  };
}

function expensesTable(document: PayslipDocument, labels: PdfLabels): Content {
  const words = labels.payslip;
  const rows = document.expenses.map((note): TableCell[] => [
    { text: `#${note.id}`, noWrap: true },
    { text: note.description },
    { text: labels.formatDate(note.date), noWrap: true },
    { text: displayCents(note.amountCents), alignment: 'right', noWrap: true },
  ]);
  return {
    stack: [sectionLabel(words.expenses), listTable(headerRow([words.expenseNote, words.description, words.date, words.amount]), rows)],
    margin: [0, 0, 0, 10],
  };
}

/** A signed amount: deductions print with a minus sign, additions with a plus; zero plain. */
function signed(cents: Cents, sign: '-' | '+' | ''): string {
  return sign === '' || cents === 0 ? displayCents(cents) : `${sign === '-' ? '−' : '+'} ${displayCents(cents)}`;
}

type StepKind = 'plain' | 'subtotal' | 'result';

interface Step {
  readonly label: string;
  readonly basis: string;
  readonly amount: string;
  readonly kind: StepKind;
}

/** The computation, step by step, from the budget of the work to the amount transferred. */
function computation(document: PayslipDocument, words: PayslipLabels): Content {
  const { salary, member, monthToDate, rates } = document;
  const artist = member.category === 'artist';
  const workCents = sumCents(document.items.map((item) => item.budgetCents));
  const expensesCents = sumCents(document.expenses.map((note) => note.amountCents));
  // What the activity account adds (earlier leftovers) or keeps back so that the column adds up.
  const carriedCents = salary.salaryBudgetCents + expensesCents - workCents;
  const steps: Step[] = [];
  if (carriedCents !== 0 || expensesCents !== 0 || document.items.length > 1) {
    steps.push({ label: words.budgetOfWork, basis: '', amount: displayCents(workCents), kind: 'plain' });
    if (carriedCents > 0) steps.push({ label: words.broughtForward, basis: words.broughtForwardBasis, amount: signed(carriedCents, '+'), kind: 'plain' });
    if (carriedCents < 0) steps.push({ label: words.heldBack, basis: words.heldBackBasis, amount: signed(-carriedCents, '-'), kind: 'plain' });
    if (expensesCents !== 0) steps.push({ label: words.lessExpenses, basis: words.lessExpensesBasis, amount: signed(expensesCents, '-'), kind: 'plain' });
  }
  steps.push({ label: words.salaryBudget, basis: '', amount: displayCents(salary.salaryBudgetCents), kind: 'subtotal' });

  const employer = percent(rates?.employer);
  const holiday = percent(rates?.artistHoliday);
  const factor = percent(rates?.artistBaseFactor);
  let load: string | undefined;
  if (employer !== undefined) load = artist ? (factor !== undefined && holiday !== undefined ? `${factor} × (${employer} + ${holiday})` : undefined) : employer;
  steps.push({ label: words.grossSalary, basis: words.grossBasis({ budget: displayCents(salary.salaryBudgetCents), load }), amount: displayCents(salary.grossCents), kind: 'subtotal' });
  // The base is the gross itself for employees: its own line only where it differs (artists, 108 %).
  if (artist || salary.baseCents !== salary.grossCents) {
    steps.push({
      label: words.socialSecurityBase,
      basis: words.baseBasis({ factor, gross: displayCents(salary.grossCents), artist }),
      amount: displayCents(salary.baseCents),
      kind: 'plain',
    });
  }
  steps.push({
    label: words.employeeContributions,
    basis: words.ofBase({ rate: percent(rates?.employee), base: displayCents(salary.baseCents) }),
    amount: signed(salary.employeeContributionsCents, '-'),
    kind: 'plain',
  });
  steps.push({ label: words.taxable, basis: words.taxableBasis, amount: displayCents(salary.taxableCents), kind: 'subtotal' });
  steps.push({
    label: words.withholding,
    basis:
      member.withholding === 'flat'
        ? words.withholdingFlatBasis({ rate: percent(rates?.flatWithholding), taxable: displayCents(salary.taxableCents) })
        : words.withholdingKeyBasis({ earlier: monthToDate.withholdingCents > 0 ? displayCents(monthToDate.withholdingCents) : undefined }),
    amount: signed(salary.withholdingCents, '-'),
    kind: 'plain',
  });
  steps.push({
    label: words.specialContribution,
    basis: words.specialBasis({ monthGross: displayCents(monthToDate.grossCents + salary.grossCents) }),
    amount: signed(salary.specialContributionCents, '-'),
    kind: 'plain',
  });
  steps.push({ label: words.netSalary, basis: words.netBasis, amount: displayCents(salary.netCents), kind: 'subtotal' });
  if (expensesCents !== 0) {
    steps.push({ label: words.plusExpenses, basis: words.plusExpensesBasis(document.expenses.length), amount: signed(expensesCents, '+'), kind: 'plain' });
  }
  steps.push({
    label: words.transferred,
    basis: words.transferredTo(formatIban(member.iban)),
    amount: `EUR ${displayCents(salary.netCents + expensesCents)}`,
    kind: 'result',
  });

  const body: TableCell[][] = [
    [
      { text: words.item, style: 'tableHeader' },
      { text: words.basis, style: 'tableHeader' },
      { text: words.amountEur, style: 'tableHeader', alignment: 'right' },
    ],
    ...steps.map((step): TableCell[] => {
      if (step.kind === 'result') {
        return [
          { text: step.label, bold: true, color: 'white', fontSize: 11 },
          { text: step.basis, color: 'white', bold: true, noWrap: true, margin: [0, 1.5, 0, 0] },
          { text: step.amount, bold: true, color: 'white', fontSize: 11, alignment: 'right', noWrap: true },
        ];
      }
      const strong = step.kind === 'subtotal';
      return [
        { text: step.label, bold: strong },
        { text: step.basis, style: 'small', margin: [0, 0.8, 0, 0] },
        { text: step.amount, bold: strong, alignment: 'right', noWrap: true },
      ];
    }),
  ];
  const last = body.length - 1;
  return {
    stack: [
      sectionLabel(words.computation),
      {
        table: { headerRows: 1, widths: [170, '*', 'auto'], body, dontBreakRows: true },
        layout: {
          hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : i === 1 ? 0.9 : i === last ? 0 : 0.5),
          vLineWidth: () => 0,
          hLineColor: (i) => (i === 1 ? COLORS.accent : COLORS.rule),
          fillColor: (row) => (row === 0 ? COLORS.accentLight : row === last ? COLORS.accent : steps[row - 1]?.kind === 'subtotal' ? COLORS.fill : null),
          paddingLeft: (i) => (i === 0 ? 6 : 4),
          paddingRight: (i) => (i === 2 ? 6 : 4),
          paddingTop: (row) => (row === last ? 5 : 2),
          paddingBottom: (row) => (row === last ? 5 : 2),
        },
      },
    ],
    unbreakable: true,
    margin: [0, 0, 0, 12],
  };
}

/** Two boxes side by side: the employer's side of the payout, and the month to date. */
function sideBlocks(document: PayslipDocument, labels: PdfLabels): Content {
  const words = labels.payslip;
  const { salary, monthToDate, member, rates, run } = document;
  const base = displayCents(salary.baseCents);
  const employerRows: [string, string, string, boolean][] = [
    [words.grossSalary, '', displayCents(salary.grossCents), false],
    [words.employerContributions, words.ofBase({ rate: percent(rates?.employer), base }), signed(salary.employerContributionsCents, '+'), false],
  ];
  if (member.category === 'artist' || salary.holidayContributionsCents !== 0) {
    employerRows.push([words.holidayContributions, words.ofBase({ rate: percent(rates?.artistHoliday), base }), signed(salary.holidayContributionsCents, '+'), false]);
  }
  employerRows.push([words.leftover, '', signed(salary.leftoverCents, '+'), false]);
  employerRows.push([words.salaryBudget, '', displayCents(salary.salaryBudgetCents), true]);
  const employerTable: Content = {
    table: {
      widths: ['*', 'auto'],
      body: employerRows.map(([label, basis, amount, strong]): TableCell[] => [
        { stack: [{ text: label, bold: strong }, ...(basis === '' ? [] : [{ text: basis, style: 'fine' }])] },
        { text: amount, bold: strong, alignment: 'right', noWrap: true },
      ]),
    },
    layout: RULE_ABOVE_RESULT,
  };
  const monthRow = (label: string, earlier: Cents, now: Cents): TableCell[] => [
    { text: label },
    { text: displayCents(earlier), alignment: 'right', noWrap: true },
    { text: displayCents(now), alignment: 'right', noWrap: true },
    { text: displayCents(earlier + now), alignment: 'right', noWrap: true, bold: true },
  ];
  const monthTable: Content = {
    table: {
      headerRows: 1,
      widths: ['*', 'auto', 'auto', 'auto'],
      body: [
        [
          { text: '' },
          { text: words.earlierThisMonth, style: 'tableHeader', alignment: 'right', noWrap: true },
          { text: words.thisPayout, style: 'tableHeader', alignment: 'right', noWrap: true },
          { text: words.monthTotal, style: 'tableHeader', alignment: 'right', noWrap: true },
        ],
        monthRow(words.gross, monthToDate.grossCents, salary.grossCents),
        monthRow(words.withheld, monthToDate.withholdingCents, salary.withholdingCents),
      ],
    },
    layout: { ...lightRowsLayout(), paddingLeft: (i) => (i === 0 ? 0 : 4), paddingRight: (i) => (i === 3 ? 0 : 4), paddingTop: () => 3, paddingBottom: () => 3 },
  };
  const cell = (title: string, body: Content): TableCell => ({ stack: [sectionLabel(title, [0, 0, 0, 4]), body], margin: [10, 7, 10, 7] });
  return {
    table: {
      widths: ['*', 14, 215],
      body: [[cell(words.employerSide, employerTable), { text: '' }, cell(words.monthToDate(`${run.runDate.slice(0, 7)}-01`), monthTable)]],
    },
    layout: sideBySideBoxesLayout(COLORS.muted),
    unbreakable: true,
  };
}

/** How the figures are computed, in words; the demo warning if any. */
function smallPrint(document: PayslipDocument, words: PayslipLabels): Content {
  // One paragraph, the demo warning at its end: a line of its own could push it onto a second page.
  const text: Content[] = [words.notes.join(' ')];
  if (document.coop.demo) text.push({ text: ` ${words.demo}`, bold: true });
  return { text, style: 'fine', margin: [0, 10, 0, 0] };
}
