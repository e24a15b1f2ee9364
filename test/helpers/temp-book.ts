import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Book } from '../../src/book/open-book.js';
import type { WriteContext } from '../../src/book/write-context.js';
import { initBook } from '../../src/coop/init-book.js';

export const COOP_IDENTITY = {
  name: 'Test Coop SCRL',
  enterpriseNumber: 'BE0123456749',
  iban: 'BE71096123456769',
  bic: 'GKCCBEBB',
  address: 'Rue Coenraets 72, 1060 Saint-Gilles',
};

export function testContext(today = '2026-11-23', command = 'smart test'): WriteContext {
  return { command, user: 'tester', now: `${today}T10:00:00.000Z`, today };
}

export interface TempBook {
  readonly dir: string;
  readonly path: string;
  readonly book: Book;
  cleanup(): void;
}

/** A new book in a temporary folder, initialised as `smart init` would. */
export function createTempBook(): TempBook {
  const dir = mkdtempSync(join(tmpdir(), 'smart-test-'));
  const path = join(dir, 'book.sqlite');
  const { book } = initBook(path, testContext(), COOP_IDENTITY);
  return {
    dir,
    path,
    book,
    cleanup: () => {
      if (book.open) book.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'smart-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
