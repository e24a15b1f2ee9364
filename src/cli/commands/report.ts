import type { Command } from 'commander';
import type { Period } from '../../calendar/periods.js';
import { parseMonth, parseYear } from '../../calendar/periods.js';
import { invalidInput, usageError } from '../../errors.js';
import { displayCents, formatCents } from '../../money/cents.js';
import type { Report, ReportKind, ReportRow } from '../../reports/report.js';
import { type CommonOptions, bookOptions, examples, optionsOf, withBook } from '../command-kit.js';
import { type Io, done, printJson, printLine, printTable } from '../io.js';

interface ReportOptions extends CommonOptions {
  readonly month?: string;
  readonly year?: string;
  readonly pdf?: string;
  readonly force?: boolean;
}

/** --month YYYY-MM or --year YYYY (not both); neither: the year of `today`. */
export function reportPeriod(options: { month?: string; year?: string }, today: string): { kind: ReportKind; period: Period } {
  if (options.month !== undefined && options.year !== undefined) {
    throw usageError('--month and --year cannot be combined.', 'Give one: --month 2026-11 for a month, --year 2026 for a year month by month.');
  }
  if (options.month !== undefined) {
    const period = parseMonth(options.month);
    if (period === undefined) throw invalidInput(`--month "${options.month}" is not a month.`, { hint: 'Write it as YYYY-MM, e.g. --month 2026-11.' });
    return { kind: 'month', period };
  }
  const text = options.year ?? today.slice(0, 4);
  const period = parseYear(text);
  if (period === undefined) throw invalidInput(`--year "${text}" is not a year.`, { hint: 'Write it as YYYY, e.g. --year 2026.' });
  return { kind: 'year', period };
}

/** A row of the report as JSON: amounts as strings with two decimals, counts as numbers. */
export function reportRowJson(row: ReportRow): Record<string, unknown> {
  return {
    period: row.label,
    from: row.from,
    to: row.to,
    invoiced: formatCents(row.invoicedCents),
    vat: formatCents(row.vatCents),
    invoices: row.invoices,
    creditNotes: row.creditNotes,
    levy: formatCents(row.levyCents),
    fundIn: formatCents(row.fundInCents),
    fundOut: formatCents(row.fundOutCents),
    fundBalance: formatCents(row.fundBalanceCents),
    gross: formatCents(row.grossCents),
    net: formatCents(row.netCents),
    employerContributions: formatCents(row.employerCents),
    employeeContributions: formatCents(row.employeeCents),
    withholding: formatCents(row.withholdingCents),
    expenses: formatCents(row.expensesCents),
    payslips: row.payslips,
    payoutRuns: row.payoutRuns,
    received: formatCents(row.receivedCents),
    membersActive: row.membersActive,
    membersJoined: row.membersJoined,
    membersLeft: row.membersLeft,
    membersPaid: row.membersPaid,
  };
}

function reportJson(report: Report): Record<string, unknown> {
  return {
    kind: report.kind,
    period: report.period.label,
    from: report.period.from,
    to: report.period.to,
    total: reportRowJson(report.total),
    months: report.months.map(reportRowJson),
  };
}

const count = (value: number): string => value.toLocaleString('en-US');

/** The figures of a month, one per line, in three sections. */
function printMonth(io: Io, report: Report): void {
  const row = report.total;
  const lines: [string, string][] = [
    ['Invoicing', ''],
    ['  invoiced excl. VAT', displayCents(row.invoicedCents)],
    ['  VAT', displayCents(row.vatCents)],
    ['  invoices / credit notes', `${count(row.invoices)} / ${count(row.creditNotes)}`],
    ['  levy', displayCents(row.levyCents)],
    ['  received from clients', displayCents(row.receivedCents)],
    ['Guarantee fund', ''],
    ['  fund in (contributions)', displayCents(row.fundInCents)],
    ['  fund out (absorbed)', displayCents(row.fundOutCents)],
    [`  fund balance on ${row.to}`, displayCents(row.fundBalanceCents)],
    ['Salaries', ''],
    ['  gross', displayCents(row.grossCents)],
    ['  net', displayCents(row.netCents)],
    ['  employer + holiday contributions', displayCents(row.employerCents)],
    ['  employee contributions', displayCents(row.employeeCents)],
    ['  withholding tax', displayCents(row.withholdingCents)],
    ['  expenses reimbursed', displayCents(row.expensesCents)],
    ['  payslips / payout runs', `${count(row.payslips)} / ${count(row.payoutRuns)}`],
    ['Members', ''],
    [`  active on ${row.to}`, count(row.membersActive)],
    ['  joined / left', `${count(row.membersJoined)} / ${count(row.membersLeft)}`],
    ['  paid (at least one payslip)', count(row.membersPaid)],
  ];
  printTable(io, ['', row.label], lines, [1]);
}

