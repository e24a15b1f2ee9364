#!/usr/bin/env node
// The benchmark of smart: `npm run bench` (builds, then runs this file) measures the BUILT command
// line (`node bin/smart.js ...` as child processes) on a book of N synthetic members, and measures
// beside each figure the raw better-sqlite3 limit for the same rows, in the same run. It prints a
// table and writes docs/benchmarks.md. It reports; it asserts nothing: a missed goal still exits 0.
// Only a measurement that could not be taken (a command that failed) makes it exit 1.
//
//   node scripts/bench.js [--members N] [--runs R] [--smoke] [--out FILE]
//
// To add a measurement, append an entry to the list returned by `measurements()` below.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = fileURLToPath(import.meta.url);
const SMART_BIN = join(ROOT, 'bin', 'smart.js');
const CACHE_DIR = join(ROOT, 'bench-cache');
const DEFAULT_REPORT = join(ROOT, 'docs', 'benchmarks.md');
const MIGRATION_SQL = join(ROOT, 'src', 'book', 'migrations', '001-foundation.sql');
const TIME_BIN = '/usr/bin/time';

/** The seed of the synthetic members: the same N gives the same file on every machine. */
const SEED = 20261123;
/** Bump when the generator changes, so that cached CSV files of the old shape are not reused. */
const GENERATOR_VERSION = 1;
/** The member count the issue's goals are stated for. */
const GOAL_MEMBERS = 100_000;
/** Rows `member import` writes per member: member, share movement, entry, 2 postings, account. */
const ROWS_PER_MEMBER = 6;
const CHILD_TIMEOUT_MS = 15 * 60_000;
const COOP = ['--name', 'Bench Coop SCRL', '--enterprise', 'BE0123456749', '--iban', 'BE71096123456769', '--bic', 'GKCCBEBB', '--address', 'Rue Coenraets 72, 1060 Saint-Gilles'];

// ---------------------------------------------------------------------------------------------
// Synthetic members
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG, good enough to spread test data, never for secrets. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Ada', 'Bram', 'Chloé', 'Dries', 'Emma', 'Femke', 'Gilles', 'Hanne', 'Ilse', 'Jonas', 'Lotte', 'Mathis', 'Nora', 'Olivier', 'Pauline', 'Quentin', 'Ruben', 'Sofie', 'Thibault', 'Victor', 'Wout', 'Yasmine', 'Zoë', 'Mohamed', 'Fatima', 'Lucas', 'Louise', 'Arthur', 'Élise', 'Noah', 'Marie', 'Anaïs', 'Jérôme', 'Kobe', 'Saar'];
const LAST_NAMES = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert', 'Dupont', 'Martin', 'Simon', 'Leroy', 'Vermeulen', 'Van den Broeck', 'El Amrani', 'Nowak', 'Rossi', 'Lejeune', 'Renard', 'Michiels', "D'Hondt", 'Vandenberghe', 'Özdemir', 'Lefèvre'];
const STREETS = ['Rue Haute', 'Kerkstraat', 'Place du Marché', 'Veldstraat', 'Chaussée de Wavre', 'Stationsstraat', 'Rue Royale', 'Meir', 'Avenue Louise', 'Dorpstraat', 'Rue de la Loi', 'Grote Markt'];
const CITIES = ['1000 Bruxelles', '2000 Antwerpen', '4000 Liège', '9000 Gent', '1060 Saint-Gilles', '3000 Leuven', '5000 Namur', '8000 Brugge', '6000 Charleroi', '1050 Ixelles', '2800 Mechelen', '7000 Mons'];
const BANK_CODES = ['001', '063', '068', '096', '143', '310', '363', '539', '630', '645', '732', '735', '750', '751', '973', '979'];

const pad = (value, width) => String(value).padStart(width, '0');
const pick = (random, list) => list[Math.floor(random() * list.length)];
const daysInMonth = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const slug = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** NISS: YYMMDD, a 3-digit serial, then 97 - (nine digits mod 97); "2" prefixed for births from 2000. */
function niss(year, yymmdd, serial) {
  const nine = `${yymmdd}${pad(serial, 3)}`;
  const check = 97 - (Number(`${year >= 2000 ? '2' : ''}${nine}`) % 97);
  return `${nine}${pad(check, 2)}`;
}

