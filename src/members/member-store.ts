import type { Statement } from 'better-sqlite3';
import type { Book } from '../book/open-book.js';
import type { Member, MemberDraft, MemberStatus, MemberSummary } from './member.js';

const MEMBER_COLUMNS = `id, name, email, niss, iban, birth_date AS birthDate, address, category, withholding,
  status, joined_on AS joinedOn, left_on AS leftOn, created_at AS createdAt, updated_at AS updatedAt`;

export interface MemberFilter {
  readonly status?: MemberStatus;
  readonly category?: string;
  /** Matched against the name and e-mail, case-insensitively. */
  readonly search?: string;
  readonly limit?: number;
}

export type MemberChanges = Partial<Pick<Member, 'name' | 'email' | 'niss' | 'iban' | 'birthDate' | 'address' | 'category' | 'withholding'>>;

export class MemberStore {
  private readonly insertStatement: Statement;
  private readonly byId: Statement<[number], Member>;
  private readonly byNiss: Statement<[string], Member>;

  constructor(readonly book: Book) {
    this.insertStatement = book.prepare(
      `INSERT INTO members (name, email, niss, iban, birth_date, address, category, withholding, status, joined_on, created_at, updated_at)
       VALUES (@name, @email, @niss, @iban, @birthDate, @address, @category, @withholding, 'active', @joinedOn, @now, @now)`,
    );
    this.byId = book.prepare(`SELECT ${MEMBER_COLUMNS} FROM members WHERE id = ?`);
    this.byNiss = book.prepare(`SELECT ${MEMBER_COLUMNS} FROM members WHERE niss = ?`);
  }

  insert(draft: MemberDraft, now: string): number {
    const { shares: _shares, ...columns } = draft;
    return Number(this.insertStatement.run({ ...columns, now }).lastInsertRowid);
  }

  findById(id: number): Member | undefined {
    return this.byId.get(id);
  }

  findByNiss(niss: string): Member | undefined {
    return this.byNiss.get(niss);
  }

  /** Members with the shares they hold, in member-number order; one query whatever the count. */
  list(filter: MemberFilter): MemberSummary[] {
    const search = filter.search === undefined ? null : `%${filter.search.toLowerCase()}%`;
    return this.book
      .prepare(
        `SELECT m.id, m.name, m.email, m.category, m.status, coalesce(s.shares, 0) AS shares,
                m.joined_on AS joinedOn, m.left_on AS leftOn
         FROM members m
         LEFT JOIN (SELECT member_id, SUM(count) AS shares FROM share_movements GROUP BY member_id) s ON s.member_id = m.id
         WHERE (@status IS NULL OR m.status = @status)
           AND (@category IS NULL OR m.category = @category)
           AND (@search IS NULL OR lower(m.name) LIKE @search OR lower(m.email) LIKE @search)
         ORDER BY m.id
         LIMIT @limit`,
      )
      .all({ status: filter.status ?? null, category: filter.category ?? null, search, limit: filter.limit ?? -1 }) as MemberSummary[];
  }

  update(id: number, changes: MemberChanges, now: string): void {
    const columns: Record<keyof MemberChanges, string> = {
      name: 'name',
      email: 'email',
      niss: 'niss',
      iban: 'iban',
      birthDate: 'birth_date',
      address: 'address',
      category: 'category',
      withholding: 'withholding',
    };
    const keys = (Object.keys(changes) as (keyof MemberChanges)[]).filter((key) => changes[key] !== undefined);
    if (keys.length === 0) return;
    const assignments = keys.map((key) => `${columns[key]} = @${key}`).join(', ');
    this.book.prepare(`UPDATE members SET ${assignments}, updated_at = @now WHERE id = @id`).run({ ...changes, now, id });
  }

  markLeft(id: number, date: string, now: string): void {
    this.book.prepare(`UPDATE members SET status = 'left', left_on = @date, updated_at = @now WHERE id = @id`).run({ id, date, now });
  }

  count(): number {
    return (this.book.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n;
  }
}
