import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import type { BankLine } from './bank-line.js';
import { BankStore, type StoredBankLine } from './bank-store.js';
import { contentKey, referenceIdentity } from './line-identity.js';
import { LineOccurrences } from './line-occurrences.js';
import { type InvoiceLookups, matchIncoming } from './match-bank-line.js';
import { settlePayment, settlePayoutBatch } from './settle-bank-line.js';

export { lineIdentity } from './line-identity.js';

/**
 * Some lines of a statement, in order; `identities`, when the reader computed them (a keyed
 * read), holds the identity of each line (lineIdentity, with its occurrence in the file).
 */
export interface StatementBatch {
  readonly lines: readonly BankLine[];
  readonly identities?: readonly string[];
}

/** A statement file opened by its format's reader: reading twice gives the same lines. */
export interface Statement {
  readonly format: string;
  read(): AsyncIterable<BankLine>;
  /**
   * The same lines in batches, when the reader has them so (cheaper for a long statement).
   * `keyed`: the batches may carry the lines' identities, read and hashed on another thread
   * while the caller writes (`expectedLines`: how many lines the first pass counted).
   */
  readBatches?(options?: { keyed?: boolean; expectedLines?: number }): AsyncIterable<StatementBatch>;
  /** The first pass where the reader has its own: reads and checks every line, keeps none, and counts them. Throws as read() does. */
  countLines?(): Promise<number>;
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
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The statement's lines in batches: its reader's own, or its lines gathered a few hundred at a time. */
async function* batchesOf(statement: Statement, keyed: boolean, expectedLines = 0): AsyncIterable<StatementBatch> {
  if (statement.readBatches !== undefined) {
    yield* statement.readBatches({ keyed, expectedLines });
    return;
  }
  let lines: BankLine[] = [];
  for await (const line of statement.read()) {
    lines.push(line);
    if (lines.length >= 256) {
      yield { lines };
      lines = [];
    }
  }
  if (lines.length > 0) yield { lines };
}

/**
 * SQLite's page cache during an import (KiB; restored after). Each new line goes to a random
 * place of the UNIQUE identity index: with better-sqlite3's default of 16 MB the index of a
 * million lines is read and spilled again and again (1,000,000 inserts into bank_lines alone:
 * 26.4 s with it, 18.3 s with this, one after the other on the benchmark machine). The import's
 * peak memory stays near 260 MB.
 */
const IMPORT_CACHE_KIB = 64 * 1024;

/**
 * `smart bank import`: the file is read once to check every line (a bad row rejects the whole
 * file, nothing written), then again inside one database transaction that adds each new line,
 * matches incoming payments to invoices, recognises the co-op's own payout batches and leaves
 * the rest in the unmatched queue. A dry run does all of it and rolls back.
 *
 * Per line, the second pass costs one hash, one insert (the UNIQUE identity finds a line already
 * imported) and, only where a rule could apply, the look-ups of matching: a line whose free text
 * holds no run of three digits, from an IBAN no client has, is matched without a query.
 */
export async function importStatement(book: Book, context: WriteContext, path: string, statement: Statement, dryRun: boolean): Promise<ImportOutcome> {
  let total = 0;
  if (statement.countLines !== undefined) total = await statement.countLines();
  else for await (const batch of batchesOf(statement, false)) total += batch.lines.length;
  const file = basename(path);
  const sha256 = await sha256Of(path);
  const bank = new BankStore(book);
  const ledger = new LedgerStore(book);
  const stores = { bank, ledger };
  const counts = { imported: 0, duplicates: 0, matched: 0, payouts: 0, unmatched: 0, flagged: 0 };
  // Sized on first use: a keyed read counts occurrences itself.
  let table: LineOccurrences | undefined;
  const occurrences = { add: (key: string): number => (table ??= new LineOccurrences(total)).add(key) };
  const cacheSize = book.pragma('cache_size', { simple: true }) as number;
  book.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  book.exec('BEGIN IMMEDIATE');
  try {
    const importId = bank.insertImport({ fileName: file, sha256, format: statement.format, lines: total, imported: 0, duplicates: 0, importedAt: context.now, importedBy: context.user });
    // Read inside the transaction: no other command can change them before it ends, and the
    // import itself adds no client and no payout run.
    const clientIbans = bank.clientIbans();
    const payoutTotals = bank.payoutTransferTotals();
    const lookups: InvoiceLookups = {
      byStructured: (formatted) => bank.invoiceByStructured(formatted),
      byNumber: (number) => bank.invoiceByNumber(number),
      byClientIban: (iban) => (clientIbans.has(iban) ? bank.invoicesOfClientIban(iban) : []),
    };
    const stored = (line: BankLine, id: number, identity: string): StoredBankLine => ({ ...line, id, identity, status: 'unmatched', note: null });
    for await (const { lines, identities } of batchesOf(statement, true, total)) {
      for (let index = 0; index < lines.length; index += 1) {
        const line = lines[index] as BankLine;
        // A keyed read gives every line's identity, counted in the reader's own order: then
        // this import's table stays empty.
        let identity = identities?.[index] ?? referenceIdentity(line);
        if (identity === undefined) {
          const key = contentKey(line);
          identity = `hash:${key}#${occurrences.add(key)}`;
        }
        const id = bank.insertLine(line, identity, importId);
        if (id === undefined) {
          counts.duplicates += 1;
          continue;
        }
        counts.imported += 1;
        if (line.amountCents > 0) {
          const match = matchIncoming(line, lookups);
          if (match !== undefined) {
            const settlement = settlePayment(stores, context, stored(line, id, identity), match.invoice, match.rule, { lineIsNew: true });
            counts.matched += 1;
            if (settlement.flag !== null) counts.flagged += 1;
            continue;
          }
        } else if (payoutTotals.has(-line.amountCents) && settlePayoutBatch(stores, context, stored(line, id, identity), { lineIsNew: true }) !== undefined) {
          counts.payouts += 1;
          continue;
        }
        counts.unmatched += 1;
      }
    }
    bank.finishImport(importId, counts.imported, counts.duplicates);
    recordAudit(book, context, `bank statement ${file}: ${counts.imported} new line(s), ${counts.matched} matched`);
    // A statement already imported adds nothing: the book stays exactly as it was.
    book.exec(dryRun || counts.imported === 0 ? 'ROLLBACK' : 'COMMIT');
  } catch (error) {
    if (book.inTransaction) book.exec('ROLLBACK');
    throw error;
  } finally {
    book.pragma(`cache_size = ${cacheSize}`);
  }
  return { file, format: statement.format, lines: total, ...counts, dryRun };
}