/** A Belgian IBAN: BBAN = bank (3) + account (7) + first ten mod 97 (97 for 0); then the ISO 13616 check. */
function belgianIban(random) {
  const ten = `${pick(random, BANK_CODES)}${pad(Math.floor(random() * 10_000_000), 7)}`;
  const national = Number(ten) % 97 || 97;
  const bban = `${ten}${pad(national, 2)}`;
  const check = 98n - (BigInt(`${bban}111400`) % 97n); // "BE" is 11 14, then "00"
  return `BE${pad(check, 2)}${bban}`;
}

/** N members as smart stores them (withholding and joining date filled in), reproducible from the seed. */
function generateMembers(count, seed = SEED) {
  const random = prng(seed);
  const serials = new Map();
  const members = [];
  const joinedFrom = Date.UTC(2026, 0, 1);
  for (let index = 0; index < count; index += 1) {
    let year;
    let yymmdd;
    let serial;
    do {
      year = 1950 + Math.floor(random() * 57); // 1950..2006: adults, both NISS variants
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * daysInMonth(year, month));
      yymmdd = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}`;
      serial = (serials.get(yymmdd) ?? 0) + 1;
    } while (serial > 997);
    serials.set(yymmdd, serial);
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const choice = random();
    members.push({
      name: `${first} ${last}`,
      email: `${slug(first)}.${slug(last)}.${index + 1}@example.be`,
      niss: niss(year, yymmdd, serial),
      birthDate: `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`,
      iban: belgianIban(random),
      address: `${pick(random, STREETS)} ${1 + Math.floor(random() * 199)}, ${pick(random, CITIES)}`,
      category: random() < 1 / 3 ? 'artist' : 'employee',
      shares: 1 + Math.floor(random() * 3),
      // Most rows leave the optional column empty (smart's default), as people's files do.
      withholdingColumn: choice < 0.7 ? '' : choice < 0.85 ? 'flat' : 'key-formula',
      withholding: choice < 0.85 && choice >= 0.7 ? 'flat' : 'key-formula',
      joinedOn: new Date(joinedFrom + Math.floor(random() * 300) * 86_400_000).toISOString().slice(0, 10),
    });
  }
  return members;
}

const csvField = (value) => (/[",\r\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));

function membersCsv(members) {
  const lines = ['name,email,niss,birth_date,iban,address,category,shares,withholding,joined_on'];
  for (const m of members) {
    lines.push([m.name, m.email, m.niss, m.birthDate, m.iban, m.address, m.category, m.shares, m.withholdingColumn, m.joinedOn].map(csvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The CSV of N members in bench-cache/, written once per N, seed and generator version. */
function memberCsvFile(count) {
  const path = join(CACHE_DIR, `members-${count}-seed${SEED}-v${GENERATOR_VERSION}.csv`);
  if (!existsSync(path)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, membersCsv(generateMembers(count)));
    renameSync(partial, path);
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// Raw better-sqlite3 limits: run in a child process (`bench.js --raw-worker KIND ...`) so that
// each figure comes from a fresh Node, like smart's. Inner timings cover only the database work.
// ---------------------------------------------------------------------------------------------

const requireFromRoot = createRequire(join(ROOT, 'package.json'));

function openRaw(path, options = {}) {
  const Database = requireFromRoot('better-sqlite3');
  const db = new Database(path, options);
  if (!options.readonly) {
    // The same settings as smart's openBook, so that the comparison is fair.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  }
  return db;
}

const PLAIN_TABLES = `
  CREATE TABLE members (id INTEGER PRIMARY KEY, name, email, niss, iban, birth_date, address, category, withholding, status, joined_on, left_on, created_at, updated_at);
  CREATE TABLE accounts (id INTEGER PRIMARY KEY, code, type, name, member_id);
  CREATE TABLE entries (id INTEGER PRIMARY KEY, key, date, reason, memo, command, member_id, reverses_entry_id, posting_count, debit_cents, recorded_at);
  CREATE TABLE postings (id INTEGER PRIMARY KEY, entry_id, account_id, amount_cents);
  CREATE TABLE share_movements (id INTEGER PRIMARY KEY, key, member_id, date, count, unit_price_cents, entry_id);`;

/**
 * Inserts the rows of N members with one prepared statement per table in one transaction.
 * `rows`: 'members' writes only the member rows; 'all' writes what `member import` writes.
 * `schema`: 'plain' tables without indexes, triggers or constraints, or smart's real schema.
 */
function rawInsert(dbPath, count, rows, schema) {
  const members = generateMembers(count);
  const now = new Date().toISOString();
  const db = openRaw(dbPath);
  db.exec(schema === 'smart' ? readFileSync(MIGRATION_SQL, 'utf8') : PLAIN_TABLES);
  const insertMember = db.prepare(
    `INSERT INTO members (name, email, niss, iban, birth_date, address, category, withholding, status, joined_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
  );
  const insertAccount = db.prepare('INSERT INTO accounts (code, type, name, member_id) VALUES (?, ?, ?, ?)');
  const insertEntry = db.prepare(
    `INSERT INTO entries (key, date, reason, memo, command, member_id, reverses_entry_id, posting_count, debit_cents, recorded_at)
     VALUES (?, ?, 'share.buy', ?, 'smart member import members.csv', ?, NULL, 2, ?, ?)`,
  );
  const insertPosting = db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)');
  const insertMovement = db.prepare('INSERT INTO share_movements (key, member_id, date, count, unit_price_cents, entry_id) VALUES (?, ?, ?, ?, 3000, ?)');
  const start = process.hrtime.bigint();
  let written = 0;
  db.transaction(() => {
    const bank = rows === 'all' ? Number(insertAccount.run('assets:bank', 'asset', "The co-op's bank account", null).lastInsertRowid) : 0;
    for (const m of members) {
      const id = Number(insertMember.run(m.name, m.email, m.niss, m.iban, m.birthDate, m.address, m.category, m.withholding, m.joinedOn, now, now).lastInsertRowid);
      written += 1;
      if (rows !== 'all') continue;
      const cents = m.shares * 3000;
      const account = Number(insertAccount.run(`equity:share-capital:member-${id}`, 'equity', `Share capital of member ${id}`, id).lastInsertRowid);
      const entry = Number(insertEntry.run(`share-purchase:member-${id}:joining`, m.joinedOn, `${m.shares} share(s) bought by member ${id}`, id, cents, now).lastInsertRowid);
      insertPosting.run(entry, bank, cents);
      insertPosting.run(entry, account, -cents);
      insertMovement.run(`member-${id}:joining`, id, m.joinedOn, m.shares, entry);
      written += ROWS_PER_MEMBER - 1;
    }
  }).immediate();
  const ms = elapsedMs(start);
  db.close();
  return { ms, rows: written };
}

