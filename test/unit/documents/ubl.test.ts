import { describe, expect, test } from '@jest/globals';
import type { Client } from '../../../src/clients/client.js';
import type { Contract } from '../../../src/contracts/contract.js';
import type { Coop } from '../../../src/coop/coop-store.js';
import { renderUbl, vatBreakdown } from '../../../src/documents/ubl/write-ubl.js';
import type { Invoice, InvoiceLine } from '../../../src/invoicing/invoice.js';
import type { InvoiceDocument } from '../../../src/invoicing/invoice-document.js';
import { VAT_MENTIONS, type VatCategory, computeVat } from '../../../src/invoicing/vat.js';
import type { Member } from '../../../src/members/member.js';

/** InvoiceDocuments built by hand, no book: the renderer is a pure function of them. */
const COOP: Coop = {
  name: 'Smart Coop SCRL',
  enterpriseNumber: '0123456749',
  iban: 'BE71096123456769',
  bic: 'GKCCBEBB',
  address: 'Rue Coenraets 72, 1060 Saint-Gilles',
  demo: false,
  createdAt: '2026-01-01T00:00:00.000Z',
};

const CLIENT: Client = {
  id: 7,
  name: 'Théâtre de la Balsamine ASBL',
  address: 'Avenue Félix Marchal 1, 1030 Schaerbeek',
  country: 'BE',
  vatNumber: 'BE0403170701',
  email: 'factures@balsamine.example',
  iban: null,
  peppolId: null,
  blocked: false,
  blockedReason: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const MEMBER: Member = {
  id: 3,
  name: 'Ada Peeters',
  email: 'ada.peeters@example.be',
  niss: '85073001150',
  iban: 'BE83332253083015',
  birthDate: '1985-07-30',
  address: 'Rue Haute 12, 1000 Bruxelles',
  category: 'artist',
  withholding: 'flat',
  status: 'active',
  joinedOn: '2026-01-01',
  leftOn: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

const CONTRACT: Contract = {
  id: 12,
  memberId: MEMBER.id,
  clientId: CLIENT.id,
  description: 'Stage lighting',
  place: 'Belgium',
  startDate: '2026-10-05',
  endDate: '2026-10-09',
  days: 5,
  amountCents: 100000,
  vatRate: '0.21',
  vatRegime: 'normal',
  status: 'invoiced',
  cancelReason: null,
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-01T00:00:00.000Z',
};

const INVOICE: Invoice = {
  id: 1,
  number: '2026-000001',
  year: 2026,
  sequence: 1,
  kind: 'invoice',
  contractId: CONTRACT.id,
  memberId: MEMBER.id,
  clientId: CLIENT.id,
  creditedInvoiceId: null,
  issueDate: '2026-11-23',
  dueDate: '2026-12-23',
  supplyStart: '2026-10-05',
  supplyEnd: '2026-10-09',
  vatRegime: 'normal',
  amountExclVatCents: 100000,
  vatCents: 21000,
  totalCents: 121000,
  levyRate: '0.065',
  fundRate: '0.02',
  levyCents: 6500,
  fundCents: 2000,
  budgetCents: 91500,
  structuredCommunication: '+++202/6000/00192+++',
  reason: null,
  entryId: 1,
  createdAt: '2026-11-23T10:00:00.000Z',
};

function line(lineNumber: number, netCents: number, quantity: number, vatRate = '0.21', vatCategory: VatCategory = 'S', description = 'Stage lighting'): InvoiceLine {
  return { lineNumber, description, quantity, netCents, vatRate, vatCategory };
}

function documentOf(lines: readonly InvoiceLine[], overrides: { invoice?: Partial<Invoice>; client?: Partial<Client>; credited?: Invoice } = {}): InvoiceDocument {
  const totals = computeVat(lines);
  const invoice: Invoice = { ...INVOICE, amountExclVatCents: totals.amountExclVatCents, vatCents: totals.vatCents, totalCents: totals.totalCents, ...overrides.invoice };
  const category = lines[0]?.vatCategory ?? 'S';
  return {
    invoice,
    lines,
    totals,
    coop: COOP,
    client: { ...CLIENT, ...overrides.client },
    member: MEMBER,
    contract: CONTRACT,
    credited: overrides.credited,
    vatMention: category === 'S' || category === 'Z' ? undefined : VAT_MENTIONS[category],
  };
}

/** The text of every element `name` (no nested elements), in document order. */
function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((match) => match[1] ?? '');
}

/** The first element `name` with its content, as text. */
function section(xml: string, name: string): string {
  const start = xml.indexOf(`<${name}>`);
  const end = xml.indexOf(`</${name}>`, start);
  if (start < 0 || end < 0) return '';
  return xml.slice(start, end + name.length + 3);
}

describe('renderUbl: an invoice of 1,000.00 at 21 %', () => {
  const xml = renderUbl(documentOf([line(1, 100000, 5)]));

  test('is a Peppol BIS Billing 3.0 UBL Invoice', () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"')).toBe(true);
    expect(texts(xml, 'cbc:CustomizationID')).toEqual(['urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0']);
    expect(texts(xml, 'cbc:ProfileID')).toEqual(['urn:fdc:peppol.eu:2017:poacc:billing:01:1.0']);
    expect(texts(xml, 'cbc:InvoiceTypeCode')).toEqual(['380']);
    expect(texts(xml, 'cbc:DocumentCurrencyCode')).toEqual(['EUR']);
    expect(xml.trimEnd().endsWith('</Invoice>')).toBe(true);
  });

  test('carries the number, the dates, the supply period and a buyer reference', () => {
    expect(texts(xml, 'cbc:ID')[0]).toBe('2026-000001');
    expect(texts(xml, 'cbc:IssueDate')).toEqual(['2026-11-23']);
    expect(texts(xml, 'cbc:DueDate')).toEqual(['2026-12-23']);
    expect(section(xml, 'cac:InvoicePeriod')).toContain('<cbc:StartDate>2026-10-05</cbc:StartDate>');
    expect(section(xml, 'cac:InvoicePeriod')).toContain('<cbc:EndDate>2026-10-09</cbc:EndDate>');
    expect(texts(xml, 'cbc:BuyerReference')).toEqual(['Contract 12']);
  });

  test('the seller is the co-op: enterprise number as endpoint and legal id, BE VAT number, Belgian address', () => {
    const seller = section(xml, 'cac:AccountingSupplierParty');
    expect(seller).toContain('<cbc:EndpointID schemeID="0208">0123456749</cbc:EndpointID>');
    expect(texts(seller, 'cbc:CompanyID')).toEqual(['BE0123456749', '0123456749']);
    expect(seller).toContain('<cbc:CompanyID schemeID="0208">0123456749</cbc:CompanyID>');
    expect(texts(seller, 'cbc:RegistrationName')).toEqual(['Smart Coop SCRL']);
    expect(texts(seller, 'cbc:StreetName')).toEqual(['Rue Coenraets 72']);
    expect(texts(seller, 'cbc:PostalZone')).toEqual(['1060']);
    expect(texts(seller, 'cbc:CityName')).toEqual(['Saint-Gilles']);
    expect(texts(seller, 'cbc:IdentificationCode')).toEqual(['BE']);
  });

  test('the buyer is the client, addressed by 0208 and their enterprise number', () => {
    const buyer = section(xml, 'cac:AccountingCustomerParty');
    expect(buyer).toContain('<cbc:EndpointID schemeID="0208">0403170701</cbc:EndpointID>');
    expect(texts(buyer, 'cbc:Name')).toEqual(['Théâtre de la Balsamine ASBL']);
    expect(texts(buyer, 'cbc:RegistrationName')).toEqual(['Théâtre de la Balsamine ASBL']);
    expect(texts(buyer, 'cbc:CompanyID')).toEqual(['BE0403170701', '0403170701']);
    expect(texts(buyer, 'cbc:ElectronicMail')).toEqual(['factures@balsamine.example']);
  });

  test('is paid by credit transfer to the co-op IBAN with the structured communication', () => {
    const payment = section(xml, 'cac:PaymentMeans');
    expect(payment).toContain('<cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode>');
    expect(texts(payment, 'cbc:PaymentID')).toEqual(['+++202/6000/00192+++']);
    expect(texts(section(payment, 'cac:PayeeFinancialAccount'), 'cbc:ID')).toEqual(['BE71096123456769', 'GKCCBEBB']);
  });

  test('VAT 210.00, total 1,210.00, amounts with two decimals', () => {
    const tax = section(xml, 'cac:TaxTotal');
    expect(texts(tax, 'cbc:TaxAmount')).toEqual(['210.00', '210.00']);
    expect(texts(tax, 'cbc:TaxableAmount')).toEqual(['1000.00']);
    expect(texts(tax, 'cbc:Percent')).toEqual(['21']);
    expect(tax).not.toContain('TaxExemptionReason');
    const totals = section(xml, 'cac:LegalMonetaryTotal');
    expect(texts(totals, 'cbc:LineExtensionAmount')).toEqual(['1000.00']);
    expect(texts(totals, 'cbc:TaxExclusiveAmount')).toEqual(['1000.00']);
    expect(texts(totals, 'cbc:TaxInclusiveAmount')).toEqual(['1210.00']);
    expect(texts(totals, 'cbc:PayableAmount')).toEqual(['1210.00']);
    expect(xml).toContain('<cbc:TaxAmount currencyID="EUR">210.00</cbc:TaxAmount>');
  });

  test('one line: 5 days at 200.00 a day', () => {
    const invoiceLine = section(xml, 'cac:InvoiceLine');
    expect(invoiceLine).toContain('<cbc:InvoicedQuantity unitCode="DAY">5</cbc:InvoicedQuantity>');
    expect(invoiceLine).toContain('<cbc:LineExtensionAmount currencyID="EUR">1000.00</cbc:LineExtensionAmount>');
    expect(invoiceLine).toContain('<cbc:PriceAmount currencyID="EUR">200.00</cbc:PriceAmount>');
    expect(texts(invoiceLine, 'cbc:Name')).toEqual(['Stage lighting']);
    expect(section(invoiceLine, 'cac:ClassifiedTaxCategory')).toContain('<cbc:ID>S</cbc:ID>');
  });

  test('has no empty element (Peppol R008) and is the same text every time (pure)', () => {
    expect(xml).not.toMatch(/<([\w:]+)[^>]*>\s*<\/\1>/);
    expect(xml).not.toMatch(/<[\w:]+[^>]*\/>/);
    expect(renderUbl(documentOf([line(1, 100000, 5)]))).toBe(xml);
  });
});

