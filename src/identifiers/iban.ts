import { mod97, mod97NotZero } from './mod97.js';
import { type Validation, invalid, valid } from './validation.js';

/**
 * The SWIFT IBAN registry (ISO 13616), release 102 of June 2026: for every country that issues
 * IBANs, the layout of the account part (BBAN) after the country code and the two check digits.
 * The notation is the registry's own: "4!a" four letters, "3!n" three digits, "12!c" twelve
 * letters or digits. The IBAN length of a country is 4 plus the length of its BBAN.
 * Territories that use their parent's code (Åland: FI; French overseas territories: FR;
 * Jersey, Guernsey, Isle of Man: GB) have no entry of their own, as in the registry.
 * Countries outside the registry (the "experimental" IBANs of some African states and Iran)
 * are refused: they cannot be used in a SEPA payment anyway.
 */
const BBAN_LAYOUTS: Readonly<Record<string, string>> = {
  AD: '4!n4!n12!c', AE: '3!n16!n', AL: '8!n16!c', AT: '5!n11!n', AZ: '4!a20!c',
  BA: '3!n3!n8!n2!n', BE: '3!n7!n2!n', BG: '4!a4!n2!n8!c', BH: '4!a14!c', BI: '5!n5!n11!n2!n',
  BR: '8!n5!n10!n1!a1!c', BY: '4!c4!n16!c', CH: '5!n12!c', CR: '4!n14!n', CY: '3!n5!n16!c',
  CZ: '4!n6!n10!n', DE: '8!n10!n', DJ: '5!n5!n11!n2!n', DK: '4!n9!n1!n', DO: '4!c20!n',
  EE: '2!n2!n11!n1!n', EG: '4!n4!n17!n', ES: '4!n4!n1!n1!n10!n', FI: '3!n11!n', FK: '2!a12!n',
  FO: '4!n9!n1!n', FR: '5!n5!n11!c2!n', GB: '4!a6!n8!n', GE: '2!a16!n', GI: '4!a15!c',
  GL: '4!n9!n1!n', GR: '3!n4!n16!c', GT: '4!c20!c', HN: '4!a20!n', HR: '7!n10!n',
  HU: '3!n4!n1!n15!n1!n', IE: '4!a6!n8!n', IL: '3!n3!n13!n', IQ: '4!a3!n12!n', IS: '4!n2!n6!n10!n',
  IT: '1!a5!n5!n12!c', JO: '4!a4!n18!c', KW: '4!a22!c', KZ: '3!n13!c', LB: '4!n20!c',
  LC: '4!a24!c', LI: '5!n12!c', LT: '5!n11!n', LU: '3!n13!c', LV: '4!a13!c',
  LY: '3!n3!n15!n', MC: '5!n5!n11!c2!n', MD: '2!c18!c', ME: '3!n13!n2!n', MK: '3!n10!c2!n',
  MN: '4!n12!n', MR: '5!n5!n11!n2!n', MT: '4!a5!n18!c', MU: '4!a2!n2!n12!n3!n3!a', NI: '4!a20!n',
  NL: '4!a10!n', NO: '4!n6!n1!n', OM: '3!n16!c', PK: '4!a16!c', PL: '8!n16!n',
  PS: '4!a21!c', PT: '4!n4!n11!n2!n', QA: '4!a21!c', RO: '4!a16!c', RS: '3!n13!n2!n',
  RU: '9!n5!n15!c', SA: '2!n18!c', SC: '4!a2!n2!n16!n3!a', SD: '2!n12!n', SE: '3!n16!n1!n',
  SI: '5!n8!n2!n', SK: '4!n6!n10!n', SM: '1!a5!n5!n12!c', SO: '4!n3!n12!n', ST: '4!n4!n11!n2!n',
  SV: '4!a20!n', TL: '3!n14!n2!n', TN: '2!n3!n13!n2!n', TR: '5!n1!n16!c', UA: '6!n19!c',
  VA: '3!n15!n', VG: '4!a16!n', XK: '4!n10!n2!n', YE: '4!a4!n18!c',
};

interface CountryRule {
  readonly length: number;
  readonly bban: RegExp;
}

const CHARACTER_CLASS: Readonly<Record<string, string>> = { n: '[0-9]', a: '[A-Z]', c: '[A-Z0-9]' };

