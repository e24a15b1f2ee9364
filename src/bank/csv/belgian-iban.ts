/**
 * The electronic form of a valid Belgian IBAN written as banks print it, "BE71 0961 2345 6769"
 * or "BE71096123456769", or undefined for any other text (an invalid one included), which the
 * caller then reads with readAccountNumber (bank-fields.ts) for its value or its reason.
 *
 * Nearly every account cell of a Belgian statement is such an IBAN, and validateIban's general
 * checks (any country's layout, strings of digits) cost more than the rest of the line: this is
 * the same arithmetic on the digits themselves. It never accepts what readAccountNumber refuses,
 * and gives the same value (a property test holds it to that).
 */
const PRINTED_BELGIAN_IBAN = /^BE\d\d(?: ?\d{4}){3}$/;

const ZERO = 48;

export function validBelgianIban(text: string): string | undefined {
  if (!PRINTED_BELGIAN_IBAN.test(text)) return undefined;
  const iban = text.length === 16 ? text : text.replaceAll(' ', '');
  const check = (iban.charCodeAt(2) - ZERO) * 10 + iban.charCodeAt(3) - ZERO;
  // ISO 13616 issues check digits 02 to 98 only.
  if (check < 2 || check > 98) return undefined;
  // The account number: ten digits, then two that check them. Every number here stays far below
  // 2^53, so the arithmetic is exact.
  let account = 0;
  for (let at = 4; at < 14; at += 1) account = account * 10 + iban.charCodeAt(at) - ZERO;
  const last = (iban.charCodeAt(14) - ZERO) * 10 + iban.charCodeAt(15) - ZERO;
  // The Belgian check: the first ten digits mod 97 (97 for 0) are the last two.
  if ((account % 97 || 97) !== last) return undefined;
  // ISO 13616: the twelve digits, then "BE" as 11 14, then the check digits: the remainder is 1.
  const bban = account * 100 + last;
  return ((bban % 97) * 1_000_000 + 111_400 + check) % 97 === 1 ? iban : undefined;
}
