import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import type { WriteContext } from '../book/write-context.js';
import { type CheckResult, runChecks } from '../checks/run-checks.js';
import { findCoop } from '../coop/coop-store.js';
import { type CoopIdentityInput, initBook } from '../coop/init-book.js';
import { addClient } from '../clients/manage-clients.js';
import type { ClientValues } from '../clients/client-fields.js';
import { addContract } from '../contracts/manage-contracts.js';
import { type ImportOutcome, importStatement } from '../bank/import-statement.js';
import { openStatement } from '../bank/open-statement.js';
import { conflict } from '../errors.js';
import { addExpense, decideExpense } from '../expenses/manage-expenses.js';
import { type RunOutcome, runPayout } from '../payouts/run-payout.js';
import { creditInvoice } from '../invoicing/credit-invoice.js';
import type { Invoice } from '../invoicing/invoice.js';
import { issueInvoice } from '../invoicing/issue-invoice.js';
import { parseCents } from '../money/index.js';
import { type ImportMembersOutcome, importMembers } from '../members/import-members.js';
import { type LeaveOutcome, leaveMember } from '../members/leave-member.js';
import { type SetRuleOutcome, setRule } from '../rules/set-rule.js';
import { type BuySharesOutcome, buyShares } from '../shares/buy-shares.js';

const DEMO_FIXTURES = new URL('../../fixtures/demo/', import.meta.url);

export interface DemoOutcome {
  readonly path: string;
  readonly rebuilt: boolean;
  readonly coopName: string;
  readonly imported: ImportMembersOutcome;
  readonly purchase: BuySharesOutcome;
  readonly leave: LeaveOutcome;
  readonly ruleChange: SetRuleOutcome;
  readonly clients: number;
  readonly contracts: number;
  readonly invoices: readonly Invoice[];
  readonly creditNotes: readonly Invoice[];
  readonly payout: RunOutcome;
  readonly bank: ImportOutcome;
  readonly checks: readonly CheckResult[];
}

interface DemoContract {
  readonly member: number;
  readonly client: number;
  readonly description: string;
  readonly start: string;
  readonly end: string;
  readonly days: string;
  readonly amount: string;
  readonly vatRate?: string;
  readonly vatRegime?: string;
  readonly issue?: string;
  readonly credit?: { readonly amount: string; readonly reason: string; readonly date: string };
}

function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, DEMO_FIXTURES), 'utf8')) as T;
}

/** A demo book is only ever replaced by another demo book: a real book at that path is refused. */
function clearPreviousDemo(path: string): boolean {
  if (!existsSync(path)) return false;
  let isDemo = false;
  // Opening a WAL book to read it creates its -wal and -shm files; when nobody had it open
  // before, they are removed again so that a refused book is left exactly as it was found.
  const sideFiles = [`${path}-wal`, `${path}-shm`].filter((file) => !existsSync(file));
  try {
    const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    try {
      isDemo = findCoop(db)?.demo === true;
    } finally {
      db.close();
    }
  } catch {
    isDemo = false;
  }
  if (!isDemo) {
    for (const file of sideFiles) if (existsSync(file)) unlinkSync(file);
    throw conflict(`${path} exists and is not a demo book: the demo will not touch it.`, 'Pass another --db path for the demo.');
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(file)) unlinkSync(file);
  return true;
}

/**
 * `smart demo`: a small book built from fixtures/demo through the same use cases the commands
 * run: the co-op, eight members imported from CSV, a share purchase, a member leaving, a rate
 * change for next year, clients, contracts, invoices (every VAT treatment but export), a
 * credit note, an expense note, the weekly payout run of 2026-11-27, a KBC statement in which
 * clients pay and the run's batch goes out, and the checks.
 */
export async function buildDemo(path: string, context: WriteContext): Promise<DemoOutcome> {
  const rebuilt = clearPreviousDemo(path);
  const identity = JSON.parse(readFileSync(new URL('coop.json', DEMO_FIXTURES), 'utf8')) as CoopIdentityInput;
  const { book, outcome } = initBook(path, context, identity, true);
  try {
    const imported = await importMembers(book, context, fileURLToPath(new URL('members.csv', DEMO_FIXTURES)), false);
    const purchase = buyShares(book, context, { memberId: 2, count: 2, date: '2026-09-15', ref: 'demo-2026-09-15' });
    const leave = leaveMember(book, context, { memberId: 3, date: '2026-10-31' });
    const ruleChange = setRule(book, context, { name: 'levy.rate', value: '0.07', from: '2027-01-01', status: 'certain', source: 'Demo: decision of the general assembly' });
    const clients = readFixture<ClientValues[]>('clients.json').map((values) => addClient(book, context, values).client);
    const invoices: Invoice[] = [];
    const creditNotes: Invoice[] = [];
    const contracts = readFixture<DemoContract[]>('contracts.json');
    for (const item of contracts) {
      const { contract } = addContract(book, context, { ...item, memberId: item.member, clientId: item.client });
      if (item.issue === undefined) continue;
      const { invoice } = issueInvoice(book, context, { contractId: contract.id, date: item.issue });
      invoices.push(invoice);
      if (item.credit !== undefined) {
        const amountCents = parseCents(item.credit.amount);
        creditNotes.push(creditInvoice(book, context, { number: invoice.number, reason: item.credit.reason, date: item.credit.date, ...(amountCents === undefined ? {} : { amountCents }) }).creditNote);
      }
    }
    const train = addExpense(book, context, { memberId: 1, date: '2026-11-04', amount: '42.50', vat: '2.41', description: 'Train Brussels-Liège and back' });
    decideExpense(book, context, train.id, 'approved', undefined);
    const payout = runPayout(book, context, { date: '2026-11-27' });
    const statementPath = fileURLToPath(new URL('statement-kbc.csv', DEMO_FIXTURES));
    const bank = await importStatement(book, context, statementPath, await openStatement(statementPath, { format: 'auto' }), false);
    return { path, rebuilt, coopName: outcome.coop.name, imported, purchase, leave, ruleChange, clients: clients.length, contracts: contracts.length, invoices, creditNotes, payout, bank, checks: runChecks(book) };
  } finally {
    book.close();
  }
}