/** A year: three tables (invoicing and the fund, salaries, members), a row per month and the total. */
function printYear(io: Io, report: Report): void {
  const rows = [...report.months, report.total];
  const name = (row: ReportRow): string => (row === report.total ? 'total' : row.label);
  printTable(
    io,
    ['month', 'invoiced', 'VAT', 'levy', 'received', 'fund in', 'fund out', 'fund balance'],
    rows.map((row) => [name(row), ...[row.invoicedCents, row.vatCents, row.levyCents, row.receivedCents, row.fundInCents, row.fundOutCents, row.fundBalanceCents].map(displayCents)]),
    [1, 2, 3, 4, 5, 6, 7],
  );
  printLine(io);
  printTable(
    io,
    ['month', 'payslips', 'runs', 'gross', 'net', 'employer', 'employee', 'withholding', 'expenses'],
    rows.map((row) => [name(row), count(row.payslips), count(row.payoutRuns), ...[row.grossCents, row.netCents, row.employerCents, row.employeeCents, row.withholdingCents, row.expensesCents].map(displayCents)]),
    [1, 2, 3, 4, 5, 6, 7, 8],
  );
  printLine(io);
  printTable(
    io,
    ['month', 'active', 'joined', 'left', 'paid'],
    rows.map((row) => [name(row), count(row.membersActive), count(row.membersJoined), count(row.membersLeft), count(row.membersPaid)]),
    [1, 2, 3, 4],
  );
}

export function registerReportCommand(program: Command, io: Io): void {
  const command = program
    .command('report')
    .description('the figures of a month or a year: invoiced, levy, the guarantee fund, salaries, client payments, members (a table, JSON or a PDF with a chart)')
    .option('--month <YYYY-MM>', 'one month')
    .option('--year <YYYY>', 'a year, month by month, with its total (default: the current year)')
    .option('--pdf <file>', 'also write the report as an A4 PDF with a chart (created 0600)')
    .option('--force', 'replace the PDF file if it exists');
  bookOptions(command);
  command.addHelpText(
    'after',
    [
      '',
      'Amounts are in EUR. Invoiced is excluding VAT, credit notes deducted. Fund in: the contributions',
      '(net of credit notes); fund out: what the fund absorbed (write-offs, the budget of invoices credited',
      'after their payout). docs/exports.md says where each figure comes from.',
    ].join('\n'),
  );
  examples(command, ['smart report --month 2026-11', 'smart report --year 2026', 'smart report --year 2026 --pdf report-2026.pdf', 'smart report --month 2026-11 --json | jq .total.invoiced']);
  command.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<ReportOptions>(cmd);
    if (options.force === true && options.pdf === undefined) throw usageError('--force replaces the PDF file: it needs --pdf FILE.');
    await withBook(cmd, io, async (book, context) => {
      const { kind, period } = reportPeriod(options, context.today);
      const { checkOutputFile, writeOutputFile } = await import('../../exports/write-output-file.js');
      if (options.pdf !== undefined) checkOutputFile(options.pdf, options.force === true);
      const { buildReport } = await import('../../reports/report.js');
      const report = buildReport(book, kind, period);
      if (options.json === true) printJson(io, reportJson(report));
      else {
        printLine(io, io.paintData.bold(`Report ${period.label} (${period.from} to ${period.to}), amounts in EUR`));
        printLine(io);
        if (kind === 'month') printMonth(io, report);
        else printYear(io, report);
      }
      if (options.pdf !== undefined) {
        const { findCoop } = await import('../../coop/coop-store.js');
        const { renderReportPdf } = await import('../../documents/pdf/report-pdf.js');
        const coop = findCoop(book);
        if (coop === undefined) throw new Error('the book has no co-op identity');
        const pdf = await renderReportPdf({ coop, report, generatedOn: context.today });
        writeOutputFile(options.pdf, pdf, options.force === true);
        done(io, `Wrote the report ${period.label} to ${options.pdf} (${pdf.length} bytes).`);
      }
    });
  });
}