const LIST_PLAIN_SQL = 'SELECT id, name, email, category, status, joined_on AS joinedOn, left_on AS leftOn FROM members ORDER BY id';
// The query smart's member list runs (src/members/member-store.ts), to tell the query from the rest.
const LIST_SMART_SQL = `SELECT m.id, m.name, m.email, m.category, m.status, coalesce(s.shares, 0) AS shares,
    m.joined_on AS joinedOn, m.left_on AS leftOn
  FROM members m
  LEFT JOIN (SELECT member_id, SUM(count) AS shares FROM share_movements GROUP BY member_id) s ON s.member_id = m.id
  ORDER BY m.id`;

/** All members with .all(), then JSON.stringify as smart prints it (indented), written to /dev/null. */
function rawList(dbPath, sql) {
  const db = openRaw(dbPath, { readonly: true, fileMustExist: true });
  const sink = openSync('/dev/null', 'w');
  const start = process.hrtime.bigint();
  const rows = db.prepare(sql).all();
  writeSync(sink, `${JSON.stringify(rows, null, 2)}\n`);
  const ms = elapsedMs(start);
  closeSync(sink);
  db.close();
  return { ms, rows: rows.length };
}

/** What `member show` reads: the member, the shares held, two account balances. Timed as a whole process. */
function rawShow(dbPath, id) {
  const db = openRaw(dbPath, { fileMustExist: true });
  const member = db.prepare('SELECT * FROM members WHERE id = ?').get(id);
  const shares = db.prepare('SELECT coalesce(SUM(count), 0) AS n FROM share_movements WHERE member_id = ?').get(id).n;
  const balance = db.prepare('SELECT SUM(p.amount_cents) AS b FROM postings p WHERE p.account_id = (SELECT id FROM accounts WHERE code = ?)');
  const capital = balance.get(`equity:share-capital:member-${id}`).b;
  const activity = balance.get(`liabilities:activity:member-${id}`).b;
  db.close();
  return { member, shares, capital, activity };
}

/** Creates an empty book the raw way: open, pragmas, the migration's SQL. Timed as a whole process. */
function rawCreate(dbPath) {
  const db = openRaw(dbPath);
  db.transaction(() => db.exec(readFileSync(MIGRATION_SQL, 'utf8'))).immediate();
  db.close();
  return {};
}

