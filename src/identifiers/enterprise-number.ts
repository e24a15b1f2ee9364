import { mod97 } from './mod97.js';
import { type Validation, invalid, valid } from './validation.js';

/**
 * The Belgian enterprise number (KBO/BCE), which is also the Belgian VAT number: ten digits
 * starting with 0 or 1, the last two being 97 - (first eight mod 97). Numbers issued before
 * 2005 had nine digits; they are the same number with a leading 0.
 */
const SEPARATORS = /[\s.-]+/g;

/**
 * Checks an enterprise number as people write it ("BE0123456749", "BE 0123.456.749",
 * "0123.456.749", "0123456749", or the old nine-digit form) and returns its ten digits.
 */
export function validateEnterpriseNumber(text: string): Validation {
  const digits = withoutPrefix(text.replace(SEPARATORS, '').toUpperCase());
  const number = digits.length === 9 ? `0${digits}` : digits;
  const problem = enterpriseProblem(number);
  return problem === undefined ? valid(number) : invalid(problem);
}

function withoutPrefix(compact: string): string {
  return compact.startsWith('BE') ? compact.slice(2) : compact;
}

function enterpriseProblem(number: string): string | undefined {
  if (number === '') return 'the enterprise number is empty: type its ten digits, such as 0123.456.749';
  if (!/^\d+$/.test(number)) return 'an enterprise number has only digits, after an optional BE, such as BE 0123.456.749';
  if (number.length !== 10) {
    return `an enterprise number has 10 digits, this one has ${number.length}: check for a missing or extra digit`;
  }
  if (!/^[01]/.test(number)) return 'an enterprise number starts with 0 or 1: check the first digit';
  if (!enterpriseCheckMatches(number)) return 'the check digits do not match: check for a typing error';
  return undefined;
}

function enterpriseCheckMatches(number: string): boolean {
  return 97 - mod97(number.slice(0, 8)) === Number(number.slice(8, 10));
}

function tenDigits(value: string): string {
  const digits = withoutPrefix(value.replace(SEPARATORS, '').toUpperCase());
  if (!/^\d{10}$/.test(digits)) throw new RangeError('an enterprise number in normal form has ten digits');
  return digits;
}

/** The printed form "0123.456.749" of a validated enterprise number. */
export function formatEnterpriseNumber(value: string): string {
  const digits = tenDigits(value);
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}

/** The Belgian VAT number "BE0123456749" of a validated enterprise number. */
export function belgianVatNumber(value: string): string {
  return `BE${tenDigits(value)}`;
}
