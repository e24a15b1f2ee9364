/**
 * The SEPA character set. The EPC rulebooks oblige every bank to accept only the basic Latin set
 *   a-z A-Z 0-9 / - ? : ( ) . , ' + space
 * (EPC217-08, "SEPA Requirements for an Extended Character Set"; the Febelfin guidelines for
 * pain.001 follow it). Some banks accept more, none is obliged to, and a bank that receives a
 * character outside the set may reject the payment or the whole file. So everything `smart`
 * writes in a free-text field of a payment file goes through `sepaText` first.
 */

/** One character of the basic set. */
const SEPA_CHARACTER = /^[A-Za-z0-9/\-?:().,'+ ]$/;
const SEPA_ONLY = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

/**
 * Characters that Unicode decomposition (NFKD) does not bring back to the basic set but that have
 * a customary Latin spelling (German, Nordic, Polish, Croatian, Icelandic, French ligatures), and
 * punctuation with a close equivalent in the set. Anything else that is neither a letter with
 * accents nor white space becomes '.'.
 */
const SPECIAL: ReadonlyMap<string, string> = new Map([
  ['ß', 'ss'], ['ẞ', 'SS'], ['Æ', 'AE'], ['æ', 'ae'], ['Œ', 'OE'], ['œ', 'oe'],
  ['Ø', 'O'], ['ø', 'o'], ['Ł', 'L'], ['ł', 'l'], ['Đ', 'D'], ['đ', 'd'], ['Ð', 'D'], ['ð', 'd'],
  ['Þ', 'TH'], ['þ', 'th'], ['Ħ', 'H'], ['ħ', 'h'], ['ı', 'i'], ['ĸ', 'k'], ['Ŋ', 'N'], ['ŋ', 'n'],
  ['Ŧ', 'T'], ['ŧ', 't'], ['ſ', 's'], ['ƒ', 'f'], ['Ŀ', 'L'], ['ŀ', 'l'],
  // Ampersand: '+' is the usual SEPA spelling of "and" ("Smith + Co").
  ['&', '+'],
  // Quotes and apostrophes (a typed "O’Brien" keeps its apostrophe).
  ['’', "'"], ['‘', "'"], ['‚', "'"], ['‛', "'"], ['′', "'"], ['`', "'"], ['´', "'"],
  ['"', "'"], ['“', "'"], ['”', "'"], ['„', "'"], ['‟', "'"], ['″', "'"], ['«', "'"], ['»', "'"],
  ['‹', "'"], ['›', "'"],
  // Dashes and the underscore.
  ['‐', '-'], ['‑', '-'], ['‒', '-'], ['–', '-'], ['—', '-'], ['―', '-'], ['−', '-'], ['_', '-'],
  // Brackets, slashes, separators.
  ['[', '('], [']', ')'], ['{', '('], ['}', ')'], ['\\', '/'], ['⁄', '/'], [';', ','],
  ['€', 'EUR'],
]);

const WHITE_SPACE = /^[\s\p{Z}\p{Cc}]$/u;
const COMBINING_MARK = /\p{M}/gu;

function mapped(character: string): string | undefined {
  return SEPA_CHARACTER.test(character) ? character : SPECIAL.get(character);
}

/** One code point in, its spelling in the basic set out (possibly empty, possibly several letters). */
function transliterate(character: string): string {
  const direct = mapped(character);
  if (direct !== undefined) return direct;
  if (WHITE_SPACE.test(character)) return ' ';
  // é -> e, Å -> A, ﬁ -> fi, ² -> 2, a full-width Ａ -> A; a lone combining accent -> nothing.
  const base = character.normalize('NFKD').replace(COMBINING_MARK, '');
  if (base === '') return '';
  const parts = [...base].map(mapped);
  if (parts.every((part): part is string => part !== undefined)) return parts.join('');
  return '.';
}

/**
 * Text for a free-text field of a SEPA file (a name, the remittance information): transliterated
 * to the basic Latin set (é -> e, ß -> ss, Ł -> L, & -> +, typographic quotes -> ', other
 * characters -> '.', line breaks and tabs -> space), runs of spaces collapsed, trimmed, then cut
 * to at most `max` characters. The result is plain ASCII, so its length is its length in the file.
 */
export function sepaText(text: string, max: number): string {
  if (!Number.isSafeInteger(max) || max < 1) throw new Error(`sepaText: the maximum length must be a positive whole number, not ${String(max)}`);
  let out = '';
  if (SEPA_ONLY.test(text)) out = text;
  else for (const character of text) out += transliterate(character);
  return out.replace(/ {2,}/g, ' ').trim().slice(0, max).trimEnd();
}

/** Identifiers (message, payment information, end-to-end): the basic set without the space. */
const SEPA_ID = /^[A-Za-z0-9/\-?:().,'+]{1,35}$/;

/**
 * Whether a text can be used as a SEPA identifier: 1 to 35 characters of the basic set, no space,
 * not starting or ending with '/' and without '//' (EPC implementation guidelines). Identifiers are
 * never transliterated: changing one silently could make two of them equal.
 */
export function isSepaId(text: string): boolean {
  return SEPA_ID.test(text) && !text.startsWith('/') && !text.endsWith('/') && !text.includes('//');
}
