import type { Column, Content, TableCell } from 'pdfmake/interfaces.js';
import { formatIban } from '../../identifiers/index.js';
import type { InvoiceDocument } from '../../invoicing/invoice-document.js';
import type { InvoiceLine } from '../../invoicing/invoice.js';
import type { VatCategory, VatSubtotal } from '../../invoicing/vat.js';
import { type Cents, displayCents, percentOf } from '../../money/index.js';
import {
  clientLines,
  coopBankIdentity,
  coopCreditorLetterhead,
  coopDocumentDefinition,
  coopIdentityLine,
  documentHeader,
  keepTogether,
  partiesColumns,
  paymentBox,
} from './blocks.js';
import { type InvoiceLabels, type PdfLabels, type PdfLanguage, labelsFor } from './labels.js';
import { type PdfDocumentDefinition, renderPdf } from './pdfmake.js';
import { COLORS, PAGE_MARGINS, callout, horizontalRule, lightRowsLayout, sectionLabel } from './style.js';

export { epcQrPayload } from './blocks.js';

/**
 * The PDF of an invoice or a credit note, with the mentions art. 5 of Royal Decree no. 1 on VAT
 * requires: issue date and number; the co-op's name, address and VAT number; the client's name,
 * address and VAT number (when it has one); the date of supply; the work (description, days);
 * per VAT rate the taxable base, the rate and the VAT; the total; the reason VAT is not charged
 * when it is not; for a credit note, the invoice it corrects. Plus what a client needs to pay:
 * the due date, the co-op's IBAN and BIC, and the structured communication (also as an EPC QR
 * code that banking apps scan).
 */
export interface InvoicePdfOptions {
  readonly language?: PdfLanguage;
}

export async function renderInvoicePdf(document: InvoiceDocument, options: InvoicePdfOptions = {}): Promise<Buffer> {
  return renderPdf(invoicePdfDefinition(document, options));
}

/** The pdfmake document definition of an invoice: a pure function of the document. */
export function invoicePdfDefinition(document: InvoiceDocument, options: InvoicePdfOptions = {}): PdfDocumentDefinition {
  const labels = labelsFor(options.language);
  const words = labels.invoice;
  const { invoice, coop } = document;
  const isCredit = invoice.kind === 'credit-note';
  const title = isCredit ? words.creditNoteTitle : words.invoiceTitle;
  const content: Content[] = [
    header(document, labels),
    horizontalRule([0, 14, 0, 14], COLORS.accent, 1.2),
    parties(document, labels),
  ];
  if (isCredit) content.push(correction(document, labels));
  content.push(linesTable(document, labels), totalsBlock(document, words));
  if (document.vatMention !== undefined) {
    content.push(
      callout([{ text: words.vatMentionTitle.toUpperCase(), style: 'label' }, { text: document.vatMention.text, bold: true, margin: [0, 2, 0, 0] }], {
        fill: COLORS.fill,
        bar: COLORS.muted,
        margin: [0, 14, 0, 0],
      }),
    );
  }
  content.push(isCredit ? settlement(document, labels) : payment(document, labels));
  content.push(smallPrint(document, labels));
  return coopDocumentDefinition({
    coop,
    language: labels.language,
    pageMargins: PAGE_MARGINS,
    title: `${title} ${invoice.number}`,
    subject: `${title} ${invoice.number} – ${document.client.name}`,
    content,
    footerIdentity: coopBankIdentity(coop, words),
    page: words.page,
  });
}

/** Left: the co-op (who issues); right: the title and the numbers and dates of the document. */
function header(document: InvoiceDocument, labels: PdfLabels): Content {
  const words = labels.invoice;
  const { invoice, coop, credited } = document;
  const isCredit = invoice.kind === 'credit-note';
  const meta: [string, string][] = [
    [isCredit ? words.creditNoteNumber : words.invoiceNumber, invoice.number],
    [words.issueDate, labels.formatDate(invoice.issueDate)],
    [words.supplyPeriod, labels.formatPeriod(invoice.supplyStart, invoice.supplyEnd)],
  ];
  if (isCredit) {
    if (credited !== undefined) meta.push([words.correctsInvoice, credited.number]);
  } else {
    meta.push([words.dueDate, labels.formatDate(invoice.dueDate)]);
  }
  return documentHeader(coopCreditorLetterhead(coop, words), 245, (isCredit ? words.creditNoteTitle : words.invoiceTitle).toUpperCase(), meta);
}

