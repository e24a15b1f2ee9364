import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { addDays, type IsoDate } from '../calendar/dates.js';
import { ContractStore } from '../contracts/contract-store.js';
import { findContract } from '../contracts/manage-contracts.js';
import { conflict } from '../errors.js';
import { GUARANTEE_FUND, LEVY_INCOME, VAT_PAYABLE, activityAccount, receivableAccount } from '../ledger/chart.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import { type Posting, postEntry } from '../ledger/post-entry.js';
import { loadRules } from '../rules/set-rule.js';
import { computeContributions } from './contributions.js';
import type { Invoice, InvoiceLine } from './invoice.js';
import { invoiceNumber, structuredCommunicationOf } from './invoice-number.js';
import { InvoiceStore } from './invoice-store.js';
import { computeVat, vatCategory } from './vat.js';

export interface IssuedInvoice {
  readonly invoice: Invoice;
  readonly lines: readonly InvoiceLine[];
  /** False when the contract was already invoiced: the existing invoice is returned. */
  readonly created: boolean;
}

/** Postings of zero are left out: a reverse-charge invoice has no VAT line in the ledger. */
export function nonZero(postings: readonly Posting[]): Posting[] {
  return postings.filter((posting) => posting.amountCents !== 0);
}

/**
 * Takes the next number of the issue date's year and checks the series stays in date order:
 * Belgian invoices are numbered chronologically, so an invoice may not be dated before the last.
 */
export function nextNumber(store: InvoiceStore, date: IsoDate): { year: number; sequence: number } {
  const year = Number(date.slice(0, 4));
  const { nextSequence, lastIssueDate } = store.seriesState(year);
  if (lastIssueDate !== null && date < lastIssueDate) {
    throw conflict(`Invoice numbers follow their dates: the last one of ${year} is dated ${lastIssueDate}, after ${date}.`, `Issue it on ${lastIssueDate} or later (--date).`);
  }
  return { year, sequence: nextSequence };
}

/**
 * `smart invoice issue CONTRACT`: the invoice in the co-op's name, with the next number of the
 * year's gapless series, VAT per EN 16931, and one ledger entry that records the receivable,
 * the VAT, the levy, the fund contribution and the member's budget at the rates in force on the
 * issue date. A contract is invoiced once: issuing it again returns the same invoice.
 */
export function issueInvoice(book: Book, context: WriteContext, request: { contractId: number; date?: IsoDate }): IssuedInvoice {
  const store = new InvoiceStore(book);
  const contracts = new ContractStore(book);
  const ledger = new LedgerStore(book);
  const rules = loadRules(book);
  return book
    .transaction((): IssuedInvoice => {
      const contract = findContract(book, request.contractId);
      const existing = store.invoiceOfContract(contract.id);
      if (existing !== undefined) return { invoice: existing, lines: store.linesOf(existing.id), created: false };
      if (contract.status === 'cancelled') throw conflict(`Contract ${contract.id} was cancelled (${contract.cancelReason ?? ''}): it cannot be invoiced.`);
      const date = request.date ?? context.today;
      const { year, sequence } = nextNumber(store, date);
      const levyRate = rules.rateAt('levy.rate', date);
      const fundRate = rules.rateAt('fund.rate', date);
      const lines: InvoiceLine[] = [
        {
          lineNumber: 1,
          description: contract.description,
          quantity: contract.days,
          netCents: contract.amountCents,
          vatRate: contract.vatRate,
          vatCategory: vatCategory(contract.vatRegime, contract.vatRate),
        },
      ];
      const totals = computeVat(lines);
      const contributions = computeContributions(totals.amountExclVatCents, levyRate, fundRate);
      const number = invoiceNumber(year, sequence);
      const { entryId } = postEntry(ledger, context, {
        key: `invoice:${number}`,
        date,
        reason: 'invoice.issue',
        memo: `Invoice ${number} to client ${contract.clientId} for contract ${contract.id}`,
        memberId: contract.memberId,
        postings: nonZero([
          { account: receivableAccount(contract.clientId), amountCents: totals.totalCents },
          { account: VAT_PAYABLE, amountCents: -totals.vatCents },
          { account: LEVY_INCOME, amountCents: -contributions.levyCents },
          { account: GUARANTEE_FUND, amountCents: -contributions.fundCents },
          { account: activityAccount(contract.memberId), amountCents: -contributions.budgetCents },
        ]),
      });
      const id = store.insert(
        {
          number,
          year,
          sequence,
          kind: 'invoice',
          contractId: contract.id,
          memberId: contract.memberId,
          clientId: contract.clientId,
          creditedInvoiceId: null,
          issueDate: date,
          dueDate: addDays(date, rules.daysAt('invoice.due-days', date)),
          supplyStart: contract.startDate,
          supplyEnd: contract.endDate,
          vatRegime: contract.vatRegime,
          amountExclVatCents: totals.amountExclVatCents,
          vatCents: totals.vatCents,
          totalCents: totals.totalCents,
          levyRate: levyRate.toString(),
          fundRate: fundRate.toString(),
          ...contributions,
          structuredCommunication: structuredCommunicationOf(year, sequence),
          reason: null,
          entryId,
          createdAt: context.now,
        },
        lines,
      );
      contracts.setStatus(contract.id, 'invoiced', null, context.now);
      recordAudit(book, context, `invoice ${number} issued for contract ${contract.id}`);
      const invoice = store.findById(id);
      if (invoice === undefined) throw new Error(`invoice ${number} vanished after insert`);
      return { invoice, lines, created: true };
    })
    .immediate();
}
