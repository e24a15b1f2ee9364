/**
 * ISO 7064 MOD 97-10 arithmetic shared by every Belgian and IBAN check.
 * The digit strings are longer than a JavaScript number can hold exactly (an IBAN becomes up
 * to 70 digits), so the remainder is carried through chunks of nine digits: the carried
 * remainder (two digits) followed by nine digits stays far below 2^53.
 */
const CHUNK = 9;
const DIGITS = /^\d+$/;

/** The remainder of a non-empty string of decimal digits divided by 97. */
export function mod97(digits: string): number {
  if (!DIGITS.test(digits)) {
    // A programming error, not bad input: callers check the characters before they get here.
    throw new RangeError('mod97 needs a non-empty string of decimal digits');
  }
  let remainder = 0;
  for (let start = 0; start < digits.length; start += CHUNK) {
    remainder = Number(`${remainder}${digits.slice(start, start + CHUNK)}`) % 97;
  }
  return remainder;
}

/**
 * The remainder by 97 written as Belgian check digits do it: 97 instead of 0, so that the
 * check is always a two-digit number from 01 to 97 (structured communication, Belgian BBAN).
 */
export function mod97NotZero(digits: string): number {
  const remainder = mod97(digits);
  return remainder === 0 ? 97 : remainder;
}

/** Two-digit text of a check number (7 becomes "07"), as it is written after the digits it checks. */
export function twoDigits(check: number): string {
  return String(check).padStart(2, '0');
}
