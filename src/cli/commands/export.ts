import type { Command } from 'commander';
import { invalidInput } from '../../errors.js';
import { examples, optionsOf } from '../command-kit.js';
import { exportOptions, runTableExportCommand } from '../export-kit.js';
import type { Io } from '../io.js';
import { registerDimonaExport } from './export-dimona.js';
import { registerInvoicesExport } from './export-invoices.js';
import { registerLedgerExport } from './export-ledger.js';
import { registerPayrollExports } from './export-payroll.js';

function registerMembersExport(exports: Command, io: Io): void {
  const command = exports
    .command('members')
    .description('every member: number, name, e-mail, NISS, IBAN, birth date, address, category, status, shares, share capital, activity balance')
    .option('--status <status>', 'active, left or all', 'all');
  exportOptions(command);
  examples(command, ['smart export members --out members.csv', 'smart export members --status active --excel --out members.csv', 'smart export members | wc -l']);
  command.action(async (_options: unknown, cmd: Command) => {
    const { status } = optionsOf<{ status: string }>(cmd);
    if (!['active', 'left', 'all'].includes(status)) throw invalidInput(`--status must be active, left or all, not "${status}".`);
    await runTableExportCommand(cmd, io, 'members', async (book) => {
      const { memberExport } = await import('../../members/member-export.js');
      return memberExport(book, status === 'all' ? undefined : (status as 'active' | 'left'));
    });
  });
}

export function registerExportCommands(program: Command, io: Io): void {
  const exports = program
    .command('export')
    .description('CSV exports for the social secretariat, the ONSS and the accountant (0600 files, written whole or not at all)');
  examples(exports, ['smart export members --out members.csv', 'smart export members --excel --out members.csv']);
  registerMembersExport(exports, io);
  registerInvoicesExport(exports, io);
  registerDimonaExport(exports, io);
  registerLedgerExport(exports, io);
  registerPayrollExports(exports, io);
}
