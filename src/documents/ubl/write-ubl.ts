import type { Client } from '../../clients/client.js';
import type { Coop } from '../../coop/coop-store.js';
import type { InvoiceDocument } from '../../invoicing/invoice-document.js';
import type { InvoiceLine } from '../../invoicing/invoice.js';
import { VAT_MENTIONS, type VatCategory, type VatSubtotal } from '../../invoicing/vat.js';
import { type Cents, formatCents } from '../../money/index.js';
import { splitAddress } from './address.js';
import { type Endpoint, buyerEndpoint, enterpriseDigits, parsePeppolId } from './endpoints.js';
import { UNIT_DAY, UNIT_ONE, linePricing, percentOf } from './pricing.js';
import { type XmlChild, type XmlElement, leaf, node, serializeXml } from './xml.js';

/**
 * Peppol BIS Billing 3.0 (UBL 2.1) export of an invoice or a credit note.
 *
 * `renderUbl` is a pure function of an `InvoiceDocument` (see loadInvoiceDocument). The document
 * passes the UBL 2.1 schema and both rule sets of the Peppol validation artefacts (EN 16931 and
 * Peppol) for every VAT treatment `smart` issues, as long as the client can be addressed on
 * Peppol (see endpoints.ts); test/integration/ubl-validation.test.ts proves it.
 *
 * Mapping (BT = EN 16931 business term):
 * - the seller is the co-op: EndpointID 0208 + enterprise number, VAT number BE + enterprise
 *   number (BT-31), legal registration 0208 (BT-30), address in Belgium;
 * - the buyer is the client: EndpointID from their Peppol id, else derived from their VAT number,
 *   else their e-mail ("EM", EN 16931 only); VAT number (BT-48) when they have one; for Belgian
 *   companies the enterprise number as legal registration (BT-47);
 * - BuyerReference (BT-10), which Peppol requires (R003) when there is no order reference: the
 *   co-op has no client reference on file, so it is the contract number;
 * - InvoicePeriod = the contract's supply dates; a credit note refers to the invoice it corrects
 *   (BillingReference, BT-25/26) and carries its reason as the note (BT-22);
 * - an invoice is paid by credit transfer (code 30) to the co-op's IBAN, with the Belgian
 *   structured communication as remittance information (PaymentID, BT-83) in its printed form
 *   +++123/4567/89002+++; a credit note has no payment instructions (the co-op owes, not the client);
 * - one VAT breakdown per category and rate; AE, G and E carry the legal mention and its VATEX
 *   code as exemption reason (BT-120/121); S and Z carry none (BR-S-10, BR-Z-10);
 * - lines: days worked (unit DAY) at a price per day, see pricing.ts; a credit note line is a
 *   lump sum (quantity 1, unit C62), as credit notes record an amount, not days.
 */

const CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
const CURRENCY = 'EUR';
/** UNTDID 1001: commercial invoice, credit note. */
const INVOICE_TYPE_CODE = '380';
const CREDIT_NOTE_TYPE_CODE = '381';
/** UNCL 4461: credit transfer. */
const CREDIT_TRANSFER = '30';
const COOP_COUNTRY = 'BE';

const NAMESPACES = {
  invoice: 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2',
  'credit-note': 'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2',
  cac: 'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2',
  cbc: 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2',
} as const;

function amount(name: string, cents: Cents): XmlElement | undefined {
  return leaf(name, formatCents(cents), { currencyID: CURRENCY });
}

function endpointElement(endpoint: Endpoint | undefined): XmlChild {
  return endpoint !== undefined && leaf('cbc:EndpointID', endpoint.id, { schemeID: endpoint.scheme });
}

function postalAddress(text: string, country: string): XmlElement | undefined {
  const address = splitAddress(text);
  return node('cac:PostalAddress', [
    leaf('cbc:StreetName', address.street),
    leaf('cbc:CityName', address.city),
    leaf('cbc:PostalZone', address.postalZone),
    node('cac:Country', [leaf('cbc:IdentificationCode', country)]),
  ]);
}

function vatScheme(vatNumber: string | null): XmlChild {
  return vatNumber !== null && node('cac:PartyTaxScheme', [leaf('cbc:CompanyID', vatNumber), node('cac:TaxScheme', [leaf('cbc:ID', 'VAT')])]);
}

