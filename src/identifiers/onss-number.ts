import { mod97 } from './mod97.js';
import { type Validation, invalid, valid } from './validation.js';

/**
 * The employer's ONSS (RSZ) registration number, as the ONSS glossary describes it (zones 00011
 * and 00948 of the DmfA/Dimona glossaries):
 * - definitive: nine digits NNNNNNNCC, an integer from 100006 to 199999934 (so written with
 *   leading zeros: "0009354-67", "1234567-xx");
 * - provisional: ten digits NNNNNNNNCC starting with 5 (5000000120 to 5999999989), given to a
 *   new employer until its definitive number is known.
 * CC is the check: the whole number divided by 97 leaves 96, i.e. CC = 96 - (NNN...N x 100 mod 97),
 * written 97 where that gives 0 (both forms leave 96). The range ends above satisfy it, as does the
 * Belgian State's published number 0009354-67.
 */
const SEPARATORS = /[\s./-]+/g;

/** Checks an ONSS employer number as people write it ("0009354-67", "000935467", "9354-67") and returns its digits. */
export function validateOnssNumber(text: string): Validation {
  const digits = text.replace(SEPARATORS, '');
  if (digits === '') return invalid('the ONSS number is empty: type the number the ONSS gave the co-op, written NNNNNNN-CC');
  if (!/^\d+$/.test(digits)) return invalid('an ONSS number has only digits (dots, dashes and spaces are allowed between them)');
  if (digits.length > 10) return invalid(`an ONSS number has at most 10 digits, this one has ${digits.length}: check for an extra digit`);
  // An integer: leading zeros beyond the nine positions of a definitive number mean nothing.
  const number = digits.length === 10 && digits.startsWith('0') ? digits.slice(1) : digits.padStart(9, '0');
  if (number.length === 10 && !number.startsWith('5')) return invalid('a ten-digit ONSS number is a provisional one and starts with 5: check the first digit');
  if (number.length === 9 && !/^[01]/.test(number)) return invalid('a definitive ONSS number has nine digits and starts with 0 or 1: check the first digit');
  if (Number(number.slice(0, -2)) < (number.length === 9 ? 1000 : 50000001)) return invalid('this ONSS number is below the first one the ONSS issues: check for a missing digit');
  const check = Number(number.slice(-2));
  if (check > 97 || mod97(number) !== 96) return invalid('the check digits (the last two) do not match: check for a typing error');
  return valid(number);
}

/** The printed form "0009354-67" of a validated ONSS number: the number, a dash, the check. */
export function formatOnssNumber(number: string): string {
  return `${number.slice(0, -2)}-${number.slice(-2)}`;
}
