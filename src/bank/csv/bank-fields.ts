import { type IsoDate, parseIsoDate } from '../../calendar/dates.js';
import { validateIban } from '../../identifiers/iban.js';
import { mod97, mod97NotZero, twoDigits } from '../../identifiers/mod97.js';
import { quotedCell } from '../../identifiers/mask-in-text.js';

/**
 * Readers for the cells of a bank statement line other than the amount (see bank-amount.ts):
 * dates, account numbers, free text and the structured communication.
 */

/**
 * The date styles of bank exports. Day and month may have one or two digits (a file saved
 * again by a spreadsheet loses the leading zero); the year always has four.
 */
export type DateFormat = 'dd/mm/yyyy' | 'dd-mm-yyyy' | 'dd.mm.yyyy' | 'yyyy-mm-dd';

export const DATE_FORMATS: readonly DateFormat[] = ['dd/mm/yyyy', 'dd-mm-yyyy', 'dd.mm.yyyy', 'yyyy-mm-dd'];

const DATE_PATTERNS: Readonly<Record<DateFormat, { pattern: RegExp; order: 'dmy' | 'ymd' }>> = {
  'dd/mm/yyyy': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: 'dmy' },
  'dd-mm-yyyy': { pattern: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, order: 'dmy' },
  'dd.mm.yyyy': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: 'dmy' },
  'yyyy-mm-dd': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, order: 'ymd' },
};

export type FieldReading<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

/** A date cell in one of the given formats, as an ISO date; a day that does not exist is refused. */
export function parseBankDate(text: string, formats: readonly DateFormat[]): FieldReading<IsoDate> {
  const trimmed = text.trim();
  for (const format of formats) {
    const { pattern, order } = DATE_PATTERNS[format];
    const match = pattern.exec(trimmed);
    if (match === null) continue;
    const [first = '', second = '', third = ''] = match.slice(1);
    const [year, month, day] = order === 'dmy' ? [third, second, first] : [first, second, third];
    const iso = parseIsoDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
    if (iso === undefined) return { ok: false, problem: `${quotedCell(trimmed)} is not a calendar date` };
    return { ok: true, value: iso };
  }
  return { ok: false, problem: `${quotedCell(trimmed)} is not a date written as ${formats.join(' or ')}` };
}

/** Old Belgian account numbers, as ING still prints them: 390-1234567-89. */
const BELGIAN_ACCOUNT = /^(\d{3})-?(\d{7})-?(\d{2})$/;
/** Text that means to be an IBAN: a country code and two check digits, then letters and digits. */
const IBAN_LIKE = /^[A-Za-z]{2}\s*\d{2}[\sA-Za-z0-9]*$/;

/**
 * An account number cell: its IBAN in electronic form, or null when the cell is empty or holds
 * something that is no account number (a card number, "NONREF", a foreign domestic number:
 * nothing a payment can be matched on). A Belgian account number in the old form becomes its
 * IBAN. Text that means to be an IBAN but fails its checks is a problem: banks print valid
 * IBANs, so the file was damaged or edited. Problems never repeat the number (personal data).
 */
export function readAccountNumber(text: string): FieldReading<string | null> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  const old = BELGIAN_ACCOUNT.exec(trimmed);
  if (old !== null) {
    const bban = `${old[1] ?? ''}${old[2] ?? ''}${old[3] ?? ''}`;
    if (mod97NotZero(bban.slice(0, 10)) !== Number(bban.slice(10))) {
      return { ok: false, problem: 'the belgian account number check (its last two digits) does not match' };
    }
    const check = twoDigits(98 - mod97(`${bban}111400`));
    return { ok: true, value: `BE${check}${bban}` };
  }
  if (!IBAN_LIKE.test(trimmed)) return { ok: true, value: null };
  const iban = validateIban(trimmed);
  return iban.ok ? { ok: true, value: iban.value } : { ok: false, problem: `not a valid iban: ${iban.problem}` };
}

/** A free-text cell with its runs of blanks (banks pad fields with spaces) made single; '' is null. */
export function cleanText(text: string | undefined): string | null {
  if (text === undefined) return null;
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean === '' ? null : clean;
}

const DELIMITED_STRUCTURED = /(\+{3}|\*{3}) *(\d{3}) *\/? *(\d{4}) *\/? *(\d{5}) *\1/;

/**
 * The content of a cell meant for the structured communication (KBC's "gestructureerde
 * mededeling", a mapped column): its twelve digits when it has twelve, written
 * +++123/4567/89002+++, ***123/4567/89002*** or bare, whatever the check digits; otherwise the
 * text as written, for a person to look at. Checking the check digits is the matcher's work.
 */
export function readStructuredReference(text: string | undefined): string | null {
  const clean = cleanText(text);
  if (clean === null) return null;
  const digits = clean.replace(/^(\+{3}|\*{3})(.*)\1$/, '$2').replace(/[\s/]+/g, '');
  return /^\d{12}$/.test(digits) ? digits : clean;
}

/**
 * A structured communication that a bank prints inside its free text (Belfius "Mededelingen",
 * BNP Paribas Fortis "Details: MEDEDELING : +++...+++"), recognised only in its delimited form
 * +++ddd/dddd/ddddd+++ or ***ddd/dddd/ddddd***, which nobody types by chance. Its twelve digits,
 * whatever the check digits, or null. Bare digits in free text are left to the matcher, which
 * only accepts them with valid check digits.
 */
export function structuredReferenceInText(text: string | null): string | null {
  if (text === null) return null;
  const match = DELIMITED_STRUCTURED.exec(text);
  return match === null ? null : `${match[2] ?? ''}${match[3] ?? ''}${match[4] ?? ''}`;
}

/** An ISO 4217 currency code cell; empty means the file's default currency. */
export function readCurrency(text: string, fallback: string): FieldReading<string> {
  const trimmed = text.trim().toUpperCase();
  if (trimmed === '') return { ok: true, value: fallback };
  return /^[A-Z]{3}$/.test(trimmed) ? { ok: true, value: trimmed } : { ok: false, problem: `${quotedCell(text.trim())} is not a currency code such as EUR` };
}
