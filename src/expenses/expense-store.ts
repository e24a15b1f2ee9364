import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/index.js';

export type ExpenseStatus = 'submitted' | 'approved' | 'rejected' | 'reimbursed';

export interface ExpenseNote {
  readonly id: number;
  readonly memberId: number;
  readonly date: string;
  readonly amountCents: Cents;
  readonly vatCents: Cents;
  readonly description: string;
  readonly status: ExpenseStatus;
  readonly decisionReason: string | null;
  readonly payslipId: number | null;
  readonly receipt: string | null;
}

const COLUMNS = `e.id, e.member_id AS memberId, e.date, e.amount_cents AS amountCents, e.vat_cents AS vatCents, e.description, e.status,
  e.decision_reason AS decisionReason, e.payslip_id AS payslipId, r.file_name AS receipt`;

export class ExpenseStore {
  constructor(readonly book: Book) {}

  insert(note: { memberId: number; date: string; amountCents: Cents; vatCents: Cents; description: string }, now: string): number {
    return Number(
      this.book
        .prepare(
          `INSERT INTO expense_notes (member_id, date, amount_cents, vat_cents, description, created_at, updated_at)
           VALUES (@memberId, @date, @amountCents, @vatCents, @description, @now, @now)`,
        )
        .run({ ...note, now }).lastInsertRowid,
    );
  }

  attachReceipt(expenseId: number, fileName: string, sha256: string, content: Buffer): void {
    this.book.prepare('INSERT INTO expense_receipts (expense_id, file_name, sha256, content) VALUES (?, ?, ?, ?)').run(expenseId, fileName, sha256, content);
  }

  findById(id: number): ExpenseNote | undefined {
    return this.book.prepare(`SELECT ${COLUMNS} FROM expense_notes e LEFT JOIN expense_receipts r ON r.expense_id = e.id WHERE e.id = ?`).get(id) as ExpenseNote | undefined;
  }

  list(filter: { memberId?: number; status?: ExpenseStatus }): ExpenseNote[] {
    return this.book
      .prepare(
        `SELECT ${COLUMNS} FROM expense_notes e LEFT JOIN expense_receipts r ON r.expense_id = e.id
         WHERE (@memberId IS NULL OR e.member_id = @memberId) AND (@status IS NULL OR e.status = @status) ORDER BY e.id`,
      )
      .all({ memberId: filter.memberId ?? null, status: filter.status ?? null }) as ExpenseNote[];
  }

  /** Approved notes not yet reimbursed, oldest first, for the payout run. */
  approvedUnpaid(): ExpenseNote[] {
    return this.list({ status: 'approved' }).sort((a, b) => (a.date === b.date ? a.id - b.id : a.date < b.date ? -1 : 1));
  }

  decide(id: number, status: 'approved' | 'rejected', reason: string | null, now: string): void {
    this.book.prepare('UPDATE expense_notes SET status = @status, decision_reason = @reason, decided_at = @now, updated_at = @now WHERE id = @id').run({ id, status, reason, now });
  }

  markReimbursed(id: number, payslipId: number, now: string): void {
    this.book.prepare(`UPDATE expense_notes SET status = 'reimbursed', payslip_id = @payslipId, updated_at = @now WHERE id = @id AND status = 'approved'`).run({ id, payslipId, now });
  }
}
