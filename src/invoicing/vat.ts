import { type Cents, Dec, applyRate } from '../money/index.js';

export const VAT_REGIMES = ['normal', 'reverse-charge', 'export', 'exempt'] as const;
export type VatRegime = (typeof VAT_REGIMES)[number];

/** UNCL 5305 VAT category codes used by EN 16931 and Peppol. */
export type VatCategory = 'S' | 'Z' | 'E' | 'AE' | 'G';

export function vatCategory(regime: VatRegime, rate: string): VatCategory {
  switch (regime) {
    case 'normal':
      return new Dec(rate).isZero() ? 'Z' : 'S';
    case 'reverse-charge':
      return 'AE';
    case 'export':
      return 'G';
    case 'exempt':
      return 'E';
  }
}

/**
 * The legal mention an invoice must carry when it charges no VAT for a reason other than a 0 %
 * rate (Belgian VAT Code; Directive 2006/112/EC), and the exemption reason Peppol asks for.
 */
export const VAT_MENTIONS: Readonly<Record<Exclude<VatCategory, 'S' | 'Z'>, { readonly text: string; readonly code: string }>> = {
  AE: { text: 'Reverse charge: VAT to be paid by the customer (art. 21 §2 Belgian VAT Code; art. 196 Directive 2006/112/EC)', code: 'VATEX-EU-AE' },
  G: { text: 'Export outside the EU: exempt from VAT (art. 39 Belgian VAT Code; art. 146 Directive 2006/112/EC)', code: 'VATEX-EU-G' },
  E: { text: 'Exempt from VAT (art. 44 Belgian VAT Code)', code: 'VATEX-EU-132' },
};

/** EU member states (VAT prefixes as countries: Greece is GR here): export means outside these. */
export const EU_COUNTRIES: readonly string[] = ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK'];

export interface LineAmount {
  readonly netCents: Cents;
  readonly vatRate: string;
  readonly vatCategory: VatCategory;
}

export interface VatSubtotal {
  readonly category: VatCategory;
  readonly rate: string;
  readonly taxableCents: Cents;
  readonly vatCents: Cents;
}

export interface VatTotals {
  readonly subtotals: readonly VatSubtotal[];
  readonly amountExclVatCents: Cents;
  readonly vatCents: Cents;
  readonly totalCents: Cents;
}

/**
 * EN 16931: sum the line amounts per VAT category and rate, then round each VAT amount once
 * (half up). Two lines of 10.25 at 21 % give 20.50 x 0.21 = 4.305 -> 4.31, not 2 x 2.15.
 */
export function computeVat(lines: readonly LineAmount[]): VatTotals {
  const groups = new Map<string, { category: VatCategory; rate: string; taxableCents: Cents }>();
  for (const line of lines) {
    const rate = new Dec(line.vatRate).toString();
    const key = `${line.vatCategory}:${rate}`;
    const group = groups.get(key) ?? { category: line.vatCategory, rate, taxableCents: 0 };
    group.taxableCents += line.netCents;
    groups.set(key, group);
  }
  const subtotals = [...groups.values()].map((group) => ({ ...group, vatCents: applyRate(group.taxableCents, new Dec(group.rate)) }));
  const amountExclVatCents = subtotals.reduce((sum, subtotal) => sum + subtotal.taxableCents, 0);
  const vatCents = subtotals.reduce((sum, subtotal) => sum + subtotal.vatCents, 0);
  return { subtotals, amountExclVatCents, vatCents, totalCents: amountExclVatCents + vatCents };
}
