import type { Column, Content, TableCell } from 'pdfmake/interfaces.js';
import type { IsoDate } from '../../calendar/dates.js';
import type { Contract } from '../../contracts/contract.js';
import type { Coop } from '../../coop/coop-store.js';
import { formatEnterpriseNumber, formatNiss } from '../../identifiers/index.js';
import type { Member } from '../../members/member.js';
import { type Cents, displayCents } from '../../money/index.js';
import { type EmploymentContractLabels, type PdfLabels, type PdfLanguage, labelsFor } from './labels.js';
import { RULE_ABOVE_RESULT, coopDocumentDefinition, coopIdentityLine, sideBySideBoxesLayout } from './blocks.js';
import { type PdfDocumentDefinition, renderPdf } from './pdfmake.js';
import {
  COLORS,
  DEFAULT_STYLE,
  NO_LINES,
  PAGE_MARGINS,
  addressLines,
  horizontalRule,
  sectionLabel,
} from './style.js';

/** The gross salary the contract announces, computed by the caller from the rules in force. */
export interface GrossSalaryEstimate {
  /** What remains for the pay: amount excl. VAT - levy - fund contribution. */
  readonly budgetCents: Cents;
  readonly grossCents: Cents;
  readonly employerContributionsCents: Cents;
  /** How it was computed, in words, e.g. "gross = floor(915.00 / (1 + 0.2695))". */
  readonly basis: string;
}

export interface EmploymentContractInput {
  readonly coop: Coop;
  readonly member: Pick<Member, 'name' | 'address' | 'birthDate' | 'niss'>;
  readonly contract: Pick<Contract, 'id' | 'description' | 'place' | 'startDate' | 'endDate' | 'days' | 'amountCents'>;
  readonly clientName: string;
  readonly salary: GrossSalaryEstimate;
  /** The date printed at the signatures; left blank to fill in by hand when absent. */
  readonly signedOn?: IsoDate;
  readonly language?: PdfLanguage;
}

export async function renderEmploymentContractPdf(input: EmploymentContractInput): Promise<Buffer> {
  return renderPdf(employmentContractPdfDefinition(input));
}

/**
 * The fixed-term employment contract between the co-op (employer) and the member (worker) for
 * one engagement, in writing before the work starts as Belgian law requires of a fixed-term
 * contract: the parties, the work, the place, the term and days, the pay and how it is
 * computed, the joint committee, and the signatures. A pure function of its input.
 */
export function employmentContractPdfDefinition(input: EmploymentContractInput): PdfDocumentDefinition {
  const labels = labelsFor(input.language);
  const words = labels.contract;
  const { coop, member, contract } = input;
  const start = labels.formatDate(contract.startDate);
  const end = labels.formatDate(contract.endDate);
  let articleNumber = 0;
  const article = (title: string, body: Content[]): Content => {
    articleNumber += 1;
    return {
      stack: [{ text: words.article(articleNumber, title), bold: true, color: COLORS.accent, margin: [0, 0, 0, 2] }, ...body],
      margin: [0, 0, 0, 8],
      unbreakable: true,
    };
  };
  const content: Content[] = [
    { text: words.title.toUpperCase(), style: 'title', fontSize: 17, alignment: 'center' },
    { text: words.legalSubtitle, italics: true, color: COLORS.muted, alignment: 'center', margin: [0, 3, 0, 2] },
    { text: words.contractNumber(contract.id), style: 'small', alignment: 'center' },
    horizontalRule([0, 10, 0, 12], COLORS.accent, 1.2),
    { text: words.between, margin: [0, 0, 0, 6] },
    partiesBlock(input, labels),
    { text: words.agreed, margin: [0, 8, 0, 8] },
    article(words.workTitle, [{ text: words.work({ client: input.clientName, description: contract.description }) }]),
    article(words.placeTitle, [{ text: words.place(contract.place) }]),
    article(words.durationTitle, [{ text: [{ text: `${words.duration({ start, end, days: contract.days })} ` }, { text: words.durationEnd }] }]),
    article(words.salaryTitle, salaryArticle(input, words)),
    article(words.jointCommitteeTitle, [{ text: words.jointCommittee }]),
    article(words.rulesTitle, [{ text: words.rules }]),
    {
      stack: [
        { text: words.doneAt(input.signedOn === undefined ? undefined : labels.formatDate(input.signedOn)), margin: [0, 2, 0, 8] },
        signatures(input, words),
      ],
      unbreakable: true,
    },
  ];
  if (coop.demo) content.push({ text: words.demo, style: 'fine', bold: true, margin: [0, 18, 0, 0] });
  return coopDocumentDefinition({
    coop,
    language: labels.language,
    pageMargins: [PAGE_MARGINS[0], 40, PAGE_MARGINS[2], 54],
    title: `${words.title} – ${member.name} – ${words.contractNumber(contract.id)}`,
    content,
    footerIdentity: coopIdentityLine(coop, words.enterpriseNumber),
    page: words.page,
    defaultStyle: { ...DEFAULT_STYLE, fontSize: 9, lineHeight: 1.2 },
  });
}

