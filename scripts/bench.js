#!/usr/bin/env node
// The benchmark of smart: `npm run bench` (builds, then runs this file) measures the BUILT command
// line (`node bin/smart.js ...` as child processes) on a book of N synthetic members, and measures
// beside each figure the raw better-sqlite3 limit for the same rows, in the same run. It prints a
// table and writes docs/benchmarks.md. It reports; it asserts nothing: a missed goal still exits 0.
// Only a measurement that could not be taken (a command that failed) makes it exit 1.
//
//   node scripts/bench.js [--members N] [--runs R] [--invoices K] [--lines L] [--smoke] [--out FILE]
//                         [--only ID[,ID...]] [--no-hledger]
//
// Besides the command line, some rows drive smart's use cases in-process (the built modules of
// dist/, in a child process of this script) on books prepared once and cached in bench-cache/:
// invoice issue, and the PDF renderers. The books they need (clients and contracts; a week of
// invoices to pay out) are built with smart's own use cases, in a setup step that is not timed.
//
// To add a measurement, append an entry to the list returned by `measurements()` below.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { prng, FIRST_NAMES, LAST_NAMES, STREETS, CITIES, pad, pick, daysInMonth, slug, niss, belgianIban, enterpriseNumber, CLIENT_KINDS, WORKS } from './synthetic.js';
import { TEN_YEAR_DATES, ensureTenYearBook, tenYearParameters } from './ten-year-book.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = fileURLToPath(import.meta.url);
const SMART_BIN = join(ROOT, 'bin', 'smart.js');
const CACHE_DIR = join(ROOT, 'bench-cache');
const DEFAULT_REPORT = join(ROOT, 'docs', 'benchmarks.md');
const MIGRATIONS_DIR = join(ROOT, 'src', 'book', 'migrations');
const MIGRATION_SQL = join(MIGRATIONS_DIR, '001-foundation.sql');
const DIST = join(ROOT, 'dist');
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
/** Bump when the books built for the invoice and payout rows change, so that cached ones are rebuilt. */
const BOOK_SETUP_VERSION = 1;
/** Issue 3's goal: 150,000 invoices issued, one transaction each as the CLI does, in under 15 s. */
const INVOICE_GOAL = { invoices: 150_000, ms: 15_000 };
/** Issue 4's goal: the weekly payout run of 5,000 members, in a 100,000-member book, in under 3 s. */
const PAYOUT_GOAL = { payslips: 5000, ms: 3000 };
/** Rows per invoice in the raw limit: the invoice, its line, its ledger entry and 5 postings. */
const ROWS_PER_INVOICE = 8;
/** The pilot: this many invoices (and as many single-row commits) before the timed runs. */
const INVOICE_PILOT = 2000;
/** When the pilot predicts more than this for all K invoices, a smaller K is measured instead... */
const INVOICE_FULL_RUN_LIMIT_MS = 3 * 60_000;
/**
 * ... the largest multiple of 5,000 up to INVOICE_REDUCED_K (at least 5,000) that the pilot's rate,
 * times 1.5 for the growth along the way, puts within INVOICE_RUN_BUDGET_MS a run, and the time
 * for K extrapolated: from the growth measured along the run, and from INVOICE_END_SAMPLE
 * invoices issued on a copy whose year already holds K - INVOICE_END_SAMPLE invoices.
 */
const INVOICE_REDUCED_K = 20_000;
const INVOICE_RUN_BUDGET_MS = 90_000;
const INVOICE_END_SAMPLE = 100;
/** One member in PAYOUT_STRIDE has invoices due in the run: 5,000 of 100,000. */
const PAYOUT_STRIDE = 20;
/** The invoice book: contracts worked from 2 to 10 November 2026, invoiced on the 30th. */
const INVOICE_DATES = { firstStart: '2026-11-02', issue: '2026-11-30' };
/**
 * The payout book. Week 47: work ended on the 13th, invoiced on the 16th, paid out by the run of
 * the 20th. Week 48 (the timed run, on Friday the 27th): work ended on the 20th and invoiced on
 * the 23rd (due); work that ends on 4 December, invoiced in advance on the 23rd (not due yet).
 */
const PAYOUT_DATES = {
  earlierStart: '2026-11-09',
  earlierEnd: '2026-11-13',
  earlierIssue: '2026-11-16',
  earlierRun: '2026-11-20',
  dueStart: '2026-11-16',
  dueEnd: '2026-11-20',
  issue: '2026-11-23',
  laterStart: '2026-11-30',
  laterEnd: '2026-12-04',
  run: '2026-11-27',
  week: '2026-W48',
};
const COOP = ['--name', 'Bench Coop SCRL', '--enterprise', 'BE0123456749', '--iban', 'BE71096123456769', '--bic', 'GKCCBEBB', '--address', 'Rue Coenraets 72, 1060 Saint-Gilles'];

// ---------------------------------------------------------------------------------------------
// Synthetic members
// ---------------------------------------------------------------------------------------------

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
// A synthetic KBC statement for the bank import row: L lines in KBC's CSV layout (ISO-8859-1,
// ";", decimal comma, dd/mm/yyyy, the header of fixtures/bank/kbc.csv), seeded, cached in bench-cache/.
// ---------------------------------------------------------------------------------------------

/** Bump when the statement generator changes, so that cached statements of the old shape are not reused. */
const STATEMENT_VERSION = 1;
/** Issue 5's figures: a 1,000,000-line statement, at least a quarter of the raw insert rate, under 300 MB. */
const BANK_GOAL = { lines: 1_000_000, rawShare: 4, rssMib: 300 };
const KBC_HEADER = 'Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;Saldo;credit;debet;rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;Adres tegenpartij;gestructureerde mededeling;Vrije mededeling';
const BANK_OWN_IBAN = 'BE71096123456769';
const BANK_BICS = ['GEBABEBB', 'GKCCBEBB', 'BBRUBEBB', 'KREDBEBB', 'ARSPBE22', 'NICABEBB', 'BPOTBEB1', 'TRIOBEBB'];
const FREE_TEXTS = ['Bijdrage', 'Participation', 'Cotisation', 'Voorschot', 'Don', 'Remboursement frais', 'Terugbetaling', 'Huur zaal', 'Location matériel', 'Steun'];
const OUT_TEXTS = ['Huur lokaal', 'Loyer bureau', 'Fournitures', 'Drukwerk', 'Verzekering', 'Frais bancaires', 'Abonnement'];
const groupIban = (iban) => iban.replace(/(.{4})/g, '$1 ').trim();
const euros = (cents) => `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)},${pad(Math.abs(cents) % 100, 2)}`;

/**
 * The statement's lines: 85 % incoming payments whose free text matches nothing (no invoice
 * number, no twelve digits), 5 % incoming with a valid structured communication (of an invoice
 * numbered 2026-xxxxxx: none exists in a new book, so they stay unmatched too), 10 % outgoing.
 * Every line carries its number in its communication: no two are alike. Dates run through 2026.
 */
function* statementRows(count, seed = SEED + 5) {
  const random = prng(seed);
  const start = Date.UTC(2026, 0, 1);
  let balance = 1_000_000;
  for (let index = 0; index < count; index += 1) {
    const date = new Date(start + Math.floor((index * 365) / count) * 86_400_000);
    const dmy = `${pad(date.getUTCDate(), 2)}/${pad(date.getUTCMonth() + 1, 2)}/${date.getUTCFullYear()}`;
    const kind = random();
    const outgoing = kind >= 0.9;
    const cents = (outgoing ? -1 : 1) * (500 + Math.floor(random() * 500_000));
    balance += cents;
    const name = `${pick(random, FIRST_NAMES)} ${pick(random, LAST_NAMES)}`;
    const iban = belgianIban(random);
    const bic = pick(random, BANK_BICS);
    const address = `${pick(random, STREETS)} ${1 + Math.floor(random() * 199)} ${pick(random, CITIES)}`;
    let structured = '';
    let communication;
    if (outgoing) communication = `${pick(random, OUT_TEXTS)} ref B${(index + 1).toString(36).toUpperCase()}`;
    else if (kind < 0.05) {
      const base = 2026_000_000 + 1 + Math.floor(random() * 999_999);
      const digits = `${base}${pad(base % 97 || 97, 2)}`;
      structured = `***${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}***`;
      communication = '';
    } else communication = `${pick(random, FREE_TEXTS)} ${name.split(' ')[0].toLowerCase()} ref A${(index + 1).toString(36).toUpperCase()}`;
    yield {
      statement: `  ${pad(2026_000 + 1 + Math.floor((index * 52) / count), 8)}`,
      dmy,
      iso: date.toISOString().slice(0, 10),
      cents,
      balance,
      iban,
      bic,
      name,
      address,
      structured,
      communication,
      description: `EUROPESE OVERSCHRIJVING ${outgoing ? 'NAAR' : 'VAN'} ${dmy.slice(0, 5).replace('/', '-')} ${groupIban(iban)} BANKIER ${outgoing ? 'BEGUNSTIGDE' : 'OPDRACHTGEVER'}: ${bic} ${name.toUpperCase()}`,
    };
  }
}

function statementLine(row) {
  return [
    BANK_OWN_IBAN,
    '',
    'Bench Coop SCRL',
    'EUR',
    row.statement,
    row.dmy,
    row.description,
    row.dmy,
    euros(row.cents),
    euros(row.balance),
    row.cents > 0 ? euros(row.cents) : '',
    row.cents < 0 ? euros(row.cents) : '',
    groupIban(row.iban),
    row.bic,
    row.name,
    row.address,
    row.structured,
    row.communication,
  ].join(';');
}

