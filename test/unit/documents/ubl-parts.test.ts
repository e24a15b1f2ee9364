import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { splitAddress } from '../../../src/documents/ubl/address.js';
import { PEPPOL_EAS_CODES, buyerEndpoint, isPeppolEndpoint, parsePeppolId, vatEndpoint } from '../../../src/documents/ubl/endpoints.js';
import { linePricing, percentOf } from '../../../src/documents/ubl/pricing.js';
import { escapeAttribute, escapeText, leaf, node, serializeXml } from '../../../src/documents/ubl/xml.js';
import { Dec } from '../../../src/money/index.js';

describe('line pricing (PEPPOL-EN16931-R120: net = quantity x price within 0.02)', () => {
  test('an amount that divides by the days is priced to the cent', () => {
    expect(linePricing(100000, 5, 'DAY')).toEqual({ quantity: '5', unitCode: 'DAY', price: '200.00' });
    expect(linePricing(77777, 7, 'DAY')).toEqual({ quantity: '7', unitCode: 'DAY', price: '111.11' });
  });

  test('otherwise the price gets just enough decimals for quantity x price to round to the amount', () => {
    expect(linePricing(100000, 3, 'DAY').price).toBe('333.333');
    expect(linePricing(1025, 2, 'DAY').price).toBe('5.125');
    expect(linePricing(300000, 9, 'DAY').price).toBe('333.333');
    expect(linePricing(1, 999, 'DAY').price).toBe('0.00001');
  });

  test('a quantity that is not a positive whole number becomes a lump sum (1 x C62)', () => {
    expect(linePricing(12345, 0, 'DAY')).toEqual({ quantity: '1', unitCode: 'C62', price: '123.45' });
    expect(linePricing(12345, 1.5, 'DAY')).toEqual({ quantity: '1', unitCode: 'C62', price: '123.45' });
  });

  test('for any amount and number of days, quantity x price is within half a cent of the amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), fc.integer({ min: 1, max: 999 }), (cents, days) => {
        const { quantity, price } = linePricing(cents, days, 'DAY');
        const error = new Dec(quantity).mul(price).sub(new Dec(cents).div(100)).abs();
        expect(error.lt('0.005')).toBe(true);
        expect(price).toMatch(/^\d+\.\d{2,}$/);
      }),
    );
  });

  test('VAT rates as stored become percentages', () => {
    expect(['0.21', '0.12', '0.06', '0'].map(percentOf)).toEqual(['21', '12', '6', '0']);
  });
});

describe('electronic addresses', () => {
  test('Belgian VAT numbers give 0208 + the enterprise number', () => {
    expect(vatEndpoint('BE0403170701')).toEqual({ scheme: '0208', id: '0403170701' });
  });

  test('other EU VAT numbers give their country VAT scheme, or the national register number they hold', () => {
    expect(vatEndpoint('FR40303265045')).toEqual({ scheme: '9957', id: 'FR40303265045' });
    expect(vatEndpoint('NL004495445B01')).toEqual({ scheme: '9944', id: 'NL004495445B01' });
    expect(vatEndpoint('DE123456789')).toEqual({ scheme: '9930', id: 'DE123456789' });
    expect(vatEndpoint('EL123456789')).toEqual({ scheme: '9933', id: 'EL123456789' });
    expect(vatEndpoint('IT12345678901')).toEqual({ scheme: '0211', id: 'IT12345678901' });
    expect(vatEndpoint('DK12345678')).toEqual({ scheme: '0184', id: '12345678' });
    expect(vatEndpoint('SE556036079301')).toEqual({ scheme: '0007', id: '5560360793' });
    expect(vatEndpoint('FI12345678')).toEqual({ scheme: '0216', id: '003712345678' });
    expect(vatEndpoint('XI123456789')).toBeUndefined();
  });

  test('every derived scheme is one Peppol accepts', () => {
    for (const vat of ['BE0403170701', 'AT U12345678', 'BG123456789', 'CY12345678X', 'CZ12345678', 'DE123456789', 'DK12345678', 'EE123456789', 'EL123456789', 'ES X1234567X', 'FI12345678', 'FR40303265045', 'HR12345678901', 'HU12345678', 'IE1234567X', 'IT12345678901', 'LT123456789', 'LU12345678', 'LV12345678901', 'MT12345678', 'NL004495445B01', 'PL1234567890', 'PT123456789', 'RO12345678', 'SE556036079301', 'SI12345678', 'SK1234567890']) {
      const endpoint = vatEndpoint(vat.replace(/\s/g, ''));
      expect([vat, isPeppolEndpoint(endpoint)]).toEqual([vat, true]);
    }
  });

  test('a client: Peppol id first, then VAT number, then e-mail (EM, not a Peppol scheme), else none', () => {
    const company = { peppolId: '0208:0477000072', vatNumber: 'BE0403170701', email: 'a@b.be' };
    expect(buyerEndpoint(company)).toEqual({ scheme: '0208', id: '0477000072' });
    expect(buyerEndpoint({ ...company, peppolId: null })).toEqual({ scheme: '0208', id: '0403170701' });
    const person = buyerEndpoint({ peppolId: null, vatNumber: null, email: 'marie@example.be' });
    expect(person).toEqual({ scheme: 'EM', id: 'marie@example.be' });
    expect(isPeppolEndpoint(person)).toBe(false);
    expect(PEPPOL_EAS_CODES.has('EM')).toBe(false);
    expect(buyerEndpoint({ peppolId: null, vatNumber: null, email: null })).toBeUndefined();
  });

  test('a Peppol id splits on its first colon', () => {
    expect(parsePeppolId('0183:CHE109322551')).toEqual({ scheme: '0183', id: 'CHE109322551' });
    expect(parsePeppolId('nocolon')).toBeUndefined();
  });
});

