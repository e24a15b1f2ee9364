import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { type IsoDate, parseIsoDate } from '../calendar/dates.js';
import { findClient } from '../clients/manage-clients.js';
import { type Problem, conflict, invalidInput, notFound, usageError } from '../errors.js';
import { EU_COUNTRIES, VAT_REGIMES, type VatRegime } from '../invoicing/vat.js';
import type { Client } from '../clients/client.js';
import { findMember } from '../members/show-member.js';
import { Dec, parseCents, percentOf } from '../money/index.js';
import { typedAmountProblem } from '../money/typed-amount.js';
import { loadRules } from '../rules/set-rule.js';
import type { Contract, ContractDraft } from './contract.js';
import { type ContractFilter, ContractStore } from './contract-store.js';
import { lateDimonaWarning } from './dimona-deadline.js';

export interface ContractInput {
  readonly memberId: number;
  readonly clientId: number;
  readonly description?: string;
  readonly place?: string;
  readonly start?: string;
  readonly end?: string;
  readonly days?: string;
  readonly amount?: string;
  /** A percentage as typed: "21", "12", "6", "0". */
  readonly vatRate?: string;
  readonly vatRegime?: string;
}

/** Checks a contract's values (all problems at once) against the VAT rates in force on its start date. */
function readContractDraft(book: Book, input: ContractInput): ContractDraft {
  const problems: Problem[] = [];
  const text = (flag: string, value: string | undefined, fallback?: string): string => {
    const trimmed = (value ?? fallback ?? '').trim().replace(/\s+/g, ' ');
    if (trimmed === '') problems.push({ where: flag, message: 'is missing' });
    else if (trimmed.length > 500) problems.push({ where: flag, message: 'is longer than 500 characters' });
    return trimmed;
  };
  const date = (flag: string, value: string | undefined): IsoDate => {
    const parsed = value === undefined ? undefined : parseIsoDate(value);
    if (parsed === undefined) problems.push({ where: flag, message: value === undefined ? 'is missing' : 'must be a real date written YYYY-MM-DD' });
    return parsed ?? '';
  };
  const description = text('--description', input.description);
  const place = text('--place', input.place, 'Belgium');
  const startDate = date('--start', input.start);
  const endDate = date('--end', input.end);
  if (startDate !== '' && endDate !== '' && endDate < startDate) problems.push({ where: '--end', message: `is before the start (${startDate}): check the dates` });
  const days = input.days === undefined || !/^\d{1,3}$/.test(input.days.trim()) ? 0 : Number(input.days);
  if (days < 1) problems.push({ where: '--days', message: 'must be a whole number of days worked, from 1' });
  const amountCents = input.amount === undefined ? undefined : parseCents(input.amount);
  if (amountCents === undefined || amountCents <= 0) {
    const message =
      input.amount === undefined
        ? 'is missing: the agreed amount excl. VAT in euros, e.g. 1000 or 1000.50'
        : amountCents === undefined
          ? `${typedAmountProblem(input.amount)}; write the agreed amount excl. VAT like 1000 or 1000.50`
          : `"${input.amount.trim()}" is not more than 0: the agreed amount excl. VAT is positive`;
    problems.push({ where: '--amount', message });
  }
  const vatRegime = (input.vatRegime ?? 'normal').trim().toLowerCase();
  if (!(VAT_REGIMES as readonly string[]).includes(vatRegime)) problems.push({ where: '--vat-regime', message: `must be one of ${VAT_REGIMES.join(', ')}` });
  let vatRate = '0.21';
  if (vatRegime !== 'normal') {
    if (input.vatRate !== undefined && Number(input.vatRate) !== 0) problems.push({ where: '--vat-rate', message: `a ${vatRegime} invoice charges no VAT: leave --vat-rate out` });
    vatRate = '0';
  } else if (input.vatRate !== undefined) {
    if (!/^\d{1,2}(\.\d{1,2})?$/.test(input.vatRate.trim())) problems.push({ where: '--vat-rate', message: 'is a percentage such as 21, 12, 6 or 0' });
    else vatRate = new Dec(input.vatRate.trim()).div(100).toString();
  }
  if (startDate !== '' && problems.length === 0) {
    const allowed = loadRules(book).textAt('vat.rates', startDate).split(',');
    if (!allowed.includes(vatRate)) {
      problems.push({ where: '--vat-rate', message: `${percentOf(vatRate)} % is not a Belgian VAT rate on ${startDate} (rates: ${allowed.map((rate) => percentOf(rate)).join(', ')})` });
    }
  }
  if (problems.length > 0) throw invalidInput('The contract was not added.', { problems, hint: 'Correct the values above and run the command again.' });
  return { memberId: input.memberId, clientId: input.clientId, description, place, startDate, endDate, days, amountCents: amountCents ?? 0, vatRate, vatRegime: vatRegime as VatRegime };
}