/** Left: the client (who is billed); right: the engagement the invoice is for. */
function parties(document: InvoiceDocument, labels: PdfLabels): Content {
  const words = labels.invoice;
  const { client, contract, invoice } = document;
  const engagement: [string, string][] = [
    [words.contractNumber, `#${contract.id}`],
    [words.place, contract.place],
    [words.daysWorked, String(contract.days)],
  ];
  return partiesColumns(
    invoice.kind === 'credit-note' ? words.creditTo : words.billTo,
    clientLines(client, labels, words.vatNumber),
    words.engagement,
    220,
    engagement,
  );
}

/** Credit note: which invoice it corrects, and why. */
function correction(document: InvoiceDocument, labels: PdfLabels): Content {
  const words = labels.invoice;
  const { credited, invoice } = document;
  const lines: Content[] = [];
  if (credited !== undefined) {
    lines.push({ text: words.correction({ invoice: credited.number, date: labels.formatDate(credited.issueDate) }), bold: true });
  }
  if (invoice.reason !== null && invoice.reason.trim() !== '') {
    lines.push({ text: [{ text: `${words.reason}: `, color: COLORS.muted }, { text: invoice.reason }], margin: [0, 2, 0, 0] });
  }
  return lines.length === 0 ? { text: '' } : callout(lines, { margin: [0, 0, 0, 14] });
}

function vatRateText(rate: string): string {
  return `${percentOf(rate)} %`;
}

/** "21 %", or for VAT not charged "0 % (reverse charge)". */
function vatLabel(category: VatCategory, rate: string, words: InvoiceLabels): string {
  return category === 'S' ? vatRateText(rate) : `${vatRateText(rate)} (${words.vatCategory[category]})`;
}

function linesTable(document: InvoiceDocument, labels: PdfLabels): Content {
  const words = labels.invoice;
  const isCredit = document.invoice.kind === 'credit-note';
  const headerRow: TableCell[] = [
    { text: words.description, style: 'tableHeader' },
    { text: isCredit ? words.quantity : words.days, style: 'tableHeader', alignment: 'right' },
    { text: words.vat, style: 'tableHeader', alignment: 'right' },
    { text: `${words.amountExclVat} (EUR)`, style: 'tableHeader', alignment: 'right' },
  ];
  const rows = document.lines.map((line: InvoiceLine): TableCell[] => [
    {
      stack: [
        { text: line.description, bold: true },
        ...(isCredit
          ? []
          : [{ text: `${labels.formatPeriod(document.invoice.supplyStart, document.invoice.supplyEnd)}  ·  ${document.contract.place}`, style: 'small' }]),
      ],
    },
    { text: String(line.quantity), alignment: 'right' },
    { text: vatLabel(line.vatCategory, line.vatRate, words), alignment: 'right', noWrap: true },
    { text: displayCents(line.netCents), alignment: 'right', noWrap: true },
  ]);
  return {
    table: { headerRows: 1, widths: ['*', 40, 'auto', 100], body: [headerRow, ...rows] },
    layout: lightRowsLayout({ fillHeader: true }),
  };
}

