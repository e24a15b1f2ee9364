import { describe, expect, test } from '@jest/globals';
import { DOCUMENT_COOP, DOCUMENT_MEMBER } from '../helpers/document-fixtures.js';
import { expectMentions, pdfWorkspace } from '../helpers/pdf-workspace.js';
import type { Client } from '../../src/clients/client.js';
import type { Contract } from '../../src/contracts/contract.js';
import type { Coop } from '../../src/coop/coop-store.js';
import { epcQrPayload } from '../../src/documents/pdf/invoice-pdf.js';
import { type ReminderDocument, reminderPdfDefinition, renderReminderPdf } from '../../src/documents/pdf/reminder-pdf.js';
import type { Invoice, InvoiceLine } from '../../src/invoicing/invoice.js';
import type { InvoiceDocument } from '../../src/invoicing/invoice-document.js';
import { structuredCommunicationOf } from '../../src/invoicing/invoice-number.js';
import { computeVat } from '../../src/invoicing/vat.js';

/*
 * Payment reminders of invoices built by hand (no book), as in pdf.test.ts. The text checks read
 * the PDF back with poppler's pdftotext; set SMART_PDF_OUT=/some/dir to keep the rendered files
 * and look at them.
 */

const COOP = DOCUMENT_COOP;
const MEMBER = DOCUMENT_MEMBER;