function rawWorker([kind, ...args]) {
  const workers = {
    'insert-all-plain': () => rawInsert(args[0], Number(args[1]), 'all', 'plain'),
    'insert-members-plain': () => rawInsert(args[0], Number(args[1]), 'members', 'plain'),
    'insert-all-smart-schema': () => rawInsert(args[0], Number(args[1]), 'all', 'smart'),
    'list-plain': () => rawList(args[0], LIST_PLAIN_SQL),
    'list-smart-query': () => rawList(args[0], LIST_SMART_SQL),
    show: () => rawShow(args[0], Number(args[1])),
    create: () => rawCreate(args[0]),
  };
  const work = workers[kind];
  if (work === undefined) throw new Error(`unknown raw worker ${kind}`);
  process.stdout.write(`${JSON.stringify(work())}\n`);
}

// ---------------------------------------------------------------------------------------------
// Running and timing child processes
// ---------------------------------------------------------------------------------------------

const elapsedMs = (start) => Number(process.hrtime.bigint() - start) / 1e6;
const HAVE_TIME = existsSync(TIME_BIN);

/**
 * Runs `node ARGS` and returns its wall time (hrtime around the whole child, so start-up
 * included) and its peak memory (max RSS, KiB, from GNU time when installed; else undefined).
 */
function runNode(args, { env, stdout = 'pipe', statsFile }) {
  const command = HAVE_TIME ? TIME_BIN : process.execPath;
  const argv = HAVE_TIME ? ['-o', statsFile, '-f', '%M', process.execPath, ...args] : args;
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, {
    cwd: ROOT,
    env,
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: CHILD_TIMEOUT_MS,
  });
  const ms = elapsedMs(start);
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    throw new Error(`\`node ${args.map((arg) => (arg.startsWith(ROOT) ? relative(ROOT, arg) : arg)).join(' ')}\` exited with ${result.status ?? result.signal}: ${(result.stderr ?? '').trim().slice(0, 2000)}`);
  }
  let rssKib;
  if (HAVE_TIME) {
    // GNU time writes "Command exited with non-zero status" lines first; the figure is last.
    const last = readFileSync(statsFile, 'utf8').trim().split('\n').pop() ?? '';
    rssKib = /^\d+$/.test(last) ? Number(last) : undefined;
  }
  return { ms, rssKib, stdout: result.stdout ?? '' };
}

// ---------------------------------------------------------------------------------------------
// The measurements
// ---------------------------------------------------------------------------------------------

/**
 * Each measurement: `label` (the table's operation), `how` (one sentence for the report), `runs`,
 * `goal` ({ ms, text, perMembers? }) or none, `prepare(ctx)` (untimed, before each run, returns
 * the run's state), `command(ctx, state)` (smart's arguments), `stdout` ('pipe' or 'ignore'),
 * `check(ctx, state, result)` (throws when the run did not do its work), `env`, and `raw`, the
 * limit it is compared to: `{ label, kind: 'process' | 'inner', args(ctx, state) }` where a
 * 'process' figure is the whole child's wall time and an 'inner' one is the database work the
 * worker timed itself. `notes(ctx)` adds lines under the table.
 */
