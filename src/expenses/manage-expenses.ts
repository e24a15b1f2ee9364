import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { parseIsoDate } from '../calendar/dates.js';
import { type Problem, conflict, invalidInput, notFound, usageError } from '../errors.js';
import { findMember } from '../members/show-member.js';
import { parseCents } from '../money/index.js';
import { type ExpenseNote, type ExpenseStatus, ExpenseStore } from './expense-store.js';

const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

export interface ExpenseInput {
  readonly memberId: number;
  readonly date?: string;
  readonly amount?: string;
  readonly vat?: string;
  readonly description?: string;
  readonly receiptPath?: string;
}

/**
 * A professional expense of a member (travel, material), with its receipt kept in the book.
 * Once approved it is reimbursed by the next payout run out of the member's budget, free of
 * social contributions. Notes are not idempotent by content: two taxis the same day are two notes.
 */
export function addExpense(book: Book, context: WriteContext, input: ExpenseInput): ExpenseNote {
  const problems: Problem[] = [];
  const date = input.date === undefined ? context.today : parseIsoDate(input.date);
  if (date === undefined) problems.push({ where: '--date', message: 'must be a real date written YYYY-MM-DD' });
  const amountCents = input.amount === undefined ? undefined : parseCents(input.amount);
  if (amountCents === undefined || amountCents <= 0) problems.push({ where: '--amount', message: 'is the amount incl. VAT in euros, e.g. 42.50' });
  const vatCents = input.vat === undefined ? 0 : parseCents(input.vat);
  if (vatCents === undefined || vatCents < 0 || (amountCents !== undefined && vatCents > amountCents)) problems.push({ where: '--vat', message: 'is the VAT included in the amount, in euros' });
  const description = (input.description ?? '').trim();
  if (description === '') problems.push({ where: '--description', message: 'is missing: say what was bought or paid' });
  let receipt: { name: string; content: Buffer } | undefined;
  if (input.receiptPath !== undefined) {
    try {
      const size = statSync(input.receiptPath).size;
      if (size > MAX_RECEIPT_BYTES) problems.push({ where: '--receipt', message: 'is larger than 10 MB: scan it at a lower resolution' });
      else receipt = { name: basename(input.receiptPath), content: readFileSync(input.receiptPath) };
    } catch {
      problems.push({ where: '--receipt', message: 'cannot be read: check the file name' });
    }
  }
  if (problems.length > 0) throw invalidInput('The expense note was not added.', { problems });
  const store = new ExpenseStore(book);
  return book
    .transaction((): ExpenseNote => {
      const member = findMember(book, input.memberId);
      if (member.status === 'left') throw conflict(`Member ${member.id} left on ${member.leftOn ?? '?'}.`);
      const id = store.insert({ memberId: member.id, date: date ?? context.today, amountCents: amountCents ?? 0, vatCents: vatCents ?? 0, description }, context.now);
      if (receipt !== undefined) store.attachReceipt(id, receipt.name, createHash('sha256').update(receipt.content).digest('hex'), receipt.content);
      recordAudit(book, context, `expense note ${id} added for member ${member.id}`);
      return findExpense(book, id);
    })
    .immediate();
}

export function findExpense(book: Book, id: number): ExpenseNote {
  const note = new ExpenseStore(book).findById(id);
  if (note === undefined) throw notFound(`No expense note ${id}.`, 'List them with `smart expense list`.');
  return note;
}

export function listExpenses(book: Book, filter: { memberId?: number; status?: ExpenseStatus }): ExpenseNote[] {
  return new ExpenseStore(book).list(filter);
}

/** Approves or rejects a submitted note; deciding the same way twice changes nothing. */
export function decideExpense(book: Book, context: WriteContext, id: number, decision: 'approved' | 'rejected', reason: string | undefined): { note: ExpenseNote; changed: boolean } {
  if (decision === 'rejected' && (reason === undefined || reason.trim() === '')) throw usageError('Say why the expense is rejected.', 'Pass --reason "...".');
  const store = new ExpenseStore(book);
  return book
    .transaction(() => {
      const note = findExpense(book, id);
      if (note.status === decision) return { note, changed: false };
      if (note.status !== 'submitted') throw conflict(`Expense note ${id} is already ${note.status}.`);
      store.decide(id, decision, reason?.trim() ?? null, context.now);
      recordAudit(book, context, `expense note ${id} ${decision}`);
      return { note: findExpense(book, id), changed: true };
    })
    .immediate();
}
