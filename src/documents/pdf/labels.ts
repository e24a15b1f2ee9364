import type { IsoDate } from '../../calendar/dates.js';
import type { VatCategory } from '../../invoicing/vat.js';

/**
 * Every word the PDF documents print, by language. Only English exists today; a French or
 * Dutch document is one more entry in LABELS (the layout code never holds a sentence).
 * Sentences with values in them are functions, so each language orders its own words.
 */
export type PdfLanguage = 'en';

export interface PaymentTermsValues {
  readonly amount: string;
  readonly dueDate: string;
  readonly iban: string;
  readonly bic: string;
  readonly beneficiary: string;
  readonly communication: string;
}

export interface InvoiceLabels {
  readonly invoiceTitle: string;
  readonly creditNoteTitle: string;
  readonly invoiceNumber: string;
  readonly creditNoteNumber: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly supplyPeriod: string;
  readonly correctsInvoice: string;
  readonly billTo: string;
  readonly creditTo: string;
  readonly engagement: string;
  readonly contractNumber: string;
  readonly place: string;
  readonly daysWorked: string;
  readonly vatNumber: string;
  readonly enterpriseNumber: string;
  readonly iban: string;
  readonly bic: string;
  readonly description: string;
  readonly days: string;
  readonly quantity: string;
  readonly vat: string;
  readonly amountExclVat: string;
  readonly vatSummary: string;
  readonly vatRate: string;
  readonly taxableBase: string;
  readonly vatAmount: string;
  readonly totalExclVat: string;
  readonly totalVat: string;
  readonly totalToPay: string;
  readonly totalCredited: string;
  readonly vatCategory: Readonly<Record<VatCategory, string>>;
  readonly vatMentionTitle: string;
  readonly payment: string;
  readonly paymentTerms: (values: PaymentTermsValues) => string;
  readonly structuredCommunication: string;
  readonly scanToPay: string;
  readonly settlement: string;
  readonly creditNoteSettlement: (values: { readonly amount: string; readonly invoice: string }) => string;
  readonly reference: string;
  readonly correction: (values: { readonly invoice: string; readonly date: string }) => string;
  readonly reason: string;
  readonly performedBy: (values: { readonly member: string; readonly coop: string }) => string;
  readonly demo: string;
  readonly page: (current: number, count: number) => string;
}

export interface EmploymentContractLabels {
  readonly title: string;
  /** The title in Belgium's two main languages, printed under the title whatever the language. */
  readonly legalSubtitle: string;
  readonly contractNumber: (id: number) => string;
  readonly between: string;
  readonly employer: string;
  readonly worker: string;
  readonly employerRole: string;
  readonly workerRole: string;
  readonly enterpriseNumber: string;
  readonly address: string;
  readonly birthDate: string;
  readonly niss: string;
  readonly agreed: string;
  readonly article: (number: number, title: string) => string;
  readonly workTitle: string;
  readonly work: (values: { readonly client: string; readonly description: string }) => string;
  readonly placeTitle: string;
  readonly place: (place: string) => string;
  readonly durationTitle: string;
  readonly duration: (values: { readonly start: string; readonly end: string; readonly days: number }) => string;
  readonly durationEnd: string;
  readonly salaryTitle: string;
  readonly salary: (values: { readonly amount: string; readonly budget: string }) => string;
  readonly agreedAmount: string;
  readonly budget: string;
  readonly employerContributions: string;
  readonly grossSalary: string;
  readonly salaryBasis: string;
  readonly salaryFinal: string;
  readonly jointCommitteeTitle: string;
  readonly jointCommittee: string;
  readonly rulesTitle: string;
  readonly rules: string;
  readonly doneAt: (date: string | undefined) => string;
  readonly forEmployer: string;
  readonly theWorker: string;
  readonly nameAndRole: string;
  readonly readAndApproved: string;
  readonly signature: string;
  readonly demo: string;
  readonly page: (current: number, count: number) => string;
}

export interface PdfLabels {
  /** BCP 47 tag written into the PDF. */
  readonly language: string;
  readonly formatDate: (date: IsoDate) => string;
  readonly formatPeriod: (start: IsoDate, end: IsoDate) => string;
  readonly countryName: (isoCode: string) => string;
  readonly invoice: InvoiceLabels;
  readonly contract: EmploymentContractLabels;
}

const ENGLISH_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return { year, month, day };
}

