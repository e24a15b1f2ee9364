import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';

export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly user: string;
  readonly command: string;
  readonly summary: string;
}

/** Appends one line to the audit log, inside the caller's database transaction. */
export function recordAudit(book: Book, context: WriteContext, summary: string): void {
  book
    .prepare('INSERT INTO audit_log (at, os_user, command, summary) VALUES (?, ?, ?, ?)')
    .run(context.now, context.user, context.command, summary);
}

export function listAudit(book: Book, since: string | undefined, limit: number): AuditRow[] {
  return book
    .prepare(
      `SELECT id, at, os_user AS user, command, summary FROM audit_log
       WHERE at >= coalesce(?, '') ORDER BY id DESC LIMIT ?`,
    )
    .all(since ?? null, limit) as AuditRow[];
}
