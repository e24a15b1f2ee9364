import type { Command } from 'commander';
import { invalidInput, usageError } from '../../errors.js';
import type { Invoice } from '../../invoicing/invoice.js';
import type { InvoiceStatus } from '../../invoicing/list-invoices.js';
import { displayCents, formatCents, parseCents } from '../../money/cents.js';
import { type CommonOptions, bookOptions, examples, optionsOf, parseCount, parseDateOption, parseMemberId, withBook } from '../command-kit.js';
import { writeSpreadsheetCsv } from '../csv-output.js';
import { type Io, done, next, printJson, printLine, printTable, say, warn } from '../io.js';
import { parseClientId } from './client.js';

/** How many invoices `smart invoice list` shows unless told otherwise: a screenful, not a ten-year book. */
const LIST_LIMIT = 100;

const STATUSES: readonly InvoiceStatus[] = ['issued', 'partly-credited', 'credited', 'credit-note'];

export function invoiceJson(invoice: Invoice): Record<string, unknown> {
  return {
    number: invoice.number,
    kind: invoice.kind,
    contract: invoice.contractId,
    member: invoice.memberId,
    client: invoice.clientId,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    supplyStart: invoice.supplyStart,
    supplyEnd: invoice.supplyEnd,
    vatRegime: invoice.vatRegime,
    amountExclVat: formatCents(invoice.amountExclVatCents),
    vat: formatCents(invoice.vatCents),
    total: formatCents(invoice.totalCents),
    levyRate: invoice.levyRate,
    fundRate: invoice.fundRate,
    levy: formatCents(invoice.levyCents),
    fund: formatCents(invoice.fundCents),
    budget: formatCents(invoice.budgetCents),
    structuredCommunication: invoice.structuredCommunication,
    reason: invoice.reason,
  };
}

function parseNumber(text: string): string {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{6}$/.test(trimmed)) throw invalidInput(`"${text}" is not an invoice number.`, { hint: 'Invoice numbers look like 2026-000123; find them with `smart invoice list`.' });
  return trimmed;
}

async function writeDocument(io: Io, out: string, force: boolean, data: string | Uint8Array, what: string): Promise<void> {
  const { writeOutputFile } = await import('../../exports/write-output-file.js');
  writeOutputFile(out, data, force);
  done(io, `Wrote ${what} to ${out}.`);
}

