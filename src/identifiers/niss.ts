import { mod97, twoDigits } from './mod97.js';
import { type Validation, invalid, valid } from './validation.js';

/**
 * The NISS (Belgian national register number, also used for bis numbers): YYMMDD SSS CC, a
 * birth date, a serial number and two check digits. The check is 97 - (first nine digits mod
 * 97); for people born from 2000 on the nine digits are prefixed with "2" first. The century is
 * therefore not written anywhere: it is known from which of the two variants matches (only one
 * can, since 2000000000 is not a multiple of 97).
 */
type Century = 1900 | 2000;

const SEPARATORS = /[\s.-]+/g;

function digitsOf(text: string): string {
  return text.replace(SEPARATORS, '');
}

/** The century whose check variant the number passes, or undefined when neither matches. */
function centuryOf(niss: string): Century | undefined {
  const base = niss.slice(0, 9);
  const check = Number(niss.slice(9, 11));
  if (97 - mod97(base) === check) return 1900;
  if (97 - mod97(`2${base}`) === check) return 2000;
  return undefined;
}

/**
 * The birth month without the bis offset: bis numbers add 20 (sex unknown) or 40 (sex known)
 * to the month. 00 stays allowed: it is issued when the birth date is unknown.
 */
function baseMonth(month: number): number {
  if (month >= 40) return month - 40;
  if (month >= 20) return month - 20;
  return month;
}

/**
 * Checks a NISS as a person types it ("85.07.30-033.61", "85073003361", spaces, dots and
 * dashes allowed) and returns its eleven digits. Besides the check digits it refuses a month
 * or day that cannot exist and a birth year after `today`'s year: the latter catches the one
 * single-digit typing error the check cannot see (the last digit of the year off by 6, which
 * moves the number into the other century's variant).
 */
export function validateNiss(text: string, today: Date = new Date()): Validation {
  const niss = digitsOf(text);
  const problem = shapeProblem(niss) ?? checkProblem(niss, today);
  return problem === undefined ? valid(niss) : invalid(problem);
}

function shapeProblem(niss: string): string | undefined {
  if (niss === '') return 'the niss is empty: type the 11 digits of the national register number';
  if (!/^\d+$/.test(niss)) return 'a niss has only digits, with optional dots, dashes and spaces';
  if (niss.length !== 11) return `a niss has 11 digits, this one has ${niss.length}: check for a missing or extra digit`;
  if (baseMonth(Number(niss.slice(2, 4))) > 12) {
    return 'the month (third and fourth digits) is not possible: it is 00 to 12, or 20 to 32 or 40 to 52 for a bis number';
  }
  if (Number(niss.slice(4, 6)) > 31) return 'the day (fifth and sixth digits) is not possible: it is 00 to 31';
  return undefined;
}

function checkProblem(niss: string, today: Date): string | undefined {
  const century = centuryOf(niss);
  if (century === undefined) return 'the check digits do not match: check for a typing error';
  if (century + Number(niss.slice(0, 2)) > today.getFullYear()) {
    return 'the birth year of this niss lies in the future: check the first two digits';
  }
  return undefined;
}

/**
 * The birth date a NISS carries, as 'YYYY-MM-DD', or null when it cannot be derived: the
 * check digits do not match (so the century is unknown), the month or day is 00 (birth date
 * unknown to the register), or the date does not exist in the calendar.
 */
export function nissBirthDate(niss: string): string | null {
  const digits = digitsOf(niss);
  if (!/^\d{11}$/.test(digits)) return null;
  const century = centuryOf(digits);
  const month = baseMonth(Number(digits.slice(2, 4)));
  const day = Number(digits.slice(4, 6));
  if (century === undefined || month < 1 || month > 12 || day < 1) return null;
  const year = century + Number(digits.slice(0, 2));
  return existingDate(year, month, day);
}

/** 'YYYY-MM-DD' for a real calendar date, null for one like 30 February. */
function existingDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return `${year}-${twoDigits(month)}-${twoDigits(day)}`;
}

/** Only the last four digits stay visible: "*******3361". */
export function maskNiss(niss: string): string {
  const digits = digitsOf(niss);
  if (digits.length < 8) return '***********';
  return '*'.repeat(digits.length - 4) + digits.slice(-4);
}

/** The printed form "85.07.30-033.61" of a NISS's eleven digits. */
export function formatNiss(niss: string): string {
  const digits = digitsOf(niss);
  const parts = /^(\d\d)(\d\d)(\d\d)(\d{3})(\d\d)$/.exec(digits);
  if (parts === null) throw new RangeError('formatNiss needs the 11 digits of a NISS');
  const [, year, month, day, serial, check] = parts;
  return `${year}.${month}.${day}-${serial}.${check}`;
}