/** Left: the VAT summary per rate; right: the totals, the last one highlighted. */
function totalsBlock(document: InvoiceDocument, words: InvoiceLabels): Content {
  const { totals, invoice } = document;
  const isCredit = invoice.kind === 'credit-note';
  const vatRows = totals.subtotals.map((subtotal: VatSubtotal): TableCell[] => [
    { text: vatLabel(subtotal.category, subtotal.rate, words) },
    { text: displayCents(subtotal.taxableCents), alignment: 'right' },
    { text: displayCents(subtotal.vatCents), alignment: 'right' },
  ]);
  const vatSummary: Column = {
    width: '*',
    stack: [
      sectionLabel(words.vatSummary, [0, 0, 0, 2]),
      {
        table: {
          headerRows: 1,
          widths: ['*', 'auto', 60],
          body: [
            [
              { text: words.vatRate, style: 'tableHeader' },
              { text: words.taxableBase, style: 'tableHeader', alignment: 'right' },
              { text: words.vatAmount, style: 'tableHeader', alignment: 'right' },
            ],
            ...vatRows,
          ],
        },
        layout: lightRowsLayout(),
        fontSize: 8.5,
      },
    ],
  };
  const amountRow = (label: string, cents: Cents): TableCell[] => [
    { text: label, color: COLORS.muted },
    { text: displayCents(cents), alignment: 'right' },
  ];
  const totalsTable: Column = {
    width: 215,
    margin: [0, 12, 0, 0], // level with the VAT summary's table, under its label
    stack: [
      {
        table: {
          widths: ['*', 'auto'],
          body: [
            amountRow(words.totalExclVat, totals.amountExclVatCents),
            amountRow(words.totalVat, totals.vatCents),
            [
              { text: isCredit ? words.totalCredited : words.totalToPay, bold: true, color: 'white', fontSize: 11 },
              { text: `EUR ${displayCents(totals.totalCents)}`, bold: true, color: 'white', fontSize: 11, alignment: 'right', noWrap: true },
            ],
          ],
        },
        layout: {
          hLineWidth: (i) => (i === 1 || i === 2 ? 0.5 : 0),
          vLineWidth: () => 0,
          hLineColor: () => COLORS.rule,
          fillColor: (row) => (row === 2 ? COLORS.accent : null),
          paddingLeft: () => 8,
          paddingRight: () => 8,
          paddingTop: (row) => (row === 2 ? 7 : 4),
          paddingBottom: (row) => (row === 2 ? 7 : 4),
        },
      },
    ],
  };
  return { columns: [vatSummary, totalsTable], columnGap: 30, margin: [0, 16, 0, 0] };
}

/** How to pay: the sentence with due date, IBAN, BIC and communication, then the communication large. */
function payment(document: InvoiceDocument, labels: PdfLabels): Content {
  const words = labels.invoice;
  const { invoice, coop, totals } = document;
  const communication = invoice.structuredCommunication;
  const amount = displayCents(totals.totalCents);
  const dueDate = labels.formatDate(invoice.dueDate);
  const iban = formatIban(coop.iban);
  const terms = keepTogether(
    words.paymentTerms({ amount, dueDate, iban, bic: coop.bic, beneficiary: coop.name, communication }),
    [communication, iban, dueDate, `EUR ${amount}`],
  );
  return paymentBox(coop, words, terms, communication, totals.totalCents);
}

/** Credit note: nothing to pay; what it does to the invoice it corrects, and its reference. */
function settlement(document: InvoiceDocument, labels: PdfLabels): Content {
  const words = labels.invoice;
  const { invoice, credited, totals } = document;
  return callout(
    [
      { text: words.settlement.toUpperCase(), style: 'label', color: COLORS.accent },
      {
        text: words.creditNoteSettlement({ amount: displayCents(totals.totalCents), invoice: credited?.number ?? '' }),
        margin: [0, 3, 0, 6],
      },
      { text: [{ text: `${words.reference}: `, color: COLORS.muted }, { text: invoice.structuredCommunication, bold: true }] },
    ],
    { margin: [0, 18, 0, 0] },
  );
}

/** The fine print: who performed the work, under which employer; the demo warning if any. */
function smallPrint(document: InvoiceDocument, labels: PdfLabels): Content {
  const words = labels.invoice;
  const { coop, member } = document;
  const lines: Content[] = [
    { text: words.performedBy({ member: member.name, coop: coop.name }) },
    { text: coopIdentityLine(coop, words.enterpriseNumber) },
  ];
  if (coop.demo) lines.push({ text: words.demo, bold: true });
  return { stack: lines, style: 'fine', margin: [0, 22, 0, 0] };
}
