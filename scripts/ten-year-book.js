#!/usr/bin/env node
// The ten-year book of the benchmark (issue 8): one synthetic book of a co-op's ten years,
// 2017-2026, at the scale of SMart Belgium: N members joining over time (some leave), a few
// thousand clients (a few large ones with many invoices, Zipf-like), K contracts of 1-5 days
// invoiced at their end (mostly 200-2,000 EUR, a few large), a weekly payout run every Friday
// paying the invoices due (one payslip per member per run), and L bank lines: the clients'
// payments 30-60 days later matched by structured communication (some late, a few never, those
// written off by the run past the write-off delay), the payout batches, and bank fees set aside.
//
//   node scripts/ten-year-book.js --members N --invoices K --lines L [--clients C] [--seed S] --out FILE
//
// The book starts as `smart init` makes it (coop, rules, schema); every other row is a raw
// better-sqlite3 INSERT of exactly the rows smart's use cases write (addMember + shares, addClient,
// addContract, issueInvoice, runPayout with its write-offs, bank import with settlePayment and
// settlePayoutBatch, bank ignore, leaveMember), with the figures computed by smart's own built
// modules (dist/: computeVat, computeContributions, computeSalary, allocate, lineIdentity ...), so
// that `smart check` passes on the result. Built in large transactions with synchronous=OFF and no
// rollback journal, then switched back to WAL. Reproducible from the seed (mulberry32).
//
// The rules of a new book are in force from 2026-01-01; the builder records the same values from
// 2017-01-01 (as an administrator would with `smart rules set ... --from 2017-01-01`), so that
// the invoices and runs of 2017-2025 find a rule in force.
//
// Besides the K invoices: 100 open contracts (for the invoice issue row) and, inside K, one
// invoice each for about N/20 members whose work ended in the week after the last run (the
// invoices the next run, 2026-11-27, must pay). What was built is written beside the book as
// FILE.json (the facts the benchmark checks its runs against).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prng, FIRST_NAMES, LAST_NAMES, STREETS, CITIES, pad, pick, slug, niss, belgianIban, enterpriseNumber, CLIENT_KINDS, WORKS } from './synthetic.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = fileURLToPath(import.meta.url);
const DIST = join(ROOT, 'dist');
const MIGRATIONS_DIR = join(ROOT, 'src', 'book', 'migrations');
const CACHE_DIR = join(ROOT, 'bench-cache');

/** Bump when the generator changes: a cached book of the old shape is then rebuilt. */
export const TEN_YEAR_VERSION = 2;
export const TEN_YEAR_SEED = 20261123;
/** The ten years: the first weekly run is on the first Friday of 2017, the last on LAST_RUN. */
const FIRST_DAY = '2017-01-01';
const FIRST_RUN = '2017-01-06';
export const TEN_YEAR_DATES = {
  lastRun: '2026-11-20',
  /** The next run (measured on a copy): it pays the work that ended in the week after LAST_RUN. */
  nextRun: '2026-11-27',
  nextWeek: '2026-W48',
  /** Where the 100 open contracts are invoiced (after the last invoice of 2026). */
  issue: '2026-11-30',
};
/** The open contracts kept for the invoice issue row. */
const OPEN_CONTRACTS = 100;
/** One member in PENDING_STRIDE has work due in the next run. */
const PENDING_STRIDE = 20;
const COOP = ['--name', 'Bench Coop SCRL', '--enterprise', 'BE0123456749', '--iban', 'BE71096123456769', '--bic', 'GKCCBEBB', '--address', 'Rue Coenraets 72, 1060 Saint-Gilles'];
const COOP_IBAN = 'BE71096123456769';

// ---------------------------------------------------------------------------------------------
// Parameters and the cache
// ---------------------------------------------------------------------------------------------

/** The parameters of a ten-year book for N members: 15 invoices and 15 bank lines a member, 3,000 clients at scale. */
export function tenYearParameters(members, overrides = {}) {
  return {
    members,
    invoices: overrides.invoices ?? members * 15,
    lines: overrides.lines ?? members * 15,
    clients: overrides.clients ?? Math.min(3000, Math.max(30, Math.round(members / 33))),
    seed: overrides.seed ?? TEN_YEAR_SEED,
  };
}

/** The migrations' content: a cached book of an older schema is never reused. */
export function migrationsFingerprint() {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql')).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  return hash.digest('hex').slice(0, 10);
}

/** The cached book's path: every parameter, the seed, the generator's version and the migrations. */
export function tenYearBookPath(parameters, dir = CACHE_DIR) {
  const { members, invoices, lines, clients, seed } = parameters;
  return join(dir, `ten-year-n${members}-k${invoices}-l${lines}-c${clients}-seed${seed}-v${TEN_YEAR_VERSION}-${migrationsFingerprint()}.sqlite`);
}

/** The book of these parameters from bench-cache/, built now (in a child process) when missing. Returns { path, facts, built }. */
export function ensureTenYearBook(parameters, { env = process.env, log = (text) => process.stderr.write(text) } = {}) {
  const path = tenYearBookPath(parameters);
  let built = false;
  if (!existsSync(path) || !existsSync(`${path}.json`)) {
    log(`bench:   setup (not timed): building ${path.slice(ROOT.length)} (ten-year book) ...\n`);
    const args = [SCRIPT, '--members', String(parameters.members), '--invoices', String(parameters.invoices), '--lines', String(parameters.lines), '--clients', String(parameters.clients), '--seed', String(parameters.seed), '--out', path];
    const result = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) throw new Error(`building the ten-year book failed (${result.status ?? result.signal}): ${(result.stderr ?? '').trim().slice(-2000)}`);
    built = true;
    // Older versions of the same parameters are left behind by a schema or generator change.
    const prefix = `ten-year-n${parameters.members}-`;
    for (const name of readdirSync(dirname(path))) {
      if (name.startsWith(prefix) && !name.includes('.tmp') && !path.endsWith(`/${name}`) && !`${path}.json`.endsWith(`/${name}`)) rmSync(join(dirname(path), name), { force: true });
    }
  }
  return { path, facts: JSON.parse(readFileSync(`${path}.json`, 'utf8')), built };
}

