import * as nodeCrypto from 'node:crypto';
import type { BankLine } from './bank-line.js';

/** SHA-256 of a text in base64url: in one call where Node has crypto.hash (20.12 on), else through a Hash. */
const sha256Base64url: (text: string) => string =
  typeof (nodeCrypto as { hash?: unknown }).hash === 'function'
    ? (text) => nodeCrypto.hash('sha256', text, 'base64url')
    : (text) => nodeCrypto.createHash('sha256').update(text).digest('base64url');

/** The identity of a line the bank gave its own reference, or undefined. */
export function referenceIdentity(line: BankLine): string | undefined {
  return line.bankReference !== null && line.bankReference.trim() !== '' ? `ref:${line.account ?? ''}:${line.bankReference.trim()}` : undefined;
}

/** What a line without a bank reference is known by: 32 base64url characters of the hash of what the bank says about it. */
export function contentKey(line: BankLine): string {
  const content = [line.account, line.bookingDate, line.valueDate, line.amountCents, line.currency, line.counterpartyIban, line.counterpartyName, line.structuredReference, line.communication].join('\u001f');
  return sha256Base64url(content).slice(0, 32);
}

/**
 * A line's identity: the bank's own reference where it has one; else a hash of what the bank
 * says about it (account, dates, amount, counterparty, communications) and its occurrence in the
 * file, so two identical lines of one statement stay two, and the same line in an overlapping
 * statement is recognised.
 */
export function lineIdentity(line: BankLine, occurrence: number): string {
  return referenceIdentity(line) ?? `hash:${contentKey(line)}#${occurrence}`;
}
