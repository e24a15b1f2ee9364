import type { CanvasElement, Content, TableCell } from 'pdfmake/interfaces.js';
import type { IsoDate } from '../../calendar/dates.js';
import type { Coop } from '../../coop/coop-store.js';
import { formatEnterpriseNumber } from '../../identifiers/index.js';
import { type Cents, Dec, displayCents } from '../../money/index.js';
import type { ChartBar, Report, ReportRow } from '../../reports/report.js';
import { coopDocumentDefinition, coopIdentityLine, coopLetterhead, documentHeader } from './blocks.js';
import { labelsFor } from './labels.js';
import { type PdfDocumentDefinition, renderPdf } from './pdfmake.js';
import { COLORS, CONTENT_WIDTH, PAGE_MARGINS, horizontalRule, lightRowsLayout, sectionLabel } from './style.js';

export interface ReportDocument {
  readonly coop: Coop;
  readonly report: Report;
  /** The day the report was made, printed in its heading. */
  readonly generatedOn: IsoDate;
}

/** The report's words (English; the other documents' languages can follow through labels.ts). */
const WORDS = {
  title: 'Report',
  period: 'Period',
  dates: 'Dates',
  generated: 'Made on',
  enterpriseNumber: 'Enterprise no.',
  amountsIn: 'Amounts in EUR',
  invoiced: 'Invoiced excl. VAT',
  levy: 'Levy',
  gross: 'Gross salaries',
  fundBalance: 'Guarantee fund',
  fundBalanceOn: (date: string) => `balance on ${date}`,
  creditNotesDeducted: 'credit notes deducted',
  payslipsAndRuns: (payslips: number, runs: number) => `${plural(payslips, 'payslip')}, ${plural(runs, 'payout run')}`,
  invoiceCount: (invoices: number) => plural(invoices, 'invoice'),
  chartYear: 'Invoiced (excl. VAT) and gross salaries, month by month',
  chartMonth: 'Invoiced (excl. VAT) and gross salaries, by week of the month (days)',
  nothing: 'Nothing was invoiced nor paid in this period.',
  sections: {
    invoicing: 'Invoicing',
    fund: 'Guarantee fund',
    salaries: 'Salaries',
    members: 'Members',
  },
  rows: {
    invoiced: 'Invoiced excl. VAT, credits deducted',
    vat: 'VAT',
    invoices: 'Invoices / credit notes',
    levy: 'Levy',
    received: 'Received from clients',
    fundIn: 'In: contributions',
    fundOut: 'Out: write-offs and credits absorbed',
    fundBalance: (date: string) => `Balance on ${date}`,
    gross: 'Gross',
    net: 'Net',
    employer: 'Employer + holiday contributions',
    employee: 'Employee contributions',
    withholding: 'Withholding tax',
    expenses: 'Expenses reimbursed',
    payslips: 'Payslips / payout runs',
    active: (date: string) => `Active on ${date}`,
    joined: 'Joined / left',
    paid: 'Paid (at least one payslip)',
  },
  monthly: {
    invoicing: 'Invoicing and the guarantee fund, month by month',
    salaries: 'Salaries, month by month',
    members: 'Members, month by month',
    month: 'Month',
    total: 'Total',
    invoiced: 'Invoiced',
    vat: 'VAT',
    levy: 'Levy',
    received: 'Received',
    fundIn: 'Fund in',
    fundOut: 'Fund out',
    fundBalance: 'Fund balance',
    payslips: 'Payslips',
    gross: 'Gross',
    net: 'Net',
    employer: 'Employer',
    employee: 'Employee',
    withholding: 'Withholding',
    expenses: 'Expenses',
    active: 'Active at the end',
    joined: 'Joined',
    left: 'Left',
    paid: 'Paid',
  },
  page: (current: number, pages: number) => `Page ${current} of ${pages}`,
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** The chart's two series. */
const INVOICED_COLOR = COLORS.accent;
const GROSS_COLOR = '#e08a2c';

function count(value: number): string {
  return value.toLocaleString('en-US');
}

function plural(value: number, noun: string): string {
  return `${count(value)} ${noun}${value === 1 ? '' : 's'}`;
}

function monthName(label: string): string {
  return MONTHS[Number(label.slice(5, 7)) - 1] ?? label;
}

export async function renderReportPdf(document: ReportDocument): Promise<Buffer> {
  return renderPdf(reportPdfDefinition(document));
}

/**
 * The report on A4: the co-op and the period, four key figures, a bar chart of invoiced vs gross
 * salaries (months of a year, weeks of a month), every figure of the period; for a year, a second
 * page with the figures month by month. A pure function of the report: nothing is computed here
 * but the chart's geometry.
 */
export function reportPdfDefinition(document: ReportDocument): PdfDocumentDefinition {
  const { coop, report } = document;
  const labels = labelsFor('en');
  const periodText = report.kind === 'month' ? `${monthName(report.period.label)} ${report.period.label.slice(0, 4)}` : report.period.label;
  const content: Content[] = [
    documentHeader(
      [sectionLabel(WORDS.amountsIn), ...coopLetterhead(coop, WORDS.enterpriseNumber, formatEnterpriseNumber(coop.enterpriseNumber), 3)],
      230,
      WORDS.title.toUpperCase(),
      [
        [WORDS.period, periodText],
        [WORDS.dates, labels.formatPeriod(report.period.from, report.period.to)],
        [WORDS.generated, labels.formatDate(document.generatedOn)],
      ],
    ),
    horizontalRule([0, 8, 0, 12], COLORS.accent, 1.2),
    keyFigures(report.total, labels.formatDate(report.total.to)),
    chartBlock(report),
    figuresBlock(report.total, labels.formatDate(report.total.to)),
  ];
  if (report.kind === 'year') content.push(...monthlyTables(report));
  return coopDocumentDefinition({
    coop,
    language: labels.language,
    pageMargins: [PAGE_MARGINS[0], 36, PAGE_MARGINS[2], 54],
    title: `${WORDS.title} ${report.period.label} – ${coop.name}`,
    subject: `${WORDS.title} ${periodText}: invoiced, levy, guarantee fund, salaries, members`,
    content,
    footerIdentity: coopIdentityLine(coop, WORDS.enterpriseNumber),
    page: WORDS.page,
  });
}

/** Four tiles: invoiced, levy, gross salaries, the fund's balance at the end. */
function keyFigures(total: ReportRow, endDate: string): Content {
  const tile = (label: string, cents: Cents, note: string): TableCell => ({
    stack: [
      { text: label.toUpperCase(), style: 'label' },
      { text: displayCents(cents), fontSize: 15, bold: true, color: COLORS.accent, margin: [0, 2, 0, 1], noWrap: true },
      { text: note, style: 'fine' },
    ],
    margin: [8, 6, 6, 6],
  });
  return {
    table: {
      widths: ['*', '*', '*', '*'],
      body: [
        [
          tile(WORDS.invoiced, total.invoicedCents, WORDS.creditNotesDeducted),
          tile(WORDS.levy, total.levyCents, WORDS.invoiceCount(total.invoices)),
          tile(WORDS.gross, total.grossCents, WORDS.payslipsAndRuns(total.payslips, total.payoutRuns)),
          tile(WORDS.fundBalance, total.fundBalanceCents, WORDS.fundBalanceOn(endDate)),
        ],
      ],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i) => (i < 4 ? 3 : 0),
      vLineColor: () => COLORS.accent,
      fillColor: () => COLORS.fill,
      paddingLeft: () => 0,
      paddingRight: (i) => (i < 3 ? 6 : 0),
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
    margin: [0, 0, 0, 16],
  };
}

/** 1, 2 or 5 times a power of ten, at least `value` (whole euros). */
export function niceStep(value: number): number {
  let power = 1;
  for (;;) {
    for (const factor of [1, 2, 5]) if (factor * power >= value) return factor * power;
    power *= 10;
  }
}

/** An axis label in whole euros: "0", "500", "2 k", "1.5 M" (ticks are exact multiples of their unit / 10). */
export function axisLabel(euros: number, top: number): string {
  const unit = top >= 1_000_000 ? 1_000_000 : top >= 1000 ? 1000 : 1;
  const suffix = unit === 1_000_000 ? ' M' : unit === 1000 ? ' k' : '';
  if (euros === 0) return '0';
  const whole = Math.floor(euros / unit);
  const tenth = Math.floor(((euros % unit) * 10) / unit);
  return `${count(whole)}${tenth === 0 ? '' : `.${tenth}`}${suffix}`;
}

export interface ChartScale {
  /** The value of the top gridline, whole euros. */
  readonly top: number;
  readonly step: number;
  readonly ticks: readonly number[];
}

/** Up to five gridlines above 0, the top one a round value at least the largest bar. */
export function chartScale(bars: readonly ChartBar[]): ChartScale {
  const largestCents = Math.max(0, ...bars.flatMap((bar) => [bar.invoicedCents, bar.grossCents]));
  const largest = new Dec(largestCents).div(100).ceil().toNumber();
  const step = largest === 0 ? 250 : niceStep(Math.ceil(largest / 5));
  const tickCount = largest === 0 ? 4 : Math.max(1, Math.ceil(largest / step));
  const ticks = Array.from({ length: tickCount + 1 }, (_unused, index) => index * step);
  return { top: tickCount * step, step, ticks };
}

const AXIS_WIDTH = 44;
const PLOT_HEIGHT = 170;

/** Height in points of an amount on the chart (decimal.js: no float touches the cents). */
function barHeight(cents: Cents, topEuros: number): number {
  if (cents <= 0 || topEuros === 0) return 0;
  return new Dec(cents).div(topEuros * 100).mul(PLOT_HEIGHT).toDecimalPlaces(2).toNumber();
}

/** A detached label at (x, y) from the chart's top left, `width` wide, aligned inside it. */
function placed(text: string, x: number, y: number, width: number, alignment: 'left' | 'center' | 'right', color: string = COLORS.muted): Content {
  return { columns: [{ width, text, alignment, fontSize: 7, color, noWrap: true }], relativePosition: { x, y } };
}

/** The bar chart: gridlines with axis labels, a pair of bars per month (or week), labels under them. */
function chartBlock(report: Report): Content {
  const bars = report.chart;
  const scale = chartScale(bars);
  const plotLeft = AXIS_WIDTH + 6;
  const plotWidth = CONTENT_WIDTH - plotLeft;
  const top = 18;
  const slot = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.min(22, (slot - 8) / 2);
  const canvas: CanvasElement[] = [];
  const labels: Content[] = [];
  for (const tick of scale.ticks) {
    const y = top + PLOT_HEIGHT - (scale.top === 0 ? 0 : (PLOT_HEIGHT * tick) / scale.top);
    canvas.push({ type: 'line', x1: plotLeft, y1: y, x2: CONTENT_WIDTH, y2: y, lineWidth: tick === 0 ? 0.9 : 0.4, lineColor: tick === 0 ? COLORS.muted : COLORS.rule });
    labels.push(placed(axisLabel(tick, scale.top), 0, y - 4, AXIS_WIDTH, 'right'));
  }
  bars.forEach((bar, index) => {
    const centre = plotLeft + slot * index + slot / 2;
    const invoiced = barHeight(bar.invoicedCents, scale.top);
    const gross = barHeight(bar.grossCents, scale.top);
    if (invoiced > 0) canvas.push({ type: 'rect', x: centre - barWidth - 1, y: top + PLOT_HEIGHT - invoiced, w: barWidth, h: invoiced, color: INVOICED_COLOR });
    if (gross > 0) canvas.push({ type: 'rect', x: centre + 1, y: top + PLOT_HEIGHT - gross, w: barWidth, h: gross, color: GROSS_COLOR });
    const label = report.kind === 'year' ? monthName(bar.label).slice(0, 3) : bar.label;
    labels.push(placed(label, centre - slot / 2, top + PLOT_HEIGHT + 4, slot, 'center', COLORS.text));
  });
  // The legend, top right: a square and a word per series.
  const legendX = CONTENT_WIDTH - 190;
  canvas.push({ type: 'rect', x: legendX, y: 0.5, w: 7.5, h: 7.5, color: INVOICED_COLOR }, { type: 'rect', x: legendX + 100, y: 0.5, w: 7.5, h: 7.5, color: GROSS_COLOR });
  labels.push(placed(WORDS.invoiced, legendX + 12, 0, 88, 'left', COLORS.text), placed(WORDS.gross, legendX + 112, 0, 78, 'left', COLORS.text));
  if (scale.top === 0 || bars.every((bar) => bar.invoicedCents <= 0 && bar.grossCents <= 0)) {
    labels.push(placed(WORDS.nothing, plotLeft, top + PLOT_HEIGHT / 2 - 6, plotWidth, 'center'));
  }
  // An invisible line under the labels gives the canvas its full height.
  canvas.push({ type: 'line', x1: 0, y1: top + PLOT_HEIGHT + 16, x2: 1, y2: top + PLOT_HEIGHT + 16, lineWidth: 0, lineColor: 'white' });
  return {
    stack: [sectionLabel(report.kind === 'year' ? WORDS.chartYear : WORDS.chartMonth), { stack: [...labels, { canvas }] }],
    unbreakable: true,
    margin: [0, 0, 0, 14],
  };
}

/** Every figure of the period in two columns: invoicing and the fund; salaries and members. */
function figuresBlock(total: ReportRow, endDate: string): Content {
  const words = WORDS.rows;
  const table = (title: string, rows: [string, string][]): Content => ({
    stack: [
      sectionLabel(title, [0, 6, 0, 3]),
      {
        table: {
          widths: ['*', 'auto'],
          body: rows.map(([label, value]): TableCell[] => [
            { text: label },
            { text: value, alignment: 'right', noWrap: true },
          ]),
        },
        layout: { ...lightRowsLayout({ headerRows: 0 }), paddingTop: () => 2.5, paddingBottom: () => 2.5 },
      },
    ],
  });
  return {
    columns: [
      {
        width: '*',
        stack: [
          table(WORDS.sections.invoicing, [
            [words.invoiced, displayCents(total.invoicedCents)],
            [words.vat, displayCents(total.vatCents)],
            [words.invoices, `${count(total.invoices)} / ${count(total.creditNotes)}`],
            [words.levy, displayCents(total.levyCents)],
            [words.received, displayCents(total.receivedCents)],
          ]),
          table(WORDS.sections.fund, [
            [words.fundIn, displayCents(total.fundInCents)],
            [words.fundOut, displayCents(total.fundOutCents)],
            [words.fundBalance(endDate), displayCents(total.fundBalanceCents)],
          ]),
        ],
      },
      {
        width: '*',
        stack: [
          table(WORDS.sections.salaries, [
            [words.gross, displayCents(total.grossCents)],
            [words.net, displayCents(total.netCents)],
            [words.employer, displayCents(total.employerCents)],
            [words.employee, displayCents(total.employeeCents)],
            [words.withholding, displayCents(total.withholdingCents)],
            [words.expenses, displayCents(total.expensesCents)],
            [words.payslips, `${count(total.payslips)} / ${count(total.payoutRuns)}`],
          ]),
          table(WORDS.sections.members, [
            [words.active(endDate), count(total.membersActive)],
            [words.joined, `${count(total.membersJoined)} / ${count(total.membersLeft)}`],
            [words.paid, count(total.membersPaid)],
          ]),
        ],
      },
    ],
    columnGap: 24,
  };
}

/** The year's second page: three tables, a row per month and the total. */
function monthlyTables(report: Report): Content[] {
  const words = WORDS.monthly;
  const rows = [...report.months, report.total];
  const name = (row: ReportRow): string => (row === report.total ? words.total : monthName(row.label));
  const table = (title: string, headers: string[], cells: (row: ReportRow) => string[], first: boolean): Content => {
    const body: TableCell[][] = [
      headers.map((text, index): TableCell => ({ text, style: 'tableHeader', alignment: index === 0 ? 'left' : 'right' })),
      ...rows.map((row): TableCell[] => {
        const bold = row === report.total;
        return [name(row), ...cells(row)].map((text, index): TableCell => ({ text, bold, alignment: index === 0 ? 'left' : 'right', noWrap: true }));
      }),
    ];
    return {
      stack: [
        sectionLabel(title),
        {
          table: { headerRows: 1, widths: ['auto', ...headers.slice(1).map(() => '*')], body, dontBreakRows: true },
          layout: {
            ...lightRowsLayout({ fillHeader: true }),
            hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : i === 1 || i === node.table.body.length - 1 ? 0.9 : 0.4),
            hLineColor: (i, node) => (i === 1 || i === node.table.body.length - 1 ? COLORS.accent : COLORS.rule),
            paddingTop: () => 2.2,
            paddingBottom: () => 2.2,
          },
        },
      ],
      fontSize: 7.5,
      unbreakable: true,
      margin: [0, 0, 0, 14],
      ...(first ? { pageBreak: 'before' as const } : {}),
    };
  };
  return [
    table(
      words.invoicing,
      [words.month, words.invoiced, words.vat, words.levy, words.received, words.fundIn, words.fundOut, words.fundBalance],
      (row) => [row.invoicedCents, row.vatCents, row.levyCents, row.receivedCents, row.fundInCents, row.fundOutCents, row.fundBalanceCents].map(displayCents),
      true,
    ),
    table(
      words.salaries,
      [words.month, words.payslips, words.gross, words.net, words.employer, words.employee, words.withholding, words.expenses],
      (row) => [count(row.payslips), ...[row.grossCents, row.netCents, row.employerCents, row.employeeCents, row.withholdingCents, row.expensesCents].map(displayCents)],
      false,
    ),
    table(words.members, [words.month, words.active, words.joined, words.left, words.paid], (row) => [row.membersActive, row.membersJoined, row.membersLeft, row.membersPaid].map(count), false),
  ];
}