describe('renderUbl: two lines of 10.25 at 21 %', () => {
  const xml = renderUbl(documentOf([line(1, 1025, 1), line(2, 1025, 2, '0.21', 'S', 'Rehearsal')]));

  test('VAT is rounded once on the sum: 4.31, in one breakdown', () => {
    const tax = section(xml, 'cac:TaxTotal');
    expect(texts(tax, 'cbc:TaxAmount')).toEqual(['4.31', '4.31']);
    expect(texts(tax, 'cbc:TaxableAmount')).toEqual(['20.50']);
    expect(texts(section(xml, 'cac:LegalMonetaryTotal'), 'cbc:PayableAmount')).toEqual(['24.81']);
  });

  test('two InvoiceLines; 10.25 for 2 days is priced 5.125 a day so that quantity x price = 10.25', () => {
    expect(texts(xml, 'cbc:InvoicedQuantity')).toEqual(['1', '2']);
    expect(texts(xml, 'cbc:PriceAmount')).toEqual(['10.25', '5.125']);
    expect(texts(xml, 'cbc:LineExtensionAmount')).toEqual(['20.50', '10.25', '10.25']);
    expect(texts(xml, 'cbc:ID').filter((id) => id === '1' || id === '2')).toEqual(['1', '2']);
  });
});

