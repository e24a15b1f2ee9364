import type { Book } from '../book/open-book.js';
import type { Client, ClientDraft } from './client.js';

const COLUMNS = `id, name, address, country, vat_number AS vatNumber, email, iban, peppol_id AS peppolId,
  blocked, blocked_reason AS blockedReason, created_at AS createdAt, updated_at AS updatedAt`;

type ClientRow = Omit<Client, 'blocked'> & { blocked: number };

function fromRow(row: ClientRow | undefined): Client | undefined {
  return row === undefined ? undefined : { ...row, blocked: row.blocked === 1 };
}

export interface ClientFilter {
  readonly search?: string;
  readonly blocked?: boolean;
  readonly limit?: number;
}

export class ClientStore {
  constructor(readonly book: Book) {}

  insert(draft: ClientDraft, now: string): number {
    return Number(
      this.book
        .prepare(
          `INSERT INTO clients (name, address, country, vat_number, email, iban, peppol_id, created_at, updated_at)
           VALUES (@name, @address, @country, @vatNumber, @email, @iban, @peppolId, @now, @now)`,
        )
        .run({ ...draft, now }).lastInsertRowid,
    );
  }

  findById(id: number): Client | undefined {
    return fromRow(this.book.prepare(`SELECT ${COLUMNS} FROM clients WHERE id = ?`).get(id) as ClientRow | undefined);
  }

  findByVat(vatNumber: string): Client | undefined {
    return fromRow(this.book.prepare(`SELECT ${COLUMNS} FROM clients WHERE vat_number = ?`).get(vatNumber) as ClientRow | undefined);
  }

  /** A private person has no VAT number: name, address and country identify them. */
  findPrivate(draft: ClientDraft): Client | undefined {
    return fromRow(
      this.book
        .prepare(`SELECT ${COLUMNS} FROM clients WHERE vat_number IS NULL AND name = @name AND address = @address AND country = @country`)
        .get(draft) as ClientRow | undefined,
    );
  }

  list(filter: ClientFilter): Client[] {
    const rows = this.book
      .prepare(
        `SELECT ${COLUMNS} FROM clients
         WHERE (@search IS NULL OR lower(name) LIKE @search OR vat_number LIKE @search)
           AND (@blocked IS NULL OR blocked = @blocked)
         ORDER BY id LIMIT @limit`,
      )
      .all({
        search: filter.search === undefined ? null : `%${filter.search.toLowerCase()}%`,
        blocked: filter.blocked === undefined ? null : filter.blocked ? 1 : 0,
        limit: filter.limit ?? -1,
      }) as ClientRow[];
    return rows.map((row) => ({ ...row, blocked: row.blocked === 1 }));
  }

  update(id: number, changes: Partial<ClientDraft>, now: string): void {
    const columns: Record<keyof ClientDraft, string> = {
      name: 'name',
      address: 'address',
      country: 'country',
      vatNumber: 'vat_number',
      email: 'email',
      iban: 'iban',
      peppolId: 'peppol_id',
    };
    const keys = (Object.keys(changes) as (keyof ClientDraft)[]).filter((key) => changes[key] !== undefined);
    if (keys.length === 0) return;
    const assignments = keys.map((key) => `${columns[key]} = @${key}`).join(', ');
    this.book.prepare(`UPDATE clients SET ${assignments}, updated_at = @now WHERE id = @id`).run({ ...changes, now, id });
  }

  setBlocked(id: number, blocked: boolean, reason: string | null, now: string): void {
    this.book
      .prepare('UPDATE clients SET blocked = @blocked, blocked_reason = @reason, updated_at = @now WHERE id = @id')
      .run({ id, blocked: blocked ? 1 : 0, reason, now });
  }
}