// ---------------------------------------------------------------------------------------------
// Synthetic people and money (seeded)
// ---------------------------------------------------------------------------------------------

const FEES = ['Frais bancaires', 'Huur lokaal', 'Loyer bureau', 'Fournitures', 'Drukwerk', 'Verzekering', 'Abonnement logiciel'];

const DAY_MS = 86_400_000;
const dayNumber = (iso) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** The moment a row written on that day says it was recorded (a command run that morning). */
const stampOf = (iso) => `${iso}T09:00:00.000Z`;

/** A standard normal draw (Box-Muller). */
function gaussian(random) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Index drawn from cumulative weights (binary search). */
function drawIndex(cumulative, random) {
  const target = random() * cumulative[cumulative.length - 1];
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (cumulative[middle] <= target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** An amount excl. VAT in cents: many small (200-2,000 EUR, most under 1,000), some 2,000-8,000, a few large. */
function contractAmount(random) {
  const u = random();
  if (u < 0.9) return 20_000 + Math.floor(180_000 * random() ** 2);
  if (u < 0.99) return 200_000 + Math.floor(600_000 * random());
  return 800_000 + Math.floor(3_200_000 * random());
}

// ---------------------------------------------------------------------------------------------
// The build
// ---------------------------------------------------------------------------------------------

const requireFromRoot = createRequire(join(ROOT, 'package.json'));
const dist = (path) => import(pathToFileURL(join(DIST, path)).href);

/** The Fridays of the ten years, FIRST_RUN to lastRun. */
function runDays() {
  const days = [];
  for (let day = dayNumber(FIRST_RUN); day <= dayNumber(TEN_YEAR_DATES.lastRun); day += 7) days.push(day);
  return days;
}

/** Builds the book at `out` (replacing nothing: a temporary file renamed at the end). Returns the facts. */
export async function buildTenYearBook(parameters, out) {
  const started = process.hrtime.bigint();
  const { members: memberCount, invoices: invoiceCount, lines: lineCount, clients: clientCount, seed } = parameters;
  const { computeVat, vatCategory } = await dist('invoicing/vat.js');
  const { computeContributions } = await dist('invoicing/contributions.js');
  const { invoiceNumber, structuredCommunicationOf } = await dist('invoicing/invoice-number.js');
  const chart = await dist('ledger/chart.js');
  const { loadRules } = await dist('rules/set-rule.js');
  const { computeSalary, salaryRatesAt } = await dist('payroll/salary-engine.js');
  const { allocate } = await dist('money/index.js');
  const { lineIdentity } = await dist('bank/import-statement.js');
  const { isoWeek } = await dist('calendar/dates.js');

  const partial = `${out}.${process.pid}.tmp`;
  for (const file of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(file, { force: true });
  const init = spawnSync(process.execPath, [join(ROOT, 'bin', 'smart.js'), 'init', '--db', partial, ...COOP], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`smart init failed: ${init.stderr}`);

  const Database = requireFromRoot('better-sqlite3');
  const db = new Database(partial, { fileMustExist: true });
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');

  const random = prng(seed);
  const log = (text) => process.stderr.write(`ten-year: ${text}\n`);
  const facts = { parameters, version: TEN_YEAR_VERSION, dates: TEN_YEAR_DATES };

  // --- Rules: the default set's values, in force from 2017 -----------------------------------
  const ruleRows = db.prepare('SELECT * FROM rules ORDER BY id').all();
  const insertRule = db.prepare('INSERT INTO rules (name, effective_from, value, status, source, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    const seen = new Set();
    for (const row of ruleRows) {
      if (seen.has(row.name)) continue;
      seen.add(row.name);
      insertRule.run(row.name, FIRST_DAY, row.value, row.status, `${row.source} (the same value recorded from 2017 for the ten-year benchmark book)`, stampOf(FIRST_DAY), 'bench (ten-year book)');
    }
  })();
  const rules = loadRules(db);

  // --- Prepared statements --------------------------------------------------------------------
  const accountIds = new Map(db.prepare('SELECT code, id FROM accounts').all().map((row) => [row.code, row.id]));
  const insertAccount = db.prepare('INSERT INTO accounts (code, type, name, member_id, client_id) VALUES (?, ?, ?, ?, ?)');
  const accountId = (spec) => {
    let id = accountIds.get(spec.code);
    if (id === undefined) {
      id = Number(insertAccount.run(spec.code, spec.type, spec.name, spec.memberId ?? null, spec.clientId ?? null).lastInsertRowid);
      accountIds.set(spec.code, id);
    }
    return id;
  };
  const insertEntryStatement = db.prepare(
    `INSERT INTO entries (key, date, reason, memo, command, member_id, reverses_entry_id, posting_count, debit_cents, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const insertPosting = db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)');
  let entryCount = 0;
  /** postEntry's rows: the entry (posting count and debit declared) and its non-zero postings. */
  const postEntry = ({ key, date, reason, memo, command, memberId = null, postings, now }) => {
    const lines = postings.filter(([, cents]) => cents !== 0);
    let sum = 0;
    let debit = 0;
    for (const [, cents] of lines) {
      if (!Number.isInteger(cents)) throw new Error(`entry ${key}: ${cents} is not whole cents`);
      sum += cents;
      if (cents > 0) debit += cents;
    }
    if (sum !== 0 || lines.length < 2) throw new Error(`entry ${key} does not balance (${sum})`);
    const id = Number(insertEntryStatement.run(key, date, reason, memo, command, memberId, lines.length, debit, now).lastInsertRowid);
    for (const [spec, cents] of lines) insertPosting.run(id, accountId(spec), cents);
    entryCount += 1;
    return id;
  };
  const insertAudit = db.prepare("INSERT INTO audit_log (at, os_user, command, summary) VALUES (?, 'bench', ?, ?)");

  // --- Members: joining over ten years (more each year), a quarter leave ---------------------
  const firstDay = dayNumber(FIRST_DAY);
  const lastRunDay = dayNumber(TEN_YEAR_DATES.lastRun);
  const span = lastRunDay - 30 - firstDay;
  const joinDays = Array.from({ length: memberCount }, () => firstDay + Math.floor(span * Math.sqrt(random()))).sort((a, b) => a - b);
  const serials = new Map();
  const members = [];
  for (let index = 0; index < memberCount; index += 1) {
    let year;
    let yymmdd;
    let serial;
    do {
      year = 1950 + Math.floor(random() * 55);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * new Date(Date.UTC(year, month, 0)).getUTCDate());
      yymmdd = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}`;
      serial = (serials.get(yymmdd) ?? 0) + 1;
    } while (serial > 997);
    serials.set(yymmdd, serial);
    const first = pick(random, FIRST_NAMES);
    const last = pick(random, LAST_NAMES);
    const joinDay = joinDays[index];
    // A quarter leave, at least 60 days after joining and a month before the book's end.
    let leaveDay = null;
    if (random() < 0.25 && lastRunDay - 30 - (joinDay + 60) > 0) leaveDay = joinDay + 60 + Math.floor(random() * (lastRunDay - 30 - (joinDay + 60)));
    // Contracts end from 4 days after joining to 3 weeks before leaving: every invoice is paid out before the member leaves.
    const workFrom = joinDay + 4;
    const workTo = leaveDay === null ? lastRunDay : leaveDay - 21;
    members.push({
      id: index + 1,
      name: `${first} ${last}`,
      email: `${slug(first)}.${slug(last)}.${index + 1}@example.be`,
      niss: niss(year, yymmdd, serial),
      birthDate: `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`,
      iban: belgianIban(random),
      address: `${pick(random, STREETS)} ${1 + Math.floor(random() * 199)}, ${pick(random, CITIES)}`,
      category: random() < 1 / 3 ? 'artist' : 'employee',
      withholding: random() < 0.15 ? 'flat' : 'key-formula',
      shares: 1 + Math.floor(random() * 3),
      joinDay,
      leaveDay,
      workFrom,
      workTo,
      // Activity: log-normal, so that most members have a few contracts and some very many.
      weight: workTo - workFrom >= 7 ? Math.exp(1.1 * gaussian(random)) * (workTo - workFrom) : 0,
      balance: 0,
      month: '',
      mtd: { grossCents: 0, taxableCents: 0, withholdingCents: 0, specialCents: 0 },
    });
  }
  const sharePrice = rules.amountAt('share.price', FIRST_DAY);
  const insertMember = db.prepare(
    `INSERT INTO members (id, name, email, niss, iban, birth_date, address, category, withholding, status, joined_on, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?)`,
  );
  const insertShares = db.prepare('INSERT INTO share_movements (key, member_id, date, count, unit_price_cents, entry_id) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const member of members) {
      const joined = isoOf(member.joinDay);
      const now = stampOf(joined);
      insertMember.run(member.id, member.name, member.email, member.niss, member.iban, member.birthDate, member.address, member.category, member.withholding, joined, now, now);
      const amount = sharePrice * member.shares;
      const entry = postEntry({
        key: `share-purchase:member-${member.id}:joining`,
        date: joined,
        reason: 'share.buy',
        memo: `${member.shares} share(s) bought by member ${member.id}`,
        command: 'smart member add',
        memberId: member.id,
        postings: [[chart.BANK, amount], [chart.shareCapitalAccount(member.id), -amount]],
        now,
      });
      insertShares.run(`member-${member.id}:joining`, member.id, joined, member.shares, sharePrice, entry);
      insertAudit.run(now, 'smart member add', `member ${member.id} added with ${member.shares} share(s)`);
    }
  })();
  log(`${memberCount} members`);

  // --- Clients: Zipf-like sizes, payment habits --------------------------------------------
  const clients = [];
  const insertClient = db.prepare(
    `INSERT INTO clients (id, name, address, country, vat_number, email, iban, peppol_id, created_at, updated_at)
     VALUES (?, ?, ?, 'BE', ?, ?, ?, ?, ?, ?)`,
  );
  const clientCumulative = new Float64Array(clientCount);
  db.transaction(() => {
    let total = 0;
    for (let index = 0; index < clientCount; index += 1) {
      const city = pick(random, CITIES);
      const habit = random();
      const client = {
        id: index + 1,
        name: `${pick(random, CLIENT_KINDS)} ${city.slice(5)} ${index + 1}`,
        payerIban: belgianIban(random),
        // Payment habit: days from issue to payment, and the share of invoices never paid.
        delay: habit < 0.75 ? [30, 60] : habit < 0.95 ? [45, 150] : [30, 120],
        neverShare: habit < 0.75 ? 0.002 : habit < 0.95 ? 0.01 : 0.2,
      };
      const enterprise = enterpriseNumber(index);
      const created = stampOf(FIRST_DAY);
      insertClient.run(client.id, client.name, `${pick(random, STREETS)} ${1 + Math.floor(random() * 199)}, ${city}`, `BE${enterprise}`, `invoices.${index + 1}@client.example.be`,
        random() < 0.6 ? client.payerIban : null, random() < 0.5 ? `0208:${enterprise}` : null, created, created);
      insertAudit.run(created, 'smart client add', `client ${client.id} added`);
      clients.push(client);
      total += 1 / (index + 1) ** 1.07;
      clientCumulative[index] = total;
    }
  })();
  log(`${clientCount} clients`);

  // --- Contracts: K invoiced (the last ~N/20 due in the next run), 100 open -----------------
  const memberCumulative = new Float64Array(memberCount);
  let weightTotal = 0;
  for (let index = 0; index < memberCount; index += 1) {
    weightTotal += members[index].weight;
    memberCumulative[index] = weightTotal;
  }
  if (weightTotal === 0) throw new Error('no member has a working period: give more members');
  const activeAtEnd = members.filter((member) => member.leaveDay === null && member.workTo - member.workFrom >= 7);
  const pendingMembers = [];
  for (let index = 0; index < activeAtEnd.length; index += PENDING_STRIDE) pendingMembers.push(activeAtEnd[index]);
  const pendingCount = Math.min(pendingMembers.length, Math.floor(invoiceCount / 10));
  const regularCount = invoiceCount - pendingCount;
  const nextRunDay = dayNumber(TEN_YEAR_DATES.nextRun);
  const contracts = [];
  const newContract = (member, endDay) => {
    const days = 1 + Math.floor(random() * 5);
    const u = random();
    const [vatRegime, vatRate] = u < 0.88 ? ['normal', '0.21'] : u < 0.98 ? ['normal', '0.06'] : ['exempt', '0'];
    const clientId = 1 + drawIndex(clientCumulative, random);
    // The client's payment, decided now: paid between its habit's delays, or never (then written
    // off by the first run past the write-off delay, runPayout's dueForWriteOff, if within the ten years).
    const client = clients[clientId - 1];
    const never = random() < client.neverShare;
    const payDay = never ? null : endDay + client.delay[0] + Math.floor(random() * (client.delay[1] - client.delay[0] + 1));
    return { memberId: member.id, clientId, endDay, startDay: Math.max(member.joinDay, endDay - (days - 1)), days, amountCents: contractAmount(random), vatRegime, vatRate, work: pick(random, WORKS), payDay };
  };
  for (let index = 0; index < regularCount; index += 1) {
    const member = members[drawIndex(memberCumulative, random)];
    contracts.push(newContract(member, member.workFrom + Math.floor(random() * (member.workTo - member.workFrom + 1))));
  }
  for (let index = 0; index < pendingCount; index += 1) contracts.push(newContract(pendingMembers[index], lastRunDay + 1 + Math.floor(random() * 7)));
  contracts.sort((a, b) => a.endDay - b.endDay || a.memberId - b.memberId);
  const openContracts = [];
  for (let index = 0; index < OPEN_CONTRACTS && activeAtEnd.length > 0; index += 1) openContracts.push(newContract(activeAtEnd[Math.floor(random() * activeAtEnd.length)], nextRunDay));

  const insertContract = db.prepare(
    `INSERT INTO contracts (id, member_id, client_id, description, place, start_date, end_date, days, amount_cents, vat_rate, vat_regime, status, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertInvoice = db.prepare(
    `INSERT INTO invoices (id, number, year, sequence, kind, contract_id, member_id, client_id, credited_invoice_id, issue_date, due_date, supply_start,
       supply_end, vat_regime, amount_excl_vat_cents, vat_cents, total_cents, levy_rate, fund_rate, levy_cents, fund_cents, budget_cents,
       structured_communication, reason, entry_id, created_at)
     VALUES (?, ?, ?, ?, 'invoice', ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const insertLine = db.prepare('INSERT INTO invoice_lines (invoice_id, line_number, description, quantity, net_cents, vat_rate, vat_category) VALUES (?, 1, ?, ?, ?, ?, ?)');
  const insertRun = db.prepare(
    `INSERT INTO payout_runs (week, run_date, reference, payslip_count, total_net_cents, total_expenses_cents, total_transfer_cents, created_at)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertPayslip = db.prepare(
    `INSERT INTO payslips (run_id, member_id, iban, category, withholding_mode, salary_budget_cents, gross_cents, base_cents, employer_cents,
       holiday_cents, employee_cents, taxable_cents, withholding_cents, special_cents, net_cents, leftover_cents, expenses_cents, transfer_cents, entry_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  );
  const insertItem = db.prepare('INSERT INTO payout_items (invoice_id, payslip_id, budget_cents, net_cents) VALUES (?, ?, ?, ?)');
  const insertWriteOff = db.prepare('INSERT INTO write_offs (invoice_id, date, open_cents, vat_cents, reason, entry_id) VALUES (?, ?, ?, ?, ?, ?)');
  const insertImport = db.prepare(
    `INSERT INTO bank_imports (file_name, sha256, format, lines, imported, duplicates, imported_at, imported_by) VALUES (?, ?, 'kbc', ?, ?, 0, ?, 'bench')`,
  );
  const insertBankLine = db.prepare(
    `INSERT INTO bank_lines (identity, import_id, source_line, account, booking_date, value_date, amount_cents, currency, counterparty_name,
       counterparty_iban, structured_reference, communication, bank_reference, status, note, entry_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );
  const insertPayment = db.prepare(
    `INSERT INTO payments (bank_line_id, invoice_id, client_id, kind, amount_cents, matched_by, flag, entry_id) VALUES (?, ?, ?, 'invoice', ?, 'structured-communication', NULL, ?)`,
  );
  const insertSettlement = db.prepare('INSERT INTO payout_settlements (run_id, bank_line_id, entry_id) VALUES (?, ?, ?)');
  const markLeft = db.prepare("UPDATE members SET status = 'left', left_on = ?, updated_at = ? WHERE id = ?");

  // --- The weekly timeline -----------------------------------------------------------------
  const fridays = runDays();
  const weekOf = (day) => {
    // Index of the first run on or after `day` (fridays[i] >= day); fridays.length past the last run.
    const index = Math.ceil((day - fridays[0]) / 7);
    return Math.max(0, index);
  };
  const weeks = fridays.length + 1; // the last "week" holds the pending invoices, issued after the last run
  const issuedByWeek = Array.from({ length: weeks }, () => []);
  contracts.forEach((contract, index) => issuedByWeek[Math.min(weekOf(contract.endDay), fridays.length)].push(index));
  const paymentsByWeek = Array.from({ length: weeks }, () => []);
  const writeOffsByWeek = Array.from({ length: weeks }, () => []);
  const invoices = new Array(contracts.length);
  const sequenceOfYear = new Map();
  const levyCache = new Map();
  const dueDays = rules.daysAt('invoice.due-days', TEN_YEAR_DATES.lastRun);
  const writeOffDays = rules.daysAt('write-off.after-days', TEN_YEAR_DATES.lastRun);
  const bookEndDay = nextRunDay;
  const counts = { invoices: 0, runs: 0, payslips: 0, payoutItems: 0, payments: 0, writeOffs: 0, paymentLines: 0, payoutLines: 0, feeLines: 0, unmatchedLines: 0, imports: 0, neverPaid: 0 };
  let bankLinesWritten = 0;
  const pendingPayoutLines = []; // [runId, week, runDay, netCents] waiting for the next statement

  /** The fee and unmatched lines, spread over the weeks, to reach L bank lines in all (computed once the payments are known). */
  let fillerByWeek;

  const issue = (index) => {
    const contract = contracts[index];
    const date = isoOf(contract.endDay);
    const year = Number(date.slice(0, 4));
    const sequence = (sequenceOfYear.get(year) ?? 0) + 1;
    sequenceOfYear.set(year, sequence);
    let rates = levyCache.get(date);
    if (rates === undefined) {
      rates = { levy: rules.rateAt('levy.rate', date), fund: rules.rateAt('fund.rate', date) };
      levyCache.set(date, rates);
    }
    const contractId = index + 1;
    const description = `${contract.work}, ${date}`;
    const line = { description, quantity: contract.days, netCents: contract.amountCents, vatRate: contract.vatRate, vatCategory: vatCategory(contract.vatRegime, contract.vatRate) };
    const totals = computeVat([line]);
    const shares = computeContributions(totals.amountExclVatCents, rates.levy, rates.fund);
    const number = invoiceNumber(year, sequence);
    const now = stampOf(date);
    insertContract.run(contractId, contract.memberId, contract.clientId, description, 'Brussels', isoOf(contract.startDay), date, contract.days, contract.amountCents, contract.vatRate, contract.vatRegime, 'invoiced', now, now);
    insertAudit.run(now, 'smart contract add', `contract ${contractId} added for member ${contract.memberId} and client ${contract.clientId}`);
    const command = `smart invoice issue ${contractId} --date ${date}`;
    const entry = postEntry({
      key: `invoice:${number}`,
      date,
      reason: 'invoice.issue',
      memo: `Invoice ${number} to client ${contract.clientId} for contract ${contractId}`,
      command,
      memberId: contract.memberId,
      postings: [
        [chart.receivableAccount(contract.clientId), totals.totalCents],
        [chart.VAT_PAYABLE, -totals.vatCents],
        [chart.LEVY_INCOME, -shares.levyCents],
        [chart.GUARANTEE_FUND, -shares.fundCents],
        [chart.activityAccount(contract.memberId), -shares.budgetCents],
      ],
      now,
    });
    const dueDay = contract.endDay + dueDays;
    const invoiceId = contractId;
    const communication = structuredCommunicationOf(year, sequence);
    insertInvoice.run(invoiceId, number, year, sequence, contractId, contract.memberId, contract.clientId, date, isoOf(dueDay), isoOf(contract.startDay), date, contract.vatRegime,
      totals.amountExclVatCents, totals.vatCents, totals.totalCents, rates.levy.toString(), rates.fund.toString(), shares.levyCents, shares.fundCents, shares.budgetCents,
      communication, entry, now);
    insertLine.run(invoiceId, line.description, line.quantity, line.netCents, line.vatRate, line.vatCategory);
    insertAudit.run(now, command, `invoice ${number} issued for contract ${contractId}`);
    members[contract.memberId - 1].balance += shares.budgetCents;
    const invoice = { id: invoiceId, number, memberId: contract.memberId, clientId: contract.clientId, totalCents: totals.totalCents, vatCents: totals.vatCents, budgetCents: shares.budgetCents, communication, dueDay };
    invoices[index] = invoice;
    counts.invoices += 1;
    if (contract.payDay === null) {
      counts.neverPaid += 1;
      const writeOffWeek = weekOf(dueDay + writeOffDays + 1);
      if (writeOffWeek < fridays.length) writeOffsByWeek[writeOffWeek].push(invoice);
    } else if (contract.payDay < bookEndDay) paymentsByWeek[weekOf(contract.payDay)].push([invoice, contract.payDay]);
  };

  let currentImport = null;
  let lastBankLineId = 0;
  let sourceLine = 1;
  const openImport = (week, day) => {
    const file = `kbc-${isoWeek(isoOf(day))}.csv`;
    currentImport = Number(insertImport.run(file, createHash('sha256').update(`${seed}:${file}`).digest('hex'), 0, 0, stampOf(isoOf(day))).lastInsertRowid);
    sourceLine = 1;
    counts.imports += 1;
    return file;
  };
  const bankLine = (fields) => {
    sourceLine += 1;
    const line = { sourceLine, account: COOP_IBAN, bookingDate: fields.date, valueDate: fields.date, amountCents: fields.amountCents, currency: 'EUR', counterpartyName: fields.name, counterpartyIban: fields.iban, structuredReference: fields.structured ?? null, communication: fields.communication ?? null, bankReference: null };
    const identity = lineIdentity(line, 1);
    bankLinesWritten += 1;
    lastBankLineId = Number(insertBankLine.run(identity, currentImport, sourceLine, COOP_IBAN, fields.date, fields.date, fields.amountCents, fields.name, fields.iban, line.structuredReference, line.communication, fields.status, fields.note ?? null, fields.entryId ?? null).lastInsertRowid);
    return lastBankLineId;
  };
  const finishImport = db.prepare('UPDATE bank_imports SET lines = ?, imported = ? WHERE id = ?');
  /** The id the next bank line gets: its settlement entry's key (`bank-line:ID`) is known before the line is written, as in an import. */
  const nextEntryKeyId = () => lastBankLineId + 1;

  /** The week's statement: the previous run's payout batch, the clients' payments, the fees; imported on the Friday before the run. */
  const importStatement = (week, day) => {
    const lines = [];
    for (const payout of pendingPayoutLines.splice(0)) lines.push({ kind: 'payout', day: payout.day + 3, payout });
    for (const [invoice, payDay] of paymentsByWeek[week]) lines.push({ kind: 'payment', day: payDay, invoice });
    for (const filler of fillerByWeek?.[week] ?? []) lines.push({ kind: filler.kind, day: filler.day, filler });
    if (lines.length === 0) return;
    lines.sort((a, b) => a.day - b.day);
    const file = openImport(week, day);
    const now = stampOf(isoOf(day));
    const command = `smart bank import ${file} --format kbc`;
    let matched = 0;
    for (const item of lines) {
      const date = isoOf(Math.min(item.day, day));
      if (item.kind === 'payment') {
        const { invoice } = item;
        const client = clients[invoice.clientId - 1];
        const id = nextEntryKeyId();
        const entry = postEntry({
          key: `bank-line:${id}`,
          date,
          reason: 'bank.payment',
          memo: `Payment for invoice ${invoice.number} (structured-communication)`,
          command,
          postings: [[chart.BANK, invoice.totalCents], [chart.receivableAccount(invoice.clientId), -invoice.totalCents]],
          now,
        });
        const lineId = bankLine({ date, amountCents: invoice.totalCents, name: client.name, iban: client.payerIban, structured: invoice.communication.replace(/\D/g, ''), status: 'matched', entryId: entry });
        if (lineId !== id) throw new Error(`bank line ${lineId} is not the expected ${id}`);
        insertPayment.run(lineId, invoice.id, invoice.clientId, invoice.totalCents, entry);
        counts.payments += 1;
        counts.paymentLines += 1;
        matched += 1;
      } else if (item.kind === 'payout') {
        const { payout } = item;
        const id = nextEntryKeyId();
        const entry = postEntry({
          key: `bank-line:${id}`,
          date,
          reason: 'bank.payout',
          memo: `Payout batch ${payout.week} executed by the bank`,
          command,
          postings: [[chart.NET_SALARIES_PAYABLE, payout.netCents], [chart.BANK, -payout.netCents]],
          now,
        });
        const lineId = bankLine({ date, amountCents: -payout.netCents, name: 'Bench Coop SCRL', iban: null, communication: `SMART-PAYOUT-${payout.week}`, status: 'payout', note: `payout ${payout.week}`, entryId: entry });
        insertSettlement.run(payout.runId, lineId, entry);
        counts.payoutLines += 1;
      } else if (item.kind === 'fee') {
        bankLine({ date, amountCents: item.filler.amountCents, name: item.filler.name, iban: item.filler.iban, communication: item.filler.text, status: 'ignored', note: 'no client payment: bank fees and suppliers' });
        counts.feeLines += 1;
      } else {
        bankLine({ date, amountCents: item.filler.amountCents, name: item.filler.name, iban: item.filler.iban, communication: item.filler.text, status: 'unmatched' });
        counts.unmatchedLines += 1;
      }
    }
    finishImport.run(sourceLine - 1, sourceLine - 1, currentImport);
    insertAudit.run(now, command, `bank statement ${file}: ${sourceLine - 1} new line(s), ${matched} matched`);
  };

  /** The run of a Friday, as runPayout: write-offs first, then one payslip per member with invoices due. */
  const payoutRun = (week, day) => {
    const date = isoOf(day);
    const isoWeekKey = isoWeek(date);
    const now = stampOf(date);
    const command = `smart payout run --date ${date}`;
    for (const invoice of writeOffsByWeek[week]) {
      const [vatCents = 0, fundCents = 0] = invoice.vatCents === 0 ? [0, invoice.totalCents] : allocate(invoice.totalCents, [invoice.vatCents, invoice.totalCents - invoice.vatCents]);
      const reason = `unpaid past the write-off delay (run ${isoWeekKey})`;
      const entry = postEntry({
        key: `write-off:${invoice.number}`,
        date,
        reason: 'invoice.write-off',
        memo: `Invoice ${invoice.number} written off: ${reason}`,
        command,
        memberId: invoice.memberId,
        postings: [[chart.VAT_PAYABLE, vatCents], [chart.GUARANTEE_FUND, fundCents], [chart.receivableAccount(invoice.clientId), -invoice.totalCents]],
        now,
      });
      insertWriteOff.run(invoice.id, date, invoice.totalCents, vatCents, reason, entry);
      counts.writeOffs += 1;
    }
    const byMember = new Map();
    for (const index of issuedByWeek[week]) {
      const invoice = invoices[index];
      const list = byMember.get(invoice.memberId);
      if (list === undefined) byMember.set(invoice.memberId, [invoice]);
      else list.push(invoice);
    }
    const rates = salaryRatesAt(rules, date);
    const month = date.slice(0, 7);
    const planned = [];
    for (const memberId of [...byMember.keys()].sort((a, b) => a - b)) {
      const member = members[memberId - 1];
      if (member.month !== month) {
        member.month = month;
        member.mtd = { grossCents: 0, taxableCents: 0, withholdingCents: 0, specialCents: 0 };
      }
      // Every invoice of the member issued so far is due now (issued at the work's end): nothing waits, so the whole balance is paid.
      const salary = computeSalary({ salaryBudgetCents: member.balance, category: member.category, withholding: member.withholding, monthToDate: member.mtd }, rates);
      if (salary.netCents <= 0) throw new Error(`member ${memberId}: a payslip of ${salary.netCents} cents in ${isoWeekKey}`);
      planned.push({ member, invoices: byMember.get(memberId), salary });
    }
    const totalNet = planned.reduce((sum, payslip) => sum + payslip.salary.netCents, 0);
    const runId = Number(insertRun.run(isoWeekKey, date, `SMART-PAYOUT-${isoWeekKey}`, planned.length, totalNet, totalNet, now).lastInsertRowid);
    for (const { member, invoices: paid, salary } of planned) {
      const entry = postEntry({
        key: `payout:${isoWeekKey}:member-${member.id}`,
        date,
        reason: 'payout.salary',
        memo: `Payout ${isoWeekKey}: payslip of member ${member.id}`,
        command,
        memberId: member.id,
        postings: [
          [chart.activityAccount(member.id), salary.grossCents + salary.employerContributionsCents + salary.holidayContributionsCents],
          [chart.NET_SALARIES_PAYABLE, -salary.netCents],
          [chart.ONSS_PAYABLE, -(salary.employeeContributionsCents + salary.employerContributionsCents + salary.holidayContributionsCents + salary.specialContributionCents)],
          [chart.WITHHOLDING_PAYABLE, -salary.withholdingCents],
        ],
        now,
      });
      const payslipId = Number(
        insertPayslip.run(runId, member.id, member.iban, member.category, member.withholding, salary.salaryBudgetCents, salary.grossCents, salary.baseCents, salary.employerContributionsCents,
          salary.holidayContributionsCents, salary.employeeContributionsCents, salary.taxableCents, salary.withholdingCents, salary.specialContributionCents, salary.netCents,
          salary.leftoverCents, salary.netCents, entry).lastInsertRowid,
      );
      const nets = allocate(salary.netCents, paid.map((invoice) => Math.max(invoice.budgetCents, 1)));
      paid.forEach((invoice, index) => insertItem.run(invoice.id, payslipId, invoice.budgetCents, nets[index]));
      member.balance -= salary.grossCents + salary.employerContributionsCents + salary.holidayContributionsCents;
      member.mtd = {
        grossCents: member.mtd.grossCents + salary.grossCents,
        taxableCents: member.mtd.taxableCents + salary.taxableCents,
        withholdingCents: member.mtd.withholdingCents + salary.withholdingCents,
        specialCents: member.mtd.specialCents + salary.specialContributionCents,
      };
      counts.payslips += 1;
      counts.payoutItems += paid.length;
    }
    insertAudit.run(now, command, `payout run ${isoWeekKey}: ${planned.length} payslip(s)`);
    counts.runs += 1;
    if (totalNet > 0) pendingPayoutLines.push({ runId, week: isoWeekKey, day, netCents: totalNet });
  };

  // The fee and unmatched lines: as many as make L bank lines with the payments and the payout batches.
  const paymentsToCome = contracts.filter((contract) => contract.payDay !== null && contract.payDay < bookEndDay).length;
  const payoutBatches = issuedByWeek.slice(0, fridays.length).filter((list) => list.length > 0).length;
  const fillerTotal = Math.max(0, lineCount - paymentsToCome - payoutBatches);
  fillerByWeek = Array.from({ length: weeks }, () => []);
  for (let index = 0; index < fillerTotal; index += 1) {
    const week = 1 + Math.floor(random() * (fridays.length - 1));
    const day = fridays[week] - 6 + Math.floor(random() * 6);
    const unmatched = random() < 0.05;
    fillerByWeek[week].push(
      unmatched
        ? { kind: 'unmatched', day, amountCents: 1000 + Math.floor(random() * 50_000), name: `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`, iban: belgianIban(random), text: `Bijdrage ${index + 1}` }
        : { kind: 'fee', day, amountCents: -(500 + Math.floor(random() * 150_000)), name: pick(random, ['KBC Bank', 'Immo Coenraets', 'Bureau Plus', 'Ethias', 'Drukkerij Peeters']), iban: null, text: `${pick(random, FEES)} ${index + 1}` },
    );
  }

  let weekIndex = 0;
  const yearsOf = [];
  while (weekIndex < fridays.length) {
    const year = isoOf(fridays[weekIndex]).slice(0, 4);
    db.transaction(() => {
      while (weekIndex < fridays.length && isoOf(fridays[weekIndex]).slice(0, 4) === year) {
        for (const index of issuedByWeek[weekIndex]) issue(index);
        importStatement(weekIndex, fridays[weekIndex]);
        payoutRun(weekIndex, fridays[weekIndex]);
        weekIndex += 1;
      }
    })();
    yearsOf.push(year);
    log(`${year}: ${counts.invoices} invoices, ${counts.payslips} payslips, ${bankLinesWritten} bank lines so far`);
  }
  // After the last run: the week's invoices (due in the next run), its statement (the last payout batch), the open contracts, the leavers.
  db.transaction(() => {
    for (const index of issuedByWeek[fridays.length]) issue(index);
    importStatement(fridays.length, nextRunDay - 1);
    openContracts.forEach((contract, index) => {
      const id = contracts.length + index + 1;
      const date = isoOf(contract.endDay);
      const now = stampOf(isoOf(lastRunDay + 3));
      insertContract.run(id, contract.memberId, contract.clientId, `${contract.work}, engagement ${id}`, 'Brussels', isoOf(contract.startDay), date, contract.days, contract.amountCents, contract.vatRate, contract.vatRegime, 'open', now, now);
      insertAudit.run(now, 'smart contract add', `contract ${id} added for member ${contract.memberId} and client ${contract.clientId}`);
    });
    for (const member of members) {
      if (member.leaveDay === null) continue;
      const date = isoOf(member.leaveDay);
      const now = stampOf(date);
      const refund = member.shares * sharePrice;
      const entry = postEntry({
        key: `member-${member.id}:leave`,
        date,
        reason: 'share.refund',
        memo: `${member.shares} share(s) of member ${member.id} refunded at nominal value on leaving`,
        command: `smart member leave ${member.id} --date ${date}`,
        memberId: member.id,
        postings: [[chart.shareCapitalAccount(member.id), refund], [chart.SHARE_REFUNDS_PAYABLE, -refund]],
        now,
      });
      insertShares.run(`member-${member.id}:leave:${sharePrice}`, member.id, date, -member.shares, sharePrice, entry);
      markLeft.run(date, now, member.id);
      insertAudit.run(now, `smart member leave ${member.id} --date ${date}`, `member ${member.id} left; ${member.shares} share(s) refunded`);
    }
  })();
  // No ANALYZE: smart never runs it, so a real book has no statistics and neither does this one.
  log('switching back to WAL ...');
  db.pragma('journal_mode = WAL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const file of [`${partial}-wal`, `${partial}-shm`]) rmSync(file, { force: true });

  // The facts the benchmark relies on.
  const invoicesByMember = new Map();
  for (const invoice of invoices) invoicesByMember.set(invoice.memberId, (invoicesByMember.get(invoice.memberId) ?? 0) + 1);
  let busyMember = 1;
  for (const [memberId, count] of invoicesByMember) if (count > (invoicesByMember.get(busyMember) ?? 0)) busyMember = memberId;
  const pendingInvoices = issuedByWeek[fridays.length].length;
  Object.assign(facts, {
    members: memberCount,
    left: members.filter((member) => member.leaveDay !== null).length,
    clients: clientCount,
    contracts: contracts.length + openContracts.length,
    openContracts: openContracts.length,
    ...counts,
    bankLines: bankLinesWritten,
    entries: entryCount,
    busyMember,
    busyMemberInvoices: invoicesByMember.get(busyMember) ?? 0,
    medianMember: members[Math.floor(memberCount / 2)].id,
    nextRun: { date: TEN_YEAR_DATES.nextRun, week: TEN_YEAR_DATES.nextWeek, payslips: new Set(issuedByWeek[fridays.length].map((index) => contracts[index].memberId)).size, invoices: pendingInvoices },
    buildMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6),
  });
  writeFileSync(`${out}.json`, `${JSON.stringify(facts, null, 2)}\n`);
  renameSync(partial, out);
  return facts;
}

// ---------------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------------

function positive(text, flag) {
  if (!/^\d{1,9}$/.test(text ?? '') || Number(text) < 1) {
    process.stderr.write(`ten-year-book: ${flag} must be a whole number from 1, not "${text}"\n`);
    process.exit(2);
  }
  return Number(text);
}

async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { members: { type: 'string' }, invoices: { type: 'string' }, lines: { type: 'string' }, clients: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', default: false } },
  });
  if (values.help || values.members === undefined) {
    process.stdout.write('usage: node scripts/ten-year-book.js --members N [--invoices K] [--lines L] [--clients C] [--seed S] [--out FILE]\n  defaults: K = L = 15 N, C = N/33 (30 to 3,000), S = 20261123, FILE = the cache path in bench-cache/\n');
    return values.help ? 0 : 2;
  }
  const members = positive(values.members, '--members');
  const parameters = tenYearParameters(members, {
    invoices: values.invoices === undefined ? undefined : positive(values.invoices, '--invoices'),
    lines: values.lines === undefined ? undefined : positive(values.lines, '--lines'),
    clients: values.clients === undefined ? undefined : positive(values.clients, '--clients'),
    seed: values.seed === undefined ? undefined : positive(values.seed, '--seed'),
  });
  if (!existsSync(join(DIST, 'cli', 'main.js'))) {
    process.stderr.write('ten-year-book: the CLI is not built; run `npm run build` first.\n');
    return 1;
  }
  const out = resolve(values.out ?? tenYearBookPath(parameters));
  const facts = await buildTenYearBook(parameters, out);
  process.stdout.write(`${JSON.stringify(facts)}\n`);
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === SCRIPT) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`ten-year-book: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
