import { maskIban } from './iban.js';

/**
 * An IBAN as a file may write it: country and check digits, then 11 to 30 letters or digits, in
 * one piece or in groups of four (the last group of digits may be shorter).
 */
const IBAN_IN_TEXT = /\b[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: \d{1,3})?)\b/g;
/** Eleven digits on their own: the shape of a NISS. */
const NISS_IN_TEXT = /(?<!\d)\d{11}(?!\d)/g;

/**
 * Text from a user's file, safe to show in a message: every IBAN and every NISS-shaped number in
 * it is masked but for its last digits ("BE** **** **** 7034", "*******1150"), so a message that
 * quotes a line never exposes a person's account or national number (DOMAIN.md: personal data
 * never printed in errors beyond the last digits).
 */
export function maskPersonalNumbers(text: string): string {
  return text.replace(IBAN_IN_TEXT, (iban) => maskIban(iban)).replace(NISS_IN_TEXT, (niss) => `${'*'.repeat(7)}${niss.slice(-4)}`);
}

/**
 * A cell of a user's file quoted in a message: personal numbers masked first (so that cutting it
 * short never leaves part of an IBAN unmasked), then cut to `max` characters so that a huge cell
 * never floods a screen, in double quotes.
 */
export function quotedCell(text: string, max = 40): string {
  const safe = maskPersonalNumbers(text);
  return JSON.stringify(safe.length > max ? `${safe.slice(0, max - 3)}...` : safe);
}
