import { belgianVatNumber, validateEnterpriseNumber } from './enterprise-number.js';
import { type Validation, invalid, valid } from './validation.js';

/**
 * The shape of the VAT number of every EU member state (and of Northern Ireland, XI, which
 * stays in the EU VAT system for goods), after the prefix, as the European Commission's VIES
 * describes it. Only Belgium gets a full check-digit check (the enterprise number); for the
 * others the shape catches most typing errors, and VIES itself is the authority on whether a
 * number is actually registered. `example` shows the shape in a problem, never the input.
 */
interface VatShape {
  readonly pattern: RegExp;
  readonly example: string;
}

const EU_VAT_SHAPES: Readonly<Record<string, VatShape>> = {
  AT: { pattern: /^U\d{8}$/, example: 'ATU99999999' },
  BG: { pattern: /^\d{9,10}$/, example: 'BG999999999 or BG9999999999' },
  CY: { pattern: /^\d{8}[A-Z]$/, example: 'CY99999999X' },
  CZ: { pattern: /^\d{8,10}$/, example: 'CZ99999999 to CZ9999999999' },
  DE: { pattern: /^\d{9}$/, example: 'DE999999999' },
  DK: { pattern: /^\d{8}$/, example: 'DK99999999' },
  EE: { pattern: /^\d{9}$/, example: 'EE999999999' },
  EL: { pattern: /^\d{9}$/, example: 'EL999999999' },
  ES: { pattern: /^(?:[A-Z]\d{7}[A-Z0-9]|\d{8}[A-Z])$/, example: 'ESX9999999X' },
  FI: { pattern: /^\d{8}$/, example: 'FI99999999' },
  FR: { pattern: /^[A-HJ-NP-Z0-9]{2}\d{9}$/, example: 'FRXX999999999' },
  HR: { pattern: /^\d{11}$/, example: 'HR99999999999' },
  HU: { pattern: /^\d{8}$/, example: 'HU99999999' },
  IE: { pattern: /^(?:\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/, example: 'IE9999999X, IE9999999XX or IE9X99999X' },
  IT: { pattern: /^\d{11}$/, example: 'IT99999999999' },
  LT: { pattern: /^(?:\d{9}|\d{12})$/, example: 'LT999999999 or LT999999999999' },
  LU: { pattern: /^\d{8}$/, example: 'LU99999999' },
  LV: { pattern: /^\d{11}$/, example: 'LV99999999999' },
  MT: { pattern: /^\d{8}$/, example: 'MT99999999' },
  NL: { pattern: /^\d{9}B\d{2}$/, example: 'NL999999999B99' },
  PL: { pattern: /^\d{10}$/, example: 'PL9999999999' },
  PT: { pattern: /^\d{9}$/, example: 'PT999999999' },
  RO: { pattern: /^[1-9]\d{1,9}$/, example: 'RO99 to RO9999999999' },
  SE: { pattern: /^\d{10}01$/, example: 'SE999999999901' },
  SI: { pattern: /^\d{8}$/, example: 'SI99999999' },
  SK: { pattern: /^\d{10}$/, example: 'SK9999999999' },
  XI: { pattern: /^(?:\d{9}|\d{12}|GD\d{3}|HA\d{3})$/, example: 'XI999999999 or XI999999999999' },
};

/**
 * Greece is GR in ISO 3166 (a client's country) but EL in VAT numbers: GR is read as EL so that
 * both a typed "GR..." and a country hint of GR lead to the number VIES knows.
 */
function vatPrefixOf(code: string): string {
  return code === 'GR' ? 'EL' : code;
}

function isVatPrefix(code: string): boolean {
  return code === 'BE' || code in EU_VAT_SHAPES;
}

const SEPARATORS = /[\s.-]+/g;

/**
 * Checks an EU VAT number and returns it with its prefix, without spaces or dots
 * ("BE0123456749", "NL123456789B01"). The prefix is read from the number; without one,
 * `countryHint` (the client's country, ISO 3166) says which country's shape to check, and a
 * prefix written in the number wins over the hint.
 */
export function validateVatNumber(text: string, countryHint?: string): Validation {
  const compact = text.replace(SEPARATORS, '').toUpperCase();
  if (compact === '') return invalid('the vat number is empty: type it with its country prefix, such as BE0123456749');
  const written = vatPrefixOf(compact.slice(0, 2));
  if (isVatPrefix(written)) return checkForCountry(written, compact.slice(2));
  const hint = countryHint === undefined ? undefined : vatPrefixOf(countryHint.trim().toUpperCase());
  if (hint !== undefined && isVatPrefix(hint)) return checkForCountry(hint, compact);
  return invalid(unknownPrefixProblem(/^[A-Z]{2}/.test(compact) ? written : hint));
}

function unknownPrefixProblem(prefix: string | undefined): string {
  if (prefix === undefined || prefix === '') {
    return 'start the vat number with its two-letter country prefix, such as BE or FR';
  }
  if (prefix === 'GB') {
    return 'united kingdom vat numbers (GB) are outside the eu vat system since brexit; only northern ireland (XI) numbers are accepted';
  }
  return `the prefix ${prefix} is not that of an eu member state: eu vat numbers start with one, such as BE, FR, or EL for greece`;
}

function checkForCountry(prefix: string, body: string): Validation {
  if (prefix === 'BE') return checkBelgian(body);
  const shape = EU_VAT_SHAPES[prefix];
  if (shape !== undefined && shape.pattern.test(body)) return valid(`${prefix}${body}`);
  const example = shape?.example ?? prefix;
  return invalid(`this does not have the shape of ${prefix} vat numbers (${example}, where 9 is a digit and X a letter or digit): check it`);
}

function checkBelgian(body: string): Validation {
  const enterprise = validateEnterpriseNumber(body);
  return enterprise.ok ? valid(belgianVatNumber(enterprise.value)) : enterprise;
}
