/**
 * The crash harness: a writing command run in a child process and killed with SIGKILL at many
 * moments, from before it opens the book to after it would have finished. After each kill the
 * book is opened as smart opens it (SQLite recovers a killed writer's WAL), `smart check`'s
 * invariants must all pass, and the command's work must be there entirely or not at all; where
 * it is all there, running the command again must change nothing. See docs/reliability.md.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { openBook } from '../../src/book/open-book.js';
import { runChecks } from '../../src/checks/run-checks.js';
import { SMART_BIN } from '../helpers/run-cli.js';

export type Counts = Readonly<Record<string, number>>;

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** `node bin/smart.js ARGS --db PATH`, killed with SIGKILL after `killAfterMs` when given. */
export function runKilled(path: string, args: readonly string[], killAfterMs?: number): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, SMART_DB: '', XDG_DATA_HOME: '/nonexistent-smart-test' };
    const started = performance.now();
    const child = spawn(process.execPath, [SMART_BIN, ...args, '--db', path], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    let timer: NodeJS.Timeout | undefined;
    if (killAfterMs !== undefined) {
      if (killAfterMs <= 0) child.kill('SIGKILL');
      else timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(guard);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Opens the book as smart does, proves every invariant, and counts what the scenario looks at. */
export function inspect(path: string, count: (book: ReturnType<typeof openBook>) => Counts): { counts: Counts; failedChecks: string[] } {
  const book = openBook(path, new Date().toISOString());
  try {
    const failedChecks = runChecks(book).filter((check) => !check.ok).map((check) => `${check.name}: ${check.problems.slice(0, 3).join('; ')}`);
    return { counts: count(book), failedChecks };
  } finally {
    book.close();
  }
}

export function freshCopy(from: string, to: string): void {
  for (const file of [to, `${to}-wal`, `${to}-shm`]) rmSync(file, { force: true });
  copyFileSync(from, to);
}

export interface CrashScenario {
  /** The prepared book (checkpointed, no WAL), copied afresh for each attempt. */
  readonly book: string;
  readonly args: readonly string[];
  readonly count: (book: ReturnType<typeof openBook>) => Counts;
  /** What a second run prints on stderr when the work is already there (it must exit 0). */
  readonly again: RegExp;
  readonly killPoints: number;
}

export interface CrashReport {
  readonly tried: number;
  readonly before: number;
  readonly after: number;
  readonly none: Counts;
  readonly complete: Counts;
  readonly fullMs: number;
}

/**
 * Runs the scenario: one full run measures the time and what "complete" means, then kills at
 * delays spread evenly over [0, 1.5 x a full run]. Throws (through `check`) on the first
 * attempt that leaves a failed invariant, part of the work, or a second run that changes
 * something.
 */
export async function killAtManyPoints(scenario: CrashScenario, work: string, check: (condition: boolean, what: string) => void): Promise<CrashReport> {
  freshCopy(scenario.book, work);
  const none = inspect(work, scenario.count).counts;
  const full = await runKilled(work, scenario.args);
  check(full.code === 0, `a full run exits 0 (got ${full.code}: ${full.stderr})`);
  const completed = inspect(work, scenario.count);
  check(completed.failedChecks.length === 0, `a full run passes smart check: ${completed.failedChecks.join('; ')}`);
  const complete = completed.counts;
  check(JSON.stringify(complete) !== JSON.stringify(none), 'the command does some work');
  let before = 0;
  let after = 0;
  freshCopy(scenario.book, work);
  for (let point = 0; point < scenario.killPoints; point += 1) {
    const delay = Math.round((point * 1.5 * full.ms) / (scenario.killPoints - 1));
    const killed = await runKilled(work, scenario.args, delay);
    if (killed.signal !== 'SIGKILL') check(killed.code === 0, `at ${delay} ms the command finished before the kill, so it succeeded (got ${killed.code}: ${killed.stderr})`);
    const state = inspect(work, scenario.count);
    check(state.failedChecks.length === 0, `killed at ${delay} ms, the book passes smart check: ${state.failedChecks.join('; ')}`);
    const isNone = JSON.stringify(state.counts) === JSON.stringify(none);
    const isComplete = JSON.stringify(state.counts) === JSON.stringify(complete);
    check(isNone || isComplete, `killed at ${delay} ms, the book holds none or all of the work: ${JSON.stringify(state.counts)} (none ${JSON.stringify(none)}, all ${JSON.stringify(complete)})`);
    if (isNone) {
      before += 1;
      continue;
    }
    after += 1;
    const again = await runKilled(work, scenario.args);
    check(again.code === 0 && scenario.again.test(again.stderr), `run again after the commit, it exits 0 and says so (got ${again.code}: ${again.stderr})`);
    const unchanged = inspect(work, scenario.count);
    check(JSON.stringify(unchanged.counts) === JSON.stringify(complete) && unchanged.failedChecks.length === 0, `running again changes nothing: ${JSON.stringify(unchanged.counts)}`);
    freshCopy(scenario.book, work);
  }
  // Whatever the kills left, running to the end completes the work exactly once.
  const last = await runKilled(work, scenario.args);
  check(last.code === 0, `the final run exits 0 (got ${last.code}: ${last.stderr})`);
  const final = inspect(work, scenario.count);
  check(JSON.stringify(final.counts) === JSON.stringify(complete) && final.failedChecks.length === 0, `the final run completes the work once: ${JSON.stringify(final.counts)}`);
  // And once more, as cron or an impatient administrator would: nothing changes, and it says so.
  const again = await runKilled(work, scenario.args);
  check(again.code === 0 && scenario.again.test(again.stderr), `a run after the complete one exits 0 and says so (got ${again.code}: ${again.stderr})`);
  check(JSON.stringify(inspect(work, scenario.count).counts) === JSON.stringify(complete), 'a run after the complete one changes nothing');
  return { tried: before + after, before, after, none, complete, fullMs: full.ms };
}