/** Turns a registry layout such as "3!n7!n2!n" into its IBAN length and a BBAN pattern. */
function compileLayout(layout: string): CountryRule {
  let length = 4;
  let pattern = '';
  for (const match of layout.matchAll(/(\d+)!([nac])/g)) {
    const count = Number(match[1]);
    length += count;
    pattern += `${CHARACTER_CLASS[match[2] ?? ''] ?? ''}{${count}}`;
  }
  return { length, bban: new RegExp(`^${pattern}$`) };
}

const COUNTRY_RULES: ReadonlyMap<string, CountryRule> = new Map(
  Object.entries(BBAN_LAYOUTS).map(([country, layout]) => [country, compileLayout(layout)]),
);

/** The length of an IBAN of that country, or undefined when the country issues no IBAN. */
export function ibanLength(country: string): number | undefined {
  return COUNTRY_RULES.get(country.toUpperCase())?.length;
}

/** The electronic form: no spaces (people copy IBANs in groups of four), upper case. */
function compact(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * Checks an IBAN as a person types it (spaces and lower case allowed) and returns its
 * electronic form. Belgian IBANs also pass the national check of the account number.
 */
export function validateIban(text: string): Validation {
  const iban = compact(text);
  const problem = shapeProblem(iban) ?? checksumProblem(iban);
  return problem === undefined ? valid(iban) : invalid(problem);
}

/** What is wrong with the characters, the country or the length, if anything. */
function shapeProblem(iban: string): string | undefined {
  if (iban === '') return 'the iban is empty: type the account number, such as BE68 5390 0754 7034';
  if (!/^[A-Z0-9]+$/.test(iban)) return 'an iban has only letters and digits: remove any other character';
  const country = iban.slice(0, 2);
  if (!/^[A-Z]{2}$/.test(country)) return 'an iban starts with a two-letter country code, such as BE';
  const rule = COUNTRY_RULES.get(country);
  if (rule === undefined) return `no iban exists for the country code ${country}: check the first two letters`;
  if (iban.length !== rule.length) {
    return `a ${country} iban has ${rule.length} characters, this one has ${iban.length}: check for a missing or extra character`;
  }
  if (!/^\d\d$/.test(iban.slice(2, 4))) return 'the two characters after the country code must be digits';
  if (!rule.bban.test(iban.slice(4))) return `the account part does not follow the ${country} layout: check its letters and digits`;
  return undefined;
}

/** What is wrong with the check digits, if anything; the shape is known to be right. */
function checksumProblem(iban: string): string | undefined {
  const checkDigits = Number(iban.slice(2, 4));
  // ISO 13616 computes check digits as 98 - remainder, so 00, 01 and 99 are never issued.
  if (checkDigits < 2 || checkDigits > 98) return 'the check digits after the country code are never issued: check for a typing error';
  if (ibanRemainder(iban) !== 1) return 'the check digits do not match: check for a typing error';
  if (iban.startsWith('BE') && !belgianAccountCheckMatches(iban.slice(4))) {
    return 'the belgian account number check (its last two digits) does not match: check for a typing error';
  }
  return undefined;
}

/** ISO 13616: move the first four characters to the end, letters become 10..35, then mod 97. */
function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  return mod97(digits);
}

/** A Belgian account number: its last two digits are the first ten mod 97 (97 when 0). */
function belgianAccountCheckMatches(bban: string): boolean {
  return mod97NotZero(bban.slice(0, 10)) === Number(bban.slice(10, 12));
}

/** The IBAN in groups of four for print and screens: "BE68 5390 0754 7034". */
export function formatIban(iban: string): string {
  return compact(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * The IBAN with every character hidden except the country code and the last four, grouped as
 * it is printed: "BE** **** **** 7034". Keeping the grouping (and so the length) lets a person
 * recognise which of their accounts is meant without the number being exposed.
 * Anything shorter than eight characters is hidden entirely.
 */
export function maskIban(iban: string): string {
  const electronic = compact(iban);
  if (electronic.length < 8) return '****';
  const hidden = '*'.repeat(electronic.length - 6);
  return formatIban(`${electronic.slice(0, 2)}${hidden}${electronic.slice(-4)}`);
}

/** The two-letter country code an IBAN starts with ("BE"). */
export function ibanCountry(iban: string): string {
  return compact(iban).slice(0, 2);
}
