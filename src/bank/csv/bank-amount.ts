import type { Cents } from '../../money/cents.js';
import { quotedCell } from '../../identifiers/mask-in-text.js';

/**
 * How a bank writes amounts in its CSV export.
 * - 'decimal-comma': "1234,56", "-1.234,56" ("," before the cents, "." between groups of three)
 *   — every Belgian bank's documented style;
 * - 'decimal-point': "1234.56", "-1,234.56" ("." before the cents, "," between groups of three);
 * - 'either': BNP Paribas Fortis files have been seen with both. When both separators appear,
 *   the last one is the decimal separator; a lone separator followed by one or two digits is
 *   the decimal separator; a lone separator followed by exactly three digits ("1.210") could be
 *   thousands or three decimals and is refused rather than guessed.
 * An amount has at most two decimals and at most thirteen digits before them; a leading "-" or
 * "+" gives the sign. Nothing else is accepted: no spaces, no currency, no exponent. The value
 * is assembled from its digits with BigInt: no float ever holds it.
 */
export type AmountStyle = 'decimal-comma' | 'decimal-point' | 'either';

export type AmountReading = { readonly ok: true; readonly cents: Cents } | { readonly ok: false; readonly problem: string };

const MAX_UNIT_DIGITS = 13;

const STYLE_EXAMPLE: Readonly<Record<AmountStyle, string>> = {
  'decimal-comma': '1.234,56 (decimal comma)',
  'decimal-point': '1,234.56 (decimal point)',
  either: '1.234,56 or 1,234.56',
};

function fail(problem: string): AmountReading {
  return { ok: false, problem };
}

/**
 * The amounts a bank writes on nearly every line, "-1234,56" (or "1234.56"): no group
 * separator, two decimals, at most MAX_UNIT_DIGITS digits before them. Read directly: the
 * value is below 2^53 and both parts are integers, so the Numbers are exact.
 */
const PLAIN_AMOUNT: Readonly<Record<AmountStyle, RegExp>> = {
  'decimal-comma': /^(-?)(\d{1,13}),(\d\d)$/,
  'decimal-point': /^(-?)(\d{1,13})\.(\d\d)$/,
  // A lone separator followed by two digits is the decimal separator in either style.
  either: /^(-?)(\d{1,13})[.,](\d\d)$/,
};

/** Reads one amount cell in the bank's style; the problem says what is wrong without guessing. */
export function parseBankAmount(text: string, style: AmountStyle): AmountReading {
  const plain = PLAIN_AMOUNT[style].exec(text);
  if (plain !== null) {
    const cents = Number(plain[2]) * 100 + Number(plain[3]);
    // 0 - cents: never -0.
    return { ok: true, cents: plain[1] === '-' ? 0 - cents : cents };
  }
  const trimmed = text.trim();
  if (trimmed === '') return fail('the amount is empty');
  const match = /^([+-]?)([0-9.,]+)$/.exec(trimmed);
  if (match === null) {
    const why = /\s/.test(trimmed)
      ? 'it holds a space'
      : /[a-z]/i.test(trimmed)
        ? 'it holds a letter'
        : 'only digits, a leading sign, "," and "." may appear';
    return fail(`${quotedCell(trimmed)} is not an amount: ${why}; amounts are written like ${STYLE_EXAMPLE[style]}`);
  }
  const sign = match[1] ?? '';
  const body = match[2] ?? '';
  const separators = separatorsOf(body, style);
  if (typeof separators === 'string') return fail(`${quotedCell(trimmed)} ${separators}`);
  const cents = digitsToCents(body, separators.decimal, separators.group);
  if (typeof cents === 'string') {
    // Say so plainly when the amount is fine in the other style: a file exported with the
    // wrong regional settings, or a bank that changed its export.
    if (style !== 'either') {
      const other = style === 'decimal-comma' ? { decimal: '.', group: ',' } : { decimal: ',', group: '.' };
      const lastSeparator = Math.max(body.lastIndexOf('.'), body.lastIndexOf(','));
      const tail = body.slice(lastSeparator + 1);
      if (lastSeparator !== -1 && body[lastSeparator] === other.decimal && tail.length <= 2 && typeof digitsToCents(body, other.decimal, other.group) !== 'string') {
        return fail(`${quotedCell(trimmed)} uses "${other.decimal}" as the decimal separator, but this file's amounts are written like ${STYLE_EXAMPLE[style]}`);
      }
    }
    return fail(`${quotedCell(trimmed)} ${cents}`);
  }
  const value = Number(sign === '-' ? -cents : cents);
  if (!Number.isSafeInteger(value)) return fail(`${quotedCell(trimmed)} is too large to be an amount`);
  return { ok: true, cents: value };
}

