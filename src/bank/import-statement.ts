import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import type { BankLine } from './bank-line.js';
import { BankStore, type StoredBankLine } from './bank-store.js';
import { matchIncoming } from './match-bank-line.js';
import { settlePayment, settlePayoutBatch } from './settle-bank-line.js';

/** A statement file opened by its format's reader: reading twice gives the same lines. */
export interface Statement {
  readonly format: string;
  read(): AsyncIterable<BankLine>;
}

export interface ImportOutcome {
  readonly file: string;
  readonly format: string;
  readonly lines: number;
  readonly imported: number;
  readonly duplicates: number;
  readonly matched: number;
  readonly payouts: number;
  readonly unmatched: number;
  readonly flagged: number;
  readonly dryRun: boolean;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * A line's identity: the bank's own reference where it has one; else a hash of what the bank
 * says about it (account, dates, amount, counterparty, communications) and its occurrence in the
 * file, so two identical lines of one statement stay two, and the same line in an overlapping
 * statement is recognised.
 */
export function lineIdentity(line: BankLine, occurrence: number): string {
  if (line.bankReference !== null && line.bankReference.trim() !== '') return `ref:${line.account ?? ''}:${line.bankReference.trim()}`;
  const content = [line.account, line.bookingDate, line.valueDate, line.amountCents, line.currency, line.counterpartyIban, line.counterpartyName, line.structuredReference, line.communication].join('\u001f');
  return `hash:${createHash('sha256').update(content).digest('base64url').slice(0, 32)}#${occurrence}`;
}

/**
 * `smart bank import`: the file is read once to check every line (a bad row rejects the whole
 * file, nothing written), then again inside one database transaction that adds each new line,
 * matches incoming payments to invoices, recognises the co-op's own payout batches and leaves
 * the rest in the unmatched queue. A dry run does all of it and rolls back.
 */
export async function importStatement(book: Book, context: WriteContext, path: string, statement: Statement, dryRun: boolean): Promise<ImportOutcome> {
  let total = 0;
  for await (const _line of statement.read()) total += 1;
  const file = basename(path);
  const sha256 = await sha256Of(path);
  const bank = new BankStore(book);
  const ledger = new LedgerStore(book);
  const stores = { bank, ledger };
  const lookups = {
    byStructured: (formatted: string) => bank.invoiceByStructured(formatted),
    byNumber: (number: string) => bank.invoiceByNumber(number),
    byClientIban: (iban: string) => bank.invoicesOfClientIban(iban),
  };
  const counts = { imported: 0, duplicates: 0, matched: 0, payouts: 0, unmatched: 0, flagged: 0 };
  const seen = new Map<string, number>();
  book.exec('BEGIN IMMEDIATE');
  try {
    const importId = bank.insertImport({ fileName: file, sha256, format: statement.format, lines: total, imported: 0, duplicates: 0, importedAt: context.now, importedBy: context.user });
    for await (const line of statement.read()) {
      const base = lineIdentity(line, 0);
      const occurrence = (seen.get(base) ?? 0) + 1;
      seen.set(base, occurrence);
      const identity = base.startsWith('ref:') ? base : lineIdentity(line, occurrence);
      const id = bank.insertLine({ ...line, identity, importId });
      if (id === undefined) {
        counts.duplicates += 1;
        continue;
      }
      counts.imported += 1;
      const stored: StoredBankLine = { ...line, id, identity, status: 'unmatched', note: null };
      if (line.amountCents > 0) {
        const match = matchIncoming(line, lookups);
        if (match !== undefined) {
          const settlement = settlePayment(stores, context, stored, match.invoice, match.rule);
          counts.matched += 1;
          if (settlement.flag !== null) counts.flagged += 1;
          continue;
        }
      } else if (settlePayoutBatch(stores, context, stored) !== undefined) {
        counts.payouts += 1;
        continue;
      }
      counts.unmatched += 1;
    }
    bank.finishImport(importId, counts.imported, counts.duplicates);
    recordAudit(book, context, `bank statement ${file}: ${counts.imported} new line(s), ${counts.matched} matched`);
    // A statement already imported adds nothing: the book stays exactly as it was.
    book.exec(dryRun || counts.imported === 0 ? 'ROLLBACK' : 'COMMIT');
  } catch (error) {
    if (book.inTransaction) book.exec('ROLLBACK');
    throw error;
  }
  return { file, format: statement.format, lines: total, ...counts, dryRun };
}
