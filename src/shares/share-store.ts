import type { Statement } from 'better-sqlite3';
import type { Book } from '../book/open-book.js';
import type { Cents } from '../money/index.js';

export interface ShareMovement {
  readonly key: string;
  readonly memberId: number;
  readonly date: string;
  readonly count: number;
  readonly unitPriceCents: Cents;
  readonly entryId: number;
}

export interface ShareLot {
  readonly unitPriceCents: Cents;
  readonly count: number;
}

export interface RollRow {
  readonly id: number;
  readonly name: string;
  readonly shares: number;
}

export class ShareStore {
  private readonly insertStatement: Statement;
  private readonly byKey: Statement<[string], ShareMovement>;
  private readonly lotsOf: Statement<[number], ShareLot>;

  constructor(readonly book: Book) {
    this.insertStatement = book.prepare(
      `INSERT INTO share_movements (key, member_id, date, count, unit_price_cents, entry_id)
       VALUES (@key, @memberId, @date, @count, @unitPriceCents, @entryId)`,
    );
    this.byKey = book.prepare(
      `SELECT key, member_id AS memberId, date, count, unit_price_cents AS unitPriceCents, entry_id AS entryId
       FROM share_movements WHERE key = ?`,
    );
    this.lotsOf = book.prepare(
      `SELECT unit_price_cents AS unitPriceCents, SUM(count) AS count FROM share_movements
       WHERE member_id = ? GROUP BY unit_price_cents HAVING SUM(count) <> 0 ORDER BY unit_price_cents`,
    );
  }

  insert(movement: ShareMovement): void {
    this.insertStatement.run(movement);
  }

  findByKey(key: string): ShareMovement | undefined {
    return this.byKey.get(key);
  }

  /** The shares a member holds, grouped by the nominal price they were bought at. */
  lots(memberId: number): ShareLot[] {
    return this.lotsOf.all(memberId);
  }

  held(memberId: number): number {
    return this.lots(memberId).reduce((sum, lot) => sum + lot.count, 0);
  }

  /** Members with the status "active" holding at least one share, by member number. */
  votingRoll(): RollRow[] {
    return this.book
      .prepare(
        `SELECT m.id, m.name, s.shares FROM members m
         JOIN (SELECT member_id, SUM(count) AS shares FROM share_movements GROUP BY member_id) s ON s.member_id = m.id
         WHERE m.status = 'active' AND s.shares > 0 ORDER BY m.id`,
      )
      .all() as RollRow[];
  }
}
