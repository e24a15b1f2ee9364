import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { findCoop } from '../coop/coop-store.js';
import { formatCents } from '../money/index.js';
import { type AuditDataRow, PersonalDataStore } from './personal-data-store.js';
import { findMember } from './show-member.js';

/** The format of the document, for a script that reads it (bumped if its shape changes). */
export const MEMBER_DATA_FORMAT = 'smart.member-data.1';

type Json = Record<string, unknown>;

/** The ids a member's records are named by in audit summaries ("member 12", "contract 7", ...). */
interface Names {
  readonly memberId: string;
  readonly contracts: ReadonlySet<string>;
  readonly invoices: ReadonlySet<string>;
  readonly expenseNotes: ReadonlySet<string>;
}

const NAMED_IN_SUMMARY = /\b(member|contract|expense note|invoice|credit note) #?([0-9A-Za-z-]+)/g;

function summaryNames(summary: string, names: Names): boolean {
  for (const match of summary.matchAll(NAMED_IN_SUMMARY)) {
    const [, what, id = ''] = match;
    if (what === 'member' && id === names.memberId) return true;
    if (what === 'contract' && names.contracts.has(id)) return true;
    if ((what === 'invoice' || what === 'credit note') && names.invoices.has(id)) return true;
    if (what === 'expense note' && names.expenseNotes.has(id)) return true;
  }
  return false;
}

