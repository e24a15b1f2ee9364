import type { Column, Content, TableCell } from 'pdfmake/interfaces.js';
import type { IsoDate } from '../../calendar/dates.js';
import { formatEnterpriseNumber, formatIban } from '../../identifiers/index.js';
import type { InvoiceDocument } from '../../invoicing/invoice-document.js';
import { type Cents, displayCents } from '../../money/index.js';
import { epcQrPayload } from './invoice-pdf.js';
import { type PdfLabels, type PdfLanguage, type ReminderLabels, type ReminderValues, labelsFor } from './labels.js';
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

/** An overdue invoice and where its payment stands on the day of the reminder. */
export interface ReminderDocument {
  readonly invoice: InvoiceDocument;
  readonly reminderDate: IsoDate;
  /** What the client paid on the invoice so far. */
  readonly paidCents: Cents;
  /** What is still due: the total less credit notes and payments. */
  readonly openCents: Cents;
  readonly daysOverdue: number;
  /** 1 for a first reminder, 2 for a second... */
  readonly reminderNumber: number;
}

export interface ReminderPdfOptions {
  readonly language?: PdfLanguage;
}

export async function renderReminderPdf(document: ReminderDocument, options: ReminderPdfOptions = {}): Promise<Buffer> {
  return renderPdf(reminderPdfDefinition(document, options));
}

/**
 * The payment reminder of an overdue invoice, on one A4 page laid out like the invoice: the co-op
 * (the creditor) and the client; the title ("Payment reminder", "Second reminder"...), the
 * reminder date and the invoice it is about; a courteous letter saying what is still due on
 * which invoice, since when; the invoice's total, what was paid (and credited) and what is still
 * due; how to pay it (IBAN, BIC, the invoice's own structured communication, and an EPC QR code
 * for the amount still due); a line to disregard the reminder if payment crossed it; and whom to
 * contact. A pure function of the document: the credited amount, when there is one, is the only
 * figure computed here (total − paid − still due), so that the columns add up.
 */
export function reminderPdfDefinition(document: ReminderDocument, options: ReminderPdfOptions = {}): PdfDocumentDefinition {
  const labels = labelsFor(options.language);
  const words = labels.reminder;
  const { invoice, coop, client } = document.invoice;
  const title = words.title(document.reminderNumber);
  const content: Content[] = [
    header(document, labels),
    horizontalRule([0, 14, 0, 14], COLORS.accent, 1.2),
    parties(document, labels),
    letter(document, labels),
    statusBlock(document, labels),
    payment(document, words),
    closing(document, words),
    smallPrint(document, words),
  ];
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
      title: `${title} – ${invoice.number}`,
      author: coop.name,
      subject: `${title} – ${invoice.number} – ${client.name}`,
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

/** What was credited on the invoice (credit notes): what the total less payments and still due leaves. */
function creditedCents(document: ReminderDocument): Cents {
  return Math.max(0, document.invoice.invoice.totalCents - document.paidCents - document.openCents);
}

/** The values the letter's sentences print, amounts as displayed ('' for nothing paid or credited). */
function reminderValues(document: ReminderDocument, labels: PdfLabels): ReminderValues {
  const { invoice } = document.invoice;
  const credited = creditedCents(document);
  return {
    invoice: invoice.number,
    issueDate: labels.formatDate(invoice.issueDate),
    dueDate: labels.formatDate(invoice.dueDate),
    daysOverdue: document.daysOverdue,
    total: displayCents(invoice.totalCents),
    paid: document.paidCents > 0 ? displayCents(document.paidCents) : '',
    open: displayCents(document.openCents),
    credited: credited > 0 ? displayCents(credited) : '',
  };
}

/** Left: the co-op (the creditor), as on the invoice; right: the title, the date and the invoice. */
function header(document: ReminderDocument, labels: PdfLabels): Content {
  const words = labels.reminder;
  const { invoice, coop } = document.invoice;
  const meta: [string, string][] = [
    [words.reminderDate, labels.formatDate(document.reminderDate)],
    [words.invoiceNumber, invoice.number],
    [words.dueDate, labels.formatDate(invoice.dueDate)],
    [words.overdue, words.days(document.daysOverdue)],
  ];
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
      { width: 260, stack: titleWithFacts(words.title(document.reminderNumber).toUpperCase(), meta) },
    ],
    columnGap: 20,
  };
}

