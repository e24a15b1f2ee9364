import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import type { BankLine } from '../../../src/bank/bank-line.js';
import { packLines, unpackLines } from '../../../src/bank/csv/line-packing.js';

/** Bank lines cross from the reading thread to the writing one packed in a string: nothing may change on the way. */
const text = fc.string({ unit: 'grapheme', maxLength: 30 }).map((value) => value.replace(/\0/g, ' '));
const nullable = fc.option(text, { nil: null });
const line: fc.Arbitrary<BankLine> = fc.record({
  sourceLine: fc.integer({ min: 1, max: 10_000_000 }),
  account: nullable,
  bookingDate: fc.constantFrom('2026-01-01', '2026-12-31'),
  valueDate: fc.option(fc.constantFrom('2026-01-02', ''), { nil: null }),
  amountCents: fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  currency: fc.constantFrom('EUR', 'USD'),
  counterpartyName: nullable,
  counterpartyIban: nullable,
  structuredReference: nullable,
  communication: nullable,
  bankReference: nullable,
});

describe('packLines / unpackLines', () => {
  test('any lines, empty texts and nulls kept apart, come back as they were, with their extra text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(line, text), { maxLength: 20 }), (items) => {
        const lines = items.map(([item]) => item);
        const extra = items.map(([, value]) => value);
        expect(unpackLines(packLines(lines, extra))).toEqual({ lines, extra });
      }),
      { numRuns: 2000 },
    );
  });

  test('the fields keep BankLine order (as the readers build them)', () => {
    const [first] = unpackLines(packLines([{ sourceLine: 2, account: null, bookingDate: '2026-01-01', valueDate: null, amountCents: -966, currency: 'EUR', counterpartyName: '', counterpartyIban: null, structuredReference: null, communication: 'x', bankReference: null }], ['k'])).lines;
    expect(Object.keys(first ?? {})).toEqual(['sourceLine', 'account', 'bookingDate', 'valueDate', 'amountCents', 'currency', 'counterpartyName', 'counterpartyIban', 'structuredReference', 'communication', 'bankReference']);
    expect(first?.counterpartyName).toBe('');
    expect(Object.is(first?.amountCents, -966)).toBe(true);
  });

  test('a NUL in a field is refused, never packed into the wrong fields', () => {
    const bad: BankLine = { sourceLine: 2, account: null, bookingDate: '2026-01-01', valueDate: null, amountCents: 1, currency: 'EUR', counterpartyName: 'a\0b', counterpartyIban: null, structuredReference: null, communication: null, bankReference: null };
    expect(() => packLines([bad], [''])).toThrow(/NUL/);
  });
});