describe('one-line addresses', () => {
  test.each([
    ['Rue Coenraets 72, 1060 Saint-Gilles', { street: 'Rue Coenraets 72', postalZone: '1060', city: 'Saint-Gilles' }],
    ['12 rue de Rivoli, 75001 Paris', { street: '12 rue de Rivoli', postalZone: '75001', city: 'Paris' }],
    ['Damrak 1, 1012 LG Amsterdam', { street: 'Damrak 1', postalZone: '1012 LG', city: 'Amsterdam' }],
    ['10 Downing Street, SW1A 2AA London', { street: '10 Downing Street', postalZone: 'SW1A 2AA', city: 'London' }],
    ['Route 5, L-1234 Luxembourg', { street: 'Route 5', postalZone: 'L-1234', city: 'Luxembourg' }],
    ['1 Main Street, Springfield 62701', { street: '1 Main Street', postalZone: '62701', city: 'Springfield' }],
    ['Kerkstraat 5, Gent', { street: 'Kerkstraat 5', postalZone: undefined, city: 'Gent' }],
    ['Somewhere without commas 12', { street: 'Somewhere without commas 12', postalZone: undefined, city: undefined }],
  ])('%s', (text, expected) => {
    expect(splitAddress(text)).toEqual(expected);
  });
});

describe('XML writer', () => {
  test('escapes text and attributes, drops characters XML cannot hold', () => {
    expect(escapeText('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d "e"');
    expect(escapeAttribute('x"&<y>')).toBe('x&quot;&amp;&lt;y&gt;');
    expect(escapeText('bell\u0007 nul\u0000 ok\u{1F3AD}')).toBe('bell nul ok\u{1F3AD}');
    expect(escapeText('lone \uD800 surrogate')).toBe('lone  surrogate');
  });

  test('leaves out blank leaves and groups without children (no empty element)', () => {
    expect(leaf('cbc:Note', '  ')).toBeUndefined();
    expect(leaf('cbc:Note', null)).toBeUndefined();
    expect(node('cac:Contact', [leaf('cbc:ElectronicMail', undefined)])).toBeUndefined();
    const root = node('Root', [leaf('cbc:A', 'x & y', { schemeID: '0208' }), node('cac:Empty', [false, undefined])], { xmlns: 'urn:x' });
    expect(root).toBeDefined();
    if (root !== undefined) {
      expect(serializeXml(root)).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<Root xmlns="urn:x">\n  <cbc:A schemeID="0208">x &amp; y</cbc:A>\n</Root>\n');
    }
  });
});
