/**
 * Helpers of the payout end-to-end tests: books with invoices due on 2026-11-13 (week 2026-W46),
 * prepared in-process with the use cases and closed before the CLI touches them, generated
 * members with valid Belgian identifiers, and a read-only look at what the book holds.
 */
import BetterSqlite3 from 'better-sqlite3';
import type { Book } from '../../src/book/open-book.js';
import { addClient } from '../../src/clients/manage-clients.js';
import { addContract } from '../../src/contracts/manage-contracts.js';
import { validateIban } from '../../src/identifiers/iban.js';
import { validateNiss } from '../../src/identifiers/niss.js';
import { issueInvoice } from '../../src/invoicing/issue-invoice.js';
import { addMember } from '../../src/members/add-member.js';
import type { MemberDraft } from '../../src/members/member.js';
import { MEMBER_ADA } from '../helpers/invoicing-fixture.js';
import { createTempBook, testContext } from '../helpers/temp-book.js';

/** The run date of the tests: a Friday of ISO week 2026-W46 (Monday 9 to Sunday 15 November). */
export const RUN_DATE = '2026-11-13';
export const RUN_WEEK = '2026-W46';
/** Contracts end the Friday before, invoices are issued the Monday of the run's week. */
export const CONTRACT_END = '2026-11-06';
export const ISSUE_DATE = '2026-11-09';

/** DOMAIN.md's worked example: a 1,000.00 invoice of a member in category `employee`. */
export const WORKED_EXAMPLE = { gross: '720.75', employerContributions: '194.24', employeeContributions: '94.20', withholding: '0.00', net: '626.55' } as const;

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function mod97(digits: string): number {
  return Number(BigInt(digits) % 97n);
}

/** A valid NISS for someone born in the 1900s on `yymmdd`: check = 97 - (nine digits mod 97). */
export function nissFor(yymmdd: string, serial: number): string {
  const nine = `${yymmdd}${pad(serial, 3)}`;
  return `${nine}${pad(97 - mod97(nine), 2)}`;
}

/** A valid Belgian IBAN of account number `account` at bank 001: national check, then ISO 13616. */
export function belgianIbanFor(account: number): string {
  const ten = `001${pad(account, 7)}`;
  const bban = `${ten}${pad(mod97(ten) || 97, 2)}`;
  const check = 98 - mod97(`${bban}111400`); // "BE" is 11 14, then "00"
  return `BE${pad(check, 2)}${bban}`;
}

export const MEMBER_CSV_HEADER = 'name,email,niss,birth_date,iban,address,category,shares,withholding,joined_on';

/**
 * Row `index` (0-based) of a large generated member CSV (for `smart member import`): NISS unique
 * through the birth date (40 years x 12 months x 28 days) and the serial (997 a day).
 */
export function generatedMemberRow(index: number): string {
  const serial = 1 + (index % 997);
  const dateIndex = Math.floor(index / 997);
  const year = 1960 + (dateIndex % 40);
  const month = 1 + (Math.floor(dateIndex / 40) % 12);
  const day = 1 + Math.floor(dateIndex / 480);
  const niss = nissFor(`${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}`, serial);
  return `Member ${index + 1},m${index + 1}@example.be,${niss},${year}-${pad(month, 2)}-${pad(day, 2)},${belgianIbanFor(1000 + index)},"Rue ${index}, 1000 Bruxelles",employee,1,,2026-01-01`;
}

/** Member number `index` (0-based) of a generated population: employee, key formula, distinct NISS and IBAN. */
export function generatedMember(index: number): MemberDraft {
  const year = 1960 + (index % 40);
  const month = 1 + (index % 12);
  const day = 1 + (index % 28);
  const birthDate = `${year}-${pad(month, 2)}-${pad(day, 2)}`;
  const niss = nissFor(`${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}`, 1 + index);
  const iban = belgianIbanFor(1000 + index);
  if (!validateNiss(niss, new Date('2026-11-23T00:00:00Z')).ok) throw new Error(`generated NISS ${niss} is not valid`);
  if (!validateIban(iban).ok) throw new Error(`generated IBAN ${iban} is not valid`);
  return { ...MEMBER_ADA, name: `Member ${pad(index + 1, 4)}`, email: `member${index + 1}@example.be`, niss, iban, birthDate };
}

export const CLIENT = { name: 'Théâtre National', address: 'Bd Émile Jacqmain 111, 1000 Bruxelles', vatNumber: 'BE0123456749' };
export const LATE_CLIENT = { name: 'Late Payer SA', address: 'Rue Lente 1, 1000 Bruxelles', vatNumber: 'BE0403170701' };

/** Adds a contract ended on CONTRACT_END and issues its invoice on ISSUE_DATE; returns the invoice number. */
export function invoiceDue(book: Book, memberId: number, clientId: number, description: string, amount = '1000.00'): string {
  const contractId = addContract(book, testContext(), { memberId, clientId, description, start: '2026-11-02', end: CONTRACT_END, days: '5', amount }).contract.id;
  return issueInvoice(book, testContext(), { contractId, date: ISSUE_DATE }).invoice.number;
}

