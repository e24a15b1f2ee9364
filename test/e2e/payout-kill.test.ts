/**
 * A payout run killed at any moment (power cut, OOM killer, a cron timeout with SIGKILL) leaves
 * the book either without the run or with the whole run: never some payslips, never an invoice
 * paid out twice. A book of 300 members with 2 invoices each is paid by `smart payout run`,
 * killed with SIGKILL after delays spread from 0 to a bit longer than a full run takes.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openBook } from '../../src/book/open-book.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { SMART_BIN } from '../helpers/run-cli.js';
import { type BookCounts, type PreparedBook, RUN_DATE, RUN_WEEK, countsOf, prepareBook, readCounts } from './payout-support.js';

const MEMBERS = 300;
const INVOICES_PER_MEMBER = 2;
const KILL_POINTS = 40;
const SPREAD = 1.2;

const NONE: BookCounts = { runs: 0, runsOfWeek: 0, payslips: 0, items: 0, distinctInvoices: 0, payoutEntries: 0, payoutAudits: 0 };
const COMPLETE: BookCounts = {
  runs: 1,
  runsOfWeek: 1,
  payslips: MEMBERS,
  items: MEMBERS * INVOICES_PER_MEMBER,
  distinctInvoices: MEMBERS * INVOICES_PER_MEMBER,
  payoutEntries: MEMBERS,
  payoutAudits: 1,
};

let prepared: PreparedBook;
let preparedMs = 0;
beforeAll(() => {
  const started = performance.now();
  prepared = prepareBook({ members: MEMBERS, invoicesPerMember: INVOICES_PER_MEMBER });
  preparedMs = performance.now() - started;
});
afterAll(() => prepared.cleanup());

interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  readonly ms: number;
}

/** `node bin/smart.js --db PATH payout run --date RUN_DATE`, killed with SIGKILL after `killAfterMs` when given. */
function payout(path: string, killAfterMs?: number): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, SMART_DB: '', XDG_DATA_HOME: '/nonexistent-smart-test' };
    const started = performance.now();
    const child = spawn(process.execPath, [SMART_BIN, '--db', path, 'payout', 'run', '--date', RUN_DATE], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    let timer: NodeJS.Timeout | undefined;
    if (killAfterMs !== undefined) {
      if (killAfterMs <= 0) child.kill('SIGKILL');
      else timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, signal, stderr, ms: performance.now() - started });
    });
  });
}

/** Opens the book as smart does (SQLite recovers the WAL of a killed writer), proves the invariants, counts the payouts. */
function inspect(path: string): { counts: BookCounts; failedChecks: string[] } {
  const book = openBook(path, new Date().toISOString());
  try {
    const failedChecks = runChecks(book).filter((check) => !check.ok).map((check) => `${check.name}: ${check.problems.slice(0, 3).join('; ')}`);
    return { counts: countsOf(book), failedChecks };
  } finally {
    book.close();
  }
}

/** A fresh copy of the prepared book at `path`, with no WAL of an earlier copy left beside it. */
function freshCopy(path: string): void {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
  copyFileSync(prepared.path, path);
}

