import type { Command } from 'commander';
import { invalidInput, usageError } from '../../errors.js';
import { examples, optionsOf } from '../command-kit.js';
import { type ExportOptions, exportOptions, periodOptions, runTableExportCommand, runTextExportCommand } from '../export-kit.js';
import type { Io } from '../io.js';

const FORMATS = ['csv', 'hledger', 'beancount'] as const;
type Format = (typeof FORMATS)[number];

interface LedgerExportOptions extends ExportOptions {
  readonly format: string;
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
}

export function registerLedgerExport(exports: Command, io: Io): void {
  const command = exports
    .command('ledger')
    .description('every ledger entry of a period for the accountant: a CSV of postings, an hledger journal or a beancount file')
    .option('--format <format>', 'csv (one row per posting), hledger or beancount', 'csv')
    .option('--period <period>', 'a year, quarter or month: 2026, 2026-Q4, 2026-11 (default: the whole book)')
    .option('--from <date>', 'first day, YYYY-MM-DD (with --to)')
    .option('--to <date>', 'last day, YYYY-MM-DD (with --from)');
  exportOptions(command);
  examples(command, [
    'smart export ledger --period 2026 --format hledger --out book-2026.journal',
    'hledger -f book-2026.journal check -s && hledger -f book-2026.journal bal',
    'smart export ledger --period 2026-Q4 --format beancount --out book.beancount && bean-check book.beancount',
    'smart export ledger --from 2026-11-01 --to 2026-11-30 --out ledger-2026-11.csv',
    'smart export ledger --format csv --excel --out ledger.csv',
  ]);
  command.addHelpText(
    'after',
    '\nA period that starts after the book\'s first entry opens with an entry dated on its first day that carries\n' +
      'the balance of every asset, liability and equity account, against equity:opening-balances (the result\n' +
      'of the earlier entries): balances at the end of the period equal the book\'s; income accounts show the period.\n' +
      'The CSV\'s debit and credit totals, printed on stderr, are equal.',
  );
  command.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<LedgerExportOptions>(cmd);
    const format = options.format.trim().toLowerCase();
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw invalidInput(`--format must be csv, hledger or beancount, not "${options.format}".`);
    }
    if (options.excel === true && format !== 'csv') {
      throw usageError('--excel is a flavour of the CSV export only.', 'Leave out --excel, or use --format csv.');
    }
    const period = periodOptions(options);
    const range = period === undefined ? {} : { from: period.from, to: period.to };
    const what = `ledger ${format as Format}${period === undefined ? '' : ` ${period.label}`}`;
    if (format === 'csv') {
      await runTableExportCommand(cmd, io, what, async (book) => {
        const { ledgerCsvExport } = await import('../../ledger/ledger-export.js');
        return ledgerCsvExport(book, range);
      });
      return;
    }
    await runTextExportCommand(cmd, io, what, async (book) => {
      const { hledgerJournal, beancountJournal } = await import('../../ledger/ledger-export.js');
      return format === 'hledger' ? hledgerJournal(book, range) : beancountJournal(book, range);
    });
  });
}