describe('renderUbl: a credit note', () => {
  const credited = INVOICE;
  const creditLine = line(1, 50000, 1, '0.21', 'S', 'Credit for invoice 2026-000001: Performance shortened');
  const xml = renderUbl(
    documentOf([creditLine], {
      invoice: { id: 2, number: '2026-000002', sequence: 2, kind: 'credit-note', creditedInvoiceId: 1, dueDate: '2026-11-30', issueDate: '2026-11-30', reason: 'Performance shortened', structuredCommunication: '+++202/6000/00293+++' },
      credited,
    }),
  );

  test('is a UBL CreditNote of type 381 that refers to the invoice it corrects', () => {
    expect(xml).toContain('<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"');
    expect(texts(xml, 'cbc:CreditNoteTypeCode')).toEqual(['381']);
    expect(xml).not.toContain('InvoiceTypeCode');
    const reference = section(xml, 'cac:BillingReference');
    expect(texts(reference, 'cbc:ID')).toEqual(['2026-000001']);
    expect(texts(reference, 'cbc:IssueDate')).toEqual(['2026-11-23']);
    expect(texts(xml, 'cbc:Note')).toEqual(['Performance shortened']);
  });

  test('has no due date and no payment instructions (the co-op owes the client)', () => {
    expect(xml).not.toContain('DueDate');
    expect(xml).not.toContain('PaymentMeans');
    expect(xml).not.toContain('PaymentTerms');
  });

  test('amounts are positive: 500.00 + 105.00 VAT, one CreditNoteLine as a lump sum', () => {
    expect(texts(section(xml, 'cac:TaxTotal'), 'cbc:TaxAmount')).toEqual(['105.00', '105.00']);
    expect(texts(section(xml, 'cac:LegalMonetaryTotal'), 'cbc:PayableAmount')).toEqual(['605.00']);
    const creditNoteLine = section(xml, 'cac:CreditNoteLine');
    expect(creditNoteLine).toContain('<cbc:CreditedQuantity unitCode="C62">1</cbc:CreditedQuantity>');
    expect(creditNoteLine).toContain('<cbc:PriceAmount currencyID="EUR">500.00</cbc:PriceAmount>');
    expect(xml).not.toContain('<cac:InvoiceLine>');
  });

  test('after partial credits, the credit of what is left shows the VAT booked on it', () => {
    // 1,002.50 at 21 % = 210.53; a first credit of 501.25 took 105.26; 105.27 is left, while 501.25 x 21 % = 105.26.
    const rest = documentOf([line(1, 50125, 1)], { invoice: { kind: 'credit-note', amountExclVatCents: 50125, vatCents: 10527, totalCents: 60652 }, credited });
    expect(rest.totals.vatCents).toBe(10526);
    expect(vatBreakdown(rest)).toEqual([{ category: 'S', rate: '0.21', taxableCents: 50125, vatCents: 10527 }]);
    const restXml = renderUbl(rest);
    expect(texts(section(restXml, 'cac:TaxTotal'), 'cbc:TaxAmount')).toEqual(['105.27', '105.27']);
    expect(texts(section(restXml, 'cac:LegalMonetaryTotal'), 'cbc:PayableAmount')).toEqual(['606.52']);
  });
});