/** The KBC statement of L lines in bench-cache/ (ISO-8859-1, CRLF), written once per L, seed and version. */
function statementFile(count) {
  const path = join(CACHE_DIR, `kbc-statement-${count}-seed${SEED}-v${STATEMENT_VERSION}.csv`);
  if (!existsSync(path)) {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${path}.${process.pid}.tmp`;
    const fd = openSync(partial, 'w');
    try {
      let chunk = [`${KBC_HEADER}\r\n`];
      for (const row of statementRows(count)) {
        chunk.push(`${statementLine(row)}\r\n`);
        if (chunk.length >= 10_000) {
          writeSync(fd, Buffer.from(chunk.join(''), 'latin1'));
          chunk = [];
        }
      }
      writeSync(fd, Buffer.from(chunk.join(''), 'latin1'));
    } finally {
      closeSync(fd);
    }
    renameSync(partial, path);
  }
  return path;
}

/** The same statement in UTF-8 for hledger (1.25 reads its input as UTF-8), converted once, not timed. */
function statementFileUtf8(count) {
  const source = statementFile(count);
  const path = source.replace(/\.csv$/, '.utf8.csv');
  if (!existsSync(path)) {
    const partial = `${path}.${process.pid}.tmp`;
    writeFileSync(partial, readFileSync(source).toString('latin1'), 'utf8');
    renameSync(partial, path);
  }
  return path;
}

// ---------------------------------------------------------------------------------------------
// Books for the invoice and payout rows. Built once from the N-member book with smart's own use
// cases (dist/), in one database transaction each (setup, never timed), and cached in
// bench-cache/ under a name that carries every parameter and a fingerprint of the schema.
// ---------------------------------------------------------------------------------------------

/** The built module `dist/<path>`, imported in this process (the workers below only). */
const dist = (path) => import(pathToFileURL(join(DIST, path)).href);

/** The migrations' content, so that a cached book of an older schema is never reused. */
function schemaFingerprint() {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_DIR).filter((name) => name.endsWith('.sql')).sort()) hash.update(file).update(readFileSync(join(MIGRATIONS_DIR, file)));
  return hash.digest('hex').slice(0, 10);
}

/** Moves whatever the WAL holds into the database file, so that copying the .sqlite file alone copies the book. */
function checkpointBook(path) {
  const db = openRaw(path, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  const wal = `${path}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw new Error(`${path}: the WAL is not empty after a checkpoint (is another process writing?)`);
}

const addDaysIso = (date, days) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A Belgian enterprise number: 0 + seven digits, then 97 - (first eight mod 97). */

function clientValues(index, random) {
  const city = pick(random, CITIES);
  return {
    name: `${pick(random, CLIENT_KINDS)} ${city.slice(5)} ${index + 1}`,
    address: `${pick(random, STREETS)} ${1 + Math.floor(random() * 199)}, ${city}`,
    country: 'BE',
    vatNumber: `BE${enterpriseNumber(index)}`,
    email: `invoices.${index + 1}@client.example.be`,
  };
}

/** An amount excl. VAT as typed, from `low` to `high` euros, with cents. */
const amountText = (random, low, high) => `${low + Math.floor(random() * (high - low))}.${pad(Math.floor(random() * 100), 2)}`;

/** The write context of a command as the CLI builds it (the setup's rows are dated now, like a real run's). */
const benchContext = (command, today) => ({ command, user: 'bench', now: new Date().toISOString(), today });

/** The cached book's file name: kind, every parameter, seed, generator, setup version and schema. */
function cachedBookPath(kind, parameters) {
  const key = Object.entries(parameters).map(([name, value]) => `${name}${value}`).join('-');
  return join(CACHE_DIR, `${kind}-${key}-seed${SEED}-v${GENERATOR_VERSION}-setup${BOOK_SETUP_VERSION}-${schemaFingerprint()}.sqlite`);
}

/** Removes the cached books of the same kind and N built for another version (older setup or schema). */
function pruneCachedBooks(kind, members, keep) {
  const prefix = `${kind}-n${members}-`;
  for (const name of readdirSync(CACHE_DIR)) {
    if (name.startsWith(prefix) && !name.includes('.tmp') && !keep.some((path) => path.endsWith(`/${name}`))) rmSync(join(CACHE_DIR, name), { force: true });
  }
}

/** Opens the copy `partial` with smart's openBook, runs `fill` in one transaction, checkpoints and closes. */
async function fillBook(partial, fill) {
  const { openBook } = await dist('book/open-book.js');
  const book = openBook(partial, new Date().toISOString());
  let facts;
  try {
    facts = await fill(book);
    book.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    book.close();
  }
  for (const file of [`${partial}-wal`, `${partial}-shm`]) rmSync(file, { force: true });
  return facts;
}

/**
 * The invoice book: a copy of the N-member book with `clients` clients and `count` open
 * contracts (spread over the members and clients, 1 to 5 days between 2 and 10 November, 150 to
 * 5,000 euros, VAT 21 % or 6 %), all added with smart's addClient and addContract.
 */
async function setupContractsBook(source, dest, count, clients) {
  const { addClient } = await dist('clients/manage-clients.js');
  const { addContract } = await dist('contracts/manage-contracts.js');
  const partial = `${dest}.${process.pid}.tmp`;
  copyFileSync(source, partial);
  const start = process.hrtime.bigint();
  const facts = await fillBook(partial, (book) => {
    const memberIds = book.prepare('SELECT id FROM members ORDER BY id').pluck().all();
    const random = prng(SEED + 3);
    return book.transaction(() => {
      const clientIds = [];
      for (let index = 0; index < clients; index += 1) clientIds.push(addClient(book, benchContext('smart client add', INVOICE_DATES.issue), clientValues(index, random)).client.id);
      for (let index = 0; index < count; index += 1) {
        const days = 1 + Math.floor(random() * 5);
        const startDate = addDaysIso(INVOICE_DATES.firstStart, Math.floor(random() * 5));
        const outcome = addContract(book, benchContext('smart contract add', INVOICE_DATES.issue), {
          memberId: memberIds[Math.floor(random() * memberIds.length)],
          clientId: clientIds[Math.floor(random() * clientIds.length)],
          description: `${pick(random, WORKS)}, engagement ${index + 1}`,
          start: startDate,
          end: addDaysIso(startDate, days - 1),
          days: String(days),
          amount: amountText(random, 150, 5000),
          vatRate: random() < 0.1 ? '6' : '21',
        });
        if (!outcome.created) throw new Error(`contract ${index + 1} was not created`);
      }
      return { clients, contracts: count };
    })();
  });
  renameSync(partial, dest);
  return { ...facts, ms: elapsedMs(start) };
}

/**
 * The payout book: a copy of the N-member book where, of every PAYOUT_STRIDE members (by number),
 * the 1st has 1 to 3 invoices due on PAYOUT_DATES.run, the 6th one invoice not due yet, and the
 * 11th one invoice paid out by the week-47 run; one due member in five was paid in week 47 too
 * (so that the run reads a month to date). Clients, contracts, invoices and the week-47 run are
 * made with addClient, addContract, issueInvoice and runPayout. Returns what the run must find.
 */
async function setupPayoutBook(source, dest, clients) {
  const { addClient } = await dist('clients/manage-clients.js');
  const { addContract } = await dist('contracts/manage-contracts.js');
  const { issueInvoice } = await dist('invoicing/issue-invoice.js');
  const { runPayout } = await dist('payouts/run-payout.js');
  const partial = `${dest}.${process.pid}.tmp`;
  copyFileSync(source, partial);
  const start = process.hrtime.bigint();
  const facts = await fillBook(partial, (book) => {
    const memberIds = book.prepare('SELECT id FROM members ORDER BY id').pluck().all();
    const random = prng(SEED + 4);
    const invoice = (memberId, clientIds, [startDate, endDate, issueDate], low, high) => {
      const contract = addContract(book, benchContext('smart contract add', issueDate), {
        memberId,
        clientId: clientIds[Math.floor(random() * clientIds.length)],
        description: `${pick(random, WORKS)} (${startDate} to ${endDate})`,
        start: startDate,
        end: endDate,
        days: String(1 + Math.floor(random() * 5)),
        amount: amountText(random, low, high),
      }).contract;
      const issued = issueInvoice(book, benchContext(`smart invoice issue ${contract.id} --date ${issueDate}`, issueDate), { contractId: contract.id, date: issueDate });
      if (!issued.created) throw new Error(`the invoice of contract ${contract.id} was not created`);
    };
    return book.transaction(() => {
      const clientIds = [];
      for (let index = 0; index < clients; index += 1) clientIds.push(addClient(book, benchContext('smart client add', PAYOUT_DATES.issue), clientValues(index, random)).client.id);
      const earlier = [PAYOUT_DATES.earlierStart, PAYOUT_DATES.earlierEnd, PAYOUT_DATES.earlierIssue];
      const due = [PAYOUT_DATES.dueStart, PAYOUT_DATES.dueEnd, PAYOUT_DATES.issue];
      const later = [PAYOUT_DATES.laterStart, PAYOUT_DATES.laterEnd, PAYOUT_DATES.issue];
      let earlierInvoices = 0;
      memberIds.forEach((memberId, index) => {
        if (index % PAYOUT_STRIDE === PAYOUT_STRIDE / 2 || index % (5 * PAYOUT_STRIDE) === 0) {
          invoice(memberId, clientIds, earlier, 300, 2500);
          earlierInvoices += 1;
        }
      });
      const earlierRun = runPayout(book, benchContext(`smart payout run --date ${PAYOUT_DATES.earlierRun}`, PAYOUT_DATES.earlierRun), { date: PAYOUT_DATES.earlierRun });
      if (earlierRun.status !== 'paid' || earlierRun.held.length > 0) throw new Error(`the week-47 run was ${earlierRun.status} with ${earlierRun.held.length} item(s) held`);
      let dueMembers = 0;
      let dueInvoices = 0;
      let laterInvoices = 0;
      memberIds.forEach((memberId, index) => {
        if (index % PAYOUT_STRIDE === 0) {
          const count = 1 + Math.floor(random() * 3);
          for (let job = 0; job < count; job += 1) invoice(memberId, clientIds, due, 300, 2800);
          dueMembers += 1;
          dueInvoices += count;
        } else if (index % PAYOUT_STRIDE === PAYOUT_STRIDE / 4) {
          invoice(memberId, clientIds, later, 300, 2800);
          laterInvoices += 1;
        }
      });
      return { members: memberIds.length, clients, dueMembers, dueInvoices, laterInvoices, earlierInvoices, earlierPayslips: earlierRun.payslips.length, runDate: PAYOUT_DATES.run, week: PAYOUT_DATES.week };
    })();
  });
  writeFileSync(`${dest}.json`, `${JSON.stringify(facts, null, 2)}\n`);
  renameSync(partial, dest);
  return { ...facts, ms: elapsedMs(start) };
}

/**
 * The invoice book with its year almost full: the invoices of the first `count` contracts written
 * by raw INSERTs in one transaction (setup only: far quicker than issueInvoice, whose cost grows
 * with the invoices of the year), the rows issueInvoice would write (the entry and its postings,
 * the invoice and its line, the contract marked invoiced, an audit row), their figures computed
 * with smart's own functions (computeVat, computeContributions, the rates of the book's rules,
 * invoiceNumber, structuredCommunicationOf). The contracts left open are issued by the bench with
 * issueInvoice to time an invoice when the year already holds `count`.
 */
async function setupInvoicedBook(source, dest, count) {
  const { computeVat, vatCategory } = await dist('invoicing/vat.js');
  const { computeContributions } = await dist('invoicing/contributions.js');
  const { invoiceNumber, structuredCommunicationOf } = await dist('invoicing/invoice-number.js');
  const { GUARANTEE_FUND, LEVY_INCOME, VAT_PAYABLE, activityAccount, receivableAccount } = await dist('ledger/chart.js');
  const { loadRules } = await dist('rules/set-rule.js');
  const partial = `${dest}.${process.pid}.tmp`;
  copyFileSync(source, partial);
  const start = process.hrtime.bigint();
  const facts = await fillBook(partial, (book) => {
    const date = INVOICE_DATES.issue;
    const year = Number(date.slice(0, 4));
    const now = new Date().toISOString();
    const rules = loadRules(book);
    const levyRate = rules.rateAt('levy.rate', date);
    const fundRate = rules.rateAt('fund.rate', date);
    const dueDate = addDaysIso(date, rules.daysAt('invoice.due-days', date));
    const accountIds = new Map(book.prepare('SELECT code, id FROM accounts').all().map((row) => [row.code, row.id]));
    const insertAccount = book.prepare('INSERT INTO accounts (code, type, name, member_id, client_id) VALUES (?, ?, ?, ?, ?)');
    const accountId = (spec) => {
      if (!accountIds.has(spec.code)) accountIds.set(spec.code, Number(insertAccount.run(spec.code, spec.type, spec.name, spec.memberId ?? null, spec.clientId ?? null).lastInsertRowid));
      return accountIds.get(spec.code);
    };
    const insertEntry = book.prepare(
      `INSERT INTO entries (key, date, reason, memo, command, member_id, reverses_entry_id, posting_count, debit_cents, recorded_at)
       VALUES (?, ?, 'invoice.issue', ?, ?, ?, NULL, ?, ?, ?)`,
    );
    const insertPosting = book.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)');
    const insertInvoice = book.prepare(
      `INSERT INTO invoices (number, year, sequence, kind, contract_id, member_id, client_id, credited_invoice_id, issue_date, due_date, supply_start,
         supply_end, vat_regime, amount_excl_vat_cents, vat_cents, total_cents, levy_rate, fund_rate, levy_cents, fund_cents, budget_cents,
         structured_communication, reason, entry_id, created_at)
       VALUES (?, ?, ?, 'invoice', ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    );
    const insertLine = book.prepare('INSERT INTO invoice_lines (invoice_id, line_number, description, quantity, net_cents, vat_rate, vat_category) VALUES (?, 1, ?, ?, ?, ?, ?)');
    const markInvoiced = book.prepare("UPDATE contracts SET status = 'invoiced', updated_at = ? WHERE id = ?");
    const insertAudit = book.prepare("INSERT INTO audit_log (at, os_user, command, summary) VALUES (?, 'bench', ?, ?)");
    const contracts = book.prepare("SELECT * FROM contracts WHERE status = 'open' ORDER BY id LIMIT ?").all(count);
    if (contracts.length < count) throw new Error(`the book has ${contracts.length} open contracts, not ${count}`);
    const firstSequence = 1 + (book.prepare('SELECT coalesce(MAX(sequence), 0) AS last FROM invoices WHERE year = ?').get(year).last ?? 0);
    return book.transaction(() => {
      contracts.forEach((contract, index) => {
        const sequence = firstSequence + index;
        const number = invoiceNumber(year, sequence);
        const line = { description: contract.description, quantity: contract.days, netCents: contract.amount_cents, vatRate: contract.vat_rate, vatCategory: vatCategory(contract.vat_regime, contract.vat_rate) };
        const totals = computeVat([line]);
        const shares = computeContributions(totals.amountExclVatCents, levyRate, fundRate);
        const postings = [
          [receivableAccount(contract.client_id), totals.totalCents],
          [VAT_PAYABLE, -totals.vatCents],
          [LEVY_INCOME, -shares.levyCents],
          [GUARANTEE_FUND, -shares.fundCents],
          [activityAccount(contract.member_id), -shares.budgetCents],
        ].filter(([, cents]) => cents !== 0);
        const command = `smart invoice issue ${contract.id} --date ${date}`;
        const entry = Number(insertEntry.run(`invoice:${number}`, date, `Invoice ${number} to client ${contract.client_id} for contract ${contract.id}`, command, contract.member_id, postings.length, totals.totalCents, now).lastInsertRowid);
        for (const [spec, cents] of postings) insertPosting.run(entry, accountId(spec), cents);
        const invoice = Number(
          insertInvoice.run(number, year, sequence, contract.id, contract.member_id, contract.client_id, date, dueDate, contract.start_date, contract.end_date, contract.vat_regime,
            totals.amountExclVatCents, totals.vatCents, totals.totalCents, levyRate.toString(), fundRate.toString(), shares.levyCents, shares.fundCents, shares.budgetCents,
            structuredCommunicationOf(year, sequence), entry, now).lastInsertRowid,
        );
        insertLine.run(invoice, line.description, line.quantity, line.netCents, line.vatRate, line.vatCategory);
        markInvoiced.run(now, contract.id);
        insertAudit.run(now, command, `invoice ${number} issued for contract ${contract.id}`);
      });
      return { invoices: count };
    })();
  });
  renameSync(partial, dest);
  return { ...facts, ms: elapsedMs(start) };
}

// ---------------------------------------------------------------------------------------------
// In-process measurements of smart's use cases (dist/), each in a child process of its own.
// They time only the work named; opening the book and loading modules come before the clock.
// ---------------------------------------------------------------------------------------------

/**
 * Issues the invoices of the first `count` open contracts with issueInvoice, each call its own
 * database transaction (BEGIN IMMEDIATE ... COMMIT, as `smart invoice issue` makes one), and
 * records the time of every `chunk` invoices. `synchronous` is the book's setting (FULL, as smart
 * opens it) or NORMAL (set here, to see what the fsync of each commit costs). Afterwards, untimed:
 * how long smart's query for the next number takes once the year holds `count` invoices.
 */
async function issueInvoices(path, count, date, synchronous, chunk) {
  const { openBook } = await dist('book/open-book.js');
  const { issueInvoice } = await dist('invoicing/issue-invoice.js');
  const { InvoiceStore } = await dist('invoicing/invoice-store.js');
  const book = openBook(path, new Date().toISOString());
  try {
    if (synchronous !== 'FULL') book.pragma(`synchronous = ${synchronous}`);
    const contractIds = book.prepare("SELECT id FROM contracts WHERE status = 'open' ORDER BY id LIMIT ?").pluck().all(count);
    if (contractIds.length < count) throw new Error(`the book has ${contractIds.length} open contracts, not ${count}`);
    const chunks = [];
    const start = process.hrtime.bigint();
    let mark = start;
    contractIds.forEach((contractId, index) => {
      const outcome = issueInvoice(book, benchContext(`smart invoice issue ${contractId} --date ${date}`, date), { contractId, date });
      if (!outcome.created) throw new Error(`contract ${contractId} was already invoiced`);
      if ((index + 1) % chunk === 0) {
        const now = process.hrtime.bigint();
        chunks.push(Number(now - mark) / 1e6);
        mark = now;
      }
    });
    const ms = elapsedMs(start);
    const store = new InvoiceStore(book);
    const year = Number(date.slice(0, 4));
    const queries = 20;
    const queryStart = process.hrtime.bigint();
    for (let query = 0; query < queries; query += 1) store.seriesState(year);
    return { ms, issued: contractIds.length, chunk, chunks, seriesStateMs: elapsedMs(queryStart) / queries };
  } finally {
    book.close();
  }
}

/** Renders `count` payslips of the run of `week` with renderPayslipPdf, after pdfmake is loaded and one payslip rendered. */
async function renderPayslips(path, week, count) {
  const { openBook } = await dist('book/open-book.js');
  const { loadPdfMake } = await dist('documents/pdf/pdfmake.js');
  const { renderPayslipPdf } = await dist('documents/pdf/payslip-pdf.js');
  const { payslipDocumentsOf } = await dist('payouts/payout-documents.js');
  const { PayoutStore } = await dist('payouts/payout-store.js');
  const book = openBook(path, new Date().toISOString());
  try {
    let start = process.hrtime.bigint();
    await loadPdfMake();
    const loadMs = elapsedMs(start);
    const run = new PayoutStore(book).runByWeek(week);
    if (run === undefined) throw new Error(`no payout run in ${week}`);
    start = process.hrtime.bigint();
    const all = payslipDocumentsOf(book, run);
    const documentsMs = elapsedMs(start);
    return { ...(await renderTimed(all, count, renderPayslipPdf)), loadMs, documentsMs, documents: all.length };
  } finally {
    book.close();
  }
}

/** Renders the invoices the run of `week` paid out (the first `count`) with renderInvoicePdf, the same way. */
async function renderInvoices(path, week, count) {
  const { openBook } = await dist('book/open-book.js');
  const { loadPdfMake } = await dist('documents/pdf/pdfmake.js');
  const { renderInvoicePdf } = await dist('documents/pdf/invoice-pdf.js');
  const { loadInvoiceDocument } = await dist('invoicing/invoice-document.js');
  const book = openBook(path, new Date().toISOString());
  try {
    let start = process.hrtime.bigint();
    await loadPdfMake();
    const loadMs = elapsedMs(start);
    const numbers = book
      .prepare(
        `SELECT i.number FROM payout_items pi JOIN payslips p ON p.id = pi.payslip_id JOIN payout_runs r ON r.id = p.run_id
         JOIN invoices i ON i.id = pi.invoice_id WHERE r.week = ? ORDER BY i.year, i.sequence LIMIT ?`,
      )
      .pluck()
      .all(week, count + 1);
    start = process.hrtime.bigint();
    const documents = numbers.map((number) => loadInvoiceDocument(book, number));
    const documentsMs = elapsedMs(start);
    return { ...(await renderTimed(documents, count, renderInvoicePdf)), loadMs, documentsMs, documents: documents.length };
  } finally {
    book.close();
  }
}

/** One untimed render (the fonts are read then), then `count` renders timed one after the other. */
async function renderTimed(documents, count, render) {
  if (documents.length < count) throw new Error(`only ${documents.length} document(s) to render, not ${count}`);
  let start = process.hrtime.bigint();
  const first = await render(documents[count % documents.length]);
  const firstMs = elapsedMs(start);
  if (first.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the renderer did not return a PDF');
  let bytes = 0;
  start = process.hrtime.bigint();
  for (const document of documents.slice(0, count)) bytes += (await render(document)).length;
  return { ms: elapsedMs(start), rendered: count, bytes, firstMs };
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

const PLAIN_INVOICE_TABLES = `
  CREATE TABLE entries (id INTEGER PRIMARY KEY, key, date, reason, memo, command, member_id, reverses_entry_id, posting_count, debit_cents, recorded_at);
  CREATE TABLE postings (id INTEGER PRIMARY KEY, entry_id, account_id, amount_cents);
  CREATE TABLE invoices (id INTEGER PRIMARY KEY, number, year, sequence, kind, contract_id, member_id, client_id, credited_invoice_id, issue_date, due_date,
    supply_start, supply_end, vat_regime, amount_excl_vat_cents, vat_cents, total_cents, levy_rate, fund_rate, levy_cents, fund_cents, budget_cents,
    structured_communication, reason, entry_id, created_at);
  CREATE TABLE invoice_lines (invoice_id, line_number, description, quantity, net_cents, vat_rate, vat_category);`;

/**
 * The raw limit of invoice issue: per invoice, the ledger entry, its 5 postings (receivable, VAT,
 * levy, fund, the member's budget), the invoice and its line, into plain tables with the same
 * columns, one prepared statement per table, in ONE transaction (WAL, synchronous=FULL).
 */
function rawInvoiceRows(dbPath, count) {
  const now = new Date().toISOString();
  const db = openRaw(dbPath);
  db.exec(PLAIN_INVOICE_TABLES);
  const insertEntry = db.prepare(
    `INSERT INTO entries (key, date, reason, memo, command, member_id, reverses_entry_id, posting_count, debit_cents, recorded_at)
     VALUES (?, ?, 'invoice.issue', ?, ?, ?, NULL, 5, ?, ?)`,
  );
  const insertPosting = db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)');
  const insertInvoice = db.prepare(
    `INSERT INTO invoices (number, year, sequence, kind, contract_id, member_id, client_id, credited_invoice_id, issue_date, due_date, supply_start,
       supply_end, vat_regime, amount_excl_vat_cents, vat_cents, total_cents, levy_rate, fund_rate, levy_cents, fund_cents, budget_cents,
       structured_communication, reason, entry_id, created_at)
     VALUES (?, 2026, ?, 'invoice', ?, ?, ?, NULL, ?, '2026-12-30', '2026-11-02', '2026-11-06', 'normal', ?, ?, ?, '0.065', '0.02', ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const insertLine = db.prepare("INSERT INTO invoice_lines (invoice_id, line_number, description, quantity, net_cents, vat_rate, vat_category) VALUES (?, 1, ?, 5, ?, '0.21', 'S')");
  const random = prng(SEED + 5);
  const start = process.hrtime.bigint();
  db.transaction(() => {
    for (let sequence = 1; sequence <= count; sequence += 1) {
      const memberId = 1 + Math.floor(random() * 100_000);
      const clientId = 1 + Math.floor(random() * 300);
      const net = 15_000 + Math.floor(random() * 485_000);
      const vat = Math.round(net * 0.21);
      const levy = Math.round(net * 0.065);
      const fund = Math.round(net * 0.02);
      const number = `2026-${pad(sequence, 6)}`;
      const entry = Number(insertEntry.run(`invoice:${number}`, INVOICE_DATES.issue, `Invoice ${number} to client ${clientId}`, `smart invoice issue ${sequence}`, memberId, net + vat, now).lastInsertRowid);
      insertPosting.run(entry, 1000 + clientId, net + vat);
      insertPosting.run(entry, 1, -vat);
      insertPosting.run(entry, 2, -levy);
      insertPosting.run(entry, 3, -fund);
      insertPosting.run(entry, 2000 + memberId, -(net - levy - fund));
      const invoice = Number(insertInvoice.run(number, sequence, sequence, memberId, clientId, INVOICE_DATES.issue, net, vat, net + vat, levy, fund, net - levy - fund, `+++${pad(sequence, 12)}+++`, entry, now).lastInsertRowid);
      insertLine.run(invoice, `Engagement ${sequence}`, net);
    }
  }).immediate();
  const ms = elapsedMs(start);
  db.close();
  return { ms, rows: count * ROWS_PER_INVOICE };
}

/** `count` transactions of one single-row INSERT each, on a new WAL database with the given synchronous setting. */
function rawCommits(dbPath, count, synchronous) {
  const db = openRaw(dbPath);
  db.pragma(`synchronous = ${synchronous}`);
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT, note TEXT)');
  const insert = db.prepare('INSERT INTO t (at, note) VALUES (?, ?)');
  const commit = db.transaction((index) => insert.run(new Date().toISOString(), `row ${index}`));
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index += 1) commit.immediate(index);
  const ms = elapsedMs(start);
  db.close();
  return { ms, commits: count };
}

const PLAIN_PAYOUT_TABLES = `
  CREATE TABLE entries (id INTEGER PRIMARY KEY, key, date, reason, memo, command, member_id, reverses_entry_id, posting_count, debit_cents, recorded_at);
  CREATE TABLE postings (id INTEGER PRIMARY KEY, entry_id, account_id, amount_cents);
  CREATE TABLE payout_runs (id INTEGER PRIMARY KEY, week, run_date, reference, payslip_count, total_net_cents, total_expenses_cents, total_transfer_cents, created_at);
  CREATE TABLE payslips (id INTEGER PRIMARY KEY, run_id, member_id, iban, category, withholding_mode, salary_budget_cents, gross_cents, base_cents, employer_cents,
    holiday_cents, employee_cents, taxable_cents, withholding_cents, special_cents, net_cents, leftover_cents, expenses_cents, transfer_cents, entry_id);
  CREATE TABLE payout_items (invoice_id INTEGER PRIMARY KEY, payslip_id, budget_cents, net_cents);`;

/**
 * The raw limit of the payout run: the rows the run wrote (the run, `payslips` payslips and their
 * entries, `postings` postings and `items` payout items, spread evenly over the payslips) into
 * plain tables with the same columns, one prepared statement per table, in ONE transaction.
 */
function rawPayoutRows(dbPath, payslips, postings, items) {
  const now = new Date().toISOString();
  const db = openRaw(dbPath);
  db.exec(PLAIN_PAYOUT_TABLES);
  const insertRun = db.prepare('INSERT INTO payout_runs (week, run_date, reference, payslip_count, total_net_cents, total_expenses_cents, total_transfer_cents, created_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)');
  const insertEntry = db.prepare(
    `INSERT INTO entries (key, date, reason, memo, command, member_id, reverses_entry_id, posting_count, debit_cents, recorded_at)
     VALUES (?, ?, 'payout.salary', ?, 'smart payout run', ?, NULL, ?, ?, ?)`,
  );
  const insertPosting = db.prepare('INSERT INTO postings (entry_id, account_id, amount_cents) VALUES (?, ?, ?)');
  const insertPayslip = db.prepare(
    `INSERT INTO payslips (run_id, member_id, iban, category, withholding_mode, salary_budget_cents, gross_cents, base_cents, employer_cents, holiday_cents,
       employee_cents, taxable_cents, withholding_cents, special_cents, net_cents, leftover_cents, expenses_cents, transfer_cents, entry_id)
     VALUES (?, ?, 'BE71096123456769', 'employee', 'key-formula', ?, ?, ?, ?, 0, ?, ?, ?, 0, ?, ?, 0, ?, ?)`,
  );
  const insertItem = db.prepare('INSERT INTO payout_items (invoice_id, payslip_id, budget_cents, net_cents) VALUES (?, ?, ?, ?)');
  const share = (total, index) => Math.floor(total / payslips) + (index < total % payslips ? 1 : 0);
  const start = process.hrtime.bigint();
  let written = 0;
  db.transaction(() => {
    const run = Number(insertRun.run(PAYOUT_DATES.week, PAYOUT_DATES.run, `SMART-PAYOUT-${PAYOUT_DATES.week}`, payslips, payslips * 62_655, payslips * 62_655, now).lastInsertRowid);
    written += 1;
    let invoice = 0;
    for (let index = 0; index < payslips; index += 1) {
      const memberId = 1 + index * PAYOUT_STRIDE;
      const count = share(postings, index);
      const entry = Number(insertEntry.run(`payout:${PAYOUT_DATES.week}:member-${memberId}`, PAYOUT_DATES.run, `Payout ${PAYOUT_DATES.week}: payslip of member ${memberId}`, memberId, count, 92_000, now).lastInsertRowid);
      for (let posting = 0; posting < count; posting += 1) insertPosting.run(entry, posting === 0 ? 5000 + memberId : posting, posting === 0 ? 92_000 : -Math.floor(92_000 / (count - 1)));
      const payslip = Number(insertPayslip.run(run, memberId, 92_000, 72_075, 72_075, 19_424, 9_420, 62_655, 0, 62_655, 76, 62_655, entry).lastInsertRowid);
      for (let item = share(items, index); item > 0; item -= 1) {
        invoice += 1;
        insertItem.run(invoice, payslip, 46_000, 31_327);
      }
      written += 2 + count + share(items, index);
    }
  }).immediate();
  const ms = elapsedMs(start);
  db.close();
  return { ms, rows: written };
}

const PLAIN_BANK_TABLES = `
  CREATE TABLE bank_imports (id INTEGER PRIMARY KEY, file_name, sha256, format, lines, imported, duplicates, imported_at, imported_by);
  CREATE TABLE bank_lines (id INTEGER PRIMARY KEY, identity, import_id, source_line, account, booking_date, value_date, amount_cents, currency,
    counterparty_name, counterparty_iban, structured_reference, communication, bank_reference, status, note, entry_id);`;
/** bank_lines as 004-bank.sql declares it (its UNIQUE identity, CHECKs and status index), without the foreign keys' parent tables. */
const SCHEMA_BANK_TABLES = `
  CREATE TABLE bank_imports (id INTEGER PRIMARY KEY, file_name TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL, lines INTEGER NOT NULL,
    imported INTEGER NOT NULL, duplicates INTEGER NOT NULL, imported_at TEXT NOT NULL, imported_by TEXT NOT NULL);
  CREATE TABLE bank_lines (id INTEGER PRIMARY KEY, identity TEXT NOT NULL UNIQUE, import_id INTEGER NOT NULL REFERENCES bank_imports (id),
    source_line INTEGER NOT NULL, account TEXT, booking_date TEXT NOT NULL, value_date TEXT,
    amount_cents INTEGER NOT NULL CHECK (typeof(amount_cents) = 'integer' AND amount_cents <> 0), currency TEXT NOT NULL,
    counterparty_name TEXT, counterparty_iban TEXT, structured_reference TEXT, communication TEXT, bank_reference TEXT,
    status TEXT NOT NULL DEFAULT 'unmatched' CHECK (status IN ('unmatched', 'matched', 'ignored', 'payout')), note TEXT, entry_id INTEGER);
  CREATE INDEX bank_lines_by_status ON bank_lines (status, booking_date);`;

/**
 * The L statement lines as bank_lines rows (identity hashed as smart does, values as its KBC
 * reader gives them; computed before the clock), inserted with one prepared statement in one
 * transaction, plus the import row. `schema`: 'plain' columns only, or 'bank' (004-bank.sql's).
 */
function rawBankLines(dbPath, count, schema) {
  const rows = [];
  let sourceLine = 1;
  for (const row of statementRows(count)) {
    sourceLine += 1;
    const structured = row.structured === '' ? null : `+++${row.structured.slice(3, -3)}+++`;
    const communication = row.communication === '' ? row.description : row.communication;
    const content = [BANK_OWN_IBAN, row.iso, row.iso, row.cents, 'EUR', row.iban, row.name, structured, communication].join('\u001f');
    const identity = `hash:${createHash('sha256').update(content).digest('base64url').slice(0, 32)}#1`;
    rows.push([identity, sourceLine, BANK_OWN_IBAN, row.iso, row.iso, row.cents, 'EUR', row.name, row.iban, structured, communication]);
  }
  const db = openRaw(dbPath);
  db.exec(schema === 'bank' ? SCHEMA_BANK_TABLES : PLAIN_BANK_TABLES);
  const insertImport = db.prepare("INSERT INTO bank_imports (file_name, sha256, format, lines, imported, duplicates, imported_at, imported_by) VALUES ('statement.csv', '0', 'kbc', ?, ?, 0, ?, 'bench')");
  const insertLine = db.prepare(
    `INSERT INTO bank_lines (identity, import_id, source_line, account, booking_date, value_date, amount_cents, currency, counterparty_name, counterparty_iban, structured_reference, communication, bank_reference, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'unmatched')`,
  );
  const start = process.hrtime.bigint();
  db.transaction(() => {
    const importId = Number(insertImport.run(count, count, new Date().toISOString()).lastInsertRowid);
    for (const [identity, ...rest] of rows) insertLine.run(identity, importId, ...rest);
  }).immediate();
  const ms = elapsedMs(start);
  db.close();
  return { ms, rows: count + 1 };
}

async function rawWorker([kind, ...args]) {
  const workers = {
    'insert-all-plain': () => rawInsert(args[0], Number(args[1]), 'all', 'plain'),
    'insert-members-plain': () => rawInsert(args[0], Number(args[1]), 'members', 'plain'),
    'insert-all-smart-schema': () => rawInsert(args[0], Number(args[1]), 'all', 'smart'),
    'list-plain': () => rawList(args[0], LIST_PLAIN_SQL),
    'list-smart-query': () => rawList(args[0], LIST_SMART_SQL),
    show: () => rawShow(args[0], Number(args[1])),
    create: () => rawCreate(args[0]),
    'insert-invoice-rows-plain': () => rawInvoiceRows(args[0], Number(args[1])),
    'insert-bank-lines-plain': () => rawBankLines(args[0], Number(args[1]), 'plain'),
    'insert-bank-lines-schema': () => rawBankLines(args[0], Number(args[1]), 'bank'),
    'insert-payout-rows-plain': () => rawPayoutRows(args[0], Number(args[1]), Number(args[2]), Number(args[3])),
    commits: () => rawCommits(args[0], Number(args[1]), args[2]),
    'setup-contracts-book': () => setupContractsBook(args[0], args[1], Number(args[2]), Number(args[3])),
    'setup-payout-book': () => setupPayoutBook(args[0], args[1], Number(args[2])),
    'setup-invoiced-book': () => setupInvoicedBook(args[0], args[1], Number(args[2])),
    'issue-invoices': () => issueInvoices(args[0], Number(args[1]), args[2], args[3], Number(args[4])),
    'render-payslips': () => renderPayslips(args[0], args[1], Number(args[2])),
    'render-invoices': () => renderInvoices(args[0], args[1], Number(args[2])),
  };
  const work = workers[kind];
  if (work === undefined) throw new Error(`unknown raw worker ${kind}`);
  process.stdout.write(`${JSON.stringify(await work())}\n`);
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
  return runTimed(process.execPath, args, { env, stdout, statsFile });
}

/** Runs `program ARGS` (node, or another tool such as hledger) and times it as runNode does. */
function runTimed(program, args, { env, stdout = 'pipe', statsFile, cwd = ROOT }) {
  const command = HAVE_TIME ? TIME_BIN : program;
  const argv = HAVE_TIME ? ['-o', statsFile, '-f', '%M', program, ...args] : args;
  const start = process.hrtime.bigint();
  const result = spawnSync(command, argv, {
    cwd,
    env,
    stdio: ['ignore', stdout, 'pipe'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: CHILD_TIMEOUT_MS,
  });
  const ms = elapsedMs(start);
  if (result.error !== undefined) throw result.error;
  if (result.status !== 0) {
    throw new Error(`\`${program === process.execPath ? 'node' : program} ${args.map((arg) => (arg.startsWith(ROOT) ? relative(ROOT, arg) : arg)).join(' ')}\` exited with ${result.status ?? result.signal}: ${(result.stderr ?? '').trim().slice(0, 2000)}`);
  }
  let rssKib;
  if (HAVE_TIME) {
    // GNU time writes "Command exited with non-zero status" lines first; the figure is last.
    const last = readFileSync(statsFile, 'utf8').trim().split('\n').pop() ?? '';
    rssKib = /^\d+$/.test(last) ? Number(last) : undefined;
  }
  return { ms, rssKib, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
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
 * A row that times smart's use cases in-process gives `worker(ctx, state)` (the node arguments of
 * one of this script's workers, which prints { ms, ... }: its own timing of the work) instead of
 * `command`. `throughput` ({ unit, count(ctx) }) adds "N unit/s"; `goal.estimate(ctx, result)`
 * ({ ms, label }) judges the goal on an extrapolation when the goal's size was not measured.
 * `label` and `how` may be functions of ctx, read after the runs (for figures a pilot decides).
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
      throughput: { unit: 'rows', count: (c) => c.rowsWritten },
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
    ...invoiceAndPayoutMeasurements(ctx),
    ...bankMeasurements(ctx),
    ...tenYearMeasurements(ctx),
  ];
}

const fmt = (value) => value.toLocaleString('en-US');
/** The invoices of one chunk of the issue loop's clock: twenty chunks a run. */
const chunkOf = (count) => Math.max(1, Math.round(count / 20));
/** The members with invoices due in the payout book's run (one in PAYOUT_STRIDE). */
const dueMembersOf = (members) => Math.ceil(members / PAYOUT_STRIDE);

function invoiceAndPayoutMeasurements(ctx) {
  const n = fmt(ctx.members);
  const payslips = fmt(dueMembersOf(ctx.members));
  const plan = ctx.invoices;
  const payoutBookText = `the payout book (the ${n}-member book where, of every ${PAYOUT_STRIDE} members, one has 1 to 3 invoices due on ${PAYOUT_DATES.run}, one an invoice whose work ends after that date, one an invoice already paid out by the run of ${PAYOUT_DATES.earlierRun}; ${fmt(ctx.payoutClients)} clients; built with smart's use cases, setup not timed)`;
  return [
    {
      label: () => `invoice issue (in-process): ${fmt(plan.measured ?? plan.target)} invoices, one transaction each`,
      how: (c) =>
        `issueInvoice (dist/invoicing/issue-invoice.js) called in a loop in one Node process, each call its own database transaction as \`smart invoice issue\` makes (BEGIN IMMEDIATE ... COMMIT, synchronous=FULL as smart opens the book), dated ${INVOICE_DATES.issue}, on a fresh copy of the invoice book each run: the ${n}-member book with ${fmt(c.invoices.clients)} clients and ${fmt(c.invoices.target)} open contracts added with addClient and addContract in a setup step (one transaction, not timed, cached in bench-cache/). Timed: the loop only (not opening the book, nor Node's start). The limit is better-sqlite3 alone inserting the same rows (per invoice: the invoice, its line, its ledger entry and 5 postings) into plain tables with the same columns: one prepared statement per table, ONE transaction.`,
      runs: ctx.invoiceRuns,
      goal: { ms: INVOICE_GOAL.ms, text: `< 15 s for ${fmt(INVOICE_GOAL.invoices)}`, perMembers: GOAL_MEMBERS, estimate: (c, result) => invoiceGoalEstimate(c, result) },
      throughput: { unit: 'invoices', count: () => plan.measured },
      warmUp: (c) => planInvoiceIssue(c),
      prepare: (c) => ({ book: c.copyOf(c.contractsBook()) }),
      worker: (_c, state) => worker('issue-invoices', state.book, String(plan.measured), INVOICE_DATES.issue, 'FULL', String(chunkOf(plan.measured))),
      check: (_c, _state, timed) => expect(timed.output.issued === plan.measured, `issued ${timed.output.issued} invoices, not ${plan.measured}`),
      raw: { label: 'same rows, plain tables, one transaction', kind: 'inner', args: (c) => worker('insert-invoice-rows-plain', c.newBookPath(), String(plan.measured)) },
      notes: (c, result) => invoiceNotes(c, result),
    },
    {
      label: `\`smart payout run\` (${payslips} payslips)`,
      how: `\`smart --db B payout run --date ${PAYOUT_DATES.run} --json\`, stdout to /dev/null, on a fresh copy of ${payoutBookText} each run; the run must pay exactly the due invoices (checked on the book after each run). The limit is better-sqlite3 alone inserting the rows the run wrote (the run, the payslips, their ledger entries and postings, the payout items; counted on the book) into plain tables with the same columns, in one transaction.`,
      runs: ctx.quickRuns,
      goal: { ms: PAYOUT_GOAL.ms, text: `< 3 s for ${fmt(PAYOUT_GOAL.payslips)}`, perMembers: GOAL_MEMBERS },
      throughput: { unit: 'payslips', count: (c) => c.payoutWritten?.payslips },
      prepare: (c) => {
        const book = c.copyOf(c.payoutBook());
        return { book, before: tableCounts(book) };
      },
      command: (_c, state) => ['--db', state.book, 'payout', 'run', '--date', PAYOUT_DATES.run, '--json'],
      stdout: 'ignore',
      check: (c, state) => {
        const facts = c.payoutFacts();
        const after = tableCounts(state.book);
        state.written = Object.fromEntries(Object.keys(after).map((table) => [table, after[table] - (state.before[table] ?? 0)]).filter(([, rows]) => rows !== 0));
        const { payout_runs: runs = 0, payslips: slips = 0, payout_items: items = 0 } = state.written;
        expect(runs === 1 && slips === facts.dueMembers && items === facts.dueInvoices, `the run wrote ${runs} run(s), ${slips} payslip(s), ${items} payout item(s); expected 1, ${facts.dueMembers}, ${facts.dueInvoices}`);
        c.payoutWritten = state.written;
        c.keepPaidBook(state.book);
      },
      raw: {
        label: 'same rows, plain tables',
        kind: 'inner',
        args: (c, state) => worker('insert-payout-rows-plain', c.newBookPath(), String(state.written.payslips), String(state.written.postings), String(state.written.payout_items)),
      },
      notes: (c, result) => payoutNotes(c, result),
    },
    ...[
      { what: 'payslip', kind: 'render-payslips', module: 'renderPayslipPdf (dist/documents/pdf/payslip-pdf.js)', documents: "the documents of the week-48 run's payslips, read with payslipDocumentsOf" },
      { what: 'invoice', kind: 'render-invoices', module: 'renderInvoicePdf (dist/documents/pdf/invoice-pdf.js)', documents: 'the documents of the first invoices that run paid out, read with loadInvoiceDocument' },
    ].map((pdf) => ({
      label: `${pdf.what} PDFs: ${fmt(ctx.pdfCount)} rendered in-process`,
      how: `${pdf.module} called ${fmt(ctx.pdfCount)} times one after the other in one Node process, on ${pdf.documents} from the payout book after its run. Timed: the renders only, after pdfmake is loaded and one document rendered (untimed) so that its fonts are read. No raw limit.`,
      runs: ctx.pdfRuns,
      throughput: { unit: `${pdf.what}s`, count: () => ctx.pdfCount },
      warmUp: (c) => c.paidBook(),
      worker: (c) => worker(pdf.kind, c.paidBook(), PAYOUT_DATES.week, String(ctx.pdfCount)),
      check: (_c, _state, timed) => expect(timed.output.rendered === ctx.pdfCount, `rendered ${timed.output.rendered} PDFs, not ${ctx.pdfCount}`),
      notes: (_c, result) => {
        const last = (key) => median(result.outputs.map((output) => output[key]));
        return [
          `Before the clock: pdfmake loaded in ${formatMs(last('loadMs'))}; the ${fmt(last('documents'))} documents read from the book in ${formatMs(last('documentsMs'))}; the first render (fonts read) ${formatMs(last('firstMs'))}. The PDFs average ${Math.round(last('bytes') / ctx.pdfCount / 1024)} KiB.`,
        ];
      },
    })),
    {
      label: '`smart fund status` (payout book)',
      how: `\`smart fund status --json\` on ${payoutBookText}, after its week-48 run; no raw figure.`,
      runs: ctx.quickRuns,
      command: (c) => ['fund', 'status', '--json', '--db', c.paidBook()],
      check: (_c, _state, result) => expect(typeof JSON.parse(result.stdout).exposure === 'string', 'fund status printed no exposure'),
    },
    {
      label: '`smart check` (payout book)',
      how: `\`smart check\` (every invariant) on ${payoutBookText}, after its week-48 run; no raw figure.`,
      runs: ctx.quickRuns,
      command: (c) => ['check', '--db', c.paidBook()],
      check: (_c, _state, result) => expect(!result.stdout.includes('FAIL'), `smart check failed: ${result.stdout}`),
    },
  ];
}

/**
 * The bank import row: `smart bank import` of the synthetic KBC statement into a new book (made
 * by `smart init` once, untimed, copied for each run), beside the raw insert of the same rows and,
 * where installed, `hledger import` of the same CSV.
 */
function bankMeasurements(ctx) {
  const lines = fmt(ctx.bankLines);
  const rawShare = (c, result) => median(result.times) / median(result.raw);
  return [
    {
      id: 'bank-import',
      label: `\`smart bank import --format kbc\` ${lines} lines`,
      how: (c) =>
        `\`node bin/smart.js --db B bank import S --format kbc\` of a synthetic KBC statement S of ${lines} lines (\`${relative(ROOT, c.statementPath ?? statementFile(c.bankLines))}\`: ISO-8859-1, CRLF, \`;\`, decimal comma, dd/mm/yyyy, the header of fixtures/bank/kbc.csv; seed ${SEED}; 85 % incoming payments whose free text names no invoice, 5 % incoming with a valid structured communication of an invoice the book does not hold, 10 % outgoing; every line different), into a fresh copy each run of a book just made by \`smart init\` (no members, clients nor invoices: every line is new and goes to the unmatched queue, so the figure is reading, checking, hashing, looking up and inserting, not settling). smart reads the file twice: once to check every line, then once more inside one transaction, on a worker thread for a file of 2 MiB or more (it reads, checks and hashes the lines while the main thread inserts them). The limit is better-sqlite3 alone inserting the same ${lines} rows (their identity hashes and values computed before the clock) into a table with bank_lines' columns, no constraints or indexes: one prepared statement, one transaction, WAL and synchronous=FULL as smart.`,
      runs: ctx.importRuns,
      goal: {
        text: `≥ 1/${BANK_GOAL.rawShare} of the raw rate, < ${BANK_GOAL.rssMib} MB, for ${fmt(BANK_GOAL.lines)}`,
        met: (c, result) => {
          const ratio = rawShare(c, result);
          const rssMib = result.rss.length > 0 ? Math.max(...result.rss) / 1024 : undefined;
          const rate = `${ratio <= BANK_GOAL.rawShare ? 'yes' : 'NO'} (1/${ratio.toFixed(1)} of raw)`;
          const memory = rssMib === undefined ? 'memory n/a' : `${(rssMib * 1.048576) < BANK_GOAL.rssMib ? 'yes' : 'NO'} (${Math.round(rssMib * 1.048576)} MB)`;
          const at = c.bankLines === BANK_GOAL.lines ? '' : ` at ${fmt(c.bankLines)} lines`;
          return `${rate}; ${memory}${at}`;
        },
      },
      throughput: { unit: 'lines', count: (c) => c.bankLines },
      warmUp: (c) => {
        c.statementPath = statementFile(c.bankLines);
        c.bankBaseBook();
      },
      prepare: (c) => {
        const book = c.newBookPath();
        copyFileSync(c.bankBaseBook(), book);
        return { book };
      },
      command: (c, state) => ['--db', state.book, 'bank', 'import', c.statementPath, '--format', 'kbc'],
      check: (c, state) => {
        const after = tableCounts(state.book);
        expect(after.bank_lines === c.bankLines && after.bank_imports === 1, `the import left ${after.bank_lines} bank lines in ${after.bank_imports} import(s), not ${c.bankLines} in 1`);
        const db = openRaw(state.book, { readonly: true, fileMustExist: true });
        try {
          c.bankStatuses = Object.fromEntries(db.prepare('SELECT status, COUNT(*) AS n FROM bank_lines GROUP BY status').all().map((r) => [r.status, r.n]));
        } finally {
          db.close();
        }
      },
      raw: { label: 'same rows, plain table, one transaction', kind: 'inner', args: (c) => worker('insert-bank-lines-plain', c.newBookPath(), String(c.bankLines)) },
      notes: (c, result) => {
        const mid = median(result.times);
        const raw = median(result.raw);
        const schema = median(c.extra('bank-lines-schema', ['insert-bank-lines-schema', () => c.newBookPath(), String(c.bankLines)]));
        const rate = (ms) => `${fmt(Math.round((c.bankLines / ms) * 1000))} lines/s`;
        const hledger = c.hledger ? hledgerImport(c) : '`hledger import` of the same CSV: not run (--no-hledger).';
        return [
          `smart: ${rate(mid)} over the whole command (Node start-up included), ${fmt(Math.round((statSync(c.statementPath).size / 1024 ** 2) * 10) / 10)} MiB of CSV; lines left ${Object.entries(c.bankStatuses ?? {}).map(([status, n]) => `${status} ${fmt(n)}`).join(', ')}. Raw limit: ${rate(raw)}; smart reaches 1/${rawShare(c, result).toFixed(1)} of it (goal: at least 1/${BANK_GOAL.rawShare}).`,
          `The same rows into bank_lines as 004-bank.sql declares it (UNIQUE identity, CHECKs, the status index), better-sqlite3 alone: ${formatMs(schema)} (${rate(schema)}).`,
          hledger,
        ];
      },
    },
  ];
}

/** The night of the ten-year book's last passing `smart check` in the check row: a week before its last run. */
const WEEK_OLD_CHECK = '2026-11-19';

/**
 * Records in the book a mark as a `smart check` that passed on the night of `day` would have
 * left: the last invoice issued, payslip and run paid, contract invoiced by then, and the entry
 * before the first one written for what came after (the book's entry ids are not in date order:
 * the builder writes some entries of earlier dates late).
 */
function markCheckedBefore(path, day) {
  const db = openRaw(path);
  try {
    const ids = db
      .prepare(
        `SELECT (SELECT coalesce(max(id), 0) FROM invoices WHERE issue_date <= @day) AS invoiceId,
                (SELECT coalesce(max(p.id), 0) FROM payslips p JOIN payout_runs r ON r.id = p.run_id WHERE r.run_date <= @day) AS payslipId,
                (SELECT coalesce(max(id), 0) FROM payout_runs WHERE run_date <= @day) AS runId`,
      )
      .get({ day });
    const after = db
      .prepare(
        `SELECT min(entry_id) AS first FROM (SELECT min(entry_id) AS entry_id FROM invoices WHERE id > @invoiceId
           UNION ALL SELECT min(entry_id) FROM payslips WHERE id > @payslipId
           UNION ALL SELECT min(e.entry_id) FROM payments e JOIN bank_lines b ON b.id = e.bank_line_id WHERE b.booking_date > @day)`,
      )
      .get({ ...ids, day }).first;
    const contractId = db.prepare('SELECT coalesce(max(contract_id), 0) AS id FROM invoices WHERE id <= ?').get(ids.invoiceId).id;
    const entryId = after === null ? db.prepare('SELECT max(id) AS id FROM entries').get().id : after - 1;
    db.prepare(
      `INSERT INTO check_marks (checked_at, scope, entry_id, invoice_id, payslip_id, run_id, contract_id)
       VALUES (@checkedAt, 'since', @entryId, @invoiceId, @payslipId, @runId, @contractId)`,
    ).run({ ...ids, entryId, contractId, checkedAt: `${day}T23:00:00.000Z` });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/**
 * The rows measured on the ten-year book (issue 8): N members' ten years, 2017-2026, built once by
 * scripts/ten-year-book.js (raw INSERTs of the rows smart's use cases write, figures by smart's
 * own modules, `smart check` passing) and cached in bench-cache/. Reads run on the cached book
 * itself; the payout run and the invoice issue on a fresh copy each run.
 */
function tenYearMeasurements(ctx) {
  const t = ctx.tenYear;
  const book = `the ten-year book (${fmt(t.members)} members, ${fmt(t.invoices)} invoices, ${fmt(t.lines)} bank lines wanted, ${fmt(t.clients)} clients, 2017-2026, seed ${t.seed}; scripts/ten-year-book.js)`;
  const quick = (id, label, args, extra = {}) => ({
    id,
    label: `ten-year book: \`smart ${label}\``,
    how: `\`smart ${label}\` on ${book}, stdout ${extra.stdout === 'pipe' ? 'read' : 'to /dev/null'}; no raw figure.`,
    runs: ctx.quickRuns,
    goal: { ms: 2000, text: '< 2 s' },
    stdout: 'ignore',
    command: (c) => [...args(c), '--db', c.tenYearBook()],
    ...extra,
  });
  const lastYear = TEN_YEAR_DATES.nextRun.slice(0, 4);
  return [
    // Issue 7's figure: the nightly `smart check`, which proves the rows added since the last
    // check that passed (here the night before the book's last week: 2026-11-19) and every
    // balance of the whole book. The mark is written before each run (not timed).
    quick('ten-year-check', 'check (the rows of the last week, every balance)', () => ['check'], {
      label: `ten-year book: \`smart check\` (a week after the last check: the rows added since ${WEEK_OLD_CHECK}, every balance)`,
      how: `\`smart check\` on ${book}, whose last passing check is set (not timed) to the night of ${WEEK_OLD_CHECK}, before the book's last week of invoices, payments and its last run: it proves every row added since one by one and every balance of the whole book, then records its own mark. No raw figure.`,
      goal: { ms: 10_000, text: '< 10 s' },
      stdout: 'pipe',
      prepare: (c) => {
        markCheckedBefore(c.tenYearBook(), WEEK_OLD_CHECK);
        return {};
      },
      check: (_c, _state, result) => expect(!result.stdout.includes('FAIL') && result.stderr.includes('rows added since'), `smart check failed on the ten-year book: ${result.stdout}${result.stderr}`),
    }),
    quick('ten-year-check-full', 'check --full', () => ['check', '--full'], {
      how: `\`smart check --full\` on ${book}: every invariant proved over every row of the ten years (what \`smart backup\` and \`smart restore\` run on their copy, and the weekly cron line of the README). No raw figure.`,
      goal: undefined,
      runs: ctx.importRuns,
      stdout: 'pipe',
      check: (_c, _state, result) => expect(!result.stdout.includes('FAIL'), `smart check --full failed on the ten-year book: ${result.stdout}`),
    }),
    quick('ten-year-fund-status', 'fund status --json', () => ['fund', 'status', '--json'], {
      stdout: 'pipe',
      check: (_c, _state, result) => expect(typeof JSON.parse(result.stdout).exposure === 'string', 'fund status printed no exposure'),
    }),
    quick('ten-year-member-statement', 'member statement BUSY', (c) => ['member', 'statement', String(c.tenYearFacts().busyMember)], {
      label: () => `ten-year book: \`smart member statement ${ctx.tenYearBuilt?.facts.busyMember ?? 'BUSY'}\` (the member with the most invoices)`,
    }),
    quick('ten-year-member-show', 'member show BUSY', (c) => ['member', 'show', String(c.tenYearFacts().busyMember)], {
      label: () => `ten-year book: \`smart member show ${ctx.tenYearBuilt?.facts.busyMember ?? 'BUSY'}\``,
    }),
    quick('ten-year-member-list', 'member list --json', () => ['member', 'list', '--json']),
    quick('ten-year-invoice-list', 'invoice list --json', () => ['invoice', 'list', '--json']),
    quick('ten-year-report', `report --year ${lastYear} --json`, () => ['report', '--year', lastYear, '--json']),
    quick('ten-year-export-members', 'export members', () => ['export', 'members']),
    quick('ten-year-export-invoices', `export invoices --period ${lastYear}`, () => ['export', 'invoices', '--period', lastYear]),
    quick('ten-year-export-payroll', `export payroll --month ${TEN_YEAR_DATES.lastRun.slice(0, 7)}`, () => ['export', 'payroll', '--month', TEN_YEAR_DATES.lastRun.slice(0, 7)]),
    quick('ten-year-export-social-security', `export social-security --quarter ${lastYear}-Q4`, () => ['export', 'social-security', '--quarter', `${lastYear}-Q4`]),
    quick('ten-year-export-ledger-csv', `export ledger --format csv --period ${lastYear}`, () => ['export', 'ledger', '--format', 'csv', '--period', lastYear]),
    quick('ten-year-export-ledger-hledger', `export ledger --format hledger --period ${lastYear}`, () => ['export', 'ledger', '--format', 'hledger', '--period', lastYear]),
    // Issue 6's figure: the whole ledger (every entry of ten years), streamed; the goal is memory.
    quick('ten-year-export-ledger-all', 'export ledger --format hledger (every entry of the book)', () => ['export', 'ledger', '--format', 'hledger'], {
      goal: undefined,
      runs: ctx.importRuns,
      throughput: { unit: 'entries', count: (c) => c.tenYearFacts().entries },
    }),
    {
      id: 'ten-year-payout-run',
      label: () => `ten-year book: \`smart payout run\` of ${TEN_YEAR_DATES.nextWeek} (${ctx.tenYearBuilt === undefined ? '~N/20' : fmt(ctx.tenYearBuilt.facts.nextRun.payslips)} payslips)`,
      how: `\`smart --db B payout run --date ${TEN_YEAR_DATES.nextRun} --json\` (the week after the book's last run), stdout to /dev/null, on a fresh copy of ${book} each run (copy not timed); it must pay exactly the invoices of the work that ended that week (checked on the book). No raw figure.`,
      runs: ctx.importRuns,
      goal: { ms: PAYOUT_GOAL.ms, text: '< 3 s' },
      throughput: { unit: 'payslips', count: (c) => c.tenYearFacts().nextRun.payslips },
      warmUp: (c) => c.tenYearBook(),
      prepare: (c) => ({ book: c.copyOf(c.tenYearBook()) }),
      command: (_c, state) => ['--db', state.book, 'payout', 'run', '--date', TEN_YEAR_DATES.nextRun, '--json'],
      stdout: 'ignore',
      check: (c, state) => {
        const db = openRaw(state.book, { readonly: true, fileMustExist: true });
        try {
          const run = db.prepare('SELECT id, payslip_count AS payslips FROM payout_runs WHERE week = ?').get(TEN_YEAR_DATES.nextWeek);
          const items = run === undefined ? 0 : db.prepare('SELECT COUNT(*) AS n FROM payout_items i JOIN payslips p ON p.id = i.payslip_id WHERE p.run_id = ?').get(run.id).n;
          const facts = c.tenYearFacts().nextRun;
          expect(run?.payslips === facts.payslips && items === facts.invoices, `the run wrote ${run?.payslips} payslips and ${items} items; expected ${facts.payslips} and ${facts.invoices}`);
        } finally {
          db.close();
        }
      },
    },
    {
      id: 'ten-year-invoice-issue',
      label: 'ten-year book: invoice issue (in-process), 100 invoices, one transaction each',
      how: `issueInvoice (dist/invoicing/issue-invoice.js) of the book's 100 open contracts in a loop in one Node process, each call its own database transaction (BEGIN IMMEDIATE ... COMMIT, synchronous=FULL) as \`smart invoice issue\` makes, dated ${TEN_YEAR_DATES.issue}, on a fresh copy of ${book} each run. Timed: the loop only. No raw figure.`,
      runs: ctx.importRuns,
      throughput: { unit: 'invoices', count: () => 100 },
      warmUp: (c) => c.tenYearBook(),
      prepare: (c) => ({ book: c.copyOf(c.tenYearBook()) }),
      worker: (c, state) => worker('issue-invoices', state.book, String(c.tenYearFacts().openContracts), TEN_YEAR_DATES.issue, 'FULL', '10'),
      check: (c, _state, timed) => expect(timed.output.issued === c.tenYearFacts().openContracts, `issued ${timed.output.issued} invoices, not ${c.tenYearFacts().openContracts}`),
    },
  ];
}

/** The rules hledger reads the KBC statement with: the minimum for dates, amounts and a description. */
const HLEDGER_RULES = [
  'skip 1',
  'separator ;',
  'fields account_nr, rubriek, naam, munt, afschrift, date, omschrijving, valuta, amount, saldo, credit, debet, iban, bic, tegenpartij, adres, ogm, mededeling',
  'date-format %d/%m/%Y',
  'decimal-mark ,',
  'currency EUR',
  'account1 assets:bank',
  'account2 income:unknown',
  'description %tegenpartij %mededeling',
  '',
].join('\n');

/** `hledger import` of the same statement (UTF-8 copy), median of the row's runs, or why not. */
function hledgerImport(c) {
  const which = spawnSync('which', ['hledger'], { encoding: 'utf8' });
  const bin = which.status === 0 ? which.stdout.trim() : '';
  if (bin === '') return '`hledger import` of the same CSV: hledger is not installed here (Debian package `hledger`).';
  const version = (spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout ?? '').trim().split('\n')[0];
  const csv = statementFileUtf8(c.bankLines);
  const times = [];
  const rss = [];
  try {
    for (let run = 0; run < c.importRuns; run += 1) {
      const dir = mkdtempSync(join(c.work, 'hledger-'));
      const file = join(dir, 'statement.csv');
      symlinkSync(csv, file);
      writeFileSync(join(dir, 'journal'), '');
      writeFileSync(join(dir, 'statement.rules'), HLEDGER_RULES);
      const timed = runTimed(bin, ['-f', join(dir, 'journal'), 'import', file, '--rules-file', join(dir, 'statement.rules')], { env: c.env, statsFile: c.statsFile, cwd: dir });
      const imported = /imported (\d+) new transactions?/.exec(timed.stdout + timed.stderr);
      expect(imported !== null && Number(imported[1]) === c.bankLines, `hledger import said: ${(timed.stdout + timed.stderr).trim().slice(0, 300)}`);
      times.push(timed.ms);
      if (timed.rssKib !== undefined) rss.push(timed.rssKib);
      rmSync(dir, { recursive: true, force: true });
    }
  } catch (error) {
    return `\`hledger import\` of the same CSV (${version}): FAILED: ${(error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')}`;
  }
  const mid = median(times);
  c.hledgerFigure = { ms: mid, rssKib: rss.length > 0 ? Math.max(...rss) : undefined };
  process.stderr.write(`bench:   hledger import: ${formatMs(mid)}, ${fmt(Math.round((c.bankLines / mid) * 1000))} lines/s, ${formatMib(c.hledgerFigure.rssKib)}\n`);
  return `\`hledger -f JOURNAL import S --rules-file RULES\` (${version}) of the same statement (converted to UTF-8 once, untimed: hledger reads UTF-8), into an empty journal, with a minimal rules file (skip 1, separator ;, the 18 fields, date-format %d/%m/%Y, decimal-mark ,, two accounts, a description), ${runsText(times.length)}: ${formatMs(mid)} (${formatRange(Math.min(...times), Math.max(...times))}), ${fmt(Math.round((c.bankLines / mid) * 1000))} lines/s, peak memory ${formatMib(c.hledgerFigure.rssKib)}.`;
}

/**
 * Before the timed runs of invoice issue: a pilot of INVOICE_PILOT invoices with synchronous FULL
 * (smart's setting) and NORMAL, and as many raw single-row commits each way. When the pilot's
 * rate predicts more than INVOICE_FULL_RUN_LIMIT_MS for all K invoices (and --invoices was not
 * given), the runs issue INVOICE_REDUCED_K of the book's K contracts and the time is extrapolated.
 */
function planInvoiceIssue(c) {
  const plan = c.invoices;
  if (plan.measured !== undefined) return;
  const book = c.contractsBook();
  const count = Math.min(INVOICE_PILOT, plan.target);
  const issue = (synchronous) => {
    const output = workerOutput(c, worker('issue-invoices', c.copyOf(book), String(count), INVOICE_DATES.issue, synchronous, String(chunkOf(count))));
    c.cleanBooks();
    return output;
  };
  process.stderr.write(`bench:   pilot: ${fmt(count)} invoices with synchronous FULL and NORMAL, ${fmt(count)} raw commits each way ...\n`);
  plan.pilot = { count, full: issue('FULL'), normal: issue('NORMAL') };
  const commits = { FULL: [], NORMAL: [] };
  for (let run = 0; run < c.quickRunsForExtras; run += 1) {
    for (const synchronous of ['FULL', 'NORMAL']) {
      commits[synchronous].push(workerOutput(c, worker('commits', c.newBookPath(), String(count), synchronous)).ms);
      c.cleanBooks();
    }
  }
  plan.commits = { count, fullMs: median(commits.FULL), normalMs: median(commits.NORMAL) };
  const perInvoice = plan.pilot.full.ms / count;
  plan.predictedMs = perInvoice * plan.target;
  if (plan.forced || plan.predictedMs <= INVOICE_FULL_RUN_LIMIT_MS) plan.measured = plan.target;
  else {
    const fits = Math.floor(INVOICE_RUN_BUDGET_MS / (1.5 * perInvoice) / 5000) * 5000;
    plan.measured = Math.min(plan.target, Math.max(5000, Math.min(INVOICE_REDUCED_K, fits)));
  }
}

/**
 * The end of a reduced run's year: INVOICE_END_SAMPLE invoices issued with issueInvoice (one
 * transaction each, synchronous FULL) on a copy of the invoiced book, whose year already holds
 * K - INVOICE_END_SAMPLE invoices. Median of the extra runs; ms per invoice, and the next-number query.
 */
function invoiceEndSample(c) {
  const plan = c.invoices;
  if (plan.end !== undefined) return plan.end;
  const before = plan.target - INVOICE_END_SAMPLE;
  const book = c.cachedBook('invoiced', { k: plan.target, c: plan.clients, at: before }, [String(before)], c.contractsBook());
  const outputs = [];
  for (let run = 0; run < c.quickRunsForExtras; run += 1) {
    outputs.push(workerOutput(c, worker('issue-invoices', c.copyOf(book), String(INVOICE_END_SAMPLE), INVOICE_DATES.issue, 'FULL', String(INVOICE_END_SAMPLE))));
    c.cleanBooks();
  }
  plan.end = { before, perInvoiceMs: median(outputs.map((output) => output.ms / output.issued)), seriesStateMs: median(outputs.map((output) => output.seriesStateMs)) };
  return plan.end;
}

/**
 * The time to issue `target` invoices from one run's clock, the time of an invoice growing
 * linearly with the invoices already issued (a least-squares line through the chunks), scaled so
 * that the model gives the run's own total for the invoices it issued.
 */
function extrapolateIssue(output, target) {
  const { chunks, chunk, issued, ms } = output;
  let growth = 0; // ms per invoice, per invoice already issued
  if (chunks.length >= 3) {
    const meanX = (chunks.length - 1) / 2;
    const meanY = chunks.reduce((sum, y) => sum + y, 0) / chunks.length;
    const covariance = chunks.reduce((sum, y, x) => sum + (x - meanX) * (y - meanY), 0);
    const variance = chunks.reduce((sum, _y, x) => sum + (x - meanX) ** 2, 0);
    growth = Math.max(0, covariance / variance / (chunk * chunk));
  }
  const base = (ms - (growth * issued * (issued - 1)) / 2) / issued;
  return { ms: base * target + (growth * target * (target - 1)) / 2, linearMs: (ms / issued) * target, baseMs: base, growthMs: growth };
}

const runsText = (runs) => (runs === 1 ? 'one run' : `median of ${runs} runs`);

/** Per invoice, the first chunk of the timed runs (median), in ms. */
const firstChunkMs = (outputs) => median(outputs.map((output) => (output.chunks[0] ?? Number.NaN) / output.chunk));

/**
 * The time for all `target` invoices of a reduced run: the time of an invoice measured at both
 * ends of the year (the runs' first chunk, the end sample), linear in between.
 */
function twoPointIssueMs(c, outputs, target) {
  const end = c.invoices.end;
  if (end === undefined || outputs.length === 0) return undefined;
  return (target * (firstChunkMs(outputs) + end.perInvoiceMs)) / 2;
}

function invoiceGoalEstimate(c, result) {
  const plan = c.invoices;
  if (plan.measured === INVOICE_GOAL.invoices || result.outputs.length === 0) return undefined;
  if (plan.measured < plan.target && plan.target === INVOICE_GOAL.invoices) {
    invoiceEndSample(c);
    const ms = twoPointIssueMs(c, result.outputs, plan.target);
    return { ms, label: `extrapolated to ${fmt(INVOICE_GOAL.invoices)}: ${formatMs(ms)}` };
  }
  const ms = median(result.outputs.map((output) => extrapolateIssue(output, INVOICE_GOAL.invoices).ms));
  return { ms, label: `extrapolated to ${fmt(INVOICE_GOAL.invoices)}: ${formatMs(ms)}` };
}

function invoiceNotes(c, result) {
  const plan = c.invoices;
  const perInvoice = (ms, count) => `${(ms / count).toFixed(2)} ms`;
  const rate = (ms, count) => `${fmt(Math.round((count / ms) * 1000))}/s`;
  const notes = [];
  if (plan.measured < plan.target) {
    notes.push(
      `Measured on K = ${fmt(plan.measured)}, not ${fmt(plan.target)}: the pilot issued ${fmt(plan.pilot.count)} invoices in ${formatMs(plan.pilot.full.ms)} (${perInvoice(plan.pilot.full.ms, plan.pilot.count)} each), so all ${fmt(plan.target)} would take at least ${formatMs(plan.predictedMs)}, more than the ${formatMs(INVOICE_FULL_RUN_LIMIT_MS)} this script gives a run. Each run issues the first ${fmt(plan.measured)} of the book's ${fmt(plan.target)} open contracts.`,
    );
  }
  const outputs = result.outputs;
  if (outputs.length > 0) {
    const chunk = outputs[0].chunk;
    const first = median(outputs.map((output) => output.chunks[0] ?? Number.NaN)) / chunk;
    const last = median(outputs.map((output) => output.chunks[output.chunks.length - 1] ?? Number.NaN)) / chunk;
    const series = median(outputs.map((output) => output.seriesStateMs));
    notes.push(
      `The time of an invoice grew as the year filled: ${first.toFixed(2)} ms each for the first ${fmt(chunk)}, ${last.toFixed(2)} ms for the last ${fmt(chunk)}. After the run, with ${fmt(plan.measured)} invoices in 2026, smart's query for the next number alone (InvoiceStore.seriesState: MAX(sequence) and MAX(issue_date) of the year's invoices, which reads every invoice of the year) took ${series.toFixed(2)} ms, ${Math.round((100 * series) / last)} % of the last invoices' time.`,
    );
    if (plan.measured < plan.target) {
      const end = invoiceEndSample(c);
      const twoPoint = twoPointIssueMs(c, outputs, plan.target);
      notes.push(
        `The end of the year, measured: on a copy of the invoice book whose year already holds ${fmt(end.before)} invoices (written by raw INSERTs in a setup step, with smart's own figures; cached), ${fmt(INVOICE_END_SAMPLE)} more invoices issued with issueInvoice took ${end.perInvoiceMs.toFixed(2)} ms each (${runsText(c.quickRunsForExtras)}), of which the next-number query ${end.seriesStateMs.toFixed(2)} ms.`,
        `Extrapolated to all ${fmt(plan.target)} invoices, the time of an invoice going linearly from ${firstChunkMs(outputs).toFixed(2)} ms (the first ${fmt(chunk)} above) to ${end.perInvoiceMs.toFixed(2)} ms (the end of the year): ${formatMs(twoPoint)} (${rate(twoPoint, plan.target)})${plan.target === INVOICE_GOAL.invoices && c.members === GOAL_MEMBERS ? '; the goal is judged on this figure' : ''}.`,
      );
    }
    // A second extrapolation, from the runs alone, to the size the goal is stated for (with N = 100,000) or to the K a reduced run left out.
    const target = c.members === GOAL_MEMBERS ? INVOICE_GOAL.invoices : plan.target;
    if (plan.measured !== target) {
      const model = outputs.map((output) => extrapolateIssue(output, target));
      notes.push(
        `From the runs alone: a line fitted through their ${outputs[0].chunks.length} chunks of ${fmt(chunk)} (${median(model.map((m) => m.baseMs)).toFixed(2)} ms an invoice plus ${(median(model.map((m) => m.growthMs)) * 1e6).toFixed(0)} ns per invoice already in the year) gives ${formatMs(median(model.map((m) => m.ms)))} for ${fmt(target)}; the measured rate, constant, would give ${formatMs(median(model.map((m) => m.linearMs)))}.`,
      );
    }
  }
  const { pilot, commits } = plan;
  const fsyncPerInvoice = (pilot.full.ms - pilot.normal.ms) / pilot.count;
  notes.push(
    `fsync: the pilot's ${fmt(pilot.count)} invoices took ${perInvoice(pilot.full.ms, pilot.count)} each with synchronous=FULL and ${perInvoice(pilot.normal.ms, pilot.count)} with NORMAL (set by the bench on its copy; smart opens every book with FULL), so the fsync of each commit costs about ${fsyncPerInvoice.toFixed(2)} ms an invoice here, ${Math.max(0, Math.round((100 * fsyncPerInvoice * pilot.count) / pilot.full.ms))} % of the pilot's time.`,
    `Commits alone: ${fmt(commits.count)} single-row transactions on a new WAL database took ${perInvoice(commits.fullMs, commits.count)} each with synchronous=FULL and ${perInvoice(commits.normalMs, commits.count)} with NORMAL (${runsText(c.quickRunsForExtras)}); ${fmt(INVOICE_GOAL.invoices)} such commits would take ${formatMs((commits.fullMs / commits.count) * INVOICE_GOAL.invoices)} with FULL and ${formatMs((commits.normalMs / commits.count) * INVOICE_GOAL.invoices)} with NORMAL, against the goal of ${formatMs(INVOICE_GOAL.ms)} for everything.`,
  );
  if (plan.measured !== plan.target) {
    const all = median(c.extra('invoice-rows-target', ['insert-invoice-rows-plain', () => c.newBookPath(), String(plan.target)]));
    notes.push(`The raw limit for all ${fmt(plan.target)} invoices (${fmt(plan.target * ROWS_PER_INVOICE)} rows, one transaction): ${formatMs(all)}.`);
  }
  return notes;
}

function payoutNotes(c, result) {
  const facts = c.payoutFacts();
  const written = c.payoutWritten ?? {};
  const rows = Object.values(written).reduce((sum, count) => sum + count, 0);
  const rawRows = 1 + 2 * (written.payslips ?? 0) + (written.postings ?? 0) + (written.payout_items ?? 0);
  return [
    `The book: ${fmt(facts.members)} members, ${fmt(facts.dueMembers)} of them with ${fmt(facts.dueInvoices)} invoices due; ${fmt(facts.laterInvoices)} invoices not due yet and ${fmt(facts.earlierInvoices)} already paid out (${fmt(facts.earlierPayslips)} payslips of week 47) that the run must skip; ${fmt(facts.clients)} clients.`,
    `smart wrote ${fmt(rows)} rows (${Object.entries(written).map(([table, count]) => `${table} ${fmt(count)}`).join(', ')}), ${fmt(Math.round((rows / median(result.times)) * 1000))} rows/s over the whole command; the raw limit wrote ${fmt(rawRows)} rows (no audit row).`,
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

/** The JSON a worker printed last. */
const lastJson = (stdout) => JSON.parse(stdout.trim().split('\n').pop());

/** One raw figure: a whole process's wall time, or the time an 'inner' worker measured itself. */
function rawFigure(ctx, kind, nodeArgs, env) {
  const run = runNode(nodeArgs, { env, statsFile: ctx.statsFile });
  return kind === 'process' ? run.ms : lastJson(run.stdout).ms;
}

/** Runs one of this script's workers and returns what it printed. */
const workerOutput = (ctx, nodeArgs) => lastJson(runNode(nodeArgs, { env: ctx.env, statsFile: ctx.statsFile }).stdout);

/** A label or description: text, or a function of ctx read when the figures it names are known. */
function textOf(value, ctx) {
  if (typeof value !== 'function') return value;
  try {
    return value(ctx);
  } catch (error) {
    return `(${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * One timed run: smart's command line as a child process (its wall time), or one of this
 * script's workers, whose figure is the time it measured itself (`output` is what it printed).
 */
function timedRun(ctx, m, state, env) {
  if (m.worker === undefined) return runNode([SMART_BIN, ...m.command(ctx, state)], { env, stdout: m.stdout ?? 'pipe', statsFile: ctx.statsFile });
  const run = runNode(m.worker(ctx, state), { env, statsFile: ctx.statsFile });
  const output = lastJson(run.stdout);
  return { ...run, ms: output.ms, output };
}

/** Runs one measurement: its smart runs and its raw runs alternate, so drift hits both alike. */
function measure(ctx, m) {
  const result = { label: textOf(m.label, ctx), how: '', goal: m.goal, times: [], rss: [], raw: [], rawLabel: m.raw?.label, notes: [], outputs: [], throughputUnit: m.throughput?.unit };
  const env = m.env ?? ctx.env;
  try {
    if (m.warmUp !== undefined) m.warmUp(ctx);
    else if (m.prepare === undefined && m.worker === undefined) runNode([SMART_BIN, ...m.command(ctx, {})], { env, stdout: m.stdout ?? 'pipe', statsFile: ctx.statsFile });
    for (let run = 0; run < m.runs; run += 1) {
      const state = m.prepare?.(ctx) ?? {};
      const timed = timedRun(ctx, m, state, env);
      m.check?.(ctx, state, timed);
      result.times.push(timed.ms);
      if (timed.output !== undefined) result.outputs.push(timed.output);
      if (timed.rssKib !== undefined) result.rss.push(timed.rssKib);
      if (m.raw !== undefined) result.raw.push(rawFigure(ctx, m.raw.kind, m.raw.args(ctx, state), env));
      ctx.cleanBooks();
    }
    result.throughputCount = m.throughput?.count(ctx);
    result.goalEstimate = m.goal?.estimate?.(ctx, result);
    result.goalMet = m.goal?.met?.(ctx, result);
    result.notes = m.notes?.(ctx, result) ?? [];
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  }
  result.label = textOf(m.label, ctx);
  result.how = textOf(m.how, ctx);
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
  let paidBook;
  const disposable = [];
  const extras = new Map();
  const cached = new Set();
  /**
   * A book of bench-cache/ (its name carries N, the parameters, the seed, the setup version and
   * the schema), built from the member book by a setup worker when missing; checkpointed once a
   * run, so that copying its .sqlite file alone copies the book.
   */
  function cachedBook(kind, parameters, setupArgs, sourceBook) {
    const path = cachedBookPath(kind, { n: ctx.members, ...parameters });
    if (cached.has(path)) return path;
    if (!existsSync(path) || (kind === 'payout' && !existsSync(`${path}.json`))) {
      mkdirSync(CACHE_DIR, { recursive: true });
      const source = sourceBook ?? ctx.memberBook();
      checkpointBook(source);
      const how = kind === 'invoiced' ? "raw INSERTs of the rows issueInvoice writes" : "smart's use cases";
      process.stderr.write(`bench:   setup (not timed): building ${relative(ROOT, path)} with ${how} ...\n`);
      const built = workerOutput(ctx, worker(`setup-${kind}-book`, source, path, ...setupArgs));
      ctx.setups.push({ kind, path, built: true, ms: built.ms });
      pruneCachedBooks(kind, ctx.members, [path, `${path}.json`]);
    } else {
      checkpointBook(path);
      ctx.setups.push({ kind, path, built: false });
    }
    cached.add(path);
    return path;
  }
  const ctx = {
    ...options,
    work,
    env,
    envWithoutCaCerts,
    caCerts: env.NODE_EXTRA_CA_CERTS !== undefined && env.NODE_EXTRA_CA_CERTS !== '',
    statsFile: join(work, 'time.txt'),
    rowsWritten: 0,
    /** The books of bench-cache/ this run used, and whether it built them. */
    setups: [],
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
      for (const path of disposable.splice(0)) if (path !== memberBook && path !== paidBook) removeBook(path);
    },
    /** A new book in the work folder holding a copy of `source` (a checkpointed book: its .sqlite file alone). */
    copyOf(source) {
      const path = ctx.newBookPath();
      copyFileSync(source, path);
      return path;
    },
    cachedBook,
    /** The ten-year book (scripts/ten-year-book.js), from bench-cache/ or built now; its facts beside it. */
    tenYearBook() {
      if (ctx.tenYearBuilt === undefined) {
        const { path, facts, built } = ensureTenYearBook(ctx.tenYear, { env });
        checkpointBook(path);
        ctx.setups.push({ kind: 'ten-year', path, built, ms: facts.buildMs });
        ctx.tenYearBuilt = { path, facts };
      }
      return ctx.tenYearBuilt.path;
    },
    tenYearFacts() {
      ctx.tenYearBook();
      return ctx.tenYearBuilt.facts;
    },
    /** A book just made by `smart init` (checkpointed, kept for the run): copied for each bank import run. */
    bankBaseBook() {
      const path = join(work, 'bank-base.sqlite');
      if (!existsSync(path)) {
        runNode([SMART_BIN, 'init', '--db', path, ...COOP], { env, statsFile: ctx.statsFile });
        checkpointBook(path);
      }
      return path;
    },
    /** The invoice book (the member book, clients, K open contracts), from bench-cache/ or built now. */
    contractsBook() {
      return cachedBook('contracts', { k: ctx.invoices.target, c: ctx.invoices.clients }, [String(ctx.invoices.target), String(ctx.invoices.clients)]);
    },
    /** The payout book, before its week-48 run, from bench-cache/ or built now. */
    payoutBook() {
      return cachedBook('payout', { c: ctx.payoutClients }, [String(ctx.payoutClients)]);
    },
    /** What the payout book's run must find (written beside it when it was built). */
    payoutFacts() {
      return JSON.parse(readFileSync(`${ctx.payoutBook()}.json`, 'utf8'));
    },
    /** A copy of the payout book after its week-48 run (the payout row's last, or made now). */
    paidBook() {
      if (paidBook === undefined) {
        const book = ctx.copyOf(ctx.payoutBook());
        runNode([SMART_BIN, '--db', book, 'payout', 'run', '--date', PAYOUT_DATES.run], { env, statsFile: ctx.statsFile });
        ctx.keepPaidBook(book);
      }
      return paidBook;
    },
    keepPaidBook(path) {
      if (paidBook !== undefined && paidBook !== path) removeBook(paidBook);
      paidBook = path;
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
  if (ms >= 120_000) return `${(ms / 60_000).toFixed(1)} min`;
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
  if (result.goalMet !== undefined) return result.goalMet;
  if (result.goal.perMembers !== undefined && result.goal.perMembers !== members) return `n/a (N ≠ ${result.goal.perMembers.toLocaleString('en-US')})`;
  const estimate = result.goalEstimate;
  if (estimate !== undefined) return `${estimate.ms < result.goal.ms ? 'yes' : 'NO'} (${estimate.label})`;
  return median(result.times) < result.goal.ms ? 'yes' : 'NO';
}

/** "12,345 invoices/s" from the median, or n/a. */
function formatThroughput(result, ms) {
  if (result.throughputCount === undefined || result.throughputUnit === undefined) return 'n/a';
  const perSecond = (result.throughputCount / ms) * 1000;
  return `${perSecond >= 100 ? fmt(Math.round(perSecond)) : perSecond.toFixed(1)} ${result.throughputUnit}/s`;
}

function tableRows(results, members) {
  return results.map((r) => {
    if (r.error !== undefined) return [r.label, 'failed', '', '', '', '', '', r.goal?.text ?? '—', 'failed'];
    const mid = median(r.times);
    const raw = r.raw.length > 0 ? median(r.raw) : undefined;
    return [
      r.label,
      formatMs(mid),
      formatRange(Math.min(...r.times), Math.max(...r.times)),
      formatThroughput(r, mid),
      raw === undefined ? 'n/a' : `${formatMs(raw)} (${r.rawLabel})`,
      raw === undefined ? 'n/a' : `${(mid / raw).toFixed(1)}×`,
      formatMib(r.rss.length > 0 ? Math.max(...r.rss) : undefined),
      r.goal?.text ?? '—',
      verdict(r, members),
    ];
  });
}

const HEADERS = ['operation', 'median', 'min–max', 'throughput', 'raw limit', 'ratio to limit', 'peak memory', 'goal', 'met?'];

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

/** Where the books of the invoice and payout rows came from in this run. */
function booksNote(ctx) {
  if (ctx.setups.length === 0) return 'none used in this run.';
  const line = (setup) => `\`${relative(ROOT, setup.path)}\` (${setup.built ? `built in this run in ${formatMs(setup.ms)}` : 'reused'})`;
  const raw = ctx.setups.some((setup) => setup.kind === 'invoiced') ? " (the invoiced book excepted: its year of invoices is written by raw INSERTs of the rows issueInvoice writes, see the invoice issue row)" : '';
  const tenYear = ctx.setups.some((setup) => setup.kind === 'ten-year') ? ' The ten-year book is built by scripts/ten-year-book.js instead: from a book made by `smart init`, raw INSERTs of the rows the use cases write, with figures computed by smart\'s own modules; `smart check` passes on it.' : '';
  return `built once from the member book with smart's own use cases (addClient, addContract, issueInvoice, runPayout) in one transaction (setup, never timed)${raw}, then cached: ${ctx.setups.map(line).join('; ')}. Each timed run that writes works on a fresh copy of the checkpointed .sqlite file.${tenYear}`;
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
    'including Node start-up), or, where the row says "in-process" or names no command, of smart\'s built modules',
    'driven from one Node process, beside the raw better-sqlite3 limit for the same rows measured in the same run.',
    'The script reports; it asserts nothing (a missed goal is printed as NO, the exit code stays 0).',
    '',
    `- Machine: ${m.os}; ${m.cpu}; ${m.memory} memory`,
    `- Node: ${m.node}; ${m.sqlite}`,
    `- Date: ${startedAt.toISOString()}; load average (1 min) ${ctx.loadAtStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end (other work on the machine makes every figure slower)`,
    `- Members (N): ${n} synthetic members (seed ${SEED}, valid NISS and IBANs, about a third artists, 1 to 3 shares), CSV cached in \`${relative(ROOT, ctx.csv)}\``,
    `- Runs: ${ctx.startUpRuns} for start-up, ${ctx.quickRuns} for the other quick commands and the payout run, ${ctx.importRuns} for the member import and the bank import, ${ctx.invoiceRuns} for invoice issue, ${ctx.pdfRuns} for each PDF row (\`--runs R\` sets them all)`,
    `- Bank statement (L): ${ctx.bankLines.toLocaleString('en-US')} lines in KBC's CSV layout (seed ${SEED}), cached in \`${relative(ROOT, statementFile(ctx.bankLines))}\`${ctx.bankLines === BANK_GOAL.lines ? '' : ` (the issue's goal is stated for ${BANK_GOAL.lines.toLocaleString('en-US')}: \`--lines L\` sets it)`}`,
    `- Books of the invoice and payout rows: ${booksNote(ctx)}`,
    `- Peak memory: the measured smart process's max RSS (${HAVE_TIME ? 'GNU time `%M`, the largest of the runs' : '`/usr/bin/time` is not installed here: n/a'})`,
    `- NODE_EXTRA_CA_CERTS: ${caCertsNote(ctx, results)}`,
    '',
    `| ${HEADERS.join(' | ')} |`,
    `|${HEADERS.map((_h, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...tableRows(results, ctx.members).map((row) => `| ${row.map(cell).join(' | ')} |`),
    '',
    '"ratio to limit" is smart\'s median over the raw limit\'s median; "throughput" is the work done over the',
    'median. Raw limits marked "plain tables", `SELECT` or "same rows" time only the database work inside one',
    'Node process (no start-up); the others time a whole Node process, like smart\'s figure. The invoice issue and',
    'PDF rows time smart\'s own modules (dist/) inside one Node process, without start-up, like their limits.',
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
    options: {
      members: { type: 'string' },
      runs: { type: 'string' },
      invoices: { type: 'string' },
      lines: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      out: { type: 'string' },
      only: { type: 'string' },
      'no-hledger': { type: 'boolean', default: false },
      'ten-year': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      [
        'usage: node scripts/bench.js [--members N] [--runs R] [--invoices K] [--lines L] [--smoke] [--out FILE]',
        '  --members N   synthetic members (default 100000; 1000 with --smoke)',
        '  --runs R      runs of every measurement (default 5 for quick commands, 3 for the long ones)',
        '  --invoices K  invoices issued by the invoice row, all of them (default 1.5 per member, 300 with',
        '                --smoke, measured on 20000 and extrapolated when a pilot predicts over 3 minutes)',
        '  --lines L     lines of the bank statement the bank import row imports (default 1000000; 1000 with --smoke)',
        '  --smoke       a quick run that checks every measurement works; report to a temporary file',
        '  --out FILE    the report (default docs/benchmarks.md)',
        '  --only IDS    only these measurements (comma-separated ids, e.g. bank-import; --only list names them);',
        '                the report then goes to a temporary file unless --out is given',
        '  --no-hledger  skip the hledger comparison of the bank import row',
        '  --ten-year M  members of the ten-year book (default N; 15 invoices and 15 bank lines a member, 5 with --smoke)',
        '',
      ].join('\n'),
    );
    process.exit(0);
  }
  const members = positiveInteger(values.members, '--members') ?? (values.smoke ? 1000 : GOAL_MEMBERS);
  const runs = positiveInteger(values.runs, '--runs') ?? (values.smoke ? 1 : undefined);
  const invoices = positiveInteger(values.invoices, '--invoices');
  const only = values.only === undefined ? undefined : values.only.split(',').map((id) => id.trim()).filter((id) => id !== '');
  // A partial run never overwrites the full report.
  const out =
    values.out !== undefined
      ? resolve(values.out)
      : values.smoke || only !== undefined
        ? join(os.tmpdir(), `smart-bench-${values.smoke ? 'smoke' : 'only'}-${process.pid}.md`)
        : DEFAULT_REPORT;
  return {
    members,
    quickRuns: runs ?? 5,
    importRuns: runs ?? 3,
    startUpRuns: values.smoke ? Math.max(runs, 3) : Math.max(10, 2 * (runs ?? 5)),
    quickRunsForExtras: runs ?? 3,
    invoiceRuns: runs ?? 3,
    pdfRuns: runs ?? 3,
    invoices: {
      target: invoices ?? (values.smoke ? 300 : Math.round((members * INVOICE_GOAL.invoices) / GOAL_MEMBERS)),
      forced: invoices !== undefined,
      clients: members >= 10_000 ? 300 : 30,
    },
    payoutClients: members >= 10_000 ? 300 : 30,
    bankLines: positiveInteger(values.lines, '--lines') ?? (values.smoke ? 1000 : BANK_GOAL.lines),
    pdfCount: Math.min(values.smoke ? 20 : 200, dueMembersOf(members)),
    only,
    hledger: !values['no-hledger'],
    tenYear: (() => {
      const tenYearMembers = positiveInteger(values['ten-year'], '--ten-year') ?? members;
      return tenYearParameters(tenYearMembers, values.smoke ? { invoices: tenYearMembers * 5, lines: tenYearMembers * 5 } : {});
    })(),
    out,
  };
}

/** A measurement's id for --only: its own, or its label made a slug ("smart-check-payout-book"). */
function measurementId(m, ctx) {
  if (m.id !== undefined) return m.id;
  return textOf(m.label, ctx).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
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
    const all = measurements(ctx);
    const chosen = ctx.only === undefined ? all : all.filter((m) => ctx.only.includes(measurementId(m, ctx)));
    if (ctx.only !== undefined && (ctx.only.includes('list') || chosen.length !== ctx.only.length)) {
      process.stderr.write(`bench: --only takes these ids: ${all.map((m) => measurementId(m, ctx)).join(', ')}\n`);
      return ctx.only.includes('list') ? 0 : 2;
    }
    for (const m of chosen) {
      process.stderr.write(`bench: ${textOf(m.label, ctx).replace(/`/g, '')} ...\n`);
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

if (process.argv[2] === '--raw-worker') {
  rawWorker(process.argv.slice(3)).catch((error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  });
} else process.exitCode = main(process.argv.slice(2));
