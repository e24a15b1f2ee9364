import type { Command } from 'commander';
import { invalidInput, usageError } from '../../errors.js';
import type { StoredBankLine } from '../../bank/bank-store.js';
import { displayCents, formatCents } from '../../money/cents.js';
import { type CommonOptions, bookOptions, examples, optionsOf, withBook } from '../command-kit.js';
import { type Io, done, next, printJson, printTable, say, warn } from '../io.js';

export const STATEMENT_FORMATS = ['auto', 'kbc', 'bnp', 'belfius', 'ing', 'argenta', 'camt053', 'coda', 'csv'] as const;

function parseLineId(text: string): number {
  const trimmed = text.trim().replace(/^#/, '');
  if (!/^\d{1,12}$/.test(trimmed) || Number(trimmed) === 0) {
    throw usageError(`"${text}" is not a bank line number.`, 'Bank lines are numbered; see them with `smart bank unmatched`.');
  }
  return Number(trimmed);
}

function lineJson(line: StoredBankLine): Record<string, unknown> {
  return {
    id: line.id,
    date: line.bookingDate,
    amount: formatCents(line.amountCents),
    currency: line.currency,
    counterparty: line.counterpartyName,
    counterpartyIban: line.counterpartyIban,
    communication: line.communication ?? line.structuredReference,
    structuredReference: line.structuredReference,
    status: line.status,
  };
}

export function registerBankCommands(program: Command, io: Io): void {
  const bank = program.command('bank').description('bank statements: import, match payments to invoices, the unmatched queue');
  examples(bank, ['smart bank import statement.csv', 'smart bank unmatched', 'smart bank match 42 2026-000123']);

  const importCommand = bank
    .command('import')
    .description('import a statement: every line once, payments matched to invoices, the rest queued (a bad row rejects the whole file)')
    .argument('<file>', 'the statement: a Belgian bank CSV (KBC, BNP Paribas Fortis, Belfius, ING, Argenta), camt.053 XML, CODA, or any CSV with --map')
    .option('--format <format>', STATEMENT_FORMATS.join(', '), 'auto')
    .option('--map <mapping.json>', "the column mapping of another bank's CSV (see fixtures/bank/mapping.example.json)")
    .option('--dry-run', 'show what would be imported and matched, writing nothing');
  bookOptions(importCommand);
  examples(importCommand, ['smart bank import kbc-2026-11.csv', 'smart bank import statement.xml --dry-run --json', 'smart bank import other-bank.csv --format csv --map mapping.json']);
  importCommand.action(async (file: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { format: string; map?: string; dryRun?: boolean }>(cmd);
    if (!(STATEMENT_FORMATS as readonly string[]).includes(options.format)) throw invalidInput(`--format must be one of ${STATEMENT_FORMATS.join(', ')}.`);
    if (options.format === 'csv' && options.map === undefined) throw invalidInput('--format csv needs --map MAPPING.json (the columns of that bank).');
    if (options.map !== undefined && options.format !== 'auto' && options.format !== 'csv') throw usageError(`--map describes another bank's CSV: it does not go with --format ${options.format}.`);
    // A mapping says what the file is: --map alone means --format csv.
    const format = options.map === undefined ? options.format : 'csv';
    const { openStatement } = await import('../../bank/open-statement.js');
    const statement = await openStatement(file, { format: format as (typeof STATEMENT_FORMATS)[number], ...(options.map === undefined ? {} : { mapPath: options.map }) });
    await withBook(cmd, io, async (book, context) => {
      const { importStatement } = await import('../../bank/import-statement.js');
      const outcome = await importStatement(book, context, file, statement, options.dryRun === true);
      if (options.json === true) printJson(io, outcome);
      const verb = outcome.dryRun ? 'would import' : 'imported';
      done(io, `${outcome.file} (${outcome.format}): ${outcome.lines} line(s); ${verb} ${outcome.imported}, ${outcome.duplicates} already in the book; ${outcome.matched} payment(s) matched, ${outcome.payouts} payout batch(es) recognised, ${outcome.unmatched} to look at.`);
      if (outcome.flagged > 0) warn(io, `${outcome.flagged} payment(s) flagged (overpaid, or paid after a credit note): see smart bank unmatched and the client's credits.`);
      if (outcome.unmatched > 0 && !outcome.dryRun) next(io, 'smart bank unmatched');
    });
  });

  const unmatched = bank.command('unmatched').description('lines no rule could place, oldest first').option('--limit <n>', 'at most this many', '100');
  bookOptions(unmatched);
  examples(unmatched, ['smart bank unmatched', 'smart bank unmatched --json']);
  unmatched.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { limit: string }>(cmd);
    if (!/^\d{1,6}$/.test(options.limit)) throw invalidInput('--limit must be a whole number.');
    await withBook(cmd, io, async (book) => {
      const { unmatchedLines } = await import('../../bank/resolve-bank-line.js');
      const lines = unmatchedLines(book, Number(options.limit));
      if (options.json === true) return printJson(io, lines.map(lineJson));
      printTable(io, ['line', 'date', 'amount', 'counterparty', 'communication'], lines.map((line) => [String(line.id), line.bookingDate, displayCents(line.amountCents), line.counterpartyName ?? '', line.communication ?? line.structuredReference ?? '']), [0, 2]);
      say(io, io.paint.dim(`${lines.length} line(s) waiting: smart bank match LINE INVOICE, or smart bank ignore LINE --reason ...`));
    });
  });

  const match = bank.command('match').description('settle an unmatched incoming line against an invoice').argument('<line>', 'bank line number (see bank unmatched)').argument('<invoice>', 'invoice number, or its structured communication');
  bookOptions(match);
  examples(match, ['smart bank match 42 2026-000123', 'smart bank match 42 +++202/6000/00192+++']);
  match.action(async (lineText: string, invoiceNumber: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    await withBook(cmd, io, async (book, context) => {
      const { matchByHand } = await import('../../bank/resolve-bank-line.js');
      const lineId = parseLineId(lineText);
      const outcome = matchByHand(book, context, lineId, invoiceNumber.trim());
      if (options.json === true) printJson(io, { line: lineId, invoice: outcome.invoice, paid: formatCents(outcome.paidCents), credit: formatCents(outcome.creditCents), flag: outcome.flag });
      done(io, `Line ${lineId} settles ${displayCents(outcome.paidCents)} EUR of invoice ${outcome.invoice}${outcome.creditCents > 0 ? `; ${displayCents(outcome.creditCents)} EUR kept as the client's credit` : ''}.`);
    });
  });

  const ignore = bank.command('ignore').description('set a line aside (bank fees, a transfer between own accounts): it leaves the queue').argument('<line>', 'bank line number').option('--reason <text>', 'why');
  bookOptions(ignore);
  examples(ignore, ['smart bank ignore 43 --reason "bank fees"']);
  ignore.action(async (lineText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { reason?: string }>(cmd);
    await withBook(cmd, io, async (book, context) => {
      const { ignoreLine } = await import('../../bank/resolve-bank-line.js');
      const line = ignoreLine(book, context, parseLineId(lineText), options.reason);
      if (options.json === true) printJson(io, lineJson(line));
      done(io, `Line ${line.id} set aside: ${line.note ?? ''}.`);
    });
  });
}
