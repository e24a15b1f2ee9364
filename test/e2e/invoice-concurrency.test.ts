import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { SMART_BIN } from '../helpers/run-cli.js';
import { contractFor, memberAndClient } from '../helpers/invoicing-fixture.js';
import { type TempBook, createTempBook } from '../helpers/temp-book.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { openBook } from '../../src/book/open-book.js';
import { listInvoices } from '../../src/invoicing/list-invoices.js';

const PROCESSES = 12;
let temp: TempBook;
let contracts: number[];

beforeAll(() => {
  temp = createTempBook();
  const ids = memberAndClient(temp.book);
  contracts = Array.from({ length: PROCESSES }, (_, index) => contractFor(temp.book, ids, { description: `job ${index}` }));
  temp.book.close();
});
afterAll(() => temp.cleanup());

function issue(contractId: number): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SMART_BIN, '--db', temp.path, 'invoice', 'issue', String(contractId), '--date', '2026-11-23', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

test(`${PROCESSES} processes issuing invoices at once get distinct numbers without a gap`, async () => {
  const results = await Promise.all(contracts.map((contractId) => issue(contractId)));
  for (const result of results) expect(result).toEqual({ code: 0, stderr: expect.stringContaining('Invoice 2026-') });
  const book = openBook(temp.path, '2026-11-23T10:00:00Z');
  try {
    const numbers = listInvoices(book, {}).map((invoice) => invoice.number).sort();
    expect(numbers).toEqual(Array.from({ length: PROCESSES }, (_, index) => `2026-${String(index + 1).padStart(6, '0')}`));
    expect(runChecks(book).filter((check) => !check.ok)).toEqual([]);
  } finally {
    book.close();
  }
});
