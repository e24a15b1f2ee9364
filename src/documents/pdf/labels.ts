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

export interface PayslipLabels {
  readonly title: string;
  readonly employer: string;
  readonly worker: string;
  readonly enterpriseNumber: string;
  readonly memberNumber: string;
  readonly address: string;
  readonly niss: string;
  readonly category: string;
  readonly categories: Readonly<Record<'employee' | 'artist', string>>;
  readonly withholdingMode: string;
  readonly withholdingModes: Readonly<Record<'key-formula' | 'flat', string>>;
  readonly weekValue: (values: { readonly week: string; readonly period: string }) => string;
  readonly period: string;
  readonly payDate: string;
  readonly reference: string;
  readonly workPaid: string;
  readonly invoice: string;
  readonly work: string;
  readonly workEnded: string;
  readonly budget: string;
  readonly expenses: string;
  readonly expenseNote: string;
  readonly date: string;
  readonly description: string;
  readonly amount: string;
  readonly computation: string;
  readonly item: string;
  readonly basis: string;
  readonly amountEur: string;
  readonly budgetOfWork: string;
  readonly broughtForward: string;
  readonly broughtForwardBasis: string;
  readonly heldBack: string;
  readonly heldBackBasis: string;
  readonly lessExpenses: string;
  readonly lessExpensesBasis: string;
  readonly salaryBudget: string;
  readonly grossSalary: string;
  readonly grossBasis: (values: { readonly budget: string; readonly load: string | undefined }) => string;
  readonly socialSecurityBase: string;
  readonly baseBasis: (values: { readonly factor: string | undefined; readonly gross: string; readonly artist: boolean }) => string;
  readonly employeeContributions: string;
  readonly ofBase: (values: { readonly rate: string | undefined; readonly base: string }) => string;
  readonly taxable: string;
  readonly taxableBasis: string;
  readonly withholding: string;
  readonly withholdingFlatBasis: (values: { readonly rate: string | undefined; readonly taxable: string }) => string;
  readonly withholdingKeyBasis: (values: { readonly earlier: string | undefined }) => string;
  readonly specialContribution: string;
  readonly specialBasis: (values: { readonly monthGross: string }) => string;
  readonly netSalary: string;
  readonly netBasis: string;
  readonly plusExpenses: string;
  readonly plusExpensesBasis: (count: number) => string;
  readonly transferred: string;
  readonly transferredTo: (iban: string) => string;
  readonly employerSide: string;
  readonly employerContributions: string;
  readonly holidayContributions: string;
  readonly leftover: string;
  /** The month to date of a run: given the first day of the run's month. */
  readonly monthToDate: (monthStart: IsoDate) => string;
  readonly earlierThisMonth: string;
  readonly thisPayout: string;
  readonly monthTotal: string;
  readonly gross: string;
  readonly withheld: string;
  readonly notes: readonly string[];
  readonly demo: string;
  readonly page: (current: number, count: number) => string;
}

export interface ReminderValues {
  readonly invoice: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly daysOverdue: number;
  readonly total: string;
  readonly paid: string;
  readonly open: string;
  readonly credited: string;
}

