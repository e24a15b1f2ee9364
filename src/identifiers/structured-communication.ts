import { mod97NotZero, twoDigits } from './mod97.js';
import { type Validation, invalid, valid } from './validation.js';

/**
 * The Belgian structured communication (OGM/VCS, "BBA" reference in pain.001): ten digits and
 * two check digits equal to the ten digits mod 97 (97 when the remainder is 0). It is written
 * +++123/4567/89002+++ (or with stars), and stored as its twelve digits.
 */
function checkMatches(digits12: string): boolean {
  return mod97NotZero(digits12.slice(0, 10)) === Number(digits12.slice(10, 12));
}

/**
 * Checks a structured communication written as +++123/4567/89002+++, ***123/4567/89002***, or
 * as the bare twelve digits (slashes and spaces allowed), and returns the twelve digits.
 */
export function validateStructuredCommunication(text: string): Validation {
  const trimmed = text.trim();
  const delimited = /^(\+{3}|\*{3})(.*)\1$/s.exec(trimmed);
  const digits = (delimited?.[2] ?? trimmed).replace(/[\s/]+/g, '');
  const problem = communicationProblem(digits);
  return problem === undefined ? valid(digits) : invalid(problem);
}

function communicationProblem(digits: string): string | undefined {
  if (digits === '') return 'the structured communication is empty: type it as +++123/4567/89002+++';
  if (!/^\d+$/.test(digits)) return 'a structured communication has only digits, written as +++123/4567/89002+++';
  if (digits.length !== 12) {
    return `a structured communication has 12 digits, this one has ${digits.length}: check for a missing or extra digit`;
  }
  if (!checkMatches(digits)) return 'the check digits (the last two) do not match: check for a typing error';
  return undefined;
}

/** The printed form "+++123/4567/89002+++" of twelve digits. */
export function formatStructuredCommunication(digits12: string): string {
  const parts = /^(\d{3})(\d{4})(\d{5})$/.exec(digits12.replace(/[\s/]+/g, ''));
  if (parts === null) throw new RangeError('a structured communication has twelve digits');
  return `+++${parts[1] ?? ''}/${parts[2] ?? ''}/${parts[3] ?? ''}+++`;
}

/**
 * The structured communication (twelve digits) for a base of at most ten digits, left-padded
 * with zeros: an invoice derives it from its number, so a payment finds its invoice again.
 */
export function structuredCommunicationFor(base: bigint | string): string {
  const digits = typeof base === 'bigint' ? base.toString() : base.trim();
  if (!/^\d{1,10}$/.test(digits)) {
    throw new RangeError('a structured communication base is a whole number of at most ten digits');
  }
  const ten = digits.padStart(10, '0');
  return ten + twoDigits(mod97NotZero(ten));
}

/**
 * Either +++ddd/dddd/ddddd+++ or ***ddd/dddd/ddddd*** (spaces allowed inside, slashes
 * optional), or the bare digits in one run of twelve, or grouped 3/4/5 with slashes or single
 * spaces. The bare forms must not touch other digits (nor, when grouped, continue the grouping
 * with more digits), so that twelve digits taken from inside an account number, a longer
 * reference or an amount never count.
 */
const IN_FREE_TEXT = new RegExp(
  [
    String.raw`(\+{3}|\*{3}) *(\d{3}) *\/? *(\d{4}) *\/? *(\d{5}) *\1`,
    String.raw`(?<!\d)(\d{12})(?!\d)`,
    String.raw`(?<!\d[ /]?)(\d{3})([ /])(\d{4})\7(\d{5})(?![ /]?\d)`,
  ].join('|'),
  'g',
);

/**
 * Every valid structured communication in a bank line's free text, as twelve digits, each once,
 * in the order they appear. Twelve digits with wrong check digits are not one.
 */
export function findStructuredCommunications(freeText: string): string[] {
  const found = new Set<string>();
  for (const match of freeText.matchAll(IN_FREE_TEXT)) {
    const digits = [match[2], match[3], match[4], match[5], match[6], match[8], match[9]].join('');
    if (checkMatches(digits)) found.add(digits);
  }
  return [...found];
}
