import type { Column, Content, TableCell } from 'pdfmake/interfaces.js';
import type { IsoDate } from '../../calendar/dates.js';
import { formatIban } from '../../identifiers/index.js';
import type { InvoiceDocument } from '../../invoicing/invoice-document.js';
import { type Cents, displayCents } from '../../money/index.js';
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
import { type PdfLabels, type PdfLanguage, type ReminderLabels, type ReminderValues, labelsFor } from './labels.js';
import { type PdfDocumentDefinition, renderPdf } from './pdfmake.js';
import { COLORS, PAGE_MARGINS, addressLines, horizontalRule, lightRowsLayout } from './style.js';

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
  return coopDocumentDefinition({
    coop,
    language: labels.language,
    pageMargins: PAGE_MARGINS,
    title: `${title} – ${invoice.number}`,
    subject: `${title} – ${invoice.number} – ${client.name}`,
    content,
    footerIdentity: coopBankIdentity(coop, words),
    page: words.page,
  });
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
  return documentHeader(coopCreditorLetterhead(coop, words), 260, words.title(document.reminderNumber).toUpperCase(), meta);
}

/** Left: the client (who owes); right: the work the invoice was for, so it is recognised at once. */
function parties(document: ReminderDocument, labels: PdfLabels): Content {
  const words = labels.reminder;
  const { client, contract, invoice } = document.invoice;
  const concerning: [string, string][] = [
    [words.work, contract.description],
    [words.supplyPeriod, labels.formatPeriod(invoice.supplyStart, invoice.supplyEnd)],
    [words.contractNumber, `#${contract.id}`],
  ];
  return partiesColumns(words.to, clientLines(client, labels, words.vatNumber), words.concerning, 240, concerning, true);
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

/** How to pay what is still due, as on the invoice: the sentence, the communication large, the QR code. */
function payment(document: ReminderDocument, words: ReminderLabels): Content {
  const { invoice, coop } = document.invoice;
  const communication = invoice.structuredCommunication;
  const amount = displayCents(document.openCents);
  const iban = formatIban(coop.iban);
  const terms = keepTogether(words.paymentTerms({ amount, iban, bic: coop.bic, beneficiary: coop.name, communication }), [communication, iban, `EUR ${amount}`]);
  return paymentBox(coop, words, terms, communication, document.openCents);
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
    { text: coopIdentityLine(coop, words.enterpriseNumber) },
  ];
  if (coop.demo) lines.push({ text: words.demo, bold: true });
  return { stack: lines, style: 'fine', margin: [0, 22, 0, 0] };
}