export interface ReminderLabels {
  /** "Payment reminder" for the first, "Second reminder" for the second... */
  readonly title: (reminderNumber: number) => string;
  readonly reminderDate: string;
  readonly invoiceNumber: string;
  readonly dueDate: string;
  readonly overdue: string;
  readonly days: (count: number) => string;
  readonly to: string;
  readonly concerning: string;
  readonly work: string;
  readonly supplyPeriod: string;
  readonly contractNumber: string;
  readonly vatNumber: string;
  readonly iban: string;
  readonly bic: string;
  readonly greeting: string;
  /** The invoice is unpaid; or partly settled, `paid` and `credited` being '' when nothing was. */
  readonly unpaid: (values: ReminderValues) => string;
  readonly partlyPaid: (values: ReminderValues) => string;
  readonly request: (values: ReminderValues & { readonly reminderNumber: number }) => string;
  readonly issueDate: string;
  readonly total: string;
  readonly paid: string;
  readonly credited: string;
  readonly stillDue: string;
  readonly amountStillDue: string;
  readonly payment: string;
  readonly paymentTerms: (values: Omit<PaymentTermsValues, 'dueDate'>) => string;
  readonly structuredCommunication: string;
  readonly scanToPay: string;
  readonly crossed: string;
  readonly contact: (values: { readonly coop: string; readonly address: string; readonly invoice: string }) => string;
  readonly closing: string;
  readonly enterpriseNumber: string;
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
  readonly payslip: PayslipLabels;
  readonly reminder: ReminderLabels;
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
  payslip: {
    title: 'Payslip',
    employer: 'Employer',
    worker: 'Worker',
    enterpriseNumber: 'Enterprise no.',
    memberNumber: 'Member no.',
    address: 'Address',
    niss: 'NISS',
    category: 'Category',
    categories: { employee: 'White-collar employee', artist: 'Artist' },
    withholdingMode: 'Withholding tax',
    withholdingModes: { 'key-formula': 'Key formula (monthly scale)', flat: 'Flat rate (artists, Annex III point 80)' },
    weekValue: (v) => `Week ${v.week}, ${v.period}`,
    period: 'Period',
    payDate: 'Paid on',
    reference: 'Payout run',
    workPaid: 'Work paid',
    invoice: 'Invoice',
    work: 'Work',
    workEnded: 'Work ended',
    budget: 'Budget (EUR)',
    expenses: 'Expenses reimbursed (no contributions, no tax)',
    expenseNote: 'Note',
    date: 'Date',
    description: 'Description',
    amount: 'Amount (EUR)',
    computation: 'From budget to net salary',
    item: 'Item',
    basis: 'Basis',
    amountEur: 'EUR',
    budgetOfWork: 'Budget of the work paid',
    broughtForward: 'Activity account brought forward',
    broughtForwardBasis: 'cents left by earlier payouts',
    heldBack: 'Kept on the activity account',
    heldBackBasis: 'waits for a later payout',
    lessExpenses: 'Expenses reimbursed in this payout',
    lessExpensesBasis: 'paid out of the budget, without contributions',
    salaryBudget: 'Salary budget',
    grossSalary: 'Gross salary',
    grossBasis: (v) =>
      v.load === undefined
        ? 'largest gross whose employer cost fits the salary budget'
        : `${v.budget} / (1 + ${v.load}), rounded down`,
    socialSecurityBase: 'Social security base',
    baseBasis: (v) =>
      v.artist ? (v.factor === undefined ? `artist base on gross ${v.gross}` : `${v.factor} of gross ${v.gross} (artist)`) : 'gross salary',
    employeeContributions: 'Employee social security contributions',
    ofBase: (v) => (v.rate === undefined ? `on ${v.base}` : `${v.rate} of ${v.base}`),
    taxable: 'Taxable pay',
    taxableBasis: 'gross − employee contributions',
    withholding: 'Withholding tax',
    withholdingFlatBasis: (v) => (v.rate === undefined ? `flat rate on ${v.taxable}` : `flat ${v.rate} of ${v.taxable}`),
    withholdingKeyBasis: (v) =>
      v.earlier === undefined ? "key formula on the month's taxable pay" : `key formula on the month, less ${v.earlier} already withheld`,
    specialContribution: 'Special social security contribution',
    specialBasis: (v) => `on the month's gross pay of ${v.monthGross}`,
    netSalary: 'Net salary',
    netBasis: 'taxable − withholding − special contribution',
    plusExpenses: 'Plus expenses reimbursed',
    plusExpensesBasis: (count) => `${count} expense note${count === 1 ? '' : 's'}`,
    transferred: 'Amount transferred',
    transferredTo: (iban) => `to IBAN ${iban}`,
    employerSide: "Employer's side, for information",
    employerContributions: 'Employer social security contributions',
    holidayContributions: 'Holiday contributions (artist)',
    leftover: 'Left on the activity account for the next payout',
    monthToDate: (monthStart) => {
      const { year, month } = dateParts(monthStart);
      return `Month to date: ${ENGLISH_MONTHS[month - 1] ?? ''} ${year}`;
    },
    earlierThisMonth: 'Earlier',
    thisPayout: 'This payout',
    monthTotal: 'Month',
    gross: 'Gross salary',
    withheld: 'Withholding',
    notes: [
      'Gross salary: the largest whole-cent amount whose cost to the employer fits in the salary budget; the cents left over ' +
        'stay on the activity account for the next payout. Withholding tax and the special contribution are computed on the ' +
        'whole calendar month, less what earlier payouts of the month withheld. Expenses are reimbursed at cost, free of ' +
        'contributions and tax.',
    ],
    demo: 'Demonstration book: this document is not a valid payslip.',
    page: (current, count) => `Page ${current} of ${count}`,
  },
  reminder: {
    title: (n) => (n <= 1 ? 'Payment reminder' : n === 2 ? 'Second reminder' : n === 3 ? 'Third reminder' : `Reminder no. ${n}`),
    reminderDate: 'Reminder date',
    invoiceNumber: 'Invoice number',
    dueDate: 'Due date',
    overdue: 'Overdue',
    days: (count) => `${count} day${count === 1 ? '' : 's'}`,
    to: 'To',
    concerning: 'Concerning',
    work: 'Work',
    supplyPeriod: 'Date of supply',
    contractNumber: 'Contract',
    vatNumber: 'VAT',
    iban: 'IBAN',
    bic: 'BIC',
    greeting: 'Dear Sir or Madam,',
    unpaid: (v) =>
      `According to our records, invoice ${v.invoice} of ${v.issueDate} for EUR ${v.total}, due on ${v.dueDate} ` +
      `(${v.daysOverdue} day${v.daysOverdue === 1 ? '' : 's'} ago), is still unpaid.`,
    partlyPaid: (v) =>
      `According to our records, invoice ${v.invoice} of ${v.issueDate} for EUR ${v.total}, due on ${v.dueDate} ` +
      `(${v.daysOverdue} day${v.daysOverdue === 1 ? '' : 's'} ago), has only partly been settled: ` +
      [v.paid === '' ? '' : `we received EUR ${v.paid}`, v.credited === '' ? '' : `${v.paid === '' ? 'we ' : ''}credited EUR ${v.credited}`]
        .filter((piece) => piece !== '')
        .join(' and ') +
      `, and EUR ${v.open} is still due.`,
    request: (v) =>
      v.reminderNumber <= 1
        ? `This has probably escaped your attention. We would be grateful if you could transfer EUR ${v.open} ` +
          'at your earliest convenience, with the payment details below.'
        : `Our earlier reminder${v.reminderNumber > 2 ? 's have' : ' has'} remained unanswered. We kindly but firmly ask you ` +
          `to transfer EUR ${v.open} without further delay, with the payment details below.`,
    issueDate: 'Issue date',
    total: 'Total',
    paid: 'Paid',
    credited: 'Credited',
    stillDue: 'Still due',
    amountStillDue: 'Amount still due',
    payment: 'Payment',
    paymentTerms: (v) =>
      `Please transfer EUR ${v.amount} to IBAN ${v.iban} (BIC ${v.bic}) of ${v.beneficiary}, ` +
      `with the structured communication ${v.communication}.`,
    structuredCommunication: 'Structured communication',
    scanToPay: 'Scan to pay',
    crossed: 'If your payment has crossed this reminder, please disregard it, and thank you.',
    contact: (v) =>
      `For any question about this invoice, please contact ${v.coop}, ${v.address}, quoting invoice ${v.invoice}.`,
    closing: 'Yours faithfully,',
    enterpriseNumber: 'Enterprise no.',
    demo: 'Demonstration book: this document is not a valid payment reminder.',
    page: (current, count) => `Page ${current} of ${count}`,
  },
};

export const LABELS: Readonly<Record<PdfLanguage, PdfLabels>> = { en: EN };

export function labelsFor(language: PdfLanguage = 'en'): PdfLabels {
  return LABELS[language];
}
