import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { DB_HELP } from './command-kit.js';
import type { Io } from './io.js';
import { registerAuditCommand } from './commands/audit.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerBankCommands } from './commands/bank.js';
import { registerCheckCommand } from './commands/check.js';
import { registerClientCommands } from './commands/client.js';
import { registerContractCommands } from './commands/contract.js';
import { registerCoopCommands } from './commands/coop.js';
import { registerDemoCommand } from './commands/demo.js';
import { registerGaCommands } from './commands/ga.js';
import { registerExpenseCommands } from './commands/expense.js';
import { registerExportCommands } from './commands/export.js';
import { registerFundCommands } from './commands/fund.js';
import { registerReportCommand } from './commands/report.js';
import { registerInitCommand } from './commands/init.js';
import { registerPayoutCommands } from './commands/payout.js';
import { registerInvoiceCommands } from './commands/invoice.js';
import { registerMemberCommands } from './commands/member.js';
import { registerRulesCommands } from './commands/rules.js';
import { registerSharesCommands } from './commands/shares.js';
import { registerSimulateCommand } from './commands/simulate.js';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Every command of smart, registered in one place. */
export function buildProgram(io: Io): Command {
  const program = new Command('smart')
    .description('The book of a labour mutual: members and shares, clients, contracts and invoices, dated rules, a balanced ledger and the checks that prove it.')
    .version(version(), '-V, --version')
    .option('--db <path>', DB_HELP)
    .option('--no-color', 'no colour in messages, also when NO_COLOR is set')
    .showHelpAfterError('(run the command with --help for its options and examples)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(io.paint.red(text)),
    })
    .exitOverride();
  program.addHelpText(
    'after',
    `
Exit codes: 0 ok, 1 internal error, 2 usage, 3 invalid input, 4 not found, 5 conflict, 6 check failed, 7 book busy.

Examples:
  $ smart demo                         build a demo book and show around
  $ smart init --name "SMart Demo" --enterprise BE0123456749 --iban BE71096123456769 --bic GKCCBEBB --address "Rue X 1, 1000 Brussels"
  $ smart member add                   asks for what is missing, at a terminal
  $ smart member list --json
  $ smart check`,
  );

  registerInitCommand(program, io);
  registerDemoCommand(program, io);
  registerCoopCommands(program, io);
  registerMemberCommands(program, io);
  registerSharesCommands(program, io);
  registerClientCommands(program, io);
  registerContractCommands(program, io);
  registerInvoiceCommands(program, io);
  registerExpenseCommands(program, io);
  registerPayoutCommands(program, io);
  registerFundCommands(program, io);
  registerReportCommand(program, io);
  registerBankCommands(program, io);
  registerExportCommands(program, io);
  registerGaCommands(program, io);
  registerSimulateCommand(program, io);
  registerRulesCommands(program, io);
  registerCheckCommand(program, io);
  registerAuditCommand(program, io);
  registerBackupCommands(program, io);
  return program;
}
