import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { computeContributions } from '../../../src/invoicing/contributions.js';
import { invoiceNumber, parseInvoiceNumber, structuredCommunicationOf } from '../../../src/invoicing/invoice-number.js';
import { computeVat, vatCategory } from '../../../src/invoicing/vat.js';
import { validateStructuredCommunication } from '../../../src/identifiers/structured-communication.js';
import { rate } from '../../../src/money/rates.js';

describe('EN 16931 VAT', () => {
  test('two lines of 10.25 at 21 % give VAT 4.31 (rounded once on the sum)', () => {
    const line = { netCents: 1025, vatRate: '0.21', vatCategory: 'S' as const };
    const totals = computeVat([line, line]);
    expect(totals).toMatchObject({ amountExclVatCents: 2050, vatCents: 431, totalCents: 2481 });
    expect(totals.subtotals).toEqual([{ category: 'S', rate: '0.21', taxableCents: 2050, vatCents: 431 }]);
  });

  test('one subtotal per rate, each rounded once', () => {
    const totals = computeVat([
      { netCents: 100000, vatRate: '0.21', vatCategory: 'S' },
      { netCents: 3333, vatRate: '0.06', vatCategory: 'S' },
      { netCents: 3333, vatRate: '0.060', vatCategory: 'S' },
    ]);
    expect(totals.subtotals).toEqual([
      { category: 'S', rate: '0.21', taxableCents: 100000, vatCents: 21000 },
      { category: 'S', rate: '0.06', taxableCents: 6666, vatCents: 400 },
    ]);
    expect(totals.totalCents).toBe(100000 + 6666 + 21000 + 400);
  });

  test('total = amount + VAT and VAT is within half a cent per rate, for any lines', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ netCents: fc.integer({ min: 1, max: 1e9 }), vatRate: fc.constantFrom('0.21', '0.12', '0.06', '0') }), { minLength: 1, maxLength: 20 }), (raw) => {
        const lines = raw.map((line) => ({ ...line, vatCategory: vatCategory('normal', line.vatRate) }));
        const totals = computeVat(lines);
        expect(totals.totalCents).toBe(totals.amountExclVatCents + totals.vatCents);
        expect(totals.amountExclVatCents).toBe(lines.reduce((sum, line) => sum + line.netCents, 0));
        for (const subtotal of totals.subtotals) {
          const exact = rate(subtotal.rate).mul(subtotal.taxableCents);
          expect(exact.sub(subtotal.vatCents).abs().lessThanOrEqualTo('0.5')).toBe(true);
        }
      }),
    );
  });

  test('categories follow the VAT regime', () => {
    expect(vatCategory('normal', '0.21')).toBe('S');
    expect(vatCategory('normal', '0')).toBe('Z');
    expect(vatCategory('reverse-charge', '0')).toBe('AE');
    expect(vatCategory('export', '0')).toBe('G');
    expect(vatCategory('exempt', '0')).toBe('E');
  });
});

describe('levy, fund and budget', () => {
  test('the worked example: 1,000.00 gives 65.00, 20.00 and 915.00', () => {
    expect(computeContributions(100000, rate('0.065'), rate('0.02'))).toEqual({ levyCents: 6500, fundCents: 2000, budgetCents: 91500 });
  });

  test('levy + fund + budget = the amount, to the cent, for any amount and rates', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e11 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 1000 }), (amount, levyPerMille, fundPerMille) => {
        const result = computeContributions(amount, rate(`0.${String(levyPerMille).padStart(4, '0')}`), rate(`0.${String(fundPerMille).padStart(4, '0')}`));
        expect(result.levyCents + result.fundCents + result.budgetCents).toBe(amount);
      }),
    );
  });
});

describe('invoice numbers', () => {
  test('one series a year, six digits, and a valid structured communication derived from it', () => {
    expect(invoiceNumber(2026, 123)).toBe('2026-000123');
    expect(parseInvoiceNumber('2026-000123')).toEqual({ year: 2026, sequence: 123 });
    expect(parseInvoiceNumber('2026-123')).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2999 }), fc.integer({ min: 1, max: 999999 }), (year, sequence) => {
        const communication = structuredCommunicationOf(year, sequence);
        expect(communication).toMatch(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/);
        expect(validateStructuredCommunication(communication)).toEqual({ ok: true, value: communication.replace(/\D/g, '') });
        expect(communication.replace(/\D/g, '').slice(0, 10)).toBe(`${year}${String(sequence).padStart(6, '0')}`);
      }),
    );
  });
});
