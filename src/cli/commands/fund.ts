import type { Command } from 'commander';
import { displayCents, formatCents } from '../../money/cents.js';
import { type CommonOptions, bookOptions, examples, optionsOf, withBook } from '../command-kit.js';
import { type Io, printJson, printLine, printTable } from '../io.js';

export function registerFundCommands(program: Command, io: Io): void {
  const fund = program.command('fund').description('the guarantee fund');
  examples(fund, ['smart fund status']);
  const status = fund.command('status').description("the fund's balance, its exposure (net salaries advanced on invoices clients have not paid) and their ratio");
  bookOptions(status);
  examples(status, ['smart fund status', 'smart fund status --json']);
  status.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    await withBook(cmd, io, async (book) => {
      const { fundStatus } = await import('../../payouts/fund-status.js');
      const result = fundStatus(book);
      if (options.json === true) {
        return printJson(io, { balance: formatCents(result.balanceCents), exposure: formatCents(result.exposureCents), ratio: result.ratio, largest: result.largest.map((row) => ({ client: row.clientId, name: row.name, exposure: formatCents(row.exposureCents), invoices: row.invoices })) });
      }
      printLine(io, `balance   ${displayCents(result.balanceCents).padStart(14)} EUR`);
      printLine(io, `exposure  ${displayCents(result.exposureCents).padStart(14)} EUR`);
      printLine(io, `ratio     ${(result.ratio ?? 'n/a (nothing exposed)').padStart(14)}`);
      if (result.largest.length > 0) printTable(io, ['client', 'name', 'exposure', 'invoices'], result.largest.map((row) => [String(row.clientId), row.name, displayCents(row.exposureCents), String(row.invoices)]), [0, 2, 3]);
    });
  });
}