/** One party: its role, its name, then label / value rows. */
function partyCell(title: string, name: string, rows: [string, string][], role: string): Content {
  return {
    stack: [
      sectionLabel(title),
      { text: name, bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
      {
        table: {
          widths: [62, '*'],
          body: rows.map(([label, value]): TableCell[] => [
            { text: label, style: 'small', margin: [0, 1, 0, 0] },
            { text: value },
          ]),
        },
        layout: NO_LINES,
      },
      { text: role, style: 'small', italics: true, margin: [0, 4, 0, 0] },
    ],
    margin: [10, 8, 10, 8],
  };
}

/** The two parties side by side, in boxes of the same height (one table row, a gap between). */
function partiesBlock(input: EmploymentContractInput, labels: PdfLabels): Content {
  const words = labels.contract;
  const { coop, member } = input;
  const employer = partyCell(
    words.employer,
    coop.name,
    [
      [words.address, addressLines(coop.address).join(', ')],
      [words.enterpriseNumber, formatEnterpriseNumber(coop.enterpriseNumber)],
    ],
    words.employerRole,
  );
  const worker = partyCell(
    words.worker,
    member.name,
    [
      [words.address, addressLines(member.address).join(', ')],
      // An anonymised member has no birth date and a placeholder NISS, printed as they are.
      [words.birthDate, member.birthDate === '' ? '' : labels.formatDate(member.birthDate)],
      [words.niss, /^\d{11}$/.test(member.niss) ? formatNiss(member.niss) : member.niss],
    ],
    words.workerRole,
  );
  return {
    table: { widths: ['*', 14, '*'], body: [[employer, { text: '' }, worker]] },
    layout: sideBySideBoxesLayout(COLORS.accent),
  };
}

function salaryArticle(input: EmploymentContractInput, words: EmploymentContractLabels): Content[] {
  const { salary, contract } = input;
  const row = (label: string, cents: Cents, strong = false): TableCell[] => [
    { text: label, bold: strong },
    { text: `EUR ${displayCents(cents)}`, alignment: 'right', bold: strong, noWrap: true },
  ];
  return [
    { text: words.salary({ amount: displayCents(contract.amountCents), budget: displayCents(salary.budgetCents) }) },
    {
      table: {
        widths: [230, 'auto'],
        body: [
          row(words.agreedAmount, contract.amountCents),
          row(words.budget, salary.budgetCents),
          row(words.employerContributions, salary.employerContributionsCents),
          row(words.grossSalary, salary.grossCents, true),
        ],
      },
      layout: RULE_ABOVE_RESULT,
      margin: [16, 4, 0, 4],
    },
    { text: [{ text: `${words.salaryBasis}: `, color: COLORS.muted }, { text: salary.basis }], style: 'small', margin: [16, 0, 0, 4] },
    { text: words.salaryFinal },
  ];
}

function signatures(input: EmploymentContractInput, words: EmploymentContractLabels): Content {
  const box = (title: string, name: string, lines: string[]): Column => ({
    width: '*',
    stack: [
      sectionLabel(title),
      { text: name, bold: true, margin: [0, 0, 0, 4] },
      ...lines.map((line) => ({ text: line, style: 'small' })),
      { text: words.signature, style: 'small', margin: [0, 4, 0, 0] },
      {
        canvas: [{ type: 'rect', x: 0, y: 0, w: 220, h: 40, r: 3, lineWidth: 0.75, lineColor: COLORS.rule }],
        margin: [0, 3, 0, 0],
      },
    ],
  });
  return {
    columns: [
      box(words.forEmployer, input.coop.name, [`${words.nameAndRole}: ______________________________`]),
      box(words.theWorker, input.member.name, [words.readAndApproved]),
    ],
    columnGap: 40,
  };
}
