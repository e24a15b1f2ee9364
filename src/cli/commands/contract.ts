import type { Command } from 'commander';
import type { Contract, ContractStatus } from '../../contracts/contract.js';
import { invalidInput } from '../../errors.js';
import { displayCents, formatCents } from '../../money/cents.js';
import { type CommonOptions, bookOptions, examples, optionsOf, parseMemberId, withBook } from '../command-kit.js';
import { type Io, done, next, printJson, printLine, printTable, say, warn } from '../io.js';
import { parseClientId } from './client.js';

const STATUSES: readonly ContractStatus[] = ['open', 'invoiced', 'cancelled'];

export function contractJson(contract: Contract): Record<string, unknown> {
  return {
    id: contract.id,
    member: contract.memberId,
    client: contract.clientId,
    description: contract.description,
    place: contract.place,
    start: contract.startDate,
    end: contract.endDate,
    days: contract.days,
    amount: formatCents(contract.amountCents),
    vatRate: contract.vatRate,
    vatRegime: contract.vatRegime,
    status: contract.status,
    cancelReason: contract.cancelReason,
  };
}

export function registerContractCommands(program: Command, io: Io): void {
  const contracts = program.command('contract').description('contracts: one engagement of a member for a client; the co-op employs the member for it');
  examples(contracts, ['smart contract add --member 1 --client 2 --start 2026-11-02 --end 2026-11-06 --days 5 --amount 1000 --description "Lighting"', 'smart contract list --status open']);

  const add = contracts
    .command('add')
    .description('record a contract')
    .requiredOption('--member <n>', 'member number')
    .requiredOption('--client <n>', 'client number')
    .option('--start <date>', 'first day of work, YYYY-MM-DD')
    .option('--end <date>', 'last day of work, YYYY-MM-DD')
    .option('--days <n>', 'days worked')
    .option('--amount <euros>', 'agreed amount excl. VAT, e.g. 1000.00')
    .option('--description <text>', 'the work, as it will read on the invoice')
    .option('--place <text>', 'where the work is done (default Belgium)')
    .option('--vat-rate <percent>', 'VAT rate: 21, 12, 6 or 0 (default 21)')
    .option('--vat-regime <regime>', 'normal, reverse-charge, export or exempt (default normal)');
  bookOptions(add);
  examples(add, [
    'smart contract add --member 1 --client 2 --start 2026-11-02 --end 2026-11-06 --days 5 --amount 1000 --description "Lighting design, Hamlet"',
    'smart contract add --member 1 --client 4 --start 2026-12-01 --end 2026-12-01 --days 1 --amount 800 --description "Concert" --vat-rate 6',
    'smart contract add --member 2 --client 5 --start 2026-12-01 --end 2026-12-03 --days 3 --amount 2400 --description "Workshop" --vat-regime reverse-charge --json',
  ]);
  add.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & Record<string, string | undefined>>(cmd);
    const input = {
      memberId: parseMemberId(options.member ?? ''),
      clientId: parseClientId(options.client ?? ''),
      ...Object.fromEntries(
        (['description', 'place', 'start', 'end', 'days', 'amount', 'vatRate', 'vatRegime'] as const).filter((key) => options[key] !== undefined).map((key) => [key, options[key]]),
      ),
    };
    await withBook(cmd, io, async (book, context) => {
      const { addContract } = await import('../../contracts/manage-contracts.js');
      const { percentOf } = await import('../../money/rates.js');
      const outcome = addContract(book, context, input);
      const { contract } = outcome;
      if (options.json === true) printJson(io, { ...contractJson(contract), created: outcome.created, warnings: outcome.warnings });
      if (outcome.created) {
        done(io, `Contract ${contract.id}: member ${contract.memberId} for client ${contract.clientId}, ${contract.startDate} to ${contract.endDate}, ${displayCents(contract.amountCents)} EUR excl. VAT (${contract.vatRegime === 'normal' ? `${percentOf(contract.vatRate)} %` : contract.vatRegime}).`);
      } else done(io, `This contract is already number ${contract.id}: nothing changed.`);
      for (const warning of outcome.warnings) warn(io, warning);
      next(io, `smart invoice issue ${contract.id}`);
    });
  });

  const list = contracts
    .command('list')
    .description('list contracts')
    .option('--member <n>', 'of one member')
    .option('--client <n>', 'for one client')
    .option('--status <status>', STATUSES.join(', '));
  bookOptions(list);
  examples(list, ['smart contract list --member 1', 'smart contract list --status open --json']);
  list.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { member?: string; client?: string; status?: string }>(cmd);
    if (options.status !== undefined && !(STATUSES as readonly string[]).includes(options.status)) throw invalidInput(`--status must be one of ${STATUSES.join(', ')}.`);
    await withBook(cmd, io, async (book) => {
      const { listContracts } = await import('../../contracts/manage-contracts.js');
      const rows = listContracts(book, {
        ...(options.member === undefined ? {} : { memberId: parseMemberId(options.member) }),
        ...(options.client === undefined ? {} : { clientId: parseClientId(options.client) }),
        ...(options.status === undefined ? {} : { status: options.status as ContractStatus }),
      });
      if (options.json === true) return printJson(io, rows.map(contractJson));
      printTable(
        io,
        ['#', 'member', 'client', 'from', 'to', 'days', 'amount', 'status', 'description'],
        rows.map((row) => [String(row.id), String(row.memberId), String(row.clientId), row.startDate, row.endDate, String(row.days), displayCents(row.amountCents), row.status, row.description]),
        [0, 1, 2, 5, 6],
      );
      say(io, io.paint.dim(`${rows.length} contract(s)`));
    });
  });

  const show = contracts.command('show').description('one contract').argument('<contract>', 'contract number');
  bookOptions(show);
  examples(show, ['smart contract show 7']);
  show.action(async (contractText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    await withBook(cmd, io, async (book) => {
      const { findContract } = await import('../../contracts/manage-contracts.js');
      const contract = findContract(book, parseMemberId(contractText));
      if (options.json === true) return printJson(io, contractJson(contract));
      for (const [label, value] of Object.entries(contractJson(contract))) printLine(io, `${io.paintData.bold(label.padEnd(12))}${String(value ?? '')}`);
    });
  });

  const pdf = contracts
    .command('pdf')
    .description('render the fixed-term employment contract between the co-op and the member')
    .argument('<contract>', 'contract number')
    .requiredOption('--out <file>', 'the PDF file to write')
    .option('--force', 'replace the file if it exists');
  bookOptions(pdf, false);
  examples(pdf, ['smart contract pdf 7 --out contract-7.pdf']);
  pdf.action(async (contractText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { out: string; force?: boolean }>(cmd);
    await withBook(cmd, io, async (book) => {
      const { employmentContractInput } = await import('../../contracts/employment-contract.js');
      const { renderEmploymentContractPdf } = await import('../../documents/pdf/contract-pdf.js');
      const { writeOutputFile } = await import('../../exports/write-output-file.js');
      const input = employmentContractInput(book, parseMemberId(contractText));
      writeOutputFile(options.out, await renderEmploymentContractPdf(input), options.force === true);
      done(io, `Wrote the employment contract of ${input.member.name} (contract ${input.contract.id}) to ${options.out}.`);
    });
  });

  const cancel = contracts.command('cancel').description('cancel a contract that was not invoiced').argument('<contract>', 'contract number').option('--reason <text>', 'why');
  bookOptions(cancel);
  examples(cancel, ['smart contract cancel 7 --reason "Show cancelled by the venue"']);
  cancel.action(async (contractText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { reason?: string }>(cmd);
    await withBook(cmd, io, async (book, context) => {
      const { cancelContract } = await import('../../contracts/manage-contracts.js');
      const outcome = cancelContract(book, context, parseMemberId(contractText), options.reason);
      if (options.json === true) printJson(io, { ...contractJson(outcome.contract), changed: outcome.changed });
      done(io, outcome.changed ? `Contract ${outcome.contract.id} cancelled.` : `Contract ${outcome.contract.id} was already cancelled: nothing changed.`);
    });
  });
}
