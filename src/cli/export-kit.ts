import type { Command } from 'commander';
import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { type Period, parseMonth, parsePeriod, parseQuarter, periodBetween } from '../calendar/periods.js';
import { invalidInput, usageError } from '../errors.js';
import type { ExportSink } from '../exports/export-sink.js';
import type { ExportFlavour, ExportTotal, TableExport } from '../exports/table-export.js';
import { displayCents, formatCents } from '../money/cents.js';
import { type CommonOptions, bookOptions, optionsOf, parseDateOption, withBook } from './command-kit.js';
import { type Io, done, printJson } from './io.js';

export interface ExportOptions extends CommonOptions {
  readonly out?: string;
  readonly force?: boolean;
  readonly excel?: boolean;
}

/** The options every export shares: --out, --force, --excel, --db and --json (a summary of the file). */
export function exportOptions(command: Command, excel = true): Command {
  command.option('-o, --out <file>', 'write to this file (created 0600, written under a temporary name and renamed); default: stdout');
  command.option('--force', 'replace the file if it exists');
  if (excel) command.option('--excel', 'for a spreadsheet: ";" between cells, decimal comma, UTF-8 BOM');
  bookOptions(command);
  command.addHelpText('after', '\nWith --json (needs --out) a summary of the file written is printed on stdout: file, rows, bytes, totals.\nThe totals of the money columns are always printed on stderr.');
  return command;
}

export function monthOption(text: string | undefined): Period {
  if (text === undefined) throw usageError('--month is missing.', 'Give the month to export, e.g. --month 2026-11.');
  const period = parseMonth(text);
  if (period === undefined) throw invalidInput(`--month "${text}" is not a month.`, { hint: 'Write it as YYYY-MM, e.g. --month 2026-11.' });
  return period;
}

export function quarterOption(text: string | undefined): Period {
  if (text === undefined) throw usageError('--quarter is missing.', 'Give the quarter to export, e.g. --quarter 2026-Q4.');
  const period = parseQuarter(text);
  if (period === undefined) throw invalidInput(`--quarter "${text}" is not a quarter.`, { hint: 'Write it as YYYY-QN, e.g. --quarter 2026-Q4.' });
  return period;
}

/** --period 2026 | 2026-Q4 | 2026-11, or --from/--to; `undefined` when none is given. */
export function periodOptions(options: { period?: string; from?: string; to?: string }): Period | undefined {
  if (options.period !== undefined) {
    if (options.from !== undefined || options.to !== undefined) throw usageError('--period and --from/--to cannot be combined.', 'Give either --period 2026-Q4 or --from and --to.');
    const period = parsePeriod(options.period);
    if (period === undefined) throw invalidInput(`--period "${options.period}" is not a year, a quarter or a month.`, { hint: 'Write 2026, 2026-Q4 or 2026-11.' });
    return period;
  }
  return rangeOptions(options, false);
}

/** --from D --to D; with `required`, both must be given. */
export function rangeOptions(options: { from?: string; to?: string }, required: true): Period;
export function rangeOptions(options: { from?: string; to?: string }, required: boolean): Period | undefined;
export function rangeOptions(options: { from?: string; to?: string }, required: boolean): Period | undefined {
  const from = parseDateOption(options.from, '--from');
  const to = parseDateOption(options.to, '--to');
  if (from === undefined && to === undefined && !required) return undefined;
  if (from === undefined) throw usageError('--from is missing.', 'Give both ends, e.g. --from 2026-01-01 --to 2026-12-31.');
  if (to === undefined) throw usageError('--to is missing.', 'Give both ends, e.g. --from 2026-01-01 --to 2026-12-31.');
  const period = periodBetween(from, to);
  if (period === undefined) throw invalidInput(`--to ${to} comes before --from ${from}.`, { hint: 'Swap the two dates.' });
  return period;
}

function flavourOf(options: ExportOptions): ExportFlavour {
  return { excel: options.excel === true };
}

function checkJson(options: ExportOptions): void {
  if (options.json === true && options.out === undefined) {
    throw usageError('--json prints a summary of the file written, so it needs --out FILE.', 'Add --out FILE, or leave out --json to get the CSV on stdout.');
  }
}

function totalsLine(totals: readonly ExportTotal[]): string {
  return totals.map((total) => `${total.column} ${displayCents(total.cents)}`).join(', ');
}

function reportExport(io: Io, options: ExportOptions, result: { path: string | null; rows?: number; bytes: number; totals?: readonly ExportTotal[] }, what: string): void {
  const where = result.path ?? 'stdout';
  const rows = result.rows === undefined ? '' : `${result.rows} rows, `;
  const totals = result.totals === undefined || result.totals.length === 0 ? '' : `; totals: ${totalsLine(result.totals)} EUR`;
  done(io, `exported ${what} to ${where} (${rows}${result.bytes} bytes)${totals}`);
  if (options.json === true) {
    printJson(io, {
      file: result.path,
      ...(result.rows === undefined ? {} : { rows: result.rows }),
      bytes: result.bytes,
      ...(result.totals === undefined ? {} : { totals: Object.fromEntries(result.totals.map((total) => [total.column, formatCents(total.cents)])) }),
    });
  }
}

async function openSink(io: Io, options: ExportOptions): Promise<ExportSink> {
  const { openExportSink } = await import('../exports/export-sink.js');
  return openExportSink(options.out, options.force === true, io.stdout);
}

/**
 * Runs a table export from a command: checks the options, opens the book and the file (before
 * any reading, so a bad path fails at once), writes, and reports the rows and totals on stderr.
 */
export async function runTableExportCommand(cmd: Command, io: Io, what: string, produce: (book: Book, context: WriteContext) => TableExport | Promise<TableExport>): Promise<void> {
  const options = optionsOf<ExportOptions>(cmd);
  checkJson(options);
  await withBook(cmd, io, async (book, context) => {
    const { runTableExport } = await import('../exports/run-export.js');
    const sink = await openSink(io, options);
    const result = await runTableExport(book, context, sink, what, () => produce(book, context), flavourOf(options));
    reportExport(io, options, result, what);
  });
}

/** Runs a text export (a journal) from a command, as runTableExportCommand does for tables. */
export async function runTextExportCommand(cmd: Command, io: Io, what: string, produce: (book: Book, context: WriteContext) => Iterable<string> | Promise<Iterable<string>>): Promise<void> {
  const options = optionsOf<ExportOptions>(cmd);
  checkJson(options);
  await withBook(cmd, io, async (book, context) => {
    const { runTextExport } = await import('../exports/run-export.js');
    const sink = await openSink(io, options);
    const result = await runTextExport(book, context, sink, what, () => produce(book, context));
    reportExport(io, options, result, what);
  });
}
