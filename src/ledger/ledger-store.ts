import type { Statement } from 'better-sqlite3';
import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/index.js';
import type { AccountSpec } from './chart.js';

export interface EntryRow {
  readonly id: number;
  readonly key: string;
  readonly date: string;
  readonly reason: string;
  readonly memo: string;
  readonly command: string;
  readonly memberId: number | null;
  readonly postingCount: number;
  readonly debitCents: Cents;
}

export interface PostingRow {
  readonly accountCode: string;
  readonly amountCents: Cents;
}

export interface NewEntry {
  readonly key: string;
  readonly date: string;
  readonly reason: string;
  readonly memo: string;
  readonly command: string;
  readonly memberId: number | null;
  readonly reversesEntryId: number | null;
  readonly postingCount: number;
  readonly debitCents: Cents;
  readonly recordedAt: string;
}

/**
 * The ledger's SQL. Statements are prepared once per book, so that importing a hundred thousand
 * members posts a hundred thousand entries without preparing a statement each time.
 */
export class LedgerStore {
  private readonly accountIds = new Map<string, number>();
  private readonly selectAccount: Statement<[string], { id: number }>;
  private readonly insertAccountStatement: Statement;
  private readonly insertEntryStatement: Statement;
  private readonly insertPostingStatement: Statement;
  private readonly selectEntryByKey: Statement<[string], EntryRow>;
  private readonly selectPostings: Statement<[number], PostingRow>;
  private readonly selectBalance: Statement<[string], { balance: number | null }>;

  constructor(readonly book: Book) {
    this.selectAccount = book.prepare('SELECT id FROM accounts WHERE code = ?');
    this.insertAccountStatement = book.prepare(
      'INSERT OR IGNORE INTO accounts (code, type, name, member_id, client_id) VALUES (@code, @type, @name, @memberId, @clientId)',
    );
    this.insertEntryStatement = book.prepare(
      `INSERT INTO entries (key, date, reason, memo, command, member_id, reverses_entry_id, posting_count, debit_cents, recorded_at)
       VALUES (@key, @date, @reason, @memo, @command, @memberId, @reversesEntryId, @postingCount, @debitCents, @recordedAt)`,
    );
    this.insertPostingStatement = book.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)');
    this.selectEntryByKey = book.prepare(
      `SELECT id, key, date, reason, memo, command, member_id AS memberId, posting_count AS postingCount, debit_cents AS debitCents
       FROM entries WHERE key = ?`,
    );
    this.selectPostings = book.prepare(
      `SELECT a.code AS accountCode, p.amount_cents AS amountCents
       FROM postings p JOIN accounts a ON a.id = p.account_id WHERE p.entry_id = ? ORDER BY p.id`,
    );
    this.selectBalance = book.prepare(
      'SELECT SUM(p.amount_cents) AS balance FROM postings p WHERE p.account_id = (SELECT id FROM accounts WHERE code = ?)',
    );
  }

  /** The account's id, creating the account on first use (one statement for a new account). */
  accountId(spec: AccountSpec): number {
    const cached = this.accountIds.get(spec.code);
    if (cached !== undefined) return cached;
    const inserted = this.insertAccountStatement.run({ code: spec.code, type: spec.type, name: spec.name, memberId: spec.memberId ?? null, clientId: spec.clientId ?? null });
    const id = inserted.changes === 1 ? Number(inserted.lastInsertRowid) : this.selectAccount.get(spec.code)?.id;
    if (id === undefined) throw new Error(`account ${spec.code} could be neither created nor found`);
    this.accountIds.set(spec.code, id);
    return id;
  }

  entryByKey(key: string): EntryRow | undefined {
    return this.selectEntryByKey.get(key);
  }

  postingsOf(entryId: number): PostingRow[] {
    return this.selectPostings.all(entryId);
  }

  insertEntry(entry: NewEntry): number {
    return Number(this.insertEntryStatement.run(entry).lastInsertRowid);
  }

  insertPosting(entryId: number, accountId: number, amountCents: Cents): void {
    this.insertPostingStatement.run(entryId, accountId, amountCents);
  }

  /** Debit-positive balance of one account (0 when it has no postings or does not exist). */
  balance(code: string): Cents {
    return this.selectBalance.get(code)?.balance ?? 0;
  }

  /** Debit-positive balance of an account from the entries dated on or before a date (all when undefined). */
  balanceUntil(code: string, until: string | undefined): Cents {
    const row = this.book
      .prepare(
        `SELECT SUM(p.amount_cents) AS balance FROM postings p JOIN entries e ON e.id = p.entry_id
         WHERE p.account_id = (SELECT id FROM accounts WHERE code = @code) AND (@until IS NULL OR e.date <= @until)`,
      )
      .get({ code, until: until ?? null }) as { balance: number | null };
    return row.balance ?? 0;
  }

  /** An account's debits and credits in a period, by the reason code of their entries. */
  movementsByReason(code: string, from: string | undefined, to: string | undefined): { reason: string; debitCents: Cents; creditCents: Cents }[] {
    return this.book
      .prepare(
        `SELECT e.reason, SUM(CASE WHEN p.amount_cents > 0 THEN p.amount_cents ELSE 0 END) AS debitCents,
                SUM(CASE WHEN p.amount_cents < 0 THEN -p.amount_cents ELSE 0 END) AS creditCents
         FROM postings p JOIN entries e ON e.id = p.entry_id
         WHERE p.account_id = (SELECT id FROM accounts WHERE code = @code)
           AND (@from IS NULL OR e.date >= @from) AND (@to IS NULL OR e.date <= @to)
         GROUP BY e.reason`,
      )
      .all({ code, from: from ?? null, to: to ?? null }) as { reason: string; debitCents: Cents; creditCents: Cents }[];
  }

  /** Credit-positive balance: what a liability or equity account holds (written 0 - x so that 0 is never -0). */
  creditBalance(code: string): Cents {
    return 0 - this.balance(code);
  }
}