function englishDate(date: IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${ENGLISH_MONTHS[month - 1] ?? ''} ${year}`;
}

/** "3 - 14 November 2026", "28 October - 14 November 2026", or one date when start = end. */
function englishPeriod(start: IsoDate, end: IsoDate): string {
  if (start === end) return englishDate(start);
  const from = dateParts(start);
  const to = dateParts(end);
  if (from.year !== to.year) return `${englishDate(start)} – ${englishDate(end)}`;
  if (from.month !== to.month) return `${from.day} ${ENGLISH_MONTHS[from.month - 1] ?? ''} – ${englishDate(end)}`;
  return `${from.day} – ${englishDate(end)}`;
}

function countryNameIn(language: string): (isoCode: string) => string {
  let names: Intl.DisplayNames | undefined;
  return (isoCode) => {
    try {
      names ??= new Intl.DisplayNames([language], { type: 'region' });
      return names.of(isoCode.toUpperCase()) ?? isoCode;
    } catch {
      return isoCode;
    }
  };
}

const EN: PdfLabels = {
  language: 'en',
  formatDate: englishDate,
  formatPeriod: englishPeriod,
  countryName: countryNameIn('en'),
  invoice: {
    invoiceTitle: 'Invoice',
    creditNoteTitle: 'Credit note',
    invoiceNumber: 'Invoice number',
    creditNoteNumber: 'Credit note number',
    issueDate: 'Issue date',
    dueDate: 'Due date',
    supplyPeriod: 'Date of supply',
    correctsInvoice: 'Corrects invoice',
    billTo: 'Bill to',
    creditTo: 'Credit to',
    engagement: 'Engagement',
    contractNumber: 'Contract',
    place: 'Place',
    daysWorked: 'Days worked',
    vatNumber: 'VAT',
    enterpriseNumber: 'Enterprise no.',
    iban: 'IBAN',
    bic: 'BIC',
    description: 'Description',
    days: 'Days',
    quantity: 'Qty',
    vat: 'VAT',
    amountExclVat: 'Amount excl. VAT',
    vatSummary: 'VAT summary',
    vatRate: 'VAT rate',
    taxableBase: 'Taxable base',
    vatAmount: 'VAT',
    totalExclVat: 'Total excl. VAT',
    totalVat: 'VAT',
    totalToPay: 'Total to pay',
    totalCredited: 'Total credited',
    vatCategory: {
      S: 'standard rate',
      Z: 'zero rate',
      AE: 'reverse charge',
      G: 'export',
      E: 'exempt',
    },
    vatMentionTitle: 'VAT not charged',
    payment: 'Payment',
    paymentTerms: (v) =>
      `To be paid by ${v.dueDate} to IBAN ${v.iban} (BIC ${v.bic}) of ${v.beneficiary}, amount EUR ${v.amount}, ` +
      `with the structured communication ${v.communication}.`,
    structuredCommunication: 'Structured communication',
    scanToPay: 'Scan to pay',
    settlement: 'Settlement',
    creditNoteSettlement: (v) =>
      `EUR ${v.amount} is credited to you against invoice ${v.invoice}. Nothing is to be paid on this credit note.`,
    reference: 'Reference',
    correction: (v) => `This credit note corrects invoice ${v.invoice} of ${v.date}.`,
    reason: 'Reason',
    performedBy: (v) =>
      `The work invoiced was performed by ${v.member}, employed for this engagement by ${v.coop}, ` +
      `which invoices it in its own name and for its own account.`,
    demo: 'Demonstration book: this document is not a valid invoice.',
    page: (current, count) => `Page ${current} of ${count}`,
  },
  contract: {
    title: 'Fixed-term employment contract',
    legalSubtitle: 'Contrat de travail à durée déterminée / Arbeidsovereenkomst voor een bepaalde tijd',
    contractNumber: (id) => `Contract no. ${id}`,
    between: 'Between the undersigned:',
    employer: 'The employer',
    worker: 'The worker',
    employerRole: 'hereinafter "the employer"',
    workerRole: 'hereinafter "the worker"',
    enterpriseNumber: 'Enterprise no.',
    address: 'Address',
    birthDate: 'Born on',
    niss: 'NISS',
    agreed: 'It is agreed as follows.',
    article: (number, title) => `Article ${number}. ${title}`,
    workTitle: 'The work',
    work: (v) => `The employer employs the worker to perform the following work for its client ${v.client}: ${v.description}.`,
    placeTitle: 'Place of work',
    place: (place) => `The work is performed at: ${place}.`,
    durationTitle: 'Duration',
    duration: (v) =>
      `This contract is concluded for a fixed term, from ${v.start} to ${v.end} inclusive, ` +
      `for ${v.days} working day${v.days === 1 ? '' : 's'}.`,
    durationEnd: 'It ends on its own at the end of that term, without notice.',
    salaryTitle: 'Remuneration',
    salary: (v) =>
      `The employer invoices the work to the client for EUR ${v.amount} excluding VAT. After the co-op's management ` +
      `contribution and the contribution to the guarantee fund, EUR ${v.budget} is available for the worker's pay, ` +
      `from which the employer pays the gross salary and its own social security contributions:`,
    agreedAmount: 'Amount invoiced, excl. VAT',
    budget: 'Budget for the pay',
    employerContributions: "Employer's social security contributions",
    grossSalary: 'Gross salary (estimate)',
    salaryBasis: 'How it is computed',
    salaryFinal:
      'The final gross salary, the contributions and the withholding tax are set on the payslip by the rules in force ' +
      'on the payment date. The net salary is paid by bank transfer within seven days after the end of the work, ' +
      'whether or not the client has paid.',
    jointCommitteeTitle: 'Joint committee',
    jointCommittee: 'Joint committee: to be set by the rules (PC 200 / PC 329)',
    rulesTitle: 'Applicable rules',
    rules:
      "This contract is governed by Belgian law, in particular the law of 3 July 1978 on employment contracts. " +
      "The worker acknowledges having received a copy of the employer's work rules.",
    doneAt: (date) =>
      `Done in two copies, each party acknowledging receipt of its own, at ____________________ on ${date ?? '____________________'}.`,
    forEmployer: 'For the employer',
    theWorker: 'The worker',
    nameAndRole: 'Name and role',
    readAndApproved: 'Handwritten: "Read and approved"',
    signature: 'Signature',
    demo: 'Demonstration book: this document is not a valid contract.',
    page: (current, count) => `Page ${current} of ${count}`,
  },
};

export const LABELS: Readonly<Record<PdfLanguage, PdfLabels>> = { en: EN };

export function labelsFor(language: PdfLanguage = 'en'): PdfLabels {
  return LABELS[language];
}
