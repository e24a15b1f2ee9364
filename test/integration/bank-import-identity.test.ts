import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BankLine } from '../../src/bank/bank-line.js';
import { type Statement, importStatement, lineIdentity } from '../../src/bank/import-statement.js';
import { SmartError, invalidInput } from '../../src/errors.js';
import { type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

/**
 * The identities `smart bank import` gives lines are the key of exactly-once imports across
 * every version of smart: a statement imported by an older version must be recognised by this
 * one. Here they are computed independently of the code (the formula of DOMAIN.md's "importing
 * the same statement twice adds nothing", as import-statement.ts documents it), and the two ways
 * a reader can hand lines over (one by one, or in batches with identities read on another
 * thread) must give the same book.
 */
let temp: TempBook;
let file: string;
beforeEach(() => {
  temp = createTempBook();
  file = join(temp.dir, 'statement.csv');
  writeFileSync(file, 'a statement');
});
afterEach(() => temp.cleanup());

function line(overrides: Partial<BankLine>): BankLine {
  return {
    sourceLine: 2,
    account: 'BE71096123456769',
    bookingDate: '2026-11-20',
    valueDate: null,
    amountCents: 1999,
    currency: 'EUR',
    counterpartyName: 'Théâtre National',
    counterpartyIban: null,
    structuredReference: null,
    communication: 'for the show',
    bankReference: null,
    ...overrides,
  };
}

/** The identity formula, written out: SHA-256 of the fields joined by U+001F, 32 base64url characters, then the occurrence. */
function expectedIdentity(item: BankLine, occurrence: number): string {
  if (item.bankReference !== null && item.bankReference.trim() !== '') return `ref:${item.account ?? ''}:${item.bankReference.trim()}`;
  const fields = [item.account, item.bookingDate, item.valueDate, item.amountCents, item.currency, item.counterpartyIban, item.counterpartyName, item.structuredReference, item.communication];
  const content = fields.map((field) => (field === null ? '' : String(field))).join('\u001f');
  return `hash:${createHash('sha256').update(content, 'utf8').digest('base64url').slice(0, 32)}#${occurrence}`;
}

const LINES: readonly BankLine[] = [
  line({}),
  line({ amountCents: -250, communication: 'bank fees', counterpartyName: null }),
  line({}),
  line({ bankReference: ' 2026-000123 ' }),
  line({ communication: 'Élise, ½ € — 😀', valueDate: '2026-11-21', counterpartyIban: 'BE48068246913527' }),
  line({}),
];

function oneByOne(lines: readonly BankLine[]): Statement {
  return {
    format: 'test',
    async *read() {
      for (const [index, item] of lines.entries()) yield { ...item, sourceLine: index + 2 };
    },
  };
}

function stored(): { identity: string; source_line: number }[] {
  return temp.book.prepare('SELECT identity, source_line FROM bank_lines ORDER BY id').all() as { identity: string; source_line: number }[];
}

describe('line identities', () => {
  test('are the documented formula: repeats of a content counted in file order, bank references as given', async () => {
    const outcome = await importStatement(temp.book, testContext(), file, oneByOne(LINES), false);
    expect(outcome).toMatchObject({ lines: 6, imported: 6, duplicates: 0 });
    const occurrences = [1, 1, 2, 1, 1, 3];
    expect(stored().map((row) => row.identity)).toEqual(LINES.map((item, index) => expectedIdentity(item, occurrences[index] ?? 0)));
    expect(LINES.map((item, index) => lineIdentity(item, occurrences[index] ?? 0))).toEqual(stored().map((row) => row.identity));
  });

  test('a reader that hands batches with their identities gives the same book; the first pass is its own count', async () => {
    const identities = LINES.map((item, index) => expectedIdentity(item, [1, 1, 2, 1, 1, 3][index] ?? 0));
    let counted = 0;
    const batched: Statement = {
      format: 'test',
      read: () => {
        throw new Error('read() is not used when the reader has batches');
      },
      async *readBatches(options) {
        const lines = LINES.map((item, index) => ({ ...item, sourceLine: index + 2 }));
        if (options?.keyed === true) {
          expect(options.expectedLines).toBe(LINES.length);
          yield { lines: lines.slice(0, 4), identities: identities.slice(0, 4) };
          yield { lines: lines.slice(4), identities: identities.slice(4) };
        } else yield { lines };
      },
      countLines: async () => {
        counted += 1;
        return LINES.length;
      },
    };
    expect(await importStatement(temp.book, testContext(), file, batched, false)).toMatchObject({ lines: 6, imported: 6 });
    expect(counted).toBe(1);
    const batchedRows = stored();
    const again = createTempBook();
    try {
      await importStatement(again.book, testContext(), file, oneByOne(LINES), false);
      expect(again.book.prepare('SELECT identity, source_line FROM bank_lines ORDER BY id').all()).toEqual(batchedRows);
    } finally {
      again.cleanup();
    }
    // The same statement again, either way: nothing new.
    expect(await importStatement(temp.book, testContext(), file, oneByOne(LINES), false)).toMatchObject({ imported: 0, duplicates: 6 });
  });

  test('a first pass that finds a bad line stops the import before anything is written', async () => {
    const refusing: Statement = {
      ...oneByOne(LINES),
      countLines: () => Promise.reject(invalidInput('statement.csv:4: a bad line.')),
    };
    await expect(importStatement(temp.book, testContext(), file, refusing, false)).rejects.toThrow(SmartError);
    expect(stored()).toEqual([]);
    expect(temp.book.prepare('SELECT COUNT(*) AS n FROM bank_imports').get()).toEqual({ n: 0 });
  });
});
