/**
 * `smart export members` as a user runs it, and what every export promises: a header row, RFC
 * 4180 or Excel's flavour, formulas made inert, 0600, no overwrite without --force, totals on
 * stderr, an audit row, and a file that is whole or absent even when the process is killed.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import BetterSqlite3 from 'better-sqlite3';
import { SMART_BIN } from '../helpers/run-cli.js';
import { type E2eBook, PEOPLE, json, memberFlags, newBook } from './support.js';
import { MEMBER_CSV_HEADER, generatedMemberRow } from './payout-support.js';

describe('smart export members', () => {
  let book: E2eBook;
  beforeAll(() => {
    book = newBook();
    expect(book.run(['member', 'add', ...memberFlags(PEOPLE[0])]).exitCode).toBe(0);
    expect(book.run(['member', 'add', ...memberFlags(PEOPLE[1], { '--name': '=HYPERLINK("http://evil.example","click")', '--category': 'artist' })]).exitCode).toBe(0);
    expect(book.run(['shares', 'buy', '1', '2', '--ref', 'extra-1']).exitCode).toBe(0);
  });
  afterAll(() => book.cleanup());

  test('writes every member with the book\'s data, totals on stderr, 0600, recorded in the audit log', () => {
    const out = join(book.dir, 'members.csv');
    const result = book.run(['export', 'members', '--out', out]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/exported members to .*members\.csv \(2 rows, \d+ bytes\); totals: share_capital 120\.00, activity_balance 0\.00 EUR/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    const db = new BetterSqlite3(book.path, { readonly: true });
    const members = db.prepare('SELECT id, name, niss, iban, category FROM members ORDER BY id').all() as { id: number; name: string; niss: string; iban: string; category: string }[];
    const capital = db.prepare('SELECT member_id AS id, sum(count * unit_price_cents) AS cents FROM share_movements GROUP BY member_id').all() as { id: number; cents: number }[];
    db.close();
    expect(rows.map((row) => [Number(row.member), row.niss, row.iban, row.category])).toEqual(members.map((m) => [m.id, m.niss, m.iban, m.category]));
    expect(rows.map((row) => row.share_capital!.replace('.', ''))).toEqual(capital.map((c) => String(c.cents)));
    expect(rows[0]!.name).toBe(PEOPLE[0].name);
    // The formula is text a spreadsheet shows, not a link it follows.
    expect(rows[1]!.name).toBe('\'=HYPERLINK("http://evil.example","click")');
    const audit = json<{ command: string; summary: string }[]>(book.run(['audit', '--json', '--limit', '1']));
    expect(audit[0]!.summary).toBe(`export members: 2 rows to ${out}`);
  });

  test('--excel opens as numbers: BOM, semicolons, decimal comma', () => {
    const out = join(book.dir, 'members-excel.csv');
    expect(book.run(['export', 'members', '--excel', '--out', out]).exitCode).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(bytes.subarray(3).toString('utf8'), { delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rows.map((row) => row.share_capital)).toEqual(['90,00', '30,00']);
  });

  test('refuses to replace a file without --force, and changes nothing', () => {
    const out = join(book.dir, 'taken.csv');
    writeFileSync(out, 'keep me');
    const refused = book.run(['export', 'members', '--out', out]);
    expect(refused.exitCode).toBe(5);
    expect(refused.stderr).toContain('already exists');
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    expect(book.run(['export', 'members', '--out', out, '--force']).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^member,name,/);
  });

  test('stdout without --out; --json needs --out; a bad --status is refused', () => {
    const piped = book.run(['export', 'members', '--status', 'active']);
    expect(piped.exitCode).toBe(0);
    expect(parse(piped.stdout, { columns: true })).toHaveLength(2);
    const noOut = book.run(['export', 'members', '--json']);
    expect(noOut.exitCode).toBe(2);
    expect(noOut.stderr).toContain('--json prints a summary of the file written, so it needs --out FILE');
    const summary = json<{ file: string; rows: number; totals: Record<string, string> }>(book.run(['export', 'members', '--json', '--out', join(book.dir, 'j.csv')]));
    expect(summary).toMatchObject({ rows: 2, totals: { share_capital: '120.00', activity_balance: '0.00' } });
    const bad = book.run(['export', 'members', '--status', 'gone']);
    expect(bad.exitCode).toBe(3);
    expect(bad.stdout).toBe('');
  });
});

describe('an export killed half way', () => {
  const MEMBERS = 20_000;
  const KILL_POINTS = 16;
  let book: E2eBook;
  let fullMs = 0;
  beforeAll(() => {
    book = newBook();
    const csv = join(book.dir, 'many.csv');
    writeFileSync(csv, [MEMBER_CSV_HEADER, ...Array.from({ length: MEMBERS }, (_, i) => generatedMemberRow(i))].join('\n'));
    const imported = book.run(['member', 'import', csv]);
    if (imported.exitCode !== 0) throw new Error(imported.stderr);
    const started = performance.now();
    expect(book.run(['export', 'members', '--out', join(book.dir, 'timing.csv')]).exitCode).toBe(0);
    fullMs = performance.now() - started;
  }, 120_000);
  afterAll(() => book.cleanup());

  function exportKilled(out: string, afterMs: number, signal: NodeJS.Signals): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [SMART_BIN, 'export', 'members', '--db', book.path, '--out', out], { stdio: 'ignore', env: { ...process.env, SMART_DB: '' } });
      const timer = setTimeout(() => child.kill(signal), afterMs);
      child.on('error', reject);
      child.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  test(`leaves the whole file or none under its name, at ${KILL_POINTS} kill points`, async () => {
    const outcomes = { whole: 0, none: 0 };
    for (let point = 0; point < KILL_POINTS; point += 1) {
      const out = join(book.dir, `killed-${point}.csv`);
      const signal: NodeJS.Signals = point % 2 === 0 ? 'SIGKILL' : 'SIGTERM';
      await exportKilled(out, (fullMs * 1.2 * point) / KILL_POINTS, signal);
      if (existsSync(out)) {
        const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as unknown[];
        expect(rows).toHaveLength(MEMBERS);
        outcomes.whole += 1;
        rmSync(out);
      } else outcomes.none += 1;
      // SIGTERM removes the temporary file too; only SIGKILL may leave one, never under the real name.
      if (signal === 'SIGTERM') expect(readdirSync(book.dir).filter((name) => name.startsWith(`.killed-${point}.csv`))).toEqual([]);
    }
    expect(outcomes.whole + outcomes.none).toBe(KILL_POINTS);
    expect(outcomes.none).toBeGreaterThan(0);
  }, 180_000);
});