describe('renderUbl: VAT treatments', () => {
  const cases: ReadonlyArray<[Exclude<VatCategory, 'S'>, string, Partial<Client>]> = [
    ['Z', '0', {}],
    ['AE', '0', { country: 'FR', vatNumber: 'FR40303265045', address: '12 rue de Rivoli, 75001 Paris' }],
    ['G', '0', { country: 'CH', vatNumber: null, peppolId: '0183:CHE109322551', address: 'Place de la Palud 2, 1003 Lausanne' }],
    ['E', '0', {}],
  ];

  test.each(cases)('category %s: rate 0, VAT 0.00, exemption reason and code only where the law gives one', (category, rate, client) => {
    const xml = renderUbl(documentOf([line(1, 60000, 4, rate, category)], { client }));
    const subtotal = section(xml, 'cac:TaxSubtotal');
    expect(texts(subtotal, 'cbc:ID')[0]).toBe(category);
    expect(texts(subtotal, 'cbc:Percent')).toEqual(['0']);
    expect(texts(subtotal, 'cbc:TaxAmount')).toEqual(['0.00']);
    expect(texts(section(xml, 'cac:LegalMonetaryTotal'), 'cbc:PayableAmount')).toEqual(['600.00']);
    if (category === 'Z') {
      expect(subtotal).not.toContain('TaxExemptionReason');
    } else {
      const mention = VAT_MENTIONS[category];
      expect(texts(subtotal, 'cbc:TaxExemptionReasonCode')).toEqual([mention.code]);
      expect(texts(subtotal, 'cbc:TaxExemptionReason')).toEqual([mention.text]);
    }
    // The line's category never carries the exemption reason (it belongs to the breakdown).
    expect(section(xml, 'cac:ClassifiedTaxCategory')).not.toContain('TaxExemptionReason');
  });

  test('reverse charge: the buyer VAT number (BR-AE-02) and a VAT-number endpoint (FR: 9957)', () => {
    const xml = renderUbl(documentOf([line(1, 60000, 4, '0', 'AE')], { client: cases[1]?.[2] }));
    const buyer = section(xml, 'cac:AccountingCustomerParty');
    expect(buyer).toContain('<cbc:EndpointID schemeID="9957">FR40303265045</cbc:EndpointID>');
    expect(texts(section(buyer, 'cac:PartyTaxScheme'), 'cbc:CompanyID')).toEqual(['FR40303265045']);
    expect(texts(buyer, 'cbc:IdentificationCode')).toEqual(['FR']);
    expect(section(buyer, 'cac:PartyLegalEntity')).not.toContain('CompanyID');
  });

  test('export: a Swiss client without EU VAT number is addressed by their Peppol id, with no VAT scheme', () => {
    const xml = renderUbl(documentOf([line(1, 60000, 4, '0', 'G')], { client: cases[2]?.[2] }));
    const buyer = section(xml, 'cac:AccountingCustomerParty');
    expect(buyer).toContain('<cbc:EndpointID schemeID="0183">CHE109322551</cbc:EndpointID>');
    expect(buyer).not.toContain('PartyTaxScheme');
    expect(texts(buyer, 'cbc:IdentificationCode')).toEqual(['CH']);
  });

  test('6 %: Percent 6 and VAT on the sum', () => {
    const xml = renderUbl(documentOf([line(1, 100000, 3, '0.06')]));
    expect(texts(section(xml, 'cac:TaxSubtotal'), 'cbc:Percent')).toEqual(['6']);
    expect(texts(section(xml, 'cac:TaxTotal'), 'cbc:TaxAmount')).toEqual(['60.00', '60.00']);
    expect(texts(xml, 'cbc:PriceAmount')).toEqual(['333.333']);
  });
});