/** Left: the client (who owes); right: the work the invoice was for, so it is recognised at once. */
function parties(document: ReminderDocument, labels: PdfLabels): Content {
  const words = labels.reminder;
  const { client, contract, invoice } = document.invoice;
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
  const concerning: [string, string][] = [
    [words.work, contract.description],
    [words.supplyPeriod, labels.formatPeriod(invoice.supplyStart, invoice.supplyEnd)],
    [words.contractNumber, `#${contract.id}`],
  ];
  return {
    columns: [
      { width: '*', stack: [sectionLabel(words.to), ...clientLines] },
      {
        width: 240,
        stack: [
          sectionLabel(words.concerning),
          {
            table: {
              widths: ['auto', '*'],
              body: concerning.map(([label, value]): TableCell[] => [
                { text: label, style: 'small', noWrap: true, margin: [0, 1.5, 0, 0] },
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

/** The letter: the greeting, what is still due on which invoice since when, and the request. */
function letter(document: ReminderDocument, labels: PdfLabels): Content {
  const words = labels.reminder;
  const values = reminderValues(document, labels);
  const settledInPart = values.paid !== '' || values.credited !== '';
  const amounts = [`EUR ${values.total}`, `EUR ${values.open}`, values.paid === '' ? '' : `EUR ${values.paid}`, values.credited === '' ? '' : `EUR ${values.credited}`];
  return {
    stack: [
      { text: words.greeting, margin: [0, 0, 0, 6] },
      {
        text: keepTogether(settledInPart ? words.partlyPaid(values) : words.unpaid(values), [values.invoice, ...amounts], [
          values.issueDate,
          values.dueDate,
          words.days(values.daysOverdue),
        ]),
        margin: [0, 0, 0, 4],
      },
      { text: keepTogether(words.request({ ...values, reminderNumber: document.reminderNumber }), [`EUR ${values.open}`]) },
    ],
    margin: [0, 0, 0, 14],
  };
}

/** The invoice and where its payment stands, then the amount still due highlighted as on the invoice. */
function statusBlock(document: ReminderDocument, labels: PdfLabels): Content {
  const words = labels.reminder;
  const { invoice } = document.invoice;
  const credited = creditedCents(document);
  const amountHeader = (text: string): TableCell => ({ text: `${text} (EUR)`, style: 'tableHeader', alignment: 'right', noWrap: true });
  const amount = (cents: Cents, bold = false): TableCell => ({ text: displayCents(cents), alignment: 'right', noWrap: true, bold });
  const headerRow: TableCell[] = [
    { text: words.invoiceNumber, style: 'tableHeader' },
    { text: words.issueDate, style: 'tableHeader' },
    { text: words.dueDate, style: 'tableHeader' },
    amountHeader(words.total),
    ...(credited > 0 ? [amountHeader(words.credited)] : []),
    amountHeader(words.paid),
    amountHeader(words.stillDue),
  ];
  const row: TableCell[] = [
    { text: invoice.number, bold: true, noWrap: true },
    { text: labels.formatDate(invoice.issueDate), noWrap: true },
    { text: labels.formatDate(invoice.dueDate), noWrap: true },
    amount(invoice.totalCents),
    ...(credited > 0 ? [amount(credited)] : []),
    amount(document.paidCents),
    amount(document.openCents, true),
  ];
  const table: Content = {
    table: { headerRows: 1, widths: ['*', 'auto', 'auto', ...headerRow.slice(3).map(() => 'auto')], body: [headerRow, row] },
    layout: lightRowsLayout({ fillHeader: true }),
  };
  const due: Column = {
    width: 215,
    table: {
      widths: ['*', 'auto'],
      body: [
        [
          { text: words.amountStillDue, bold: true, color: 'white', fontSize: 11 },
          { text: `EUR ${displayCents(document.openCents)}`, bold: true, color: 'white', fontSize: 11, alignment: 'right', noWrap: true },
        ],
      ],
    },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: () => 0,
      fillColor: () => COLORS.accent,
      paddingLeft: () => 8,
      paddingRight: () => 8,
      paddingTop: () => 7,
      paddingBottom: () => 7,
    },
  };
  return { stack: [table, { columns: [{ width: '*', text: '' }, due], margin: [0, 10, 0, 0] }] };
}

/**
 * A sentence as inline pieces where each of `values` is bold and never broken across lines
 * (a structured communication split after "++" or an IBAN over two lines is easy to mistype),
 * and each of `plain` is only kept on one line ("16 December 2026", "14 days").
 */
function keepTogether(sentence: string, values: readonly string[], plain: readonly string[] = []): (string | { text: string; bold?: true; noWrap: true })[] {
  const bold = values.filter((value) => value !== '');
  const wanted = [...bold, ...plain.filter((value) => value !== '')];
  if (wanted.length === 0) return [sentence];
  const escaped = wanted.map((value) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pieces = sentence.split(new RegExp(`(${escaped.join('|')})`));
  return pieces
    .filter((piece) => piece !== '')
    .map((piece) =>
      bold.includes(piece) ? { text: piece, bold: true as const, noWrap: true as const } : wanted.includes(piece) ? { text: piece, noWrap: true as const } : piece,
    );
}

/** How to pay what is still due, as on the invoice: the sentence, the communication large, the QR code. */
function payment(document: ReminderDocument, words: ReminderLabels): Content {
  const { invoice, coop } = document.invoice;
  const communication = invoice.structuredCommunication;
  const amount = displayCents(document.openCents);
  const iban = formatIban(coop.iban);
  const text: Content[] = [
    { text: words.payment.toUpperCase(), style: 'label', color: COLORS.accent },
    {
      text: keepTogether(
        words.paymentTerms({ amount, iban, bic: coop.bic, beneficiary: coop.name, communication }),
        [communication, iban, `EUR ${amount}`],
      ),
      margin: [0, 3, 0, 8],
    },
    { text: words.structuredCommunication.toUpperCase(), style: 'label' },
    { text: communication, fontSize: 17, bold: true, color: COLORS.accent, characterSpacing: 0.5, margin: [0, 1, 0, 0] },
  ];
  const qr: Column[] =
    document.openCents > 0
      ? [
          {
            width: 90,
            stack: [
              {
                qr: epcQrPayload({ name: coop.name, iban: coop.iban, bic: coop.bic, amountCents: document.openCents, communication }),
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

/** Disregard it if payment crossed it, whom to ask, and the sign-off. */
function closing(document: ReminderDocument, words: ReminderLabels): Content {
  const { coop, invoice } = document.invoice;
  return {
    stack: [
      { text: words.crossed, italics: true, margin: [0, 0, 0, 4] },
      { text: words.contact({ coop: coop.name, address: addressLines(coop.address).join(', '), invoice: invoice.number }), margin: [0, 0, 0, 10] },
      { text: words.closing },
      { text: coop.name, bold: true, margin: [0, 2, 0, 0] },
    ],
    margin: [0, 16, 0, 0],
    unbreakable: true,
  };
}

/** The fine print: the co-op's identity; the demo warning if any. */
function smallPrint(document: ReminderDocument, words: ReminderLabels): Content {
  const { coop } = document.invoice;
  const lines: Content[] = [
    { text: `${coop.name}  ·  ${words.enterpriseNumber} ${formatEnterpriseNumber(coop.enterpriseNumber)}  ·  ${addressLines(coop.address).join(', ')}` },
  ];
  if (coop.demo) lines.push({ text: words.demo, bold: true });
  return { stack: lines, style: 'fine', margin: [0, 22, 0, 0] };
}
