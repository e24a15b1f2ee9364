import type { Column, Content, TableCell } from 'pdfmake/interfaces.js';
import { formatEnterpriseNumber, formatIban } from '../../identifiers/index.js';
import type { InvoiceDocument } from '../../invoicing/invoice-document.js';
import type { InvoiceLine } from '../../invoicing/invoice.js';
import type { VatCategory, VatSubtotal } from '../../invoicing/vat.js';
import { type Cents, Dec, displayCents, formatCents } from '../../money/index.js';
import { type InvoiceLabels, type PdfLabels, type PdfLanguage, labelsFor } from './labels.js';
import { type PdfDocumentDefinition, renderPdf } from './pdfmake.js';
import {
  COLORS,
  DEFAULT_STYLE,
  NO_LINES,
  PAGE_MARGINS,
  STYLES,
  addressLines,
  callout,
  demoWatermark,
  horizontalRule,
  lightRowsLayout,
  pageFooter,
  printedCoopVatNumber,
  printedVatNumber,
  sectionLabel,
  titleWithFacts,
} from './style.js';

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
  const footerIdentity = [
    coop.name,
    `${words.vatNumber} ${printedCoopVatNumber(coop.enterpriseNumber)}`,
    `${words.iban} ${formatIban(coop.iban)}`,
    `${words.bic} ${coop.bic}`,
  ].join('  ·  ');
  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    language: labels.language,
    info: {
      title: `${title} ${invoice.number}`,
      author: coop.name,
      subject: `${title} ${invoice.number} – ${document.client.name}`,
      creator: 'smart',
      producer: 'smart (pdfmake)',
    },
    ...(coop.demo ? { watermark: demoWatermark() } : {}),
    content,
    footer: pageFooter(footerIdentity, words.page),
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
  };
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
  return {
    columns: [
      {
        width: '*',
        stack: [
          { text: coop.name, style: 'brand', margin: [0, 0, 0, 4] },
          ...addressLines(coop.address).map((line) => ({ text: line, style: 'small' })),
          {
            text: [
              { text: `${words.vatNumber} `, color: COLORS.muted },
              { text: printedCoopVatNumber(coop.enterpriseNumber), bold: true },
            ],
            fontSize: 8.5,
            margin: [0, 4, 0, 0],
          },
          { text: `${words.iban} ${formatIban(coop.iban)}  ·  ${words.bic} ${coop.bic}`, style: 'small' },
        ],
      },
      {
        width: 245,
        stack: titleWithFacts((isCredit ? words.creditNoteTitle : words.invoiceTitle).toUpperCase(), meta),
      },
    ],
    columnGap: 20,
  };
}