const CLIENT: Client = {
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

const CONTRACT: Contract = {
  id: 42,
  memberId: MEMBER.id,
  clientId: CLIENT.id,
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

/** An invoice of 1,000.00 + 21 % VAT = 1,210.00, issued 16 November 2026, due 16 December 2026. */
function invoiceDocument(sequence: number, coop: Coop = COOP): InvoiceDocument {
  const lines: InvoiceLine[] = [{ lineNumber: 1, description: CONTRACT.description, quantity: 8, netCents: 100_000, vatRate: '0.21', vatCategory: 'S' }];
  const totals = computeVat(lines);
  const invoice: Invoice = {
    id: sequence,
    number: `2026-${String(sequence).padStart(6, '0')}`,
    year: 2026,
    sequence,
    kind: 'invoice',
    contractId: CONTRACT.id,
    memberId: MEMBER.id,
    clientId: CLIENT.id,
    creditedInvoiceId: null,
    issueDate: '2026-11-16',
    dueDate: '2026-12-16',
    supplyStart: CONTRACT.startDate,
    supplyEnd: CONTRACT.endDate,
    vatRegime: CONTRACT.vatRegime,
    amountExclVatCents: totals.amountExclVatCents,
    vatCents: totals.vatCents,
    totalCents: totals.totalCents,
    levyRate: '0.065',
    fundRate: '0.02',
    levyCents: 6_500,
    fundCents: 2_000,
    budgetCents: 91_500,
    structuredCommunication: structuredCommunicationOf(2026, sequence),
    reason: null,
    entryId: sequence * 10,
    createdAt: '2026-11-16T10:00:00.000Z',
  };
  return { invoice, lines, totals, coop, client: CLIENT, member: MEMBER, contract: CONTRACT, credited: undefined, vatMention: undefined };
}

const FIRST: ReminderDocument = {
  invoice: invoiceDocument(12),
  reminderDate: '2026-12-30',
  paidCents: 0,
  openCents: 121_000,
  daysOverdue: 14,
  reminderNumber: 1,
};

const SECOND: ReminderDocument = {
  invoice: invoiceDocument(13),
  reminderDate: '2027-01-20',
  paidCents: 50_000,
  openCents: 71_000,
  daysOverdue: 35,
  reminderNumber: 2,
};

const workspace = pdfWorkspace('smart-reminder-pdf-', 'the reminders are checked for their header and page count only, not their text.');

describe('payment reminder PDF', () => {
  test('a first reminder of an unpaid invoice: the invoice, the amount due, how to pay it', async () => {
    const text = workspace.readBack('reminder-first.pdf', await renderReminderPdf(FIRST), 1);
    expectMentions(text, [
      'PAYMENT REMINDER',
      '30 December 2026', // reminder date
      '2026-000012',
      '16 November 2026', // issue date
      '16 December 2026', // due date
      '14 days ago',
      'for EUR 1,210.00',
      'is still unpaid',
      'Still due',
      'EUR 1,210.00',
      'Smart Test Coop SC',
      'BE 0123.456.749',
      'Théâtre du Parc ASBL',
      'Rue de la Loi 3',
      'Stage lighting design',
      'Please transfer EUR 1,210.00 to IBAN BE68 5390 0754 7034 (BIC GEBABEBB)',
      '+++202/6000/01206+++',
      'BE68 5390 0754 7034',
      'please disregard it',
      'please contact Smart Test Coop SC',
    ]);
    expect(text ?? '').not.toContain('SECOND REMINDER');
    expect(text ?? '').not.toContain('Credited');
  });

  test('a second reminder of a partly paid invoice: paid so far and still due', async () => {
    const text = workspace.readBack('reminder-second.pdf', await renderReminderPdf(SECOND), 1);
    expectMentions(text, [
      'SECOND REMINDER',
      '20 January 2027',
      '2026-000013',
      '35 days ago',
      'we received EUR 500.00',
      'EUR 710.00 is still due',
      '1,210.00',
      '500.00',
      'Amount still due',
      'EUR 710.00',
      'Please transfer EUR 710.00 to IBAN BE68 5390 0754 7034',
      structuredCommunicationOf(2026, 13),
      'earlier reminder has remained unanswered',
    ]);
    expect(text ?? '').not.toContain('is still unpaid');
  });

  test('a credit note on the invoice shows as credited, so the columns add up', async () => {
    const credited: ReminderDocument = { ...SECOND, invoice: invoiceDocument(14), paidCents: 0, openCents: 60_500, reminderNumber: 3 };
    const text = workspace.readBack('reminder-credited.pdf', await renderReminderPdf(credited), 1);
    expectMentions(text, ['THIRD REMINDER', 'we credited EUR 605.00', 'EUR 605.00 is still due', 'Credited', 'earlier reminders have remained unanswered']);
  });

  test('a long foreign client, a long description, payments and credits still fit on one page', async () => {
    const base = invoiceDocument(15);
    const long: ReminderDocument = {
      invoice: {
        ...base,
        client: { ...CLIENT, name: 'Stichting Internationaal Theaterfestival van de Lage Landen en Omstreken', address: 'Lucas Bolwerk 24\nAfdeling Boekhouding, 3e verdieping\n3512 EG Utrecht', country: 'NL', vatNumber: 'NL123456789B01' },
        contract: { ...CONTRACT, description: 'Stage lighting design, rigging supervision and operation for the touring production of "Le Misanthrope" in eleven venues' },
      },
      reminderDate: '2027-03-01',
      paidCents: 20_000,
      openCents: 40_000,
      daysOverdue: 75,
      reminderNumber: 4,
    };
    const text = workspace.readBack('reminder-long.pdf', await renderReminderPdf(long), 1);
    expectMentions(text, ['REMINDER NO. 4', 'Netherlands', 'we received EUR 200.00 and credited EUR 610.00', 'EUR 400.00 is still due']);
  });

  test('the QR code asks for the amount still due, with the invoice communication', () => {
    const definition = JSON.stringify(reminderPdfDefinition(SECOND));
    const payload = epcQrPayload({ name: COOP.name, iban: COOP.iban, bic: COOP.bic, amountCents: 71_000, communication: SECOND.invoice.invoice.structuredCommunication });
    expect(payload).toContain('EUR710.00');
    expect(definition).toContain(JSON.stringify(payload));
  });

  test('the definition is pure and the demo watermark only shows on a demo book', async () => {
    expect(JSON.stringify(reminderPdfDefinition(FIRST))).toBe(JSON.stringify(reminderPdfDefinition(FIRST)));
    expect(reminderPdfDefinition(FIRST).watermark).toBeUndefined();
    const demo: ReminderDocument = { ...FIRST, invoice: invoiceDocument(12, { ...COOP, demo: true }) };
    expect(reminderPdfDefinition(demo).watermark).toBeDefined();
    const text = workspace.readBack('reminder-demo.pdf', await renderReminderPdf(demo), 1);
    expectMentions(text, ['not a valid payment reminder']);
  });
});
