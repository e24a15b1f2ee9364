import type { Book } from '../book/open-book.js';
import type { RuleStatus } from './catalogue.js';

export interface RuleRow {
  readonly id: number;
  readonly name: string;
  readonly effectiveFrom: string;
  readonly value: string;
  readonly status: RuleStatus;
  readonly source: string;
  readonly recordedAt: string;
  readonly recordedBy: string;
}

const COLUMNS = `id, name, effective_from AS effectiveFrom, value, status, source,
  recorded_at AS recordedAt, recorded_by AS recordedBy`;

/** Every rule row, oldest first: a few hundred rows at most, read once per command. */
export function allRuleRows(book: Book): RuleRow[] {
  return book.prepare(`SELECT ${COLUMNS} FROM rules ORDER BY name, effective_from, id`).all() as RuleRow[];
}

export function insertRuleRow(book: Book, row: Omit<RuleRow, 'id'>): number {
  const result = book
    .prepare(
      `INSERT INTO rules (name, effective_from, value, status, source, recorded_at, recorded_by)
       VALUES (@name, @effectiveFrom, @value, @status, @source, @recordedAt, @recordedBy)`,
    )
    .run(row);
  return Number(result.lastInsertRowid);
}
