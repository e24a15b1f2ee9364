/** `smart invoice list`: a screenful by default, the latest first in the book, `--limit N` or `--all` for more. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { join } from 'node:path';
import { runSmart } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-book.js';
import { json } from './support.js';

interface Listed {
  readonly number: string;
  readonly kind: string;
  readonly status: string;
}

describe('smart invoice list', () => {
  const dir = tempDir();
  const demo = join(dir.dir, 'demo.sqlite');
  let all: Listed[];
  beforeAll(() => {
    expect(runSmart(['demo', '--db', demo]).exitCode).toBe(0);
    all = json<Listed[]>(runSmart(['invoice', 'list', '--all', '--json', '--db', demo]));
  });
  afterAll(() => dir.cleanup());

  test('--all lists every invoice and credit note in number order; the default (100) does too on a small book, with no note', () => {
    expect(all.length).toBeGreaterThan(3);
    expect(all.map((invoice) => invoice.number)).toEqual([...all.map((invoice) => invoice.number)].sort());
    const listed = runSmart(['invoice', 'list', '--json', '--db', demo]);
    expect(json<Listed[]>(listed)).toEqual(all);
    expect(listed.stderr).not.toMatch(/--limit N or --all/);
  });

  test('--limit N lists the latest N, oldest of them first, and says there are more on stderr', () => {
    const listed = runSmart(['invoice', 'list', '--limit', '2', '--json', '--db', demo]);
    expect(listed.exitCode).toBe(0);
    expect(json<Listed[]>(listed)).toEqual(all.slice(-2));
    expect(listed.stderr).toMatch(/The latest 2 shown; --limit N or --all for more\./);
    const table = runSmart(['invoice', 'list', '--limit', '3', '--db', demo]);
    expect(table.stdout.trim().split('\n').slice(1).map((line) => line.split(/\s+/)[0])).toEqual(all.slice(-3).map((invoice) => invoice.number));
  });

  test('--status filters before the limit: the latest N of that status', () => {
    const credited = all.filter((invoice) => invoice.status === 'credit-note');
    expect(credited.length).toBeGreaterThan(0);
    expect(json<Listed[]>(runSmart(['invoice', 'list', '--status', 'credit-note', '--limit', '1', '--json', '--db', demo]))).toEqual(credited.slice(-1));
  });

  test('--limit with --all, or a limit that is not a number, is refused', () => {
    const both = runSmart(['invoice', 'list', '--limit', '5', '--all', '--db', demo]);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/either --limit or --all/);
    const bad = runSmart(['invoice', 'list', '--limit', 'ten', '--db', demo]);
    expect(bad.exitCode).toBe(3);
    expect(bad.stderr).toMatch(/"ten" is not a valid number of invoices to list \(--limit\)/);
  });
});
