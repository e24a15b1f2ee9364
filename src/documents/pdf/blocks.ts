import type { Column, Content, CustomTableLayout, TableCell } from 'pdfmake/interfaces.js';
import type { Client } from '../../clients/client.js';
import type { Coop } from '../../coop/coop-store.js';
import { formatEnterpriseNumber, formatIban } from '../../identifiers/index.js';
import { type Cents, formatCents } from '../../money/index.js';
import type { PdfLabels } from './labels.js';
import type { PdfDocumentDefinition } from './pdfmake.js';
import { COLORS, DEFAULT_STYLE, NO_LINES, STYLES, addressLines, callout, demoWatermark, pageFooter, printedCoopVatNumber, printedVatNumber, sectionLabel, titleWithFacts } from './style.js';

/**
 * The blocks the co-op's documents (invoice, reminder, payslip, employment contract) share: the
 * document's frame, the co-op's letterhead, the client's address block, the payment box.
 */

/** The frame of one of the co-op's documents on A4: metadata, demo watermark, footer, styles. */
export function coopDocumentDefinition(parts: {
  readonly coop: Coop;
  readonly language: string;
  readonly pageMargins: [number, number, number, number];
  readonly title: string;
  readonly subject?: string;
  readonly content: Content[];
  readonly footerIdentity: string;
  readonly page: (current: number, count: number) => string;
  readonly defaultStyle?: typeof DEFAULT_STYLE;
}): PdfDocumentDefinition {
  const { coop } = parts;
  return {
    pageSize: 'A4',
    pageMargins: parts.pageMargins,
    language: parts.language,
    info: {
      title: parts.title,
      author: coop.name,
      ...(parts.subject === undefined ? {} : { subject: parts.subject }),
      creator: 'smart',
      producer: 'smart (pdfmake)',
    },
    ...(coop.demo ? { watermark: demoWatermark() } : {}),
    content: parts.content,
    footer: pageFooter(parts.footerIdentity, parts.page),
    styles: STYLES,
    defaultStyle: parts.defaultStyle ?? DEFAULT_STYLE,
  };
}

/** The co-op's identity on one line: "name  ·  Enterprise no. 0123.456.749  ·  street, city". */
export function coopIdentityLine(coop: Coop, enterpriseNumberLabel: string): string {
  return `${coop.name}  ·  ${enterpriseNumberLabel} ${formatEnterpriseNumber(coop.enterpriseNumber)}  ·  ${addressLines(coop.address).join(', ')}`;
}

/** The co-op's identity with its VAT number and bank account, for the footer of what a client pays. */
export function coopBankIdentity(coop: Coop, words: { readonly vatNumber: string; readonly iban: string; readonly bic: string }): string {
  return [coop.name, `${words.vatNumber} ${printedCoopVatNumber(coop.enterpriseNumber)}`, `${words.iban} ${formatIban(coop.iban)}`, `${words.bic} ${coop.bic}`].join(
    '  ·  ',
  );
}

/** The co-op as letterhead: its name large, its address, then a label and a number in bold, `gap` apart. */
export function coopLetterhead(coop: Coop, numberLabel: string, number: string, gap: number): Content[] {
  return [
    { text: coop.name, style: 'brand', margin: [0, 0, 0, gap] },
    ...addressLines(coop.address).map((line) => ({ text: line, style: 'small' })),
    {
      text: [
        { text: `${numberLabel} `, color: COLORS.muted },
        { text: number, bold: true },
      ],
      fontSize: 8.5,
      margin: [0, gap, 0, 0],
    },
  ];
}

/** The co-op as the creditor: the letterhead with its VAT number, then its IBAN and BIC. */
export function coopCreditorLetterhead(coop: Coop, words: { readonly vatNumber: string; readonly iban: string; readonly bic: string }): Content[] {
  return [
    ...coopLetterhead(coop, words.vatNumber, printedCoopVatNumber(coop.enterpriseNumber), 4),
    { text: `${words.iban} ${formatIban(coop.iban)}  ·  ${words.bic} ${coop.bic}`, style: 'small' },
  ];
}