/**
 * A VAT treatment must fit the client: the reverse charge shifts the VAT to a business that has
 * a VAT number (EN 16931 BR-AE-02); an export goes to a client outside the EU.
 */
function checkVatRegimeForClient(regime: VatRegime, client: Client): void {
  if (regime === 'reverse-charge' && client.vatNumber === null) {
    throw invalidInput(`Client ${client.id} (${client.name}) has no VAT number: the reverse charge needs one.`, { hint: `Add it with \`smart client edit ${client.id} --vat ...\`, or use --vat-regime normal.` });
  }
  if (regime === 'export' && EU_COUNTRIES.includes(client.country)) {
    throw invalidInput(`Client ${client.id} (${client.name}) is in ${client.country}, inside the EU: that is not an export.`, { hint: 'For an EU business use --vat-regime reverse-charge; otherwise normal VAT.' });
  }
}

export interface AddContractOutcome {
  readonly contract: Contract;
  readonly created: boolean;
  /** E.g. the contract starts before the day it was recorded: its Dimona is late. */
  readonly warnings: readonly string[];
}

function warningsOf(contract: Contract): string[] {
  const late = lateDimonaWarning(contract);
  return late === undefined ? [] : [late];
}

/**
 * Records a contract: the co-op employs the member for this engagement. The same contract
 * (member, client, dates, amount, description) added twice is one contract.
 */
export function addContract(book: Book, context: WriteContext, input: ContractInput): AddContractOutcome {
  const store = new ContractStore(book);
  return book
    .transaction((): AddContractOutcome => {
      const member = findMember(book, input.memberId);
      const client = findClient(book, input.clientId);
      const draft = readContractDraft(book, input);
      checkVatRegimeForClient(draft.vatRegime, client);
      if (member.status === 'left') throw conflict(`Member ${member.id} (${member.name}) left on ${member.leftOn ?? '?'}: the co-op can no longer employ them.`);
      if (draft.startDate < member.joinedOn) throw invalidInput(`The contract starts on ${draft.startDate}, before member ${member.id} joined (${member.joinedOn}).`);
      const existing = store.findByNaturalKey(draft);
      if (existing !== undefined) return { contract: existing, created: false, warnings: warningsOf(existing) };
      const id = store.insert(draft, context.now);
      recordAudit(book, context, `contract ${id} added for member ${member.id} and client ${client.id}`);
      const contract = findContract(book, id);
      return { contract, created: true, warnings: warningsOf(contract) };
    })
    .immediate();
}

export function findContract(book: Book, id: number): Contract {
  const contract = new ContractStore(book).findById(id);
  if (contract === undefined) throw notFound(`No contract number ${id}.`, 'List contracts with `smart contract list`.');
  return contract;
}

export function listContracts(book: Book, filter: ContractFilter): Contract[] {
  return new ContractStore(book).list(filter);
}

/** Cancels a contract that was not invoiced; an invoiced one is corrected by a credit note. */
export function cancelContract(book: Book, context: WriteContext, id: number, reason: string | undefined): { contract: Contract; changed: boolean } {
  if (reason === undefined || reason.trim() === '') throw usageError('Say why the contract is cancelled.', 'Pass --reason "...".');
  const store = new ContractStore(book);
  return book
    .transaction(() => {
      const contract = findContract(book, id);
      if (contract.status === 'cancelled') return { contract, changed: false };
      if (contract.status === 'invoiced') throw conflict(`Contract ${id} is invoiced: it cannot be cancelled.`, 'Correct the invoice with `smart invoice credit NUMBER --reason ...`.');
      store.setStatus(id, 'cancelled', reason.trim(), context.now);
      recordAudit(book, context, `contract ${id} cancelled`);
      return { contract: findContract(book, id), changed: true };
    })
    .immediate();
}