function count(text: string, character: string): number {
  let found = 0;
  for (let at = text.indexOf(character); at !== -1; at = text.indexOf(character, at + 1)) found += 1;
  return found;
}

/** Which character separates the cents and which groups thousands, or why that is unclear. */
function separatorsOf(body: string, style: AmountStyle): { decimal: string; group: string } | string {
  if (style === 'decimal-comma') return { decimal: ',', group: '.' };
  if (style === 'decimal-point') return { decimal: '.', group: ',' };
  const lastComma = body.lastIndexOf(',');
  const lastPoint = body.lastIndexOf('.');
  if (lastComma !== -1 && lastPoint !== -1) return lastComma > lastPoint ? { decimal: ',', group: '.' } : { decimal: '.', group: ',' };
  const separator = lastComma !== -1 ? ',' : lastPoint !== -1 ? '.' : undefined;
  if (separator === undefined) return { decimal: ',', group: '.' };
  const other = separator === ',' ? '.' : ',';
  if (count(body, separator) > 1) return { decimal: other, group: separator };
  const after = body.length - body.indexOf(separator) - 1;
  if (after === 3) return `could be thousands or three decimals: write it with two decimals, like ${STYLE_EXAMPLE.either}`;
  return { decimal: separator, group: other };
}

/** The amount in cents (not signed) from digits and separators, or why it is not an amount. */
function digitsToCents(body: string, decimal: string, group: string): bigint | string {
  if (count(body, decimal) > 1) return `has more than one decimal separator "${decimal}"`;
  const at = body.indexOf(decimal);
  let units = at === -1 ? body : body.slice(0, at);
  const fraction = at === -1 ? '' : body.slice(at + 1);
  if (fraction.includes(group)) return `has a "${group}" after the decimal separator "${decimal}"`;
  if (at !== -1 && fraction === '') return 'has no digits after the decimal separator';
  if (fraction.length > 2) return `has ${fraction.length} decimals: an amount has at most two (cents)`;
  if (units === '') return 'has no digits before the decimal separator';
  if (units.includes(group)) {
    const grouped = new RegExp(`^\\d{1,3}(?:\\${group}\\d{3})+$`);
    if (!grouped.test(units)) return `has a thousands separator "${group}" in the wrong place`;
    units = units.split(group).join('');
  }
  if (units.replace(/^0+(?=\d)/, '').length > MAX_UNIT_DIGITS) return 'is too large to be an amount';
  return BigInt(units) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/**
 * The signed amount of a line whose bank gives money in and money out in two columns (KBC's
 * "credit" and "debet", a mapped file's "credit" and "debit"). The debit may be written with or
 * without a minus sign (KBC writes "-9,66"); it always becomes money out. A line with both
 * columns holding a non-zero amount, or neither holding any, is refused.
 */
export function combineCreditDebit(credit: Cents | undefined, debit: Cents | undefined): AmountReading {
  if (credit === undefined && debit === undefined) return fail('neither the credit nor the debit column holds an amount');
  if (credit !== undefined && credit < 0) return fail('the credit column holds a negative amount');
  if (credit !== undefined && debit !== undefined && credit !== 0 && debit !== 0) {
    return fail('both the credit and the debit column hold an amount');
  }
  if (credit !== undefined && credit !== 0) return { ok: true, cents: credit };
  return { ok: true, cents: debit === undefined || debit === 0 ? 0 : -Math.abs(debit) };
}
