import { type Book, createBook } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { type Problem, invalidInput } from '../errors.js';
import { validateBic } from '../identifiers/bic.js';
import { validateEnterpriseNumber } from '../identifiers/enterprise-number.js';
import { validateIban } from '../identifiers/iban.js';
import { validateOnssNumber } from '../identifiers/onss-number.js';
import { BANK } from '../ledger/chart.js';
import { LedgerStore } from '../ledger/ledger-store.js';
import { installDefaultRules } from '../rules/set-rule.js';
import { type Coop, insertCoop } from './coop-store.js';

export interface CoopIdentityInput {
  readonly name: string;
  readonly enterpriseNumber: string;
  readonly iban: string;
  readonly bic: string;
  readonly address: string;
  /** The ONSS employer number, when the co-op already has one (the Dimona export needs it). */
  readonly onssNumber?: string;
}

/** Checks the co-op's identity and returns it in normal form, or every problem found. */
export function validateCoopIdentity(input: CoopIdentityInput): Omit<Coop, 'demo' | 'createdAt'> {
  const problems: Problem[] = [];
  const required = (field: string, value: string): string => {
    if (value.trim() === '') problems.push({ where: field, message: 'is required' });
    return value.trim();
  };
  const check = (field: string, result: { ok: true; value: string } | { ok: false; problem: string }): string => {
    if (result.ok) return result.value;
    problems.push({ where: field, message: result.problem });
    return '';
  };
  const identity = {
    name: required('--name', input.name),
    enterpriseNumber: check('--enterprise', validateEnterpriseNumber(input.enterpriseNumber)),
    iban: check('--iban', validateIban(input.iban)),
    bic: check('--bic', validateBic(input.bic)),
    address: required('--address', input.address),
    onssNumber: input.onssNumber === undefined ? null : check('--onss-number', validateOnssNumber(input.onssNumber)),
  };
  if (problems.length > 0) throw invalidInput("The co-op's identity is not valid.", { problems });
  return identity;
}

export interface InitOutcome {
  readonly path: string;
  readonly coop: Coop;
  readonly rules: number;
}

/**
 * `smart init`: a new book with the co-op's identity, the default Belgian rules and the bank
 * account, written in one database transaction into a new file (removed again if anything fails).
 */
export function initBook(path: string, context: WriteContext, input: CoopIdentityInput, demo = false): { book: Book; outcome: InitOutcome } {
  const identity = validateCoopIdentity(input);
  const coop: Coop = { ...identity, demo, createdAt: context.now };
  let rules = 0;
  const book = createBook(path, context.now, (db) => {
    db.transaction(() => {
      insertCoop(db, coop);
      rules = installDefaultRules(db, context);
      new LedgerStore(db).accountId(BANK);
      recordAudit(db, context, `book created for ${coop.name}`);
    }).immediate();
  });
  return { book, outcome: { path, coop, rules } };
}