export interface PreparedBook {
  readonly dir: string;
  readonly path: string;
  readonly memberIds: readonly number[];
  readonly clientId: number;
  /** The client with one more invoice (of the first member), when asked for. */
  readonly lateClientId: number | undefined;
  readonly invoices: readonly string[];
  cleanup(): void;
}

/**
 * A closed book with `members` employees, each with `invoicesPerMember` invoices of 1,000.00
 * excl. VAT to one client, all due on RUN_DATE; with `lateClient`, a second client with one more
 * invoice of the first member (to block it). Built in one database transaction: the use cases'
 * own transactions become savepoints, so 300 members cost about a second, not 1,500 fsyncs.
 */
export function prepareBook(options: { members: number; invoicesPerMember?: number; lateClient?: boolean }): PreparedBook {
  const temp = createTempBook();
  const perMember = options.invoicesPerMember ?? 1;
  const built = temp.book.transaction(() => {
    const clientId = addClient(temp.book, testContext(), CLIENT).client.id;
    const memberIds = Array.from({ length: options.members }, (_, index) => addMember(temp.book, testContext(), index === 0 ? MEMBER_ADA : generatedMember(index)).member.id);
    const invoices: string[] = [];
    for (const memberId of memberIds) for (let job = 1; job <= perMember; job += 1) invoices.push(invoiceDue(temp.book, memberId, clientId, `Job ${job} of member ${memberId}`));
    let lateClientId: number | undefined;
    const first = memberIds[0];
    if (options.lateClient === true && first !== undefined) {
      lateClientId = addClient(temp.book, testContext(), LATE_CLIENT).client.id;
      invoices.push(invoiceDue(temp.book, first, lateClientId, 'Sound design for a client who pays late'));
    }
    return { clientId, memberIds, invoices, lateClientId };
  })();
  temp.book.close();
  return { dir: temp.dir, path: temp.path, ...built, cleanup: temp.cleanup };
}

export interface BookCounts {
  readonly runs: number;
  readonly runsOfWeek: number;
  readonly payslips: number;
  readonly items: number;
  readonly distinctInvoices: number;
  readonly payoutEntries: number;
  readonly payoutAudits: number;
}

const COUNTS_SQL = `SELECT
  (SELECT COUNT(*) FROM payout_runs) AS runs,
  (SELECT COUNT(*) FROM payout_runs WHERE week = @week) AS runsOfWeek,
  (SELECT COUNT(*) FROM payslips) AS payslips,
  (SELECT COUNT(*) FROM payout_items) AS items,
  (SELECT COUNT(DISTINCT invoice_id) FROM payout_items) AS distinctInvoices,
  (SELECT COUNT(*) FROM entries WHERE reason = 'payout.salary') AS payoutEntries,
  (SELECT COUNT(*) FROM audit_log WHERE summary LIKE 'payout run %') AS payoutAudits`;

/** What a connection sees of the payouts in a book. */
export function countsOf(book: Book, week = RUN_WEEK): BookCounts {
  return book.prepare(COUNTS_SQL).get({ week }) as BookCounts;
}

/** The same, from a read-only connection opened for the purpose (every smart process must have exited). */
export function readCounts(path: string, week = RUN_WEEK): BookCounts {
  const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  try {
    return countsOf(db, week);
  } finally {
    db.close();
  }
}

/** The JSON of `smart payout run --json`. */
export interface PayslipJson {
  readonly member: number;
  readonly name: string;
  readonly salaryBudget: string;
  readonly gross: string;
  readonly employerContributions: string;
  readonly holidayContributions: string;
  readonly employeeContributions: string;
  readonly taxable: string;
  readonly withholding: string;
  readonly specialContribution: string;
  readonly net: string;
  readonly expenses: string;
  readonly transfer: string;
  readonly leftover: string;
}

export interface RunJson {
  readonly week: string;
  readonly status: 'paid' | 'already-paid' | 'dry-run';
  readonly runDate: string | null;
  readonly reference: string | null;
  readonly payslips: readonly PayslipJson[];
  readonly held: readonly { invoice?: string; expense?: number; member: number; reason: string }[];
  readonly total: string;
  readonly transfers: string;
}

/** Sums amounts written as "1234.56" exactly, in cents. */
export function sumCents(amounts: readonly string[]): number {
  return amounts.reduce((sum, amount) => {
    const match = /^(-?)(\d+)\.(\d{2})$/.exec(amount);
    if (match === null) throw new Error(`"${amount}" is not an amount with two decimals`);
    return sum + (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 100 + Number(match[3]));
  }, 0);
}

/** Cents as the JSON and the SEPA file write them: "1253.10". */
export function centsText(cents: number): string {
  return `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${pad(Math.abs(cents) % 100, 2)}`;
}
