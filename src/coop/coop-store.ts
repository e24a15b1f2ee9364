import type { Book } from '../book/open-book.js';

export interface Coop {
  readonly name: string;
  readonly enterpriseNumber: string;
  readonly iban: string;
  readonly bic: string;
  readonly address: string;
  readonly demo: boolean;
  readonly createdAt: string;
}

export function insertCoop(book: Book, coop: Coop): void {
  book
    .prepare(
      `INSERT INTO coop (id, name, enterprise_number, iban, bic, address, demo, created_at)
       VALUES (1, @name, @enterpriseNumber, @iban, @bic, @address, @demo, @createdAt)`,
    )
    .run({ ...coop, demo: coop.demo ? 1 : 0 });
}

export function findCoop(book: Book): Coop | undefined {
  const row = book
    .prepare(
      `SELECT name, enterprise_number AS enterpriseNumber, iban, bic, address, demo, created_at AS createdAt
       FROM coop WHERE id = 1`,
    )
    .get() as (Omit<Coop, 'demo'> & { demo: number }) | undefined;
  return row === undefined ? undefined : { ...row, demo: row.demo === 1 };
}
