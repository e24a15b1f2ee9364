import type { Command } from 'commander';
import { invalidInput } from '../../errors.js';
import type { ExpenseNote, ExpenseStatus } from '../../expenses/expense-store.js';
import { displayCents, formatCents } from '../../money/cents.js';
import { type CommonOptions, bookOptions, examples, optionsOf, parseMemberId, withBook } from '../command-kit.js';
import { type Io, done, printJson, printTable } from '../io.js';

const STATUSES: readonly ExpenseStatus[] = ['submitted', 'approved', 'rejected', 'reimbursed'];

function expenseJson(note: ExpenseNote): Record<string, unknown> {
  return { id: note.id, member: note.memberId, date: note.date, amount: formatCents(note.amountCents), vat: formatCents(note.vatCents), description: note.description, status: note.status, reason: note.decisionReason, receipt: note.receipt };
}

export function registerExpenseCommands(program: Command, io: Io): void {
  const expenses = program.command('expense').description("expense notes: reimbursed out of the member's budget, free of social contributions");
  examples(expenses, ['smart expense add --member 3 --date 2026-11-20 --amount 42.50 --description "Train Brussels-Liège" --receipt ticket.pdf', 'smart expense approve 7']);

  const add = expenses
    .command('add')
    .description('record an expense note (it waits for approval)')
    .requiredOption('--member <n>', 'member number')
    .option('--date <date>', 'date of the expense (default: today)')
    .option('--amount <euros>', 'amount paid, VAT included')
    .option('--vat <euros>', 'the VAT included in the amount', '0')
    .option('--description <text>', 'what was bought or paid')
    .option('--receipt <file>', 'the receipt (PDF or picture), kept in the book');
  bookOptions(add);
  examples(add, ['smart expense add --member 3 --amount 42.50 --description "Train Brussels-Liège" --receipt ticket.pdf --json']);
  add.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { member: string; date?: string; amount?: string; vat?: string; description?: string; receipt?: string }>(cmd);
    await withBook(cmd, io, async (book, context) => {
      const { addExpense } = await import('../../expenses/manage-expenses.js');
      const note = addExpense(book, context, {
        memberId: parseMemberId(options.member),
        ...(options.date === undefined ? {} : { date: options.date }),
        ...(options.amount === undefined ? {} : { amount: options.amount }),
        ...(options.vat === undefined ? {} : { vat: options.vat }),
        ...(options.description === undefined ? {} : { description: options.description }),
        ...(options.receipt === undefined ? {} : { receiptPath: options.receipt }),
      });
      if (options.json === true) printJson(io, expenseJson(note));
      done(io, `Expense note ${note.id} of member ${note.memberId}: ${displayCents(note.amountCents)} EUR, ${note.description}${note.receipt === null ? '' : ` (receipt ${note.receipt} kept)`}; waiting for approval.`);
    });
  });

  for (const decision of ['approve', 'reject'] as const) {
    const command = expenses.command(decision).description(decision === 'approve' ? 'approve a note: the next payout run reimburses it' : 'reject a note').argument('<id>', 'expense note number');
    if (decision === 'reject') command.option('--reason <text>', 'why');
    bookOptions(command);
    examples(command, [decision === 'approve' ? 'smart expense approve 7' : 'smart expense reject 7 --reason "No receipt"']);
    command.action(async (idText: string, _options: unknown, cmd: Command) => {
      const options = optionsOf<CommonOptions & { reason?: string }>(cmd);
      await withBook(cmd, io, async (book, context) => {
        const { decideExpense } = await import('../../expenses/manage-expenses.js');
        const outcome = decideExpense(book, context, parseMemberId(idText), decision === 'approve' ? 'approved' : 'rejected', options.reason);
        if (options.json === true) printJson(io, { ...expenseJson(outcome.note), changed: outcome.changed });
        done(io, outcome.changed ? `Expense note ${outcome.note.id} ${outcome.note.status}.` : `Expense note ${outcome.note.id} was already ${outcome.note.status}: nothing changed.`);
      });
    });
  }

  const list = expenses.command('list').description('expense notes').option('--member <n>', 'of one member').option('--status <status>', STATUSES.join(', '));
  bookOptions(list);
  examples(list, ['smart expense list --status submitted', 'smart expense list --member 3 --json']);
  list.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { member?: string; status?: string }>(cmd);
    if (options.status !== undefined && !(STATUSES as readonly string[]).includes(options.status)) throw invalidInput(`--status must be one of ${STATUSES.join(', ')}.`);
    await withBook(cmd, io, async (book) => {
      const { listExpenses } = await import('../../expenses/manage-expenses.js');
      const notes = listExpenses(book, { ...(options.member === undefined ? {} : { memberId: parseMemberId(options.member) }), ...(options.status === undefined ? {} : { status: options.status as ExpenseStatus }) });
      if (options.json === true) return printJson(io, notes.map(expenseJson));
      printTable(io, ['#', 'member', 'date', 'amount', 'status', 'description'], notes.map((n) => [String(n.id), String(n.memberId), n.date, displayCents(n.amountCents), n.status, n.description]), [0, 1, 3]);
    });
  });
}
