#!/usr/bin/env node
// Benchmark of `smart export ledger` (issue 6): a ten-year book of N ledger entries (3 postings
// each) is exported by the BUILT command line (`node bin/smart.js export ledger ...`, a child
// process) in each format; the script prints the wall time, rows per second and the process's
// peak memory (max RSS, GNU time %M). It reports; it asserts nothing. Build first (`npm run build`).
//
//   node scripts/bench-ledger-export.js [--entries N] [--members M] [--clients C]
//                                       [--formats hledger,csv,beancount] [--check]
//
// The book is made by `smart init`, then filled with raw INSERTs (not timed): M members, C
// clients, and N invoice-shaped entries spread over 2017-2026 (receivable of a client, the levy,
// the member's activity account). It is cached in bench-cache/ under a name that carries N, M, C
// and the generator version. --check runs `hledger check` and `bean-check` on the files (slow and
// memory-hungry at a million entries: those are the accountant's tools, not smart).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SMART_BIN = join(ROOT, 'bin', 'smart.js');
const CACHE_DIR = join(ROOT, 'bench-cache');
const TIME_BIN = '/usr/bin/time';
/** Bump when the generated book changes, so that a cached book of the old shape is not reused. */
const GENERATOR_VERSION = 1;
/** The issue's goal for the export's peak memory. */
const GOAL_RSS_MB = 300;

const require = createRequire(import.meta.url);
const BetterSqlite3 = require('better-sqlite3');

