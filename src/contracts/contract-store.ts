import type { Book } from '../book/open-book.js';
import type { Contract, ContractDraft, ContractStatus } from './contract.js';

const COLUMNS = `id, member_id AS memberId, client_id AS clientId, description, place, start_date AS startDate,
  end_date AS endDate, days, amount_cents AS amountCents, vat_rate AS vatRate, vat_regime AS vatRegime, status,
  cancel_reason AS cancelReason, created_at AS createdAt, updated_at AS updatedAt`;

export interface ContractFilter {
  readonly memberId?: number;
  readonly clientId?: number;
  readonly status?: ContractStatus;
  readonly limit?: number;
}

export class ContractStore {
  constructor(readonly book: Book) {}

  insert(draft: ContractDraft, now: string): number {
    return Number(
      this.book
        .prepare(
          `INSERT INTO contracts (member_id, client_id, description, place, start_date, end_date, days, amount_cents, vat_rate, vat_regime, created_at, updated_at)
           VALUES (@memberId, @clientId, @description, @place, @startDate, @endDate, @days, @amountCents, @vatRate, @vatRegime, @now, @now)`,
        )
        .run({ ...draft, now }).lastInsertRowid,
    );
  }

  findById(id: number): Contract | undefined {
    return this.book.prepare(`SELECT ${COLUMNS} FROM contracts WHERE id = ?`).get(id) as Contract | undefined;
  }

  findByNaturalKey(draft: ContractDraft): Contract | undefined {
    return this.book
      .prepare(
        `SELECT ${COLUMNS} FROM contracts WHERE member_id = @memberId AND client_id = @clientId AND start_date = @startDate
         AND end_date = @endDate AND amount_cents = @amountCents AND description = @description`,
      )
      .get(draft) as Contract | undefined;
  }

  list(filter: ContractFilter): Contract[] {
    return this.book
      .prepare(
        `SELECT ${COLUMNS} FROM contracts
         WHERE (@memberId IS NULL OR member_id = @memberId) AND (@clientId IS NULL OR client_id = @clientId)
           AND (@status IS NULL OR status = @status)
         ORDER BY id LIMIT @limit`,
      )
      .all({ memberId: filter.memberId ?? null, clientId: filter.clientId ?? null, status: filter.status ?? null, limit: filter.limit ?? -1 }) as Contract[];
  }

  setStatus(id: number, status: ContractStatus, cancelReason: string | null, now: string): void {
    this.book.prepare('UPDATE contracts SET status = @status, cancel_reason = @cancelReason, updated_at = @now WHERE id = @id').run({ id, status, cancelReason, now });
  }

  openCount(memberId: number): number {
    return (this.book.prepare(`SELECT COUNT(*) AS n FROM contracts WHERE member_id = ? AND status = 'open'`).get(memberId) as { n: number }).n;
  }

  /** The last year in which the member has a contract that was not cancelled (for the insurance). */
  lastContractYear(memberId: number): number | undefined {
    const row = this.book
      .prepare(`SELECT MAX(substr(end_date, 1, 4)) AS year FROM contracts WHERE member_id = ? AND status <> 'cancelled'`)
      .get(memberId) as { year: string | null };
    return row.year === null ? undefined : Number(row.year);
  }
}