/** Left: the client (who is billed); right: the engagement the invoice is for. */
function parties(document: InvoiceDocument, labels: PdfLabels): Content {
  const words = labels.invoice;
  const { client, contract, invoice } = document;
  const clientLines: Content[] = [
    { text: client.name, bold: true, fontSize: 11, margin: [0, 0, 0, 2] },
    ...addressLines(client.address).map((line) => ({ text: line })),
  ];
  if (client.country.toUpperCase() !== 'BE') clientLines.push({ text: labels.countryName(client.country) });
  if (client.vatNumber !== null && client.vatNumber.trim() !== '') {
    clientLines.push({
      text: [{ text: `${words.vatNumber} `, color: COLORS.muted }, { text: printedVatNumber(client.vatNumber), bold: true }],
      margin: [0, 3, 0, 0],
    });
  }
  const engagement: [string, string][] = [
    [words.contractNumber, `#${contract.id}`],
    [words.place, contract.place],
    [words.daysWorked, String(contract.days)],
  ];
  return {
    columns: [
      {
        width: '*',
        stack: [sectionLabel(invoice.kind === 'credit-note' ? words.creditTo : words.billTo), ...clientLines],
      },
      {
        width: 220,
        stack: [
          sectionLabel(words.engagement),
          {
            table: {
              widths: ['auto', '*'],
              body: engagement.map(([label, value]): TableCell[] => [
                { text: label, style: 'small', margin: [0, 1.5, 0, 0] },
                { text: value },
              ]),
            },
            layout: NO_LINES,
          },
        ],
      },
    ],
    columnGap: 20,
    margin: [0, 0, 0, 18],
  };
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
  return `${new Dec(rate).mul(100).toString()} %`;
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

/**
 * The EPC QR code (EPC069-12, "SEPA QR"): banking apps fill in the transfer from it. The
 * structured communication goes in the unstructured remittance field: the structured field is
 * reserved for ISO 11649 (RF) references, and a +++...+++ in the free text is what Belgian banks
 * (and `smart`'s own matching) recognise.
 */
export function epcQrPayload(values: { name: string; iban: string; bic: string; amountCents: Cents; communication: string }): string {
  return [
    'BCD',
    '002',
    '1',
    'SCT',
    values.bic.replace(/\s+/g, ''),
    values.name.slice(0, 70),
    values.iban.replace(/\s+/g, '').toUpperCase(),
    `EUR${formatCents(values.amountCents)}`,
    '',
    '',
    values.communication.slice(0, 140),
  ].join('\n');
}

/**
 * A sentence as inline pieces where each of `values` is bold and never broken across lines
 * (a structured communication split after "++" or an IBAN over two lines is easy to mistype).
 */
function keepTogether(sentence: string, values: readonly string[]): (string | { text: string; bold: true; noWrap: true })[] {
  const wanted = values.filter((value) => value !== '');
  if (wanted.length === 0) return [sentence];
  const escaped = wanted.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pieces = sentence.split(new RegExp(`(${escaped.join('|')})`));
  return pieces
    .filter((piece) => piece !== '')
    .map((piece) => (wanted.includes(piece) ? { text: piece, bold: true as const, noWrap: true as const } : piece));
}

/** How to pay: the sentence with due date, IBAN, BIC and communication, then the communication large. */
function payment(document: InvoiceDocument, labels: PdfLabels): Content {
  const words = labels.invoice;
  const { invoice, coop, totals } = document;
  const communication = invoice.structuredCommunication;
  const amount = displayCents(totals.totalCents);
  const dueDate = labels.formatDate(invoice.dueDate);
  const iban = formatIban(coop.iban);
  const text: Content[] = [
    { text: words.payment.toUpperCase(), style: 'label', color: COLORS.accent },
    {
      text: keepTogether(
        words.paymentTerms({ amount, dueDate, iban, bic: coop.bic, beneficiary: coop.name, communication }),
        [communication, iban, dueDate, `EUR ${amount}`],
      ),
      margin: [0, 3, 0, 8],
    },
    { text: words.structuredCommunication.toUpperCase(), style: 'label' },
    { text: communication, fontSize: 17, bold: true, color: COLORS.accent, characterSpacing: 0.5, margin: [0, 1, 0, 0] },
  ];
  const payable = totals.totalCents > 0;
  const qr: Column[] = payable
    ? [
        {
          width: 90,
          stack: [
            {
              qr: epcQrPayload({ name: coop.name, iban: coop.iban, bic: coop.bic, amountCents: totals.totalCents, communication }),
              fit: 90,
              eccLevel: 'M',
              foreground: COLORS.text,
            },
            { text: words.scanToPay, style: 'fine', alignment: 'center', margin: [0, 2, 0, 0] },
          ],
        },
      ]
    : [];
  return callout({ columns: [{ width: '*', stack: text }, ...qr], columnGap: 14 }, { margin: [0, 18, 0, 0] });
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
    { text: `${coop.name}  ·  ${words.enterpriseNumber} ${formatEnterpriseNumber(coop.enterpriseNumber)}  ·  ${addressLines(coop.address).join(', ')}` },
  ];
  if (coop.demo) lines.push({ text: words.demo, bold: true });
  return { stack: lines, style: 'fine', margin: [0, 22, 0, 0] };
}