const { values: options } = parseArgs({
  options: {
    entries: { type: 'string', default: '1500000' },
    members: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '20000' },
    formats: { type: 'string', default: 'hledger,csv,beancount' },
    check: { type: 'boolean', default: false },
  },
});
const N = Number(options.entries);
const M = Number(options.members);
const C = Number(options.clients);
const FORMATS = options.formats.split(',').map((format) => format.trim()).filter((format) => format !== '');
for (const [name, value] of [['--entries', N], ['--members', M], ['--clients', C]]) {
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0`);
}

const fmt = (value) => Math.round(value).toLocaleString('en-US');

function run(program, args, extra = {}) {
  const result = spawnSync(program, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...extra });
  if (result.error) throw result.error;
  return result;
}

/** A fresh book by `smart init`, then N entries by raw INSERTs in one transaction. */
function buildBook(path) {
  const init = run(process.execPath, [SMART_BIN, 'init', '--db', path, '--name', 'Bench Coop SCRL', '--enterprise', 'BE0123456749', '--iban', 'BE71096123456769', '--bic', 'GKCCBEBB', '--address', 'Rue Coenraets 72, 1060 Saint-Gilles']);
  if (init.status !== 0) throw new Error(`smart init failed: ${init.stderr}`);
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  const now = '2026-11-23T10:00:00.000Z';
  const started = process.hrtime.bigint();
  db.transaction(() => {
    const member = db.prepare(
      `INSERT INTO members (id, name, email, niss, iban, birth_date, address, category, joined_on, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'BE68539007547034', '1985-07-30', 'Rue Haute 12, 1000 Bruxelles', 'employee', '2017-01-01', ?, ?)`,
    );
    for (let id = 1; id <= M; id += 1) member.run(id, `Member ${id}`, `member${id}@example.be`, String(10_000_000_000 + id), now, now);
    const client = db.prepare("INSERT INTO clients (id, name, address, country, created_at, updated_at) VALUES (?, ?, 'Rue Neuve 1, 1000 Bruxelles', 'BE', ?, ?)");
    for (let id = 1; id <= C; id += 1) client.run(id, `Client ${id}`, now, now);
    const account = db.prepare('INSERT INTO accounts (code, type, name, member_id, client_id) VALUES (?, ?, ?, ?, ?)');
    const levy = Number(account.run('income:levy', 'income', "The co-op's management levy", null, null).lastInsertRowid);
    const activity = [];
    for (let id = 1; id <= M; id += 1) activity.push(Number(account.run(`liabilities:activity:member-${id}`, 'liability', `Activity account of member ${id}`, id, null).lastInsertRowid));
    const receivable = [];
    for (let id = 1; id <= C; id += 1) receivable.push(Number(account.run(`assets:receivable:client-${id}`, 'asset', `Receivable from client ${id}`, null, id).lastInsertRowid));
    const entry = db.prepare(
      `INSERT INTO entries (id, key, date, reason, memo, command, member_id, posting_count, debit_cents, recorded_at)
       VALUES (?, ?, ?, 'invoice.issue', ?, 'bench', ?, 3, ?, ?)`,
    );
    const posting = db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)');
    const first = Date.UTC(2017, 0, 2);
    const days = 3650;
    for (let id = 1; id <= N; id += 1) {
      const day = new Date(first + Math.floor(((id - 1) * days) / N) * 86_400_000).toISOString().slice(0, 10);
      const memberId = ((id * 7919) % M) + 1;
      const clientId = ((id * 104_729) % C) + 1;
      const amount = 10_000 + ((id * 7717) % 500_000);
      const levyCents = Math.floor((amount * 65) / 1000);
      entry.run(id, `invoice:${id}`, day, `Invoice ${day.slice(0, 4)}-${String(id).padStart(6, '0')} to client ${clientId} for contract ${id}`, memberId, amount, now);
      posting.run(id, receivable[clientId - 1], amount);
      posting.run(id, levy, -levyCents);
      posting.run(id, activity[memberId - 1], levyCents - amount);
    }
  })();
  db.pragma('journal_mode = WAL');
  db.close();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function bookPath() {
  mkdirSync(CACHE_DIR, { recursive: true });
  const path = join(CACHE_DIR, `ledger-export-n${N}-m${M}-c${C}-v${GENERATOR_VERSION}.sqlite`);
  if (existsSync(path)) return { path, builtIn: null };
  const temporary = `${path}.building`;
  rmSync(temporary, { force: true });
  const seconds = buildBook(temporary);
  renameSync(temporary, path);
  return { path, builtIn: seconds };
}

function queryPlan(path) {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return db
      .prepare(
        // The query of src/ledger/ledger-export-store.ts (iterateLedgerPostings), for the whole book.
        `EXPLAIN QUERY PLAN SELECT e.id, e.date, e.key, e.reason, e.memo, e.member_id, e.reverses_entry_id, a.code, a.name, p.amount_cents
         FROM entries e JOIN postings p ON p.entry_id = e.id JOIN accounts a ON a.id = p.account_id
         WHERE e.date >= '0000-01-01' AND e.date <= '9999-12-31' ORDER BY e.date, e.id, p.id`,
      )
      .all()
      .map((row) => row.detail);
  } finally {
    db.close();
  }
}

function exportOnce(path, format, out, extra = []) {
  const args = [SMART_BIN, 'export', 'ledger', '--format', format, '--out', out, '--db', path, ...extra];
  const stats = join(os.tmpdir(), `smart-bench-ledger-${process.pid}.time`);
  const timed = existsSync(TIME_BIN);
  const started = process.hrtime.bigint();
  const result = timed ? run(TIME_BIN, ['-o', stats, '-f', '%M %U %S', process.execPath, ...args]) : run(process.execPath, args);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`export ledger --format ${format} failed (${result.status}): ${result.stderr}`);
  // GNU time's last line: max RSS in KB, user and system CPU seconds.
  const [rssKb, user, system] = timed ? (readFileSync(stats, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number) : [NaN, NaN, NaN];
  rmSync(stats, { force: true });
  return { seconds, cpuSeconds: user + system, rssMb: rssKb / 1024, bytes: statSync(out).size, stderr: result.stderr.trim() };
}

const { path, builtIn } = bookPath();
console.log(`book: ${path}${builtIn === null ? ' (cached)' : ` (built in ${builtIn.toFixed(1)} s)`}`);
console.log(`${fmt(N)} entries, ${fmt(3 * N)} postings, ${fmt(M)} members, ${fmt(C)} clients`);
console.log(`query plan: ${queryPlan(path).join(' / ')}`);
console.log(`node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}`);
const dir = mkdtempSync(join(os.tmpdir(), 'smart-bench-ledger-'));
const rows = [];
try {
  for (const format of FORMATS) {
    const out = join(dir, `ledger.${format}`);
    const result = exportOnce(path, format, out);
    rows.push({ format, ...result });
    console.log(
      `export ledger (${format}) of ${fmt(N)} entries: ${result.seconds.toFixed(1)} s (CPU ${result.cpuSeconds.toFixed(1)} s), ` +
        `${fmt(N / result.seconds)} entries/s, ${fmt((3 * N) / result.seconds)} postings/s, peak RSS ${Number.isNaN(result.rssMb) ? 'n/a' : `${fmt(result.rssMb)} MB`} ` +
        `(goal < ${GOAL_RSS_MB} MB), ${fmt(result.bytes / 1024 / 1024)} MiB written`,
    );
    if (options.check && format !== 'csv') {
      const started = process.hrtime.bigint();
      const check = format === 'hledger' ? run('hledger', ['-f', out, 'check', '-s']) : run('bean-check', [out]);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      console.log(`  ${format === 'hledger' ? 'hledger check -s' : 'bean-check'}: exit ${check.status} in ${seconds.toFixed(1)} s ${check.stderr.trim().slice(0, 300)}`);
    }
  }
  const year = exportOnce(path, 'hledger', join(dir, 'year.journal'), ['--period', '2026']);
  console.log(`export ledger (hledger) --period 2026 (opening balances of ${fmt(M + C + 1)} accounts): ${year.seconds.toFixed(1)} s (CPU ${year.cpuSeconds.toFixed(1)} s), peak RSS ${fmt(year.rssMb)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