function measurements(ctx) {
  const n = ctx.members.toLocaleString('en-US');
  const showId = Math.max(1, Math.ceil(ctx.members / 2));
  const startUp = [
    { suffix: '', env: ctx.env, when: 'with the environment as given' },
    ...(ctx.caCerts ? [{ suffix: ', without NODE_EXTRA_CA_CERTS', env: ctx.envWithoutCaCerts, when: 'with NODE_EXTRA_CA_CERTS removed' }] : []),
  ];
  return [
    ...startUp.map((variant) => ({
      label: `start-up: \`smart --help\`${variant.suffix}`,
      how: `\`node bin/smart.js --help\` ${variant.when}; the limit is \`node -e 0\` in the same environment, the floor of starting Node.`,
      runs: ctx.startUpRuns,
      goal: { ms: 150, text: '< 150 ms' },
      env: variant.env,
      command: () => ['--help'],
      check: (_ctx, _state, result) => expect(result.stdout.includes('Usage: smart'), 'smart --help printed no usage'),
      raw: { label: '`node -e 0`', kind: 'process', args: () => ['-e', '0'] },
    })),
    {
      label: '`smart init` (new book)',
      how: '`smart init` of a new book with every option given; the limit is a Node process opening a new SQLite file with the same pragmas and running the schema migration.',
      runs: ctx.quickRuns,
      prepare: (c) => ({ book: c.newBookPath() }),
      command: (_c, state) => ['init', '--db', state.book, ...COOP],
      raw: { label: 'new file + schema', kind: 'process', args: (c) => worker('create', c.newBookPath()) },
    },
    {
      label: `\`smart member import\` ${n} members`,
      how: `\`smart member import\` of the ${n}-member CSV into a book just made by \`smart init\` (a new book each run; init not timed). The limit is better-sqlite3 alone inserting the same rows the import writes (per member: the member, its share-capital account, the entry, 2 postings, the share movement) into plain tables with the same columns: one transaction, one prepared statement per table, WAL and synchronous=FULL as smart.`,
      runs: ctx.importRuns,
      goal: { ms: 5000, text: `< 5 s for ${GOAL_MEMBERS.toLocaleString('en-US')}`, perMembers: GOAL_MEMBERS },
      prepare: (c) => {
        const book = c.newBookPath();
        runNode([SMART_BIN, 'init', '--db', book, ...COOP], { env: c.env, statsFile: c.statsFile });
        return { book, before: tableCounts(book) };
      },
      command: (c, state) => ['member', 'import', c.csv, '--db', state.book],
      check: (c, state) => {
        const after = tableCounts(state.book);
        expect(after.members === c.members, `the import left ${after.members} members, not ${c.members}`);
        c.rowsWritten = Object.keys(after).reduce((sum, table) => sum + after[table] - (state.before[table] ?? 0), 0);
        c.adoptMemberBook(state.book);
      },
      raw: { label: 'same rows, plain tables', kind: 'inner', args: (c) => worker('insert-all-plain', c.newBookPath(), String(c.members)) },
      notes: (c, result) => {
        const members = median(c.extra('import-members-only', ['insert-members-plain', () => c.newBookPath(), String(c.members)]));
        const schema = median(c.extra('import-smart-schema', ['insert-all-smart-schema', () => c.newBookPath(), String(c.members)]));
        const rate = (rows, ms) => `${Math.round((rows / ms) * 1000).toLocaleString('en-US')} rows/s`;
        const rawRows = c.members * ROWS_PER_MEMBER + 1;
        return [
          `smart wrote ${c.rowsWritten.toLocaleString('en-US')} rows (all tables), ${rate(c.rowsWritten, median(result.times))} over the whole command; the raw limit wrote ${rawRows.toLocaleString('en-US')} rows, ${rate(rawRows, median(result.raw))}.`,
          `Only the ${n} member rows, plain table: ${formatMs(members)} (${rate(c.members, members)}).`,
          `The same ${rawRows.toLocaleString('en-US')} rows into smart's real schema (its indexes, unique keys, foreign keys and the postings_sealed trigger), no JavaScript validation: ${formatMs(schema)} (${rate(rawRows, schema)}). The gap between this and smart's figure is smart's own work (reading and checking the CSV, the look-ups it makes per member, building each entry).`,
        ];
      },
    },
    {
      label: '`smart member list --json`',
      how: `\`smart member list --json\` over the ${n}-member book, stdout to /dev/null (one untimed run first counts the members in its output). The limit is better-sqlite3 \`SELECT ... FROM members\` of the same columns with .all(), then JSON.stringify indented as smart prints it, written to /dev/null.`,
      runs: ctx.quickRuns,
      goal: { ms: 2000, text: `< 2 s for ${GOAL_MEMBERS.toLocaleString('en-US')}`, perMembers: GOAL_MEMBERS },
      warmUp: (c) => {
        const listed = JSON.parse(runNode([SMART_BIN, 'member', 'list', '--json', '--db', c.memberBook()], { env: c.env, statsFile: c.statsFile }).stdout);
        expect(Array.isArray(listed) && listed.length === c.members, `member list --json listed ${listed.length} members, not ${c.members}`);
      },
      stdout: 'ignore',
      command: (c) => ['member', 'list', '--json', '--db', c.memberBook()],
      raw: { label: '`SELECT` + `JSON.stringify`', kind: 'inner', args: (c) => worker('list-plain', c.memberBook()) },
      notes: (c) => {
        const smartQuery = median(c.extra('list-smart-query', ['list-smart-query', () => c.memberBook()]));
        return [`smart's own query (with the shares summed from share_movements) + the same JSON.stringify, in better-sqlite3 alone: ${formatMs(smartQuery)}.`];
      },
    },
    {
      label: `\`smart member show ${showId}\``,
      how: `\`smart member show ${showId}\` on the ${n}-member book. The limit is a Node process that opens the book with better-sqlite3 and runs the same reads (the member, the shares held, two account balances).`,
      runs: ctx.quickRuns,
      command: (c) => ['member', 'show', String(showId), '--db', c.memberBook()],
      check: (_c, _state, result) => expect(result.stdout.includes('share capital') || result.stdout.includes('shares'), 'member show printed no shares'),
      raw: { label: 'open + the same reads', kind: 'process', args: (c) => worker('show', c.memberBook(), String(showId)) },
    },
    {
      label: '`smart check`',
      how: `\`smart check\` (every invariant) on the ${n}-member book; no raw figure.`,
      runs: ctx.quickRuns,
      command: (c) => ['check', '--db', c.memberBook()],
      check: (_c, _state, result) => expect(!result.stdout.includes('FAIL'), `smart check failed: ${result.stdout}`),
    },
  ];
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** Row counts of every table of a book (to count what a command wrote). */
function tableCounts(path) {
  const db = openRaw(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all();
    return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get().n]));
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Running the measurements
// ---------------------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The node arguments that run one of this script's raw workers. */
const worker = (...args) => [SCRIPT, '--raw-worker', ...args];

