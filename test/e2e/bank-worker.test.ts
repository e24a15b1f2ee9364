/**
 * `smart bank import` of a long CSV statement reads its second pass on a worker thread (the
 * lines and their identities) while the main thread writes. Through the built CLI, forcing the
 * thread on (SMART_BANK_WORKER=1) or off (=0): the same outcome, the same rows in the book, the
 * same payments as fixtures/bank/kbc.csv makes on its own, and the same errors.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type ImportJson, bankBook, bankFixture, paymentsOf, query } from './bank-support.js';
import { type E2eBook, json, runSmart } from './support.js';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

let base: E2eBook;
beforeAll(() => {
  base = bankBook();
});
afterAll(() => base.cleanup());

/** A copy of the prepared book (closed), for one run. */
function copyBook(name: string): string {
  const path = join(base.dir, `${name}.sqlite`);
  copyFileSync(base.path, path);
  return path;
}

const KBC = readFileSync(bankFixture('kbc.csv')).toString('latin1').split('\r\n').filter((line) => line !== '');
const [HEADER = '', ...PAYMENTS] = KBC;

/** A KBC line of filler: money in from someone the book does not know; `n` makes it unique. */
function filler(n: number): string {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const cents = 100 + ((n * 7919) % 500_000);
  const amount = `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;
  return `BE16734021123474;;Coopérative Démo SCRL;EUR;  02026002;${day}/02/2026;EUROPESE OVERSCHRIJVING VAN ${day}-02;${day}/02/2026;${amount};0,00;${amount};;BE48 0682 4691 3527;GKCCBEBB;Élise Nowak ${n};Rue ${n} 1000 Bruxelles;;Bijdrage ref ${n}`;
}

/** The fixture's payments, filler, the same filler line three times, a payment line twice. */
function statement(file: string, fillers: readonly number[]): string {
  const path = join(base.dir, file);
  const lines = [HEADER, ...PAYMENTS, ...fillers.map(filler), filler(99_999), filler(99_999), filler(99_999), PAYMENTS[1] ?? ''];
  writeFileSync(path, Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1'));
  return path;
}

function importWith(book: string, file: string, worker: '0' | '1', extra: readonly string[] = []): { exitCode: number; stdout: string; stderr: string } {
  return runSmart(['bank', 'import', file, '--json', '--db', book, ...extra], { env: { SMART_BANK_WORKER: worker } });
}

/** What the import wrote: every bank line, payment, settlement and ledger entry, without the times. */
function written(book: string): unknown {
  return {
    lines: query(book, 'SELECT id, identity, import_id, source_line, account, booking_date, value_date, amount_cents, currency, counterparty_name, counterparty_iban, structured_reference, communication, bank_reference, status, note, entry_id FROM bank_lines ORDER BY id'),
    imports: query(book, 'SELECT id, file_name, sha256, format, lines, imported, duplicates FROM bank_imports ORDER BY id'),
    payments: query(book, 'SELECT * FROM payments ORDER BY id'),
    entries: query(book, 'SELECT id, key, date, reason, memo, posting_count, debit_cents FROM entries ORDER BY id'),
    postings: query(book, 'SELECT * FROM postings ORDER BY id'),
  };
}

describe('bank import: reading on a worker thread changes nothing', () => {
  test('a statement, then an overlapping one: the same outcomes and the same book', () => {
    const first = statement('first.csv', Array.from({ length: 3000 }, (_, n) => n));
    const second = statement('second.csv', Array.from({ length: 1500 }, (_, n) => n + 2000));
    const books = { worker: copyBook('worker'), thread: copyBook('thread') };
    const outcomes: Record<string, ImportJson[]> = { worker: [], thread: [] };
    for (const [mode, book] of Object.entries(books)) {
      for (const file of [first, second, first]) {
        const run = importWith(book, file, mode === 'worker' ? '1' : '0');
        expect(run.exitCode).toBe(0);
        outcomes[mode]?.push(json<ImportJson>(run));
      }
    }
    expect(outcomes.worker).toEqual(outcomes.thread);
    // Identical lines of one statement are as many lines: the payment repeated at the end pays
    // its invoice a second time (kept as the client's credit), the triple stays three.
    const lines = PAYMENTS.length + 3000 + 4;
    expect(outcomes.worker?.[0]).toMatchObject({ lines, imported: lines, duplicates: 0, matched: 3 + 1, flagged: 1 });
    // The second statement shares the fixture's lines, 1,000 fillers, the triple and the repeated
    // payment (there too twice) with the first.
    expect(outcomes.worker?.[1]).toMatchObject({ lines: PAYMENTS.length + 1500 + 4, imported: 500, duplicates: PAYMENTS.length + 1000 + 3 + 1 });
    expect(outcomes.worker?.[2]).toMatchObject({ imported: 0, duplicates: lines });
    expect(written(books.worker)).toEqual(written(books.thread));
    // What fixtures/bank/kbc.csv pays on its own (bank.test.ts), and the repeated 605.50 as credit.
    expect(paymentsOf(books.worker)).toEqual({ paid: { '2026-000001': '1210.00', '2026-000002': '605.50', '2026-000003': '363.00' }, credit: '605.50' });
    const triple = query<{ n: number }>(books.worker, "SELECT COUNT(*) AS n FROM bank_lines WHERE counterparty_name = 'Élise Nowak 99999'")[0]?.n;
    expect(triple).toBe(3);
  });

  test('a bad line: the same refusal, nothing written', () => {
    const bad = join(base.dir, 'bad.csv');
    const good = Array.from({ length: 2000 }, (_, n) => filler(n));
    good[1234] = (good[1234] ?? '').replace(/;\d\d\/02\/2026;EUROPESE/, ';30/02/2026;EUROPESE');
    writeFileSync(bad, Buffer.from(`${[HEADER, ...good].join('\r\n')}\r\n`, 'latin1'));
    const books = { worker: copyBook('bad-worker'), thread: copyBook('bad-thread') };
    const runs = { worker: importWith(books.worker, bad, '1'), thread: importWith(books.thread, bad, '0') };
    expect(runs.worker.exitCode).toBe(3);
    expect(runs.worker.stderr).toContain('bad.csv:1236');
    expect(runs.worker).toEqual(runs.thread);
    expect(query(books.worker, 'SELECT COUNT(*) AS n FROM bank_lines')).toEqual([{ n: 0 }]);
  });

  test('an error of the reading thread comes back as the same error', () => {
    // The import's first pass catches a bad file before the thread runs: call the built reader
    // directly to see the thread's own error path.
    const bad = join(base.dir, 'bad-direct.csv');
    writeFileSync(bad, Buffer.from(`${[HEADER, filler(1), filler(2).replace(';BE48 0682 4691 3527;', ';BE48 0682 4691 3528;'), filler(3)].join('\r\n')}\r\n`, 'latin1'));
    const script = `
      const { readBankCsvInWorker } = await import(${JSON.stringify(join(DIST, 'bank/csv/read-in-worker.js'))});
      const { readBankCsvBatches } = await import(${JSON.stringify(join(DIST, 'bank/csv/read-bank-csv.js'))});
      const caught = async (lines) => { try { for await (const _ of lines) {} return 'no error'; } catch (error) { return { name: error.name, kind: error.kind, message: error.message, hint: error.hint, problems: error.problems }; } };
      const file = ${JSON.stringify(bad)};
      console.log(JSON.stringify([await caught(readBankCsvInWorker(file, 'kbc', 3)), await caught(readBankCsvBatches(file, 'kbc'))]));`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    const [fromWorker, fromThread] = JSON.parse(run.stdout) as [unknown, unknown];
    expect(fromWorker).toEqual(fromThread);
    expect(fromWorker).toMatchObject({ name: 'SmartError', kind: 'invalid-input', message: expect.stringContaining('bad-direct.csv:3') });
  });
});