/** The same shuffle every time (mulberry32), so that a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

test(`a run killed with SIGKILL at ${KILL_POINTS} points leaves no run or the whole run, never part of one`, async () => {
  const timings: string[] = [`prepare ${MEMBERS} members x ${INVOICES_PER_MEMBER} invoices in-process: ${preparedMs.toFixed(0)} ms`];

  // How long a whole run takes, process start to exit, on copies of the book (the slower of two).
  const measured = join(prepared.dir, 'measured.sqlite');
  const fullRuns: number[] = [];
  for (let attempt = 0; attempt < 2; attempt += 1) {
    freshCopy(measured);
    const full = await payout(measured);
    expect({ code: full.code, stderr: full.stderr }).toEqual({ code: 0, stderr: expect.stringContaining(`payout ${RUN_WEEK}: paid, ${MEMBERS} payslip(s)`) });
    expect(readCounts(measured)).toEqual(COMPLETE);
    fullRuns.push(full.ms);
  }
  const fullMs = Math.max(...fullRuns);
  timings.push(`full run (process start to exit): ${fullRuns.map((ms) => ms.toFixed(0)).join(' ms, ')} ms`);

  // Delays spread evenly over [0, 1.2 x a full run], tried in a shuffled order.
  const delays = shuffled(Array.from({ length: KILL_POINTS }, (_, index) => Math.round((index * SPREAD * fullMs) / (KILL_POINTS - 1))), 46);
  const work = join(prepared.dir, 'work.sqlite');
  freshCopy(work);
  let before = 0;
  let after = 0;
  let finishedBeforeKill = 0;
  let walsLeft = 0;
  const log: string[] = [];
  const loopStarted = performance.now();
  for (const delay of delays) {
    const killed = await payout(work, delay);
    // Either SIGKILL ended it, or it was quick enough to finish (then it must have succeeded).
    if (killed.signal !== 'SIGKILL') {
      expect({ delay, code: killed.code, stderr: killed.stderr }).toEqual({ delay, code: 0, stderr: expect.stringContaining(`payout ${RUN_WEEK}: paid`) });
      finishedBeforeKill += 1;
    }
    // A killed writer may leave a WAL behind (frames of a commit, or of half a commit): opening recovers it.
    if (existsSync(`${work}-wal`) && statSync(`${work}-wal`).size > 0) walsLeft += 1;
    const { counts, failedChecks } = inspect(work);
    expect({ delay, failedChecks }).toEqual({ delay, failedChecks: [] });
    expect([NONE, COMPLETE]).toContainEqual(counts);
    if (counts.runs === 0) {
      before += 1;
      log.push(`${delay} ms: before commit`);
      continue; // the next attempt works on the same book
    }
    after += 1;
    log.push(`${delay} ms: after commit${killed.signal === 'SIGKILL' ? '' : ' (finished before the kill)'}`);
    // Once the run exists, running again changes nothing.
    const again = await payout(work);
    expect({ code: again.code, stderr: again.stderr }).toEqual({ code: 0, stderr: expect.stringContaining(`payout ${RUN_WEEK}: already-paid, ${MEMBERS} payslip(s)`) });
    expect(inspect(work)).toEqual({ counts: COMPLETE, failedChecks: [] });
    // The next kill point is tried on a book without the run again.
    freshCopy(work);
  }
  const loopMs = performance.now() - loopStarted;
  timings.push(`${delays.length} kill points (with checks and re-runs): ${loopMs.toFixed(0)} ms`);

  // Finally, run to completion: every invoice paid out exactly once.
  const finalStarted = performance.now();
  const last = await payout(work);
  expect({ code: last.code, stderr: last.stderr }).toEqual({ code: 0, stderr: expect.stringMatching(new RegExp(`payout ${RUN_WEEK}: (paid|already-paid), ${MEMBERS} payslip\\(s\\)`)) });
  expect(inspect(work)).toEqual({ counts: COMPLETE, failedChecks: [] });
  const db = new BetterSqlite3(work, { readonly: true, fileMustExist: true });
  try {
    const invoices = db.prepare(`SELECT COUNT(*) AS total, SUM(NOT EXISTS (SELECT 1 FROM payout_items p WHERE p.invoice_id = i.id)) AS unpaid FROM invoices i WHERE i.kind = 'invoice'`).get();
    expect(invoices).toEqual({ total: MEMBERS * INVOICES_PER_MEMBER, unpaid: 0 });
    // One payslip per member, each carrying that member's two invoices.
    const perMember = db.prepare(`SELECT COUNT(DISTINCT p.member_id) AS members, MIN(n) AS least, MAX(n) AS most FROM payslips p JOIN (SELECT payslip_id, COUNT(*) AS n FROM payout_items GROUP BY payslip_id) x ON x.payslip_id = p.id`).get();
    expect(perMember).toEqual({ members: MEMBERS, least: INVOICES_PER_MEMBER, most: INVOICES_PER_MEMBER });
  } finally {
    db.close();
  }
  timings.push(`final run and checks: ${(performance.now() - finalStarted).toFixed(0)} ms`);

  console.log(
    [
      `kill points tried: ${before + after} (before commit: ${before}, after: ${after}; ${finishedBeforeKill} of the latter finished before the kill; ${walsLeft} kill(s) left a non-empty WAL to recover)`,
      `delays (ms, in the order tried): ${log.join(', ')}`,
      ...timings,
    ].join('\n'),
  );
  expect(before + after).toBeGreaterThanOrEqual(20);
  // A kill at 0 ms always lands before the commit. How many land after it depends on the
  // machine's load (the last delays are 1.2 x the measured run): reported above, not asserted,
  // as the measured runs and the final run already prove the complete side.
  expect(before).toBeGreaterThanOrEqual(1);
}, 120_000);