function sellerParty(coop: Coop): XmlElement | undefined {
  const enterprise = enterpriseDigits(coop.enterpriseNumber);
  return node('cac:AccountingSupplierParty', [
    node('cac:Party', [
      endpointElement({ scheme: '0208', id: enterprise }),
      node('cac:PartyName', [leaf('cbc:Name', coop.name)]),
      postalAddress(coop.address, COOP_COUNTRY),
      vatScheme(`BE${enterprise}`),
      node('cac:PartyLegalEntity', [leaf('cbc:RegistrationName', coop.name), leaf('cbc:CompanyID', enterprise, { schemeID: '0208' })]),
    ]),
  ]);
}

/** A Belgian client's enterprise number (legal registration, BT-47), from their VAT number or Peppol id. */
function belgianEnterprise(client: Client): string | undefined {
  if (client.vatNumber?.startsWith('BE') === true) return enterpriseDigits(client.vatNumber);
  const registered = client.peppolId === null ? undefined : parsePeppolId(client.peppolId);
  return registered?.scheme === '0208' ? registered.id : undefined;
}

function buyerParty(client: Client): XmlElement | undefined {
  const enterprise = belgianEnterprise(client);
  return node('cac:AccountingCustomerParty', [
    node('cac:Party', [
      endpointElement(buyerEndpoint(client)),
      node('cac:PartyName', [leaf('cbc:Name', client.name)]),
      postalAddress(client.address, client.country),
      vatScheme(client.vatNumber),
      node('cac:PartyLegalEntity', [leaf('cbc:RegistrationName', client.name), enterprise !== undefined && leaf('cbc:CompanyID', enterprise, { schemeID: '0208' })]),
      node('cac:Contact', [leaf('cbc:ElectronicMail', client.email)]),
    ]),
  ]);
}

function paymentMeans(document: InvoiceDocument): XmlElement | undefined {
  const { coop, invoice } = document;
  return node('cac:PaymentMeans', [
    leaf('cbc:PaymentMeansCode', CREDIT_TRANSFER, { name: 'Credit transfer' }),
    leaf('cbc:PaymentID', invoice.structuredCommunication),
    node('cac:PayeeFinancialAccount', [
      leaf('cbc:ID', coop.iban.replace(/\s+/g, '').toUpperCase()),
      leaf('cbc:Name', coop.name),
      node('cac:FinancialInstitutionBranch', [leaf('cbc:ID', coop.bic)]),
    ]),
  ]);
}

function paymentTerms(document: InvoiceDocument): XmlElement | undefined {
  const { invoice } = document;
  return node('cac:PaymentTerms', [
    leaf('cbc:Note', `Payment by ${invoice.dueDate} by credit transfer with the structured communication ${invoice.structuredCommunication}`),
  ]);
}

/**
 * The VAT breakdown. It is the EN 16931 computation of the lines (InvoiceDocument.totals), except
 * that a document with a single VAT rate shows the VAT actually booked on it when the two
 * differ: a credit note that settles what is left of an invoice after partial credits reverses
 * exactly the VAT that is left, which can be one cent off the VAT of its amount. EN 16931
 * tolerates that (BR-S-09 / BR-CO-17 accept any difference below one unit).
 */
export function vatBreakdown(document: InvoiceDocument): readonly VatSubtotal[] {
  const { totals, invoice } = document;
  const [only] = totals.subtotals;
  if (totals.subtotals.length === 1 && only !== undefined && only.category === 'S' && only.vatCents !== invoice.vatCents && only.taxableCents === invoice.amountExclVatCents) {
    return [{ ...only, vatCents: invoice.vatCents }];
  }
  return totals.subtotals;
}

/** The exemption reason of a category that charges no VAT for a legal reason (AE, G, E); none for S and Z. */
function exemptionOf(category: VatCategory): { text: string; code: string } | undefined {
  return category === 'S' || category === 'Z' ? undefined : VAT_MENTIONS[category];
}

function taxCategory(name: string, category: VatCategory, rate: string, withExemption: boolean): XmlElement | undefined {
  const exemption = withExemption ? exemptionOf(category) : undefined;
  return node(name, [
    leaf('cbc:ID', category),
    leaf('cbc:Percent', percentOf(rate)),
    exemption !== undefined && leaf('cbc:TaxExemptionReasonCode', exemption.code),
    exemption !== undefined && leaf('cbc:TaxExemptionReason', exemption.text),
    node('cac:TaxScheme', [leaf('cbc:ID', 'VAT')]),
  ]);
}

