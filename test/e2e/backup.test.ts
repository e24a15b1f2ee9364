/**
 * smart backup and smart restore as a user and cron run them (the built bin): a round trip, the
 * refusals that leave the book byte for byte as it was, a backup and a restore while another
 * process keeps writing to the book, and the confirmation asked at a terminal.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import BetterSqlite3 from 'better-sqlite3';
import { runChecks } from '../../src/checks/run-checks.js';
import { SMART_BIN } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-book.js';
import { PEOPLE, atTerminal, fingerprint, json, memberFlags, runAtTerminal, runSmart, runSmartAsync } from './support.js';

/** Every table of a database file and its number of rows, read without smart. */
function tableCounts(path: string): Record<string, number> {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

function entries(path: string): number {
  return tableCounts(path).entries ?? -1;
}

/** The invariants of `smart check` on a file, read-only (smart check itself would turn a backup into a WAL book). */
function failedChecks(path: string): string[] {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return runChecks(db).filter((check) => !check.ok).map((check) => check.name);
  } finally {
    db.close();
  }
}

function mode(path: string): string {
  return (statSync(path).mode & 0o777).toString(8);
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

interface Place {
  readonly dir: string;
  readonly book: string;
  readonly backups: string;
  run(args: readonly string[]): ReturnType<typeof runSmart>;
}

/** A folder with the demo book (members, invoices, a payout run, a bank statement) and a folder for backups. */
let demo: { dir: string; cleanup(): void };
let demoBook: string;
const places: (() => void)[] = [];

beforeAll(() => {
  demo = tempDir();
  demoBook = join(demo.dir, 'demo.sqlite');
  const built = runSmart(['demo', '--db', demoBook]);
  if (built.exitCode !== 0) throw new Error(`smart demo failed: ${built.stderr}`);
});

afterAll(() => {
  demo.cleanup();
  for (const cleanup of places) cleanup();
});

function place(): Place {
  const { dir, cleanup } = tempDir();
  places.push(cleanup);
  const book = join(dir, 'book', 'book.sqlite');
  mkdirSync(join(dir, 'book'), { mode: 0o700 });
  copyFileSync(demoBook, book);
  const backups = join(dir, 'backups');
  mkdirSync(backups);
  return { dir, book, backups, run: (args) => runSmart([...args, '--db', book], { cwd: dir }) };
}

describe('smart backup then smart restore', () => {
  test('round trip: the restored book has the backup\'s rows, passes smart check, and the replaced book is kept (all mode 0600)', () => {
    const p = place();
    const backup = p.run(['backup', `${p.backups}/`, '--json']);
    expect(backup.exitCode).toBe(0);
    const made = json<Record<string, unknown>>(backup);
    expect(Object.keys(made).sort()).toEqual(['book', 'bytes', 'checks', 'counts', 'durationMs', 'pageSize', 'pages', 'path', 'replaced', 'schemaVersion', 'takenAt'].sort());
    const file = String(made.path);
    expect(file).toMatch(new RegExp(`^${p.backups}/book-\\d{4}-\\d\\d-\\d\\dT\\d{6}Z\\.sqlite$`));
    expect(readdirSync(p.backups)).toEqual([file.slice(p.backups.length + 1)]);
    expect(made).toMatchObject({ book: p.book, bytes: statSync(file).size, checks: 'ok', replaced: false });
    expect(made.counts).toEqual({ members: tableCounts(p.book).members, invoices: tableCounts(p.book).invoices, entries: tableCounts(p.book).entries });
    expect(mode(file)).toBe('600');
    expect(backup.stderr).toContain(`Wrote the backup ${file}`);
    const atBackup = tableCounts(file);
    const membersAtBackup = json<unknown[]>(p.run(['member', 'list', '--json']));

    // Work done after the backup...
    expect(p.run(['member', 'add', ...memberFlags(PEOPLE[0])]).exitCode).toBe(0);
    expect(p.run(['shares', 'buy', '1', '2']).exitCode).toBe(0);
    const beforeRestore = tableCounts(p.book);
    expect(beforeRestore.members).toBe((atBackup.members ?? 0) + 1);

    // ... is undone by the restore, and kept in the book put aside.
    const restore = p.run(['restore', file, '--yes', '--json']);
    expect(restore.exitCode).toBe(0);
    const restored = json<Record<string, unknown>>(restore);
    expect(Object.keys(restored).sort()).toEqual(['book', 'checks', 'coop', 'counts', 'keptAt', 'migratedFrom', 'previous', 'restoredFrom', 'schemaVersion'].sort());
    expect(restored).toMatchObject({ book: p.book, restoredFrom: file, previous: 'kept', migratedFrom: null, checks: 'ok', counts: made.counts });
    const keptAt = String(restored.keptAt);
    expect(keptAt).toMatch(/book\.sqlite\.before-restore-\d{4}-\d\d-\d\dT\d{6}Z$/);
    expect(restore.stderr).toContain(`kept at ${keptAt}`);

    const after = tableCounts(p.book);
    expect({ ...after, audit_log: 0 }).toEqual({ ...atBackup, audit_log: 0 });
    expect(after.audit_log).toBe((atBackup.audit_log ?? 0) + 1);
    expect(tableCounts(keptAt)).toEqual(beforeRestore);
    expect(json<unknown[]>(p.run(['member', 'list', '--json']))).toEqual(membersAtBackup);
    expect(p.run(['check']).exitCode).toBe(0);
    expect(p.run(['audit']).stdout).toContain(`restored the book from ${file}`);
    expect(mode(p.book)).toBe('600');
    expect(mode(keptAt)).toBe('600');
    // The backup itself was only read.
    expect(tableCounts(file)).toEqual(atBackup);
  });

  test('backup refuses to replace a file without --force (exit 5) and leaves it as it was', () => {
    const p = place();
    const file = join(p.backups, 'nightly.sqlite');
    expect(p.run(['backup', file]).exitCode).toBe(0);
    const first = sha256(file);
    expect(p.run(['member', 'add', ...memberFlags(PEOPLE[1])]).exitCode).toBe(0);

    const again = p.run(['backup', file]);
    expect(again.exitCode).toBe(5);
    expect(again.stderr).toContain('--force');
    expect(sha256(file)).toBe(first);

    const forced = p.run(['backup', file, '--force', '--json']);
    expect(forced.exitCode).toBe(0);
    expect(json<{ replaced: boolean }>(forced).replaced).toBe(true);
    expect(tableCounts(file).members).toBe(tableCounts(p.book).members);
    expect(mode(file)).toBe('600');
    expect(readdirSync(p.backups)).toEqual(['nightly.sqlite']);
  });

  test('backup into a folder that does not exist: exit 4, nothing written', () => {
    const p = place();
    const result = p.run(['backup', join(p.dir, 'nowhere') + '/']);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('does not exist');
    expect(existsSync(join(p.dir, 'nowhere'))).toBe(false);
  });
});

describe('smart restore refuses and changes nothing', () => {
  let p: Place;
  let good: string;
  beforeAll(() => {
    p = place();
    good = join(p.backups, 'good.sqlite');
    if (p.run(['backup', good]).exitCode !== 0) throw new Error('backup failed');
  });

  function expectRefused(file: string, exitCode: number, args: readonly string[] = ['--yes']): string {
    const before = fingerprint(p.book);
    const fileBefore = sha256(file);
    const result = p.run(['restore', file, ...args]);
    expect({ exitCode: result.exitCode, stdout: result.stdout }).toEqual({ exitCode, stdout: '' });
    expect(fingerprint(p.book)).toBe(before);
    expect(sha256(file)).toBe(fileBefore);
    // No working copy or copy aside left beside the book.
    expect(readdirSync(join(p.dir, 'book')).filter((name) => !['book.sqlite', 'book.sqlite-wal', 'book.sqlite-shm'].includes(name))).toEqual([]);
    return result.stderr;
  }

  test('without a terminal and without --yes: exit 2, naming --yes', () => {
    const stderr = expectRefused(good, 2, []);
    expect(stderr).toContain('--yes');
  });

  test('a file that is not SQLite: exit 3', () => {
    const file = join(p.backups, 'notes.txt');
    writeFileSync(file, 'not a book at all\n'.repeat(100));
    expect(expectRefused(file, 3)).toContain('not an SQLite database');
  });

  test('a damaged backup: exit 6, with what the integrity check found', () => {
    const file = join(p.backups, 'damaged.sqlite');
    const bytes = readFileSync(good);
    bytes.fill(0x5a, 3 * 4096, 12 * 4096);
    writeFileSync(file, bytes);
    expect(expectRefused(file, 6)).toContain('integrity_check');
  });

  test('a backup edited with raw SQL after dropping a guard trigger: exit 6, naming the checks that fail', () => {
    const file = join(p.backups, 'edited.sqlite');
    copyFileSync(good, file);
    const db = new BetterSqlite3(file);
    db.exec('DROP TRIGGER postings_no_update; UPDATE postings SET amount_cents = amount_cents - 500 WHERE id = 2;');
    db.close();
    const stderr = expectRefused(file, 6);
    expect(stderr).toContain('entries-balance');
    expect(stderr).toContain('ledger-append-only');
  });
});

describe('while another process keeps writing to the book', () => {
  /** A process that buys one share after another for member 1 and prints the entry count after each commit, until its stdin closes. */
  function startWriter(book: string): { child: ChildProcessWithoutNullStreams; counts: number[]; done: Promise<number> } {
    const dist = new URL('../dist/', `file://${SMART_BIN}`).href;
    const code = `
      const { openBook } = await import(${JSON.stringify(`${dist}book/open-book.js`)});
      const { buyShares } = await import(${JSON.stringify(`${dist}shares/buy-shares.js`)});
      const book = openBook(${JSON.stringify(book)}, new Date().toISOString());
      const context = { command: 'writer', user: 'writer', now: new Date().toISOString(), today: '2026-11-23' };
      const count = book.prepare('SELECT COUNT(*) AS n FROM entries');
      let stop = false;
      let bought = 0;
      process.stdin.on('end', () => { stop = true; });
      process.stdin.resume();
      while (!stop) {
        buyShares(book, context, { memberId: 1, count: 1 });
        bought += 1;
        process.stdout.write(count.get().n + '\\n');
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      book.close();
      process.stdout.write('bought ' + bought + '\\n');
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { stdio: ['pipe', 'pipe', 'pipe'] });
    const counts: number[] = [];
    let bought: number | undefined;
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      output += text;
      const lines = output.split('\n');
      output = lines.pop() ?? '';
      for (const line of lines) {
        if (/^\d+$/.test(line)) counts.push(Number(line));
        else if (/^bought \d+$/.test(line)) bought = Number(line.slice('bought '.length));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (text: string) => (errors += text));
    const done = new Promise<number>((resolve, reject) => {
      child.on('close', (code) => {
        if (code === 0 && bought !== undefined) resolve(bought);
        else reject(new Error(`the writer failed (exit ${String(code)}): ${errors}`));
      });
    });
    return { child, counts, done };
  }

  async function until(condition: () => boolean): Promise<void> {
    const deadline = Date.now() + 20_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  test('each backup is one committed state that passes every check; a restore loses none of the writer\'s commits', async () => {
    const p = place();
    const initial = entries(p.book);
    const writer = startWriter(p.book);
    await until(() => writer.counts.length >= 5);

    const files: string[] = [];
    for (let run = 0; run < 3; run += 1) {
      const file = join(p.backups, `during-${run}.sqlite`);
      const result = await runSmartAsync(['backup', file, '--db', p.book, '--json']);
      expect(result.exitCode).toBe(0);
      expect(json<{ counts: { entries: number } }>(result).counts.entries).toBe(entries(file));
      files.push(file);
    }
    const countsAtLastBackup = writer.counts.length;
    await until(() => writer.counts.length >= countsAtLastBackup + 5);

    const restore = await runSmartAsync(['restore', files[0] ?? '', '--db', p.book, '--yes', '--json']);
    expect(restore.exitCode).toBe(0);
    const keptAt = json<{ keptAt: string }>(restore).keptAt;
    const countsAtRestore = writer.counts.length;
    await until(() => writer.counts.length >= countsAtRestore + 5);
    writer.child.stdin.end();
    const bought = await writer.done;

    const committed = new Set([initial, ...writer.counts]);
    for (const file of files) {
      expect(failedChecks(file)).toEqual([]);
      expect(committed.has(entries(file))).toBe(true);
    }
    // The first backup was taken after some purchases and before the last ones.
    const first = entries(files[0] ?? '');
    expect(first).toBeGreaterThan(initial);
    expect(first).toBeLessThan(entries(keptAt));
    // Every purchase is either in the book kept aside (before the restore) or in the restored book (after it).
    expect(entries(keptAt) - initial + (entries(p.book) - first)).toBe(bought);
    expect(entries(p.book)).toBeGreaterThan(first);
    expect(failedChecks(keptAt)).toEqual([]);
    expect(p.run(['check']).exitCode).toBe(0);
  }, 60_000);
});


describe('smart restore at a terminal', () => {
  atTerminal('asks before replacing the book: "n" changes nothing, "y" restores', async () => {
    const p = place();
    const file = join(p.backups, 'b.sqlite');
    expect(p.run(['backup', file]).exitCode).toBe(0);
    expect(p.run(['member', 'add', ...memberFlags(PEOPLE[2])]).exitCode).toBe(0);
    const before = fingerprint(p.book);

    const declined = await runAtTerminal(['restore', file, '--db', p.book], 'Replace the book', 'n\r');
    expect(declined.exitCode).toBe(0);
    expect(declined.output).toContain('holds a sound book of');
    expect(declined.output).toContain('Nothing was changed.');
    expect(fingerprint(p.book)).toBe(before);
    expect(readdirSync(join(p.dir, 'book')).filter((name) => name.includes('before-restore') || name.startsWith('.'))).toEqual([]);

    const accepted = await runAtTerminal(['restore', file, '--db', p.book], 'Replace the book', 'y\r');
    expect(accepted.exitCode).toBe(0);
    expect(accepted.output).toContain('Restored the book');
    expect(tableCounts(p.book).members).toBe(tableCounts(file).members);
  }, 60_000);
});