/** `smart member show 12`, `smart shares buy 12 1`, `... --member 12`, `--member=12`. */
function commandNames(command: string, memberId: string): boolean {
  const words = command.split(/\s+/);
  if ((words[1] === 'member' || (words[1] === 'shares' && words[2] === 'buy')) && words[3]?.replace(/^#/, '') === memberId) return true;
  return words.some((word, index) => word === `--member=${memberId}` || (word === '--member' && words[index + 1] === memberId));
}

/** Audit rows that name the member: the summary names them or one of their records, or the command names them. */
export function auditRowsNaming(rows: Iterable<AuditDataRow>, names: Names): AuditDataRow[] {
  const found: AuditDataRow[] = [];
  for (const row of rows) {
    if (summaryNames(row.summary, names) || commandNames(row.command, names.memberId)) found.push(row);
  }
  return found;
}

/**
 * Everything the book holds on one member (GDPR right of access, art. 15), as one JSON document:
 * identity and contact, shares, accounts and their postings, contracts, invoices, payslips (every
 * figure), expense notes (the receipt's name, size and sha256, not the receipt), bank lines from
 * their account, and the audit rows that name them. Amounts are strings with two decimals.
 *
 * The request itself is recorded in the audit log ("member 12: personal data exported", no
 * personal data), in the same database transaction as the reading; `deliver` (writing the file
 * or printing) runs inside it too, so a failed delivery leaves no audit row behind.
 */
export function exportMemberData(book: Book, context: WriteContext, memberId: number, deliver: (data: Json) => void = () => undefined): Json {
  const store = new PersonalDataStore(book);
  return book
    .transaction((): Json => {
      const member = findMember(book, memberId);
      const coop = findCoop(book);
      const contracts = store.contracts(memberId);
      const invoices = store.invoices(memberId);
      const payslips = store.payslips(memberId);
      const items = store.payslipItems(memberId);
      const expenseNotes = store.expenseNotes(memberId);
      const shareMovements = store.shareMovements(memberId);
      const ibans = [...new Set([member.iban, ...payslips.map((payslip) => payslip.iban)].filter((iban) => iban !== ''))];
      const candidates = store.auditRowsNaming({
        memberId,
        contracts: contracts.map((contract) => contract.id),
        invoices: invoices.map((invoice) => invoice.number),
        expenseNotes: expenseNotes.map((note) => note.id),
      });
      const audit = auditRowsNaming(candidates, {
        memberId: String(memberId),
        contracts: new Set(contracts.map((contract) => String(contract.id))),
        invoices: new Set(invoices.map((invoice) => invoice.number)),
        expenseNotes: new Set(expenseNotes.map((note) => String(note.id))),
      });
      const data: Json = {
        format: MEMBER_DATA_FORMAT,
        generatedAt: context.now,
        book: { path: book.name, coop: coop?.name ?? null, enterpriseNumber: coop?.enterpriseNumber ?? null },
        member: {
          id: member.id,
          name: member.name,
          email: member.email,
          niss: member.niss,
          iban: member.iban,
          birthDate: member.birthDate,
          address: member.address,
          category: member.category,
          withholding: member.withholding,
          status: member.status,
          joinedOn: member.joinedOn,
          leftOn: member.leftOn,
          anonymisedOn: store.anonymisedOn(memberId),
          createdAt: member.createdAt,
          updatedAt: member.updatedAt,
        },
        shares: {
          held: shareMovements.reduce((sum, movement) => sum + movement.count, 0),
          movements: shareMovements.map((movement) => ({
            date: movement.date,
            count: movement.count,
            unitPrice: formatCents(movement.unitPriceCents),
            amount: formatCents(movement.count * movement.unitPriceCents),
          })),
        },
        // Balances as the member reads them: what the co-op owes them (a credit) is positive.
        accounts: store.accounts(memberId).map((account) => ({ code: account.code, name: account.name, owedToMember: formatCents(-account.balanceCents) })),
        contracts: contracts.map((contract) => ({
          id: contract.id,
          client: { id: contract.clientId, name: contract.clientName },
          description: contract.description,
          place: contract.place,
          start: contract.startDate,
          end: contract.endDate,
          days: contract.days,
          amountExclVat: formatCents(contract.amountCents),
          vatRate: contract.vatRate,
          vatRegime: contract.vatRegime,
          status: contract.status,
          cancelReason: contract.cancelReason,
          createdAt: contract.createdAt,
        })),
        invoices: invoices.map((invoice) => ({
          number: invoice.number,
          kind: invoice.kind,
          credits: invoice.creditedNumber,
          contract: invoice.contractId,
          client: { id: invoice.clientId, name: invoice.clientName },
          issueDate: invoice.issueDate,
          dueDate: invoice.dueDate,
          supplyStart: invoice.supplyStart,
          supplyEnd: invoice.supplyEnd,
          vatRegime: invoice.vatRegime,
          amountExclVat: formatCents(invoice.amountExclVatCents),
          vat: formatCents(invoice.vatCents),
          total: formatCents(invoice.totalCents),
          levyRate: invoice.levyRate,
          levy: formatCents(invoice.levyCents),
          fundRate: invoice.fundRate,
          fund: formatCents(invoice.fundCents),
          budget: formatCents(invoice.budgetCents),
          structuredCommunication: invoice.structuredCommunication,
          reason: invoice.reason,
        })),
        payslips: payslips.map((payslip) => ({
          id: payslip.id,
          run: payslip.week,
          payDate: payslip.runDate,
          reference: payslip.reference,
          iban: payslip.iban,
          category: payslip.category,
          withholdingMode: payslip.withholdingMode,
          salaryBudget: formatCents(payslip.salaryBudgetCents),
          gross: formatCents(payslip.grossCents),
          socialSecurityBase: formatCents(payslip.baseCents),
          employerContributions: formatCents(payslip.employerCents),
          holidayContributions: formatCents(payslip.holidayCents),
          employeeContributions: formatCents(payslip.employeeCents),
          taxable: formatCents(payslip.taxableCents),
          withholding: formatCents(payslip.withholdingCents),
          specialContribution: formatCents(payslip.specialCents),
          net: formatCents(payslip.netCents),
          leftOnActivityAccount: formatCents(payslip.leftoverCents),
          expensesReimbursed: formatCents(payslip.expensesCents),
          transferred: formatCents(payslip.transferCents),
          invoicesPaidOut: items
            .filter((item) => item.payslipId === payslip.id)
            .map((item) => ({ number: item.invoiceNumber, budget: formatCents(item.budgetCents), net: formatCents(item.netCents) })),
        })),
        expenseNotes: expenseNotes.map((note) => ({
          id: note.id,
          date: note.date,
          amount: formatCents(note.amountCents),
          vat: formatCents(note.vatCents),
          description: note.description,
          status: note.status,
          decisionReason: note.decisionReason,
          decidedAt: note.decidedAt,
          payslip: note.payslipId,
          createdAt: note.createdAt,
          receipt: note.receiptFileName === null ? null : { fileName: note.receiptFileName, sha256: note.receiptSha256, bytes: note.receiptBytes },
        })),
        postings: store.postings(memberId).map((posting) => ({
          entry: posting.entryId,
          date: posting.date,
          key: posting.key,
          reason: posting.reason,
          memo: posting.memo,
          account: posting.account,
          // The ledger's sign: debit positive, credit negative (a credit is money for the member).
          amount: formatCents(posting.amountCents),
        })),
        bankLines: store.bankLinesFrom(ibans).map((line) => ({
          id: line.id,
          bookingDate: line.bookingDate,
          valueDate: line.valueDate,
          amount: formatCents(line.amountCents),
          currency: line.currency,
          counterpartyName: line.counterpartyName,
          counterpartyIban: line.counterpartyIban,
          structuredReference: line.structuredReference,
          communication: line.communication,
          status: line.status,
        })),
        audit: audit.map((row) => ({ id: row.id, at: row.at, user: row.user, command: row.command, summary: row.summary })),
      };
      recordAudit(book, context, `member ${memberId}: personal data exported (access request)`);
      deliver(data);
      return data;
    })
    .immediate();
}