/** One raw figure: a whole process's wall time, or the time an 'inner' worker measured itself. */
function rawFigure(ctx, kind, nodeArgs, env) {
  const run = runNode(nodeArgs, { env, statsFile: ctx.statsFile });
  return kind === 'process' ? run.ms : JSON.parse(run.stdout.trim().split('\n').pop()).ms;
}

/** Runs one measurement: its smart runs and its raw runs alternate, so drift hits both alike. */
function measure(ctx, m) {
  const result = { label: m.label, how: m.how, goal: m.goal, times: [], rss: [], raw: [], rawLabel: m.raw?.label, notes: [] };
  const env = m.env ?? ctx.env;
  try {
    if (m.warmUp !== undefined) m.warmUp(ctx);
    else if (m.prepare === undefined) runNode([SMART_BIN, ...m.command(ctx, {})], { env, stdout: m.stdout ?? 'pipe', statsFile: ctx.statsFile });
    for (let run = 0; run < m.runs; run += 1) {
      const state = m.prepare?.(ctx) ?? {};
      const timed = runNode([SMART_BIN, ...m.command(ctx, state)], { env, stdout: m.stdout ?? 'pipe', statsFile: ctx.statsFile });
      m.check?.(ctx, state, timed);
      result.times.push(timed.ms);
      if (timed.rssKib !== undefined) result.rss.push(timed.rssKib);
      if (m.raw !== undefined) result.raw.push(rawFigure(ctx, m.raw.kind, m.raw.args(ctx, state), env));
      ctx.cleanBooks();
    }
    result.notes = m.notes?.(ctx, result) ?? [];
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  return result;
}

function createContext(options) {
  const work = mkdtempSync(join(os.tmpdir(), 'smart-bench-'));
  const env = { ...process.env };
  delete env.SMART_DB;
  const envWithoutCaCerts = { ...env };
  delete envWithoutCaCerts.NODE_EXTRA_CA_CERTS;
  let bookNumber = 0;
  let memberBook;
  const disposable = [];
  const extras = new Map();
  const ctx = {
    ...options,
    work,
    env,
    envWithoutCaCerts,
    caCerts: env.NODE_EXTRA_CA_CERTS !== undefined && env.NODE_EXTRA_CA_CERTS !== '',
    statsFile: join(work, 'time.txt'),
    rowsWritten: 0,
    newBookPath() {
      bookNumber += 1;
      const path = join(work, `book-${bookNumber}.sqlite`);
      disposable.push(path);
      return path;
    },
    /** Keeps the book a run made (the N-member book of the later measurements). */
    adoptMemberBook(path) {
      if (memberBook !== undefined) removeBook(memberBook);
      memberBook = path;
    },
    memberBook() {
      if (memberBook === undefined) {
        const book = ctx.newBookPath();
        runNode([SMART_BIN, 'init', '--db', book, ...COOP], { env, statsFile: ctx.statsFile });
        runNode([SMART_BIN, 'member', 'import', ctx.csv, '--db', book], { env, statsFile: ctx.statsFile });
        ctx.adoptMemberBook(book);
      }
      return memberBook;
    },
    cleanBooks() {
      for (const path of disposable.splice(0)) if (path !== memberBook) removeBook(path);
    },
    /** A supplementary raw figure (median of the measurement's run count), for the notes. */
    extra(name, [kind, ...args]) {
      if (!extras.has(name)) {
        const times = [];
        for (let run = 0; run < options.quickRunsForExtras; run += 1) {
          times.push(rawFigure(ctx, 'inner', worker(kind, ...args.map((arg) => (typeof arg === 'function' ? arg() : arg))), env));
          ctx.cleanBooks();
        }
        extras.set(name, times);
      }
      return extras.get(name);
    },
    dispose() {
      rmSync(work, { recursive: true, force: true });
    },
  };
  return ctx;
}

function removeBook(path) {
  for (const file of [path, `${path}-wal`, `${path}-shm`]) rmSync(file, { force: true });
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

function formatMs(ms) {
  if (ms === undefined || Number.isNaN(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** "212–230 ms", or "0.98 s–1.02 s" when the units differ. */
function formatRange(low, high) {
  const [a, b] = [formatMs(low), formatMs(high)];
  const unit = (text) => text.split(' ')[1];
  return unit(a) === unit(b) ? `${a.split(' ')[0]}–${b}` : `${a}–${b}`;
}

const formatMib = (kib) => (kib === undefined ? 'n/a' : `${Math.round(kib / 1024)} MiB`);

function verdict(result, members) {
  if (result.goal === undefined) return '—';
  if (result.error !== undefined) return 'failed';
  if (result.goal.perMembers !== undefined && result.goal.perMembers !== members) return `n/a (N ≠ ${result.goal.perMembers.toLocaleString('en-US')})`;
  return median(result.times) < result.goal.ms ? 'yes' : 'NO';
}

function tableRows(results, members) {
  return results.map((r) => {
    if (r.error !== undefined) return [r.label, 'failed', '', '', '', '', r.goal?.text ?? '—', 'failed'];
    const mid = median(r.times);
    const raw = r.raw.length > 0 ? median(r.raw) : undefined;
    return [
      r.label,
      formatMs(mid),
      formatRange(Math.min(...r.times), Math.max(...r.times)),
      raw === undefined ? 'n/a' : `${formatMs(raw)} (${r.rawLabel})`,
      raw === undefined ? 'n/a' : `${(mid / raw).toFixed(1)}×`,
      formatMib(r.rss.length > 0 ? Math.max(...r.rss) : undefined),
      r.goal?.text ?? '—',
      verdict(r, members),
    ];
  });
}

const HEADERS = ['operation', 'median', 'min–max', 'raw limit', 'ratio to limit', 'peak memory', 'goal', 'met?'];

function textTable(rows) {
  const all = [HEADERS, ...rows].map((row) => row.map((cell) => cell.replace(/`/g, '')));
  const widths = HEADERS.map((_h, column) => Math.max(...all.map((row) => row[column].length)));
  return all.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n');
}

function machine() {
  const cpus = os.cpus();
  const sqlite = (() => {
    try {
      const db = openRaw(':memory:', {});
      const version = db.prepare('SELECT sqlite_version() AS v').get().v;
      db.close();
      return version;
    } catch {
      return 'unknown';
    }
  })();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}, ${os.arch()})`,
    cpu: `${cpus[0]?.model?.trim() ?? 'unknown'}, ${cpus.length} logical cores`,
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    sqlite: `better-sqlite3 ${requireFromRoot('better-sqlite3/package.json').version}, SQLite ${sqlite}`,
  };
}

/** What NODE_EXTRA_CA_CERTS cost every Node start in this run, from the two `node -e 0` figures. */
function caCertsNote(ctx, results) {
  if (!ctx.caCerts) return 'not set in this environment, so start-up is measured once.';
  const [given, without] = results.filter((r) => r.label.startsWith('start-up:')).map((r) => (r.raw.length > 0 ? median(r.raw) : undefined));
  const cost = given !== undefined && without !== undefined ? ` (in this run \`node -e 0\` took ${formatMs(given)} with it and ${formatMs(without)} without)` : '';
  return `set in this environment. Node reads that CA bundle at every start${cost}, so start-up is measured both with the environment as given and with the variable removed. The other commands, and their raw limits, run with the environment as given.`;
}

function markdownReport(ctx, results, startedAt) {
  const m = machine();
  const n = ctx.members.toLocaleString('en-US');
  const cell = (text) => text.replace(/\|/g, '\\|');
  const lines = [
    '<!-- Generated by `npm run bench` (scripts/bench.js). Never edit this file by hand: run the benchmark again. -->',
    '',
    '# Benchmarks',
    '',
    'Generated by `npm run bench` (`node scripts/bench.js`), never edited by hand. Each figure is the median of',
    'several runs of the built command line (`node bin/smart.js ...`, one child process per run, wall time',
    'including Node start-up), beside the raw better-sqlite3 limit for the same rows measured in the same run.',
    'The script reports; it asserts nothing (a missed goal is printed as NO, the exit code stays 0).',
    '',
    `- Machine: ${m.os}; ${m.cpu}; ${m.memory} memory`,
    `- Node: ${m.node}; ${m.sqlite}`,
    `- Date: ${startedAt.toISOString()}; load average (1 min) ${ctx.loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (other work on the machine makes every figure slower)`,
    `- Members (N): ${n} synthetic members (seed ${SEED}, valid NISS and IBANs, about a third artists, 1 to 3 shares), CSV cached in \`${relative(ROOT, ctx.csv)}\``,
    `- Runs: ${ctx.startUpRuns} for start-up, ${ctx.quickRuns} for the other quick commands, ${ctx.importRuns} for the import (\`--runs R\` sets them)`,
    `- Peak memory: the measured smart process's max RSS (${HAVE_TIME ? 'GNU time `%M`, the largest of the runs' : '`/usr/bin/time` is not installed here: n/a'})`,
    `- NODE_EXTRA_CA_CERTS: ${caCertsNote(ctx, results)}`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map((_h, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...tableRows(results, ctx.members).map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
    '"ratio to limit" is smart\'s median over the raw limit\'s median. Raw limits marked "plain tables", `SELECT`',
    'or "same rows" time only the database work inside one Node process (no start-up); the others time a whole',
    'Node process, like smart\'s figure.',
    '',
    '## What each row measures',
    '',
  ];
  for (const r of results) {
    lines.push(`- **${r.label}**: ${r.how}`);
    for (const note of r.notes) lines.push(`  - ${note}`);
    if (r.error !== undefined) lines.push(`  - FAILED: ${r.error.replace(/\s+/g, ' ')}`);
  }
  lines.push('');
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

function positiveInteger(text, flag) {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) {
    process.stderr.write(`bench: ${flag} must be a whole number from 1, not "${text}"\n`);
    process.exit(2);
  }
  return Number(text);
}

function readOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { members: { type: 'string' }, runs: { type: 'string' }, smoke: { type: 'boolean', default: false }, out: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help) {
    process.stdout.write('usage: node scripts/bench.js [--members N] [--runs R] [--smoke] [--out FILE]\n');
    process.exit(0);
  }
  const members = positiveInteger(values.members, '--members') ?? (values.smoke ? 1000 : GOAL_MEMBERS);
  const runs = positiveInteger(values.runs, '--runs') ?? (values.smoke ? 1 : undefined);
  const out = values.out !== undefined ? resolve(values.out) : values.smoke ? join(os.tmpdir(), `smart-bench-smoke-${process.pid}.md`) : DEFAULT_REPORT;
  return {
    members,
    quickRuns: runs ?? 5,
    importRuns: runs ?? 3,
    startUpRuns: values.smoke ? Math.max(runs, 3) : Math.max(10, 2 * (runs ?? 5)),
    quickRunsForExtras: runs ?? 3,
    out,
  };
}

function main(argv) {
  const options = readOptions(argv);
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    process.stderr.write('bench: the CLI is not built; run `npm run bench` (it builds first) or `npm run build`.\n');
    return 1;
  }
  const startedAt = new Date();
  const t0 = process.hrtime.bigint();
  process.stderr.write(`bench: ${options.members.toLocaleString('en-US')} members${HAVE_TIME ? '' : ' (no /usr/bin/time: peak memory n/a)'}\n`);
  const csv = memberCsvFile(options.members);
  const ctx = createContext({ ...options, csv, loadAtStart: os.loadavg()[0] });
  const results = [];
  try {
    for (const m of measurements(ctx)) {
      process.stderr.write(`bench: ${m.label.replace(/`/g, '')} ...\n`);
      const result = measure(ctx, m);
      if (result.error !== undefined) process.stderr.write(`bench: FAILED: ${result.error}\n`);
      results.push(result);
    }
  } finally {
    ctx.dispose();
  }
  const rows = tableRows(results, options.members);
  process.stdout.write(`${textTable(rows)}\n`);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, markdownReport(ctx, results, startedAt));
  process.stderr.write(`bench: report written to ${relative(process.cwd(), options.out) || options.out} in ${formatMs(elapsedMs(t0))}\n`);
  return results.some((r) => r.error !== undefined) ? 1 : 0;
}

if (process.argv[2] === '--raw-worker') rawWorker(process.argv.slice(3));
else process.exitCode = main(process.argv.slice(2));