/** A document's header: who issues it on the left, its title and facts on the right. */
export function documentHeader(issuer: Content[], titleWidth: number, title: string, facts: readonly (readonly [string, string])[]): Content {
  return {
    columns: [
      { width: '*', stack: issuer },
      { width: titleWidth, stack: titleWithFacts(title, facts) },
    ],
    columnGap: 20,
  };
}

/** The client's address block: name, address, country when abroad, VAT number when it has one. */
export function clientLines(client: Pick<Client, 'name' | 'address' | 'country' | 'vatNumber'>, labels: PdfLabels, vatNumberLabel: string): Content[] {
  const lines: Content[] = [
    { text: client.name, bold: true, fontSize: 11, margin: [0, 0, 0, 2] },
    ...addressLines(client.address).map((line) => ({ text: line })),
  ];
  if (client.country.toUpperCase() !== 'BE') lines.push({ text: labels.countryName(client.country) });
  if (client.vatNumber !== null && client.vatNumber.trim() !== '') {
    lines.push({
      text: [{ text: `${vatNumberLabel} `, color: COLORS.muted }, { text: printedVatNumber(client.vatNumber), bold: true }],
      margin: [0, 3, 0, 0],
    });
  }
  return lines;
}

/**
 * Left: the client under its label; right: label / value facts about the work under theirs
 * (labels kept on one line when `noWrapLabels`).
 */
export function partiesColumns(
  clientLabel: string,
  client: Content[],
  factsLabel: string,
  factsWidth: number,
  facts: readonly (readonly [string, string])[],
  noWrapLabels = false,
): Content {
  return {
    columns: [
      { width: '*', stack: [sectionLabel(clientLabel), ...client] },
      {
        width: factsWidth,
        stack: [
          sectionLabel(factsLabel),
          {
            table: {
              widths: ['auto', '*'],
              body: facts.map(([label, value]): TableCell[] => [
                noWrapLabels ? { text: label, style: 'small', noWrap: true, margin: [0, 1.5, 0, 0] } : { text: label, style: 'small', margin: [0, 1.5, 0, 0] },
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
 * (a structured communication split after "++" or an IBAN over two lines is easy to mistype),
 * and each of `plain` is only kept on one line ("16 December 2026", "14 days").
 */
export function keepTogether(sentence: string, values: readonly string[], plain: readonly string[] = []): (string | { text: string; bold?: true; noWrap: true })[] {
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

/**
 * How to pay: the sentence (its values kept together), the structured communication large, and
 * the EPC QR code for `amountCents` when there is something to pay.
 */
export function paymentBox(
  coop: Coop,
  words: { readonly payment: string; readonly structuredCommunication: string; readonly scanToPay: string },
  terms: ReturnType<typeof keepTogether>,
  communication: string,
  amountCents: Cents,
): Content {
  const text: Content[] = [
    { text: words.payment.toUpperCase(), style: 'label', color: COLORS.accent },
    { text: terms, margin: [0, 3, 0, 8] },
    { text: words.structuredCommunication.toUpperCase(), style: 'label' },
    { text: communication, fontSize: 17, bold: true, color: COLORS.accent, characterSpacing: 0.5, margin: [0, 1, 0, 0] },
  ];
  const qr: Column[] =
    amountCents > 0
      ? [
          {
            width: 90,
            stack: [
              {
                qr: epcQrPayload({ name: coop.name, iban: coop.iban, bic: coop.bic, amountCents, communication }),
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

/** Two filled boxes side by side in one table row (columns 0 and 2, a gap between), each with a bar on its left. */
export function sideBySideBoxesLayout(bar: string): CustomTableLayout {
  return {
    hLineWidth: () => 0,
    vLineWidth: (i) => (i === 0 || i === 2 ? 3 : 0),
    vLineColor: () => bar,
    fillColor: (_row, _node, column) => (column === 1 ? null : COLORS.fill),
    paddingLeft: () => 0,
    paddingRight: () => 0,
    paddingTop: () => 0,
    paddingBottom: () => 0,
  };
}

/** A column of amounts with no lines but an accent rule above its last row (the result). */
export const RULE_ABOVE_RESULT: CustomTableLayout = {
  hLineWidth: (i, node) => (i === node.table.body.length - 1 ? 0.9 : 0),
  vLineWidth: () => 0,
  hLineColor: () => COLORS.accent,
  paddingLeft: () => 0,
  paddingRight: () => 0,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};
