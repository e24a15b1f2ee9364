import type { Command } from 'commander';
import { examples, optionsOf } from '../command-kit.js';
import { exportOptions, monthOption, quarterOption, runTableExportCommand } from '../export-kit.js';
import type { Io } from '../io.js';

function registerPayroll(exports: Command, io: Io): void {
  const command = exports
    .command('payroll')
    .description("one row per payslip of the month's payout runs, for the social secretariat: member, NISS, category, run, pay date, gross, contributions, withholding, net, expenses, transfer")
    .option('--month <YYYY-MM>', 'the month of the runs to export (by run date), e.g. 2026-11');
  exportOptions(command);
  command.addHelpText('after', "The totals equal the ledger's postings of the month's payout entries; `smart check` verifies it.");
  examples(command, [
    'smart export payroll --month 2026-11 --out payroll-2026-11.csv',
    'smart export payroll --month 2026-11 --excel --out payroll-2026-11.csv',
    'smart export payroll --month 2026-11 --out payroll.csv --force --json',
  ]);
  command.action(async (_options: unknown, cmd: Command) => {
    const month = monthOption(optionsOf<{ month?: string }>(cmd).month);
    await runTableExportCommand(cmd, io, `payroll ${month.label}`, async (book) => {
      const { payrollExport } = await import('../../payroll/payroll-export.js');
      return payrollExport(book, month);
    });
  });
}

function registerSocialSecurity(exports: Command, io: Io): void {
  const command = exports
    .command('social-security')
    .description('one DmfA-shaped worker line per member paid in the quarter, for the ONSS: NISS, worker code, days worked, gross, contribution base, contributions, total due')
    .option('--quarter <YYYY-QN>', 'the quarter of the runs to export (by run date), e.g. 2026-Q4');
  exportOptions(command);
  command.addHelpText('after', "The total of total_due equals the quarter's credits to the ONSS payable; `smart check` verifies it.");
  examples(command, [
    'smart export social-security --quarter 2026-Q4 --out dmfa-2026-Q4.csv',
    'smart export social-security --quarter 2026-Q4 --excel --out dmfa-2026-Q4.csv',
  ]);
  command.action(async (_options: unknown, cmd: Command) => {
    const quarter = quarterOption(optionsOf<{ quarter?: string }>(cmd).quarter);
    await runTableExportCommand(cmd, io, `social-security ${quarter.label}`, async (book) => {
      const { socialSecurityExport } = await import('../../payroll/social-security-export.js');
      return socialSecurityExport(book, quarter);
    });
  });
}

/** `smart export payroll` (per month) and `smart export social-security` (per quarter). */
export function registerPayrollExports(exports: Command, io: Io): void {
  registerPayroll(exports, io);
  registerSocialSecurity(exports, io);
}
