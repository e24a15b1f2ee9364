import { describe, expect, test } from '@jest/globals';
import { DOCUMENT_COOP, DOCUMENT_MEMBER } from '../helpers/document-fixtures.js';
import { expectMentions, pdfWorkspace } from '../helpers/pdf-workspace.js';
import type { Client } from '../../src/clients/client.js';
import type { Contract } from '../../src/contracts/contract.js';
import type { Coop } from '../../src/coop/coop-store.js';
import { renderEmploymentContractPdf } from '../../src/documents/pdf/contract-pdf.js';
import { epcQrPayload, invoicePdfDefinition, renderInvoicePdf } from '../../src/documents/pdf/invoice-pdf.js';
import { loadPdfMake } from '../../src/documents/pdf/pdfmake.js';
import type { Invoice, InvoiceLine } from '../../src/invoicing/invoice.js';
import type { InvoiceDocument } from '../../src/invoicing/invoice-document.js';
import { structuredCommunicationOf } from '../../src/invoicing/invoice-number.js';
import { VAT_MENTIONS, computeVat } from '../../src/invoicing/vat.js';

/*
 * The PDF renderers are pure functions of plain records, so the documents are built by hand
 * here (no book). The text checks read the PDF back with poppler's pdftotext; set
 * SMART_PDF_OUT=/some/dir to keep the rendered files and look at them.
 */

const COOP = DOCUMENT_COOP;
const MEMBER = DOCUMENT_MEMBER;

const BELGIAN_CLIENT: Client = {
  id: 3,
  name: 'Théâtre du Parc ASBL',
  address: 'Rue de la Loi 3, 1000 Bruxelles',
  country: 'BE',
  vatNumber: 'BE0403170701',
  email: 'compta@theatreduparc.example',
  iban: null,
  peppolId: '0208:0403170701',
  blocked: false,
  blockedReason: null,
  createdAt: '2026-02-01T09:00:00.000Z',
  updatedAt: '2026-02-01T09:00:00.000Z',
};

const DUTCH_CLIENT: Client = {
  ...BELGIAN_CLIENT,
  id: 4,
  name: 'Stadsschouwburg Utrecht BV',
  address: 'Lucas Bolwerk 24, 3512 EG Utrecht',
  country: 'NL',
  vatNumber: 'NL123456789B01',
  peppolId: null,
};

const CONTRACT: Contract = {
  id: 42,
  memberId: MEMBER.id,
  clientId: BELGIAN_CLIENT.id,
  description: 'Stage lighting design for "Le Misanthrope"',
  place: 'Théâtre du Parc, Brussels',
  startDate: '2026-11-02',
  endDate: '2026-11-13',
  days: 8,
  amountCents: 100_000,
  vatRate: '0.21',
  vatRegime: 'normal',
  status: 'invoiced',
  cancelReason: null,
  createdAt: '2026-10-20T09:00:00.000Z',
  updatedAt: '2026-11-16T09:00:00.000Z',
};

function invoiceDocument(options: { sequence: number; client: Client; contract: Contract; lines: InvoiceLine[]; kind?: 'invoice' | 'credit-note'; credited?: Invoice; reason?: string }): InvoiceDocument {
  const totals = computeVat(options.lines);
  const kind = options.kind ?? 'invoice';
  const issueDate = kind === 'invoice' ? '2026-11-16' : '2026-11-25';
  const invoice: Invoice = {
    id: options.sequence,
    number: `2026-${String(options.sequence).padStart(6, '0')}`,
    year: 2026,
    sequence: options.sequence,
    kind,
    contractId: options.contract.id,
    memberId: MEMBER.id,
    clientId: options.client.id,
    creditedInvoiceId: options.credited?.id ?? null,
    issueDate,
    dueDate: kind === 'invoice' ? '2026-12-16' : issueDate,
    supplyStart: options.contract.startDate,
    supplyEnd: options.contract.endDate,
    vatRegime: options.contract.vatRegime,
    amountExclVatCents: totals.amountExclVatCents,
    vatCents: totals.vatCents,
    totalCents: totals.totalCents,
    levyRate: '0.065',
    fundRate: '0.02',
    levyCents: 6_500,
    fundCents: 2_000,
    budgetCents: 91_500,
    structuredCommunication: structuredCommunicationOf(2026, options.sequence),
    reason: options.reason ?? null,
    entryId: options.sequence * 10,
    createdAt: `${issueDate}T10:00:00.000Z`,
  };
  const category = options.lines[0]?.vatCategory ?? 'S';
  return {
    invoice,
    lines: options.lines,
    totals,
    coop: COOP,
    client: options.client,
    member: MEMBER,
    contract: options.contract,
    credited: options.credited,
    vatMention: category === 'S' || category === 'Z' ? undefined : VAT_MENTIONS[category],
  };
}

const STANDARD = invoiceDocument({
  sequence: 12,
  client: BELGIAN_CLIENT,
  contract: CONTRACT,
  lines: [{ lineNumber: 1, description: CONTRACT.description, quantity: 8, netCents: 100_000, vatRate: '0.21', vatCategory: 'S' }],
});

const REVERSE_CONTRACT: Contract = { ...CONTRACT, id: 43, clientId: DUTCH_CLIENT.id, description: 'Sound engineering, Dutch tour', place: 'Utrecht', vatRate: '0', vatRegime: 'reverse-charge' };
const REVERSE_CHARGE = invoiceDocument({
  sequence: 13,
  client: DUTCH_CLIENT,
  contract: REVERSE_CONTRACT,
  lines: [{ lineNumber: 1, description: REVERSE_CONTRACT.description, quantity: 8, netCents: 100_000, vatRate: '0', vatCategory: 'AE' }],
});

