import type { Book } from '../book/open-book.js';

export interface Coop {
  readonly name: string;
  readonly enterpriseNumber: string;
  readonly iban: string;
  readonly bic: string;
  readonly address: string;
  /** The ONSS employer number (9 digits, or 10 for a provisional one); null until it is recorded. */
  readonly onssNumber?: string | null;
  readonly demo: boolean;
  readonly createdAt: string;
}

export function insertCoop(book: Book, coop: Coop): void {
  book
    .prepare(
      `INSERT INTO coop (id, name, enterprise_number, iban, bic, address, onss_number, demo, created_at)
       VALUES (1, @name, @enterpriseNumber, @iban, @bic, @address, @onssNumber, @demo, @createdAt)`,
    )
    .run({ ...coop, onssNumber: coop.onssNumber ?? null, demo: coop.demo ? 1 : 0 });
}

export function findCoop(book: Book): Coop | undefined {
  const row = book
    .prepare(
      `SELECT name, enterprise_number AS enterpriseNumber, iban, bic, address, onss_number AS onssNumber, demo, created_at AS createdAt
       FROM coop WHERE id = 1`,
    )
    .get() as (Omit<Coop, 'demo'> & { demo: number }) | undefined;
  return row === undefined ? undefined : { ...row, demo: row.demo === 1 };
}

/** Records the co-op's ONSS employer number (digits, validated by the caller). */
export function updateOnssNumber(book: Book, onssNumber: string): void {
  book.prepare('UPDATE coop SET onss_number = ? WHERE id = 1').run(onssNumber);
}