function taxTotal(subtotals: readonly VatSubtotal[], vatCents: Cents): XmlElement | undefined {
  return node('cac:TaxTotal', [
    amount('cbc:TaxAmount', vatCents),
    ...subtotals.map((subtotal) =>
      node('cac:TaxSubtotal', [
        amount('cbc:TaxableAmount', subtotal.taxableCents),
        amount('cbc:TaxAmount', subtotal.vatCents),
        taxCategory('cac:TaxCategory', subtotal.category, subtotal.rate, true),
      ]),
    ),
  ]);
}

function monetaryTotal(lineTotalCents: Cents, vatCents: Cents): XmlElement | undefined {
  return node('cac:LegalMonetaryTotal', [
    amount('cbc:LineExtensionAmount', lineTotalCents),
    amount('cbc:TaxExclusiveAmount', lineTotalCents),
    amount('cbc:TaxInclusiveAmount', lineTotalCents + vatCents),
    amount('cbc:PayableAmount', lineTotalCents + vatCents),
  ]);
}

function documentLine(line: InvoiceLine, isCreditNote: boolean): XmlElement | undefined {
  const pricing = linePricing(line.netCents, line.quantity, isCreditNote ? UNIT_ONE : UNIT_DAY);
  return node(isCreditNote ? 'cac:CreditNoteLine' : 'cac:InvoiceLine', [
    leaf('cbc:ID', String(line.lineNumber)),
    leaf(isCreditNote ? 'cbc:CreditedQuantity' : 'cbc:InvoicedQuantity', pricing.quantity, { unitCode: pricing.unitCode }),
    amount('cbc:LineExtensionAmount', line.netCents),
    node('cac:Item', [leaf('cbc:Name', line.description), taxCategory('cac:ClassifiedTaxCategory', line.vatCategory, line.vatRate, false)]),
    node('cac:Price', [leaf('cbc:PriceAmount', pricing.price, { currencyID: CURRENCY })]),
  ]);
}

function billingReference(document: InvoiceDocument): XmlChild {
  const credited = document.credited;
  return (
    credited !== undefined &&
    node('cac:BillingReference', [node('cac:InvoiceDocumentReference', [leaf('cbc:ID', credited.number), leaf('cbc:IssueDate', credited.issueDate)])])
  );
}

/** The UBL 2.1 XML of an invoice (kind 'invoice') or a credit note (kind 'credit-note'), Peppol BIS Billing 3.0. */
export function renderUbl(document: InvoiceDocument): string {
  const { invoice, lines, contract } = document;
  const isCreditNote = invoice.kind === 'credit-note';
  const subtotals = vatBreakdown(document);
  const vatCents = subtotals.reduce((sum, subtotal) => sum + subtotal.vatCents, 0);
  const lineTotalCents = lines.reduce((sum, line) => sum + line.netCents, 0);
  const children: XmlChild[] = [
    leaf('cbc:CustomizationID', CUSTOMIZATION_ID),
    leaf('cbc:ProfileID', PROFILE_ID),
    leaf('cbc:ID', invoice.number),
    leaf('cbc:IssueDate', invoice.issueDate),
    !isCreditNote && leaf('cbc:DueDate', invoice.dueDate),
    isCreditNote ? leaf('cbc:CreditNoteTypeCode', CREDIT_NOTE_TYPE_CODE) : leaf('cbc:InvoiceTypeCode', INVOICE_TYPE_CODE),
    isCreditNote && leaf('cbc:Note', invoice.reason),
    leaf('cbc:DocumentCurrencyCode', CURRENCY),
    leaf('cbc:BuyerReference', `Contract ${contract.id}`),
    node('cac:InvoicePeriod', [leaf('cbc:StartDate', invoice.supplyStart), leaf('cbc:EndDate', invoice.supplyEnd)]),
    isCreditNote && billingReference(document),
    sellerParty(document.coop),
    buyerParty(document.client),
    !isCreditNote && paymentMeans(document),
    !isCreditNote && paymentTerms(document),
    taxTotal(subtotals, vatCents),
    monetaryTotal(lineTotalCents, vatCents),
    ...lines.map((line) => documentLine(line, isCreditNote)),
  ];
  const root = node(isCreditNote ? 'CreditNote' : 'Invoice', children, {
    xmlns: NAMESPACES[invoice.kind],
    'xmlns:cac': NAMESPACES.cac,
    'xmlns:cbc': NAMESPACES.cbc,
  });
  if (root === undefined) throw new Error('a UBL document always has content');
  return serializeXml(root);
}