describe('renderUbl: buyer addresses', () => {
  test('a registered Peppol id wins over the VAT number', () => {
    const xml = renderUbl(documentOf([line(1, 100000, 5)], { client: { peppolId: '9925:BE0403170701' } }));
    expect(section(xml, 'cac:AccountingCustomerParty')).toContain('<cbc:EndpointID schemeID="9925">BE0403170701</cbc:EndpointID>');
  });

  test('a private person is addressed by e-mail (scheme EM) and has no VAT number nor legal id', () => {
    const xml = renderUbl(documentOf([line(1, 25000, 1)], { client: { name: 'Marie Dubois', vatNumber: null, email: 'marie@example.be' } }));
    const buyer = section(xml, 'cac:AccountingCustomerParty');
    expect(buyer).toContain('<cbc:EndpointID schemeID="EM">marie@example.be</cbc:EndpointID>');
    expect(buyer).not.toContain('PartyTaxScheme');
    expect(buyer).not.toContain('CompanyID');
    expect(texts(buyer, 'cbc:RegistrationName')).toEqual(['Marie Dubois']);
  });

  test('a client with no Peppol id, VAT number or e-mail gets no EndpointID rather than an empty one', () => {
    const xml = renderUbl(documentOf([line(1, 25000, 1)], { client: { vatNumber: null, email: null } }));
    expect(section(xml, 'cac:AccountingCustomerParty')).not.toContain('EndpointID');
    expect(section(xml, 'cac:AccountingCustomerParty')).not.toContain('Contact');
  });
});

describe('renderUbl: XML escaping', () => {
  const document = documentOf([line(1, 100000, 5, '0.21', 'S', 'Light & sound <show> "Été" \u0007bell')], {
    client: { name: 'Smith & Sons <Ltd> "Q" \'R\'', address: 'Rue <du> Pont & Co 3, 1000 Bruxelles' },
  });
  const xml = renderUbl({ ...document, coop: { ...COOP, name: 'Coop & Co <SCRL>' } });

  test('&, < and > in names, descriptions and addresses are escaped', () => {
    expect(xml).toContain('<cbc:Name>Smith &amp; Sons &lt;Ltd&gt; "Q" \'R\'</cbc:Name>');
    expect(xml).toContain('<cbc:RegistrationName>Coop &amp; Co &lt;SCRL&gt;</cbc:RegistrationName>');
    expect(xml).toContain('<cbc:StreetName>Rue &lt;du&gt; Pont &amp; Co 3</cbc:StreetName>');
    expect(xml).toContain('<cbc:Name>Light &amp; sound &lt;show&gt; "Été" bell</cbc:Name>');
  });

  test('no raw ampersand, no stray angle bracket, no control character is left', () => {
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#\d+;)/);
    const textNodes = [...xml.matchAll(/>([^<]*)</g)].map((match) => match[1] ?? '');
    for (const text of textNodes) expect(text).not.toMatch(/[<>]/);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });
});
