import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import * as chart from '../../../src/ledger/chart.js';
import type { AccountSpec } from '../../../src/ledger/chart.js';
import { OPENING_BALANCES, beancountAccount, beancountString, hledgerAccount, hledgerDescription, hledgerType } from '../../../src/ledger/ledger-export.js';

/**
 * How the book's account codes, memos and keys are written in an hledger journal and a
 * beancount file. Beancount's account grammar (beancount 2.3, core/account.py): a root among
 * its five (default option names), then one or more components, each starting with a capital
 * letter or a digit, followed by letters, digits or dashes. This test keeps it to ASCII.
 */
const BEANCOUNT_ACCOUNT = /^(Assets|Liabilities|Equity|Income|Expenses)(:[A-Z0-9][A-Za-z0-9-]*)+$/;

/** Every account of the chart: the fixed ones, and those per member or client for a few ids. */
function chartAccounts(): AccountSpec[] {
  const specs: AccountSpec[] = [];
  for (const value of Object.values(chart)) {
    if (typeof value === 'function') {
      for (const id of [1, 12, 99_999, 1_000_000]) specs.push((value as (id: number) => AccountSpec)(id));
    } else if (typeof value === 'object' && value !== null && 'code' in value) {
      specs.push(value as AccountSpec);
    }
  }
  return specs;
}

/** What beancount's lexer reads from a string token: the escapes \" \\ \n \r \t (lexer_test.py). */
function beancountUnescape(token: string): string {
  expect(token.startsWith('"') && token.endsWith('"')).toBe(true);
  return token.slice(1, -1).replace(/\\(.)/g, (_match, char: string) => ({ n: '\n', r: '\r', t: '\t' })[char] ?? char);
}

describe('beancount account names', () => {
  const specs = chartAccounts();

  test('the chart is found: fixed accounts and accounts per member and client', () => {
    const codes = specs.map((spec) => spec.code);
    expect(codes).toEqual(expect.arrayContaining(['assets:bank', 'income:levy', 'liabilities:activity:member-12', 'assets:receivable:client-12', 'equity:share-capital:member-1']));
    expect(specs.length).toBeGreaterThan(12);
  });

  test('every account of the chart, and the opening balances, maps to a valid beancount account', () => {
    for (const spec of [...specs, OPENING_BALANCES]) {
      expect([spec.code, BEANCOUNT_ACCOUNT.test(beancountAccount(spec.code, spec.type))]).toEqual([spec.code, true]);
    }
  });

  test('the examples of the docs', () => {
    expect(beancountAccount('assets:bank')).toBe('Assets:Bank');
    expect(beancountAccount('liabilities:activity:member-12')).toBe('Liabilities:Activity:Member-12');
    expect(beancountAccount('assets:receivable:client-3')).toBe('Assets:Receivable:Client-3');
    expect(beancountAccount('liabilities:vat-payable')).toBe('Liabilities:Vat-Payable');
    expect(beancountAccount('equity:opening-balances')).toBe('Equity:Opening-Balances');
  });

  test('two accounts of the chart never share a beancount name', () => {
    const codes = [...new Set(specs.map((spec) => spec.code))];
    const names = new Set(codes.map((code) => beancountAccount(code)));
    expect(names.size).toBe(codes.length);
  });

  test('the root follows the code, or the account type when the code does not start with a root', () => {
    expect(beancountAccount('expenses:bank-fees')).toBe('Expenses:Bank-Fees');
    expect(beancountAccount('petty-cash', 'asset')).toBe('Assets:Petty-Cash');
    expect(beancountAccount('income', 'income')).toBe('Income:General');
  });

  test('any lower-case code under a root maps to a valid name that gives the code back in lower case (no two codes meet)', () => {
    const component = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);
    const code = fc
      .tuple(fc.constantFrom('assets', 'liabilities', 'equity', 'income', 'expenses'), fc.array(component, { minLength: 1, maxLength: 4 }))
      .map(([root, parts]) => [root, ...parts].join(':'));
    fc.assert(
      fc.property(code, (text) => {
        const name = beancountAccount(text);
        expect(name).toMatch(BEANCOUNT_ACCOUNT);
        expect(name.toLowerCase()).toBe(text);
      }),
    );
  });

  test('any text at all still maps to a valid name', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom<chart.AccountType>('asset', 'liability', 'equity', 'income', 'expense'), (text, type) => {
        expect(beancountAccount(text, type)).toMatch(BEANCOUNT_ACCOUNT);
      }),
    );
  });
});

describe('beancount strings', () => {
  test('quotes, backslashes, line breaks and tabs are escaped', () => {
    expect(beancountString('He said "no"; see\nmail \\ ok\tend')).toBe('"He said \\"no\\"; see\\nmail \\\\ ok\\tend"');
  });

  test('any text comes back exactly from what beancount reads, on one line with no bare quote', () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom('"', '\\', '\n', '\r', '\t', ';', ' '), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), maxLength: 60 });
    fc.assert(
      fc.property(text, (memo) => {
        const token = beancountString(memo);
        expect(token).not.toMatch(/[\n\r]/);
        expect(token.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*"/);
        expect(beancountUnescape(token)).toBe(memo);
      }),
    );
  });
});

describe('hledger names and descriptions', () => {
  test('the chart codes are hledger account names as they are', () => {
    for (const spec of chartAccounts()) expect(hledgerAccount(spec.code)).toBe(spec.code);
  });

  test('the bank is cash; other accounts take the letter of their type', () => {
    expect(hledgerType('assets:bank', 'asset')).toBe('C');
    expect(hledgerType('assets:receivable:client-3', 'asset')).toBe('A');
    expect(hledgerType('liabilities:onss', 'liability')).toBe('L');
    expect(hledgerType('equity:guarantee-fund', 'equity')).toBe('E');
    expect(hledgerType('income:levy', 'income')).toBe('R');
    expect(hledgerType('expenses:bank-fees', 'expense')).toBe('X');
  });

  test('a description is one line without a ";" (which would start a comment)', () => {
    expect(hledgerDescription('Refund; "deposit"\r\nsecond\tline ')).toBe('Refund, "deposit" second line');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (memo) => {
        const description = hledgerDescription(memo);
        expect(description).not.toMatch(/[;\u0000-\u001f\u007f\u2028\u2029]/);
        expect(description).toBe(description.trim());
      }),
    );
  });
});
