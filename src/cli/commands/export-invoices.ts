import type { Command } from 'commander';
import { examples, optionsOf } from '../command-kit.js';
import { exportOptions, periodOptions, runTableExportCommand } from '../export-kit.js';
import type { Io } from '../io.js';

/** `smart export invoices`: the register of invoices and credit notes, by issue date. */
export function registerInvoicesExport(exports: Command, io: Io): void {
  const command = exports
    .command('invoices')
    .description('invoices and credit notes issued in a period (all without one), in series order: parties, amounts (credit notes negative), levy, fund, budget, paid, open balance, status')
    .option('--period <period>', 'a year (2026), a quarter (2026-Q4) or a month (2026-11), by issue date')
    .option('--from <date>', 'issued on or after this date (with --to)')
    .option('--to <date>', 'issued on or before this date (with --from)');
  exportOptions(command);
  examples(command, [
    'smart export invoices --period 2026-Q4 --out invoices-2026-Q4.csv',
    'smart export invoices --period 2026-11 --excel --out invoices-2026-11.csv',
    'smart export invoices --from 2026-11-01 --to 2026-11-15 --out invoices.csv --json',
    'smart export invoices > all-invoices.csv',
  ]);
  command.action(async (_options: unknown, cmd: Command) => {
    const period = periodOptions(optionsOf<{ period?: string; from?: string; to?: string }>(cmd));
    await runTableExportCommand(cmd, io, period === undefined ? 'invoices' : `invoices ${period.label}`, async (book) => {
      const { invoiceExport } = await import('../../invoicing/invoice-export.js');
      return invoiceExport(book, period);
    });
  });
}
