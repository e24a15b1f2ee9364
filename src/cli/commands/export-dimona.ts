import type { Command } from 'commander';
import { examples, optionsOf } from '../command-kit.js';
import { exportOptions, rangeOptions, runTableExportCommand } from '../export-kit.js';
import type { Io } from '../io.js';

/** `smart export dimona`: the immediate employment declarations owed for the contracts of a range. */
export function registerDimonaExport(exports: Command, io: Io): void {
  const command = exports
    .command('dimona')
    .description('the Dimona declarations owed to the ONSS for every contract whose work overlaps the range: employer numbers, NISS, joint committee, worker type, dates, deadline, recorded late')
    .option('--from <date>', 'first day of the range, YYYY-MM-DD')
    .option('--to <date>', 'last day of the range, YYYY-MM-DD');
  exportOptions(command);
  command.addHelpText('after', "\nNeeds the co-op's ONSS employer number: smart coop set --onss-number NNNNNNN-CC.");
  examples(command, [
    'smart export dimona --from 2026-11-23 --to 2026-11-29 --out dimona-week-48.csv',
    'smart export dimona --from 2026-12-01 --to 2026-12-31 --excel --out dimona-2026-12.csv',
    'smart export dimona --from 2026-11-01 --to 2026-11-30 --out dimona.csv --json',
  ]);
  command.action(async (_options: unknown, cmd: Command) => {
    const period = rangeOptions(optionsOf<{ from?: string; to?: string }>(cmd), true);
    await runTableExportCommand(cmd, io, `dimona ${period.label}`, async (book) => {
      const { dimonaExport } = await import('../../contracts/dimona-export.js');
      return dimonaExport(book, period);
    });
  });
}
