import type { Content, CustomTableLayout, DynamicContent, StyleDictionary, TableCell, Watermark } from 'pdfmake/interfaces.js';
import { formatEnterpriseNumber } from '../../identifiers/index.js';

/** The look shared by the co-op's documents: one accent colour, greys, Roboto, A4. */
export const COLORS = {
  accent: '#1f4e79',
  accentLight: '#eaf1f8',
  text: '#1f2328',
  muted: '#5f6b7a',
  rule: '#c9d1db',
  fill: '#f4f6f8',
} as const;

export const PAGE_MARGINS: [number, number, number, number] = [48, 44, 48, 64];
/** A4 width minus the side margins. */
export const CONTENT_WIDTH = 595.28 - PAGE_MARGINS[0] - PAGE_MARGINS[2];

export const STYLES: StyleDictionary = {
  brand: { fontSize: 16, bold: true, color: COLORS.accent },
  title: { fontSize: 24, bold: true, color: COLORS.accent, characterSpacing: 1 },
  label: { fontSize: 7.5, bold: true, color: COLORS.muted, characterSpacing: 0.6 },
  small: { fontSize: 8, color: COLORS.muted },
  fine: { fontSize: 7, color: COLORS.muted },
  tableHeader: { fontSize: 8, bold: true, color: COLORS.accent },
  strong: { bold: true },
};

export const DEFAULT_STYLE = { font: 'Roboto', fontSize: 9.5, color: COLORS.text, lineHeight: 1.2 };

/** A section label in small capitals: "BILL TO". */
export function sectionLabel(text: string, margin: [number, number, number, number] = [0, 0, 0, 3]): Content {
  return { text: text.toUpperCase(), style: 'label', margin };
}

/** A thin horizontal line across the content width. */
export function horizontalRule(margin: [number, number, number, number], color: string = COLORS.rule, width = 0.75): Content {
  return { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: width, lineColor: color }], margin };
}

/**
 * The lines of an address as stored (one line of text with commas, or several lines):
 * "Rue Haute 12, 1000 Bruxelles" prints as two lines.
 */
export function addressLines(address: string): string[] {
  const byLine = address.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
  const lines = byLine.length > 1 ? byLine : address.split(',').map((line) => line.trim()).filter((line) => line !== '');
  return lines.length > 0 ? lines : [address.trim()];
}

/** The co-op's VAT number as printed: "BE 0123.456.749". */
export function printedCoopVatNumber(enterpriseNumber: string): string {
  return `BE ${formatEnterpriseNumber(enterpriseNumber)}`;
}

/**
 * A client's VAT number as printed: a Belgian one grouped like the co-op's
 * ("BE 0123.456.749"), any other as stored ("NL123456789B01").
 */
export function printedVatNumber(vatNumber: string): string {
  const compact = vatNumber.replace(/[\s.]/g, '').toUpperCase();
  if (/^BE[01]\d{9}$/.test(compact)) return `BE ${formatEnterpriseNumber(compact)}`;
  return compact;
}

/** Tables with only thin horizontal rules between rows and a coloured header row. */
export function lightRowsLayout(options: { headerRows?: number; fillHeader?: boolean } = {}): CustomTableLayout {
  const headerRows = options.headerRows ?? 1;
  return {
    hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0 : i === headerRows ? 0.9 : 0.5),
    vLineWidth: () => 0,
    hLineColor: (i) => (i === headerRows ? COLORS.accent : COLORS.rule),
    fillColor: (row) => (options.fillHeader === true && row < headerRows ? COLORS.accentLight : null),
    paddingLeft: (i) => (i === 0 ? 6 : 4),
    paddingRight: (i, node) => (i === (node.table.widths?.length ?? 1) - 1 ? 6 : 4),
    paddingTop: () => 5,
    paddingBottom: () => 5,
  };
}

/** Tables with no lines at all (label / value pairs). */
export const NO_LINES: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  paddingLeft: (i) => (i === 0 ? 0 : 10),
  paddingRight: () => 0,
  paddingTop: () => 1.5,
  paddingBottom: () => 1.5,
};

/** A box: a filled rectangle with a coloured bar on its left. */
export function callout(content: Content, options: { fill?: string; bar?: string; margin?: [number, number, number, number] } = {}): Content {
  return {
    table: { widths: ['*'], body: [[{ stack: [content], margin: [8, 6, 8, 6] }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i) => (i === 0 ? 3 : 0),
      vLineColor: () => options.bar ?? COLORS.accent,
      fillColor: () => options.fill ?? COLORS.accentLight,
      paddingLeft: () => 0,
      paddingRight: () => 0,
      paddingTop: () => 0,
      paddingBottom: () => 0,
    },
    margin: options.margin ?? [0, 0, 0, 0],
  };
}

/** The page footer: a rule, the co-op's identity on the left, the page number on the right. */
export function pageFooter(identity: string, page: (current: number, count: number) => string): DynamicContent {
  return (currentPage, pageCount) => ({
    margin: [PAGE_MARGINS[0], 18, PAGE_MARGINS[2], 0],
    stack: [
      horizontalRule([0, 0, 0, 5]),
      {
        columns: [
          { text: identity, style: 'fine', width: '*' },
          { text: page(currentPage, pageCount), style: 'fine', width: 70, alignment: 'right', noWrap: true },
        ],
      },
    ],
  });
}

/** The faint diagonal word printed on every page of a demonstration book's documents. */
export function demoWatermark(): Watermark {
  return { text: 'DEMO', color: COLORS.accent, opacity: 0.07, bold: true, fontSize: 140 };
}

/** A document's heading on the right: its title, then label / value facts (the first in bold). */
export function titleWithFacts(title: string, facts: readonly (readonly [string, string])[]): Content[] {
  return [
    { text: title, style: 'title', alignment: 'right', margin: [0, -4, 0, 6] },
    {
      table: {
        widths: ['*', 'auto'],
        body: facts.map(([label, value], index): TableCell[] => [
          { text: label, style: 'small', alignment: 'right', noWrap: true, margin: [0, 1.5, 0, 0] },
          { text: value, bold: index === 0, fontSize: index === 0 ? 10.5 : 9.5, alignment: 'right', noWrap: true },
        ]),
      },
      layout: NO_LINES,
    },
  ];
}