const CREDIT_NOTE = invoiceDocument({
  sequence: 20,
  kind: 'credit-note',
  client: BELGIAN_CLIENT,
  contract: CONTRACT,
  credited: STANDARD.invoice,
  reason: 'The performance was cancelled',
  lines: [{ lineNumber: 1, description: `Credit for invoice ${STANDARD.invoice.number}: The performance was cancelled`, quantity: 1, netCents: 100_000, vatRate: '0.21', vatCategory: 'S' }],
});

const workspace = pdfWorkspace('smart-pdf-', 'the PDFs are checked for their header only, not their text.');
const readBack = (name: string, pdf: Buffer): string | undefined => workspace.readBack(name, pdf);

describe('invoice PDF', () => {
  test('a 21 % invoice carries every legal mention and the payment details', async () => {
    const text = readBack('invoice.pdf', await renderInvoicePdf(STANDARD));
    expectMentions(text, [
      'INVOICE',
      '2026-000012',
      '16 November 2026', // issue date
      '16 December 2026', // due date
      '2 – 13 November 2026', // supply period
      'Smart Test Coop SC',
      'Rue Coenraets 72',
      'BE 0123.456.749', // the co-op's VAT number
      'BE68 5390 0754 7034',
      'GEBABEBB',
      'Théâtre du Parc ASBL',
      'Rue de la Loi 3',
      'BE 0403.170.701', // the client's VAT number
      'Stage lighting design',
      '1,000.00',
      '210.00',
      '21 %',
      'EUR 1,210.00',
      '+++202/6000/01206+++',
      'To be paid by 16 December 2026 to IBAN BE68 5390 0754 7034',
      'with the structured communication +++202/6000/01206+++',
      'performed by Ada Peeters',
    ]);
    expect(text ?? '').not.toContain('Reverse charge');
  });

  test('a reverse-charge invoice says why no VAT is charged and shows the client VAT number', async () => {
    const text = readBack('reverse-charge.pdf', await renderInvoicePdf(REVERSE_CHARGE));
    expectMentions(text, [
      '2026-000013',
      'Stadsschouwburg Utrecht BV',
      'Netherlands',
      'NL123456789B01',
      'reverse charge',
      VAT_MENTIONS.AE.text,
      'EUR 1,000.00',
      structuredCommunicationOf(2026, 13),
    ]);
  });

  test('a credit note names the invoice it corrects, its date and the reason', async () => {
    const text = readBack('credit-note.pdf', await renderInvoicePdf(CREDIT_NOTE));
    expectMentions(text, [
      'CREDIT NOTE',
      '2026-000020',
      'corrects invoice 2026-000012 of 16 November 2026',
      'The performance was cancelled',
      'Total credited',
      'EUR 1,210.00',
      'BE 0123.456.749',
    ]);
    expect(text ?? '').not.toContain('To be paid by');
  });

  test('the definition is pure and the demo watermark only shows on a demo book', () => {
    expect(STANDARD.invoice.structuredCommunication).toBe('+++202/6000/01206+++');
    expect(JSON.stringify(invoicePdfDefinition(STANDARD))).toBe(JSON.stringify(invoicePdfDefinition(STANDARD)));
    expect(invoicePdfDefinition(STANDARD).watermark).toBeUndefined();
    expect(invoicePdfDefinition({ ...STANDARD, coop: { ...COOP, demo: true } }).watermark).toBeDefined();
  });

  test('the EPC QR code payload follows EPC069-12', () => {
    expect(epcQrPayload({ name: COOP.name, iban: 'BE68 5390 0754 7034', bic: 'GEBABEBB', amountCents: 121_000, communication: '+++202/6000/01288+++' }).split('\n')).toEqual([
      'BCD', '002', '1', 'SCT', 'GEBABEBB', 'Smart Test Coop SC', 'BE68539007547034', 'EUR1210.00', '', '', '+++202/6000/01288+++',
    ]);
  });

  test('renders an invoice quickly once pdfmake is loaded', async () => {
    await loadPdfMake();
    await renderInvoicePdf(STANDARD); // warm the font cache
    const runs = 10;
    const started = performance.now();
    for (let run = 0; run < runs; run += 1) await renderInvoicePdf(STANDARD);
    const perInvoice = (performance.now() - started) / runs;
    console.log(`one invoice PDF: ${perInvoice.toFixed(1)} ms after pdfmake is loaded`);
    // About 60-150 ms in plain Node on a 2-core machine; jest's module sandbox makes it slower.
    expect(perInvoice).toBeLessThan(2000);
  });
});

describe('employment contract PDF', () => {
  test('names the parties, the work, the term and the salary estimate', async () => {
    const pdf = await renderEmploymentContractPdf({
      coop: COOP,
      member: MEMBER,
      contract: CONTRACT,
      clientName: BELGIAN_CLIENT.name,
      salary: {
        budgetCents: 91_500,
        grossCents: 72_075,
        employerContributionsCents: 19_424,
        basis: 'gross = floor(915.00 / (1 + 0.2695)) = 720.75; employer contributions = 720.75 x 26.95 % = 194.24',
      },
    });
    const text = readBack('employment-contract.pdf', pdf);
    expectMentions(text, [
      'FIXED-TERM EMPLOYMENT CONTRACT',
      'Contrat de travail à durée déterminée / Arbeidsovereenkomst voor een bepaalde tijd',
      'Smart Test Coop SC',
      '0123.456.749',
      'Ada Peeters',
      '85.07.30-011.50',
      '30 July 1985',
      'Stage lighting design',
      'Théâtre du Parc, Brussels',
      'from 2 November 2026 to 13 November 2026',
      '8 working days',
      'EUR 720.75',
      'EUR 194.24',
      'EUR 915.00',
      'Joint committee: to be set by the rules (PC 200 / PC 329)',
    ]);
  });
});