export function registerInvoiceCommands(program: Command, io: Io): void {
  const invoices = program.command('invoice').description("invoices issued in the co-op's name, credit notes, documents");
  examples(invoices, ['smart invoice issue 7', 'smart invoice list --from 2026-11-01', 'smart invoice credit 2026-000123 --reason "Concert cancelled"']);

  const issue = invoices.command('issue').description('issue the invoice of a contract: number, VAT, levy, fund and the member\'s budget').argument('<contract>', 'contract number').option('--date <date>', 'issue date, YYYY-MM-DD (default: today)');
  bookOptions(issue);
  examples(issue, ['smart invoice issue 7', 'smart invoice issue 7 --date 2026-11-30 --json']);
  issue.action(async (contractText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { date?: string }>(cmd);
    const date = parseDateOption(options.date, '--date');
    await withBook(cmd, io, async (book, context) => {
      const { issueInvoice } = await import('../../invoicing/issue-invoice.js');
      const outcome = issueInvoice(book, context, { contractId: parseMemberId(contractText), ...(date === undefined ? {} : { date }) });
      const { invoice } = outcome;
      if (options.json === true) printJson(io, { ...invoiceJson(invoice), created: outcome.created });
      if (!outcome.created) {
        done(io, `Contract ${invoice.contractId} is already invoiced: ${invoice.number}. Nothing changed.`);
        return;
      }
      done(io, `Invoice ${invoice.number} to client ${invoice.clientId}: ${displayCents(invoice.amountExclVatCents)} + VAT ${displayCents(invoice.vatCents)} = ${displayCents(invoice.totalCents)} EUR, due ${invoice.dueDate}, ${invoice.structuredCommunication}.`);
      done(io, `Levy ${displayCents(invoice.levyCents)}, fund ${displayCents(invoice.fundCents)}; budget ${displayCents(invoice.budgetCents)} EUR credited to member ${invoice.memberId}.`);
      next(io, `smart invoice pdf ${invoice.number} --out ${invoice.number}.pdf`);
    });
  });

  const credit = invoices
    .command('credit')
    .description('issue a credit note that reverses an invoice, in full or in part')
    .argument('<number>', 'invoice number, e.g. 2026-000123')
    .option('--reason <text>', 'why (printed on the credit note)')
    .option('--amount <euros>', 'amount excl. VAT to credit (default: all that is left)')
    .option('--date <date>', 'date of the credit note (default: today)');
  bookOptions(credit);
  examples(credit, ['smart invoice credit 2026-000123 --reason "Concert cancelled"', 'smart invoice credit 2026-000123 --amount 200 --reason "One day less than agreed" --json']);
  credit.action(async (numberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { reason?: string; amount?: string; date?: string }>(cmd);
    const number = parseNumber(numberText);
    const date = parseDateOption(options.date, '--date');
    const amountCents = options.amount === undefined ? undefined : parseCents(options.amount);
    if (options.amount !== undefined && amountCents === undefined) {
      const { typedAmountProblem } = await import('../../money/typed-amount.js');
      throw invalidInput(`--amount: ${typedAmountProblem(options.amount)}.`, { hint: 'Give the amount excl. VAT to credit in euros, e.g. 200 or 200.50 (two decimals at most).' });
    }
    await withBook(cmd, io, async (book, context) => {
      const { creditInvoice } = await import('../../invoicing/credit-invoice.js');
      const outcome = creditInvoice(book, context, { number, reason: options.reason ?? '', ...(amountCents === undefined ? {} : { amountCents }), ...(date === undefined ? {} : { date }) });
      const note = outcome.creditNote;
      if (options.json === true) printJson(io, { ...invoiceJson(note), created: outcome.created, fromFund: formatCents(outcome.fromFundCents) });
      if (!outcome.created) return done(io, `This credit was already issued: ${note.number}. Nothing changed.`);
      done(io, `Credit note ${note.number} for invoice ${outcome.original.number}: ${displayCents(note.amountExclVatCents)} + VAT ${displayCents(note.vatCents)} = ${displayCents(note.totalCents)} EUR; budget ${displayCents(note.budgetCents)} taken back.`);
      if (outcome.fromFundCents > 0) warn(io, `${displayCents(outcome.fromFundCents)} EUR of that budget had already been paid out: the guarantee fund absorbs it.`);
    });
  });

  const list = invoices
    .command('list')
    .description('list invoices and credit notes')
    .option('--member <n>', 'of one member')
    .option('--client <n>', 'to one client')
    .option('--status <status>', STATUSES.join(', '))
    .option('--from <date>', 'issued on or after')
    .option('--to <date>', 'issued on or before')
    .option('--limit <n>', `the latest N invoices of the selection (default ${LIST_LIMIT})`)
    .option('--all', 'every invoice of the selection, however many')
    .option('--csv', 'print CSV (spreadsheet-safe)');
  bookOptions(list);
  examples(list, [
    'smart invoice list',
    'smart invoice list --from 2026-11-01 --to 2026-11-30 --all',
    'smart invoice list --member 1 --json --limit 20',
    'smart invoice list --status credited --all --csv > credited.csv',
  ]);
  list.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { member?: string; client?: string; status?: string; from?: string; to?: string; limit?: string; all?: boolean; csv?: boolean }>(cmd);
    if (options.status !== undefined && !(STATUSES as readonly string[]).includes(options.status)) throw invalidInput(`--status must be one of ${STATUSES.join(', ')}.`);
    if (options.all === true && options.limit !== undefined) throw usageError('Give either --limit or --all, not both.');
    const limit = options.all === true ? undefined : options.limit === undefined ? LIST_LIMIT : parseCount(options.limit, 'invoices to list (--limit)');
    const from = parseDateOption(options.from, '--from');
    const to = parseDateOption(options.to, '--to');
    await withBook(cmd, io, async (book) => {
      const { listInvoices } = await import('../../invoicing/list-invoices.js');
      // One more than the limit says whether there are more to tell about.
      const found = listInvoices(book, {
        ...(options.member === undefined ? {} : { memberId: parseMemberId(options.member) }),
        ...(options.client === undefined ? {} : { clientId: parseClientId(options.client) }),
        ...(options.status === undefined ? {} : { status: options.status as InvoiceStatus }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
        ...(limit === undefined ? {} : { limit: limit + 1 }),
      });
      const more = limit !== undefined && found.length > limit;
      const rows = more ? found.slice(1) : found;
      if (more) say(io, io.paint.dim(`The latest ${limit} shown; --limit N or --all for more.`));
      if (options.json === true) return printJson(io, rows.map((row) => ({ ...invoiceJson(row), status: row.status, credited: formatCents(row.creditedCents) })));
      if (options.csv === true) {
        return writeSpreadsheetCsv(
          io.stdout,
          ['number', 'kind', 'status', 'issue_date', 'due_date', 'member', 'client', 'amount_excl_vat', 'vat', 'total', 'levy', 'fund', 'budget', 'structured_communication'],
          rows.map((row) => [row.number, row.kind, row.status, row.issueDate, row.dueDate, row.memberId, row.clientId, formatCents(row.amountExclVatCents), formatCents(row.vatCents), formatCents(row.totalCents), formatCents(row.levyCents), formatCents(row.fundCents), formatCents(row.budgetCents), row.structuredCommunication]),
        );
      }
      printTable(
        io,
        ['number', 'date', 'member', 'client', 'excl. VAT', 'VAT', 'total', 'status'],
        rows.map((row) => [row.number, row.issueDate, String(row.memberId), String(row.clientId), displayCents(row.amountExclVatCents), displayCents(row.vatCents), displayCents(row.totalCents), row.status]),
        [2, 3, 4, 5, 6],
      );
      say(io, io.paint.dim(`${rows.length} invoice(s) and credit note(s)`));
    });
  });

  const show = invoices.command('show').description('one invoice or credit note').argument('<number>', 'invoice number');
  bookOptions(show);
  examples(show, ['smart invoice show 2026-000123', 'smart invoice show 2026-000123 --json']);
  show.action(async (numberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    const number = parseNumber(numberText);
    await withBook(cmd, io, async (book) => {
      const { loadInvoiceDocument } = await import('../../invoicing/invoice-document.js');
      const document = loadInvoiceDocument(book, number);
      const { invoice } = document;
      if (options.json === true) {
        return printJson(io, {
          ...invoiceJson(invoice),
          lines: document.lines.map((line) => ({ ...line, netCents: undefined, net: formatCents(line.netCents) })),
          vatSubtotals: document.totals.subtotals.map((subtotal) => ({ category: subtotal.category, rate: subtotal.rate, taxable: formatCents(subtotal.taxableCents), vat: formatCents(subtotal.vatCents) })),
          credits: document.credited?.number ?? null,
          vatMention: document.vatMention?.text ?? null,
        });
      }
      const rows: [string, string][] = [
        [invoice.kind === 'invoice' ? 'invoice' : 'credit note', invoice.number],
        ...(document.credited === undefined ? [] : ([['corrects', `${document.credited.number} (${invoice.reason ?? ''})`]] as [string, string][])),
        ['issued', invoice.issueDate],
        ['due', invoice.dueDate],
        ['supply', `${invoice.supplyStart} to ${invoice.supplyEnd}`],
        ['client', `${document.client.id} ${document.client.name}${document.client.vatNumber === null ? '' : ` (${document.client.vatNumber})`}`],
        ['member', `${document.member.id} ${document.member.name}`],
        ...document.lines.map((line): [string, string] => [`line ${line.lineNumber}`, `${line.description}, ${line.quantity} day(s), ${displayCents(line.netCents)}`]),
        ...document.totals.subtotals.map((subtotal): [string, string] => [`VAT ${subtotal.category}`, `${displayCents(subtotal.vatCents)} on ${displayCents(subtotal.taxableCents)} at ${subtotal.rate}`]),
        ['total', `${displayCents(invoice.totalCents)} EUR`],
        ['payment', invoice.structuredCommunication],
        ['levy / fund', `${displayCents(invoice.levyCents)} / ${displayCents(invoice.fundCents)}`],
        ['budget', `${displayCents(invoice.budgetCents)} EUR`],
        ...(document.vatMention === undefined ? [] : ([['mention', document.vatMention.text]] as [string, string][])),
      ];
      for (const [label, value] of rows) printLine(io, `${io.paintData.bold(label.padEnd(12))}${value}`);
    });
  });
  const overdue = invoices
    .command('overdue')
    .description('unpaid invoices past their due date, oldest first, with client, member and what is still due')
    .option('--days <n>', 'at least this many days past due', '0')
    .option('--date <date>', 'as on this date (default: today)');
  bookOptions(overdue);
  examples(overdue, ['smart invoice overdue', 'smart invoice overdue --days 30 --json']);
  overdue.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { days: string; date?: string }>(cmd);
    if (!/^\d{1,4}$/.test(options.days)) throw invalidInput('--days must be a whole number of days.');
    const asOf = parseDateOption(options.date, '--date');
    await withBook(cmd, io, async (book, context) => {
      const { OverdueStore } = await import('../../invoicing/overdue-store.js');
      const { addDays, daysBetween } = await import('../../calendar/dates.js');
      const date = asOf ?? context.today;
      const rows = new OverdueStore(book).overdue(addDays(date, -Number(options.days)));
      const daysLate = (due: string): number => daysBetween(due, date);
      if (options.json === true) {
        return printJson(io, rows.map((row) => ({ number: row.number, dueDate: row.dueDate, daysOverdue: daysLate(row.dueDate), client: row.clientId, clientName: row.clientName, member: row.memberId, memberName: row.memberName, total: formatCents(row.totalCents), paid: formatCents(row.paidCents), open: formatCents(row.openCents), paidOut: row.paidOut === 1 })));
      }
      printTable(io, ['number', 'due', 'days', 'client', 'member', 'total', 'still due', 'advanced'], rows.map((row) => [row.number, row.dueDate, String(daysLate(row.dueDate)), row.clientName, row.memberName, displayCents(row.totalCents), displayCents(row.openCents), row.paidOut === 1 ? 'yes' : 'no']), [2, 5, 6]);
      say(io, io.paint.dim(`${rows.length} overdue invoice(s), ${displayCents(rows.reduce((sum, row) => sum + row.openCents, 0))} EUR still due`));
    });
  });

  const remind = invoices
    .command('remind')
    .description('render a payment reminder (PDF) for an invoice still due')
    .argument('<number>', 'invoice number')
    .requiredOption('--out <file>', 'the PDF file to write')
    .option('--reminder <n>', 'which reminder this is (1 first, 2 second, ...)', '1')
    .option('--date <date>', 'date of the reminder (default: today)')
    .option('--force', 'replace the file if it exists');
  bookOptions(remind, false);
  examples(remind, ['smart invoice remind 2026-000123 --out reminder-2026-000123.pdf', 'smart invoice remind 2026-000123 --reminder 2 --out second-reminder.pdf']);
  remind.action(async (numberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { out: string; reminder: string; date?: string; force?: boolean }>(cmd);
    const number = parseNumber(numberText);
    if (!/^[1-9]$/.test(options.reminder)) throw invalidInput('--reminder is 1 for a first reminder, 2 for a second, up to 9.');
    const asOf = parseDateOption(options.date, '--date');
    await withBook(cmd, io, async (book, context) => {
      const { OverdueStore } = await import('../../invoicing/overdue-store.js');
      const { loadInvoiceDocument } = await import('../../invoicing/invoice-document.js');
      const { conflict } = await import('../../errors.js');
      const open = new OverdueStore(book).openInvoice(number);
      if (open === undefined || open.openCents <= 0 || open.writtenOff === 1) throw conflict(`Invoice ${number} has nothing left to pay: no reminder to send.`);
      const date = asOf ?? context.today;
      const { daysBetween } = await import('../../calendar/dates.js');
      const { renderReminderPdf } = await import('../../documents/pdf/reminder-pdf.js');
      const pdf = await renderReminderPdf({
        invoice: loadInvoiceDocument(book, number),
        reminderDate: date,
        paidCents: open.paidCents,
        openCents: open.openCents,
        daysOverdue: Math.max(0, daysBetween(open.dueDate, date)),
        reminderNumber: Number(options.reminder),
      });
      await writeDocument(io, options.out, options.force === true, pdf, `reminder ${options.reminder} for invoice ${number} (${displayCents(open.openCents)} EUR still due)`);
    });
  });

  const writeOff = invoices
    .command('write-off')
    .description('move an unrecoverable invoice whose salary was advanced to the guarantee fund, regularising its VAT')
    .argument('<number>', 'invoice number')
    .option('--reason <text>', 'why it will not be paid', 'unrecoverable')
    .option('--date <date>', 'date of the write-off (default: today)');
  bookOptions(writeOff);
  examples(writeOff, ['smart invoice write-off 2026-000123 --reason "Client bankrupt (Moniteur belge 2026-10-02)"']);
  writeOff.action(async (numberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { reason: string; date?: string }>(cmd);
    const number = parseNumber(numberText);
    const date = parseDateOption(options.date, '--date');
    await withBook(cmd, io, async (book, context) => {
      const { writeOffInvoice } = await import('../../invoicing/write-off.js');
      const outcome = writeOffInvoice(book, context, number, options.reason, date);
      if (options.json === true) printJson(io, { number, created: outcome.created, open: formatCents(outcome.openCents), vat: formatCents(outcome.vatCents), fund: formatCents(outcome.fundCents) });
      if (!outcome.created) return done(io, `Invoice ${number} was already written off: nothing changed.`);
      done(io, `Invoice ${number} written off: ${displayCents(outcome.openCents)} EUR, of which VAT ${displayCents(outcome.vatCents)} regularised and ${displayCents(outcome.fundCents)} absorbed by the guarantee fund.`);
    });
  });

  for (const open of [true, false]) {
    const command = invoices
      .command(open ? 'dispute' : 'resolve')
      .description(open ? 'record that the client disputes an invoice: its salary is not advanced until resolved' : 'close the dispute of an invoice')
      .argument('<number>', 'invoice number')
      .option('--reason <text>', open ? 'what the client disputes' : 'how it was settled');
    bookOptions(command);
    examples(command, [open ? 'smart invoice dispute 2026-000123 --reason "Client says the show was shortened"' : 'smart invoice resolve 2026-000123 --reason "Agreed by phone"']);
    command.action(async (numberText: string, _options: unknown, cmd: Command) => {
      const options = optionsOf<CommonOptions & { reason?: string }>(cmd);
      const number = parseNumber(numberText);
      await withBook(cmd, io, async (book, context) => {
        const { setDispute } = await import('../../invoicing/disputes.js');
        const outcome = setDispute(book, context, number, open, options.reason);
        if (options.json === true) printJson(io, { number, disputed: open, changed: outcome.changed });
        done(io, outcome.changed ? `Invoice ${number}: ${open ? 'disputed; the payout run holds it' : 'dispute resolved'}.` : `Invoice ${number} was already ${open ? 'disputed' : 'not disputed'}: nothing changed.`);
      });
    });
  }

  for (const format of ['pdf', 'ubl'] as const) {
    const command = invoices
      .command(format)
      .description(format === 'pdf' ? 'render the invoice or credit note as PDF, with every mention Belgian law requires' : 'write the invoice or credit note as Peppol BIS Billing 3.0 UBL (XML)')
      .argument('<number>', 'invoice number')
      .requiredOption('--out <file>', format === 'pdf' ? 'the PDF file to write' : 'the XML file to write')
      .option('--force', 'replace the file if it exists');
    bookOptions(command, false);
    examples(command, [`smart invoice ${format} 2026-000123 --out 2026-000123.${format === 'pdf' ? 'pdf' : 'xml'}`]);
    command.action(async (numberText: string, _options: unknown, cmd: Command) => {
      const options = optionsOf<CommonOptions & { out: string; force?: boolean }>(cmd);
      const number = parseNumber(numberText);
      await withBook(cmd, io, async (book) => {
        const { loadInvoiceDocument } = await import('../../invoicing/invoice-document.js');
        const document = loadInvoiceDocument(book, number);
        if (format === 'pdf') {
          const { renderInvoicePdf } = await import('../../documents/pdf/invoice-pdf.js');
          await writeDocument(io, options.out, options.force === true, await renderInvoicePdf(document), `${document.invoice.kind === 'invoice' ? 'invoice' : 'credit note'} ${number}`);
        } else {
          const { renderUbl } = await import('../../documents/ubl/write-ubl.js');
          await writeDocument(io, options.out, options.force === true, renderUbl(document), `the Peppol UBL of ${number}`);
        }
      });
    });
  }
}
