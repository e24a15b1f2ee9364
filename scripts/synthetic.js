// Synthetic, seeded data shared by the benchmark (scripts/bench.js) and the ten-year book
// (scripts/ten-year-book.js): the same seed gives the same people, IBANs and clients everywhere.

/** mulberry32: a tiny seeded PRNG, good enough to spread test data, never for secrets. */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIRST_NAMES = ['Ada', 'Bram', 'Chloé', 'Dries', 'Emma', 'Femke', 'Gilles', 'Hanne', 'Ilse', 'Jonas', 'Lotte', 'Mathis', 'Nora', 'Olivier', 'Pauline', 'Quentin', 'Ruben', 'Sofie', 'Thibault', 'Victor', 'Wout', 'Yasmine', 'Zoë', 'Mohamed', 'Fatima', 'Lucas', 'Louise', 'Arthur', 'Élise', 'Noah', 'Marie', 'Anaïs', 'Jérôme', 'Kobe', 'Saar'];
export const LAST_NAMES = ['Peeters', 'Janssens', 'Maes', 'Jacobs', 'Mertens', 'Willems', 'Claes', 'Goossens', 'Wouters', 'De Smet', 'Dubois', 'Lambert', 'Dupont', 'Martin', 'Simon', 'Leroy', 'Vermeulen', 'Van den Broeck', 'El Amrani', 'Nowak', 'Rossi', 'Lejeune', 'Renard', 'Michiels', "D'Hondt", 'Vandenberghe', 'Özdemir', 'Lefèvre'];
export const STREETS = ['Rue Haute', 'Kerkstraat', 'Place du Marché', 'Veldstraat', 'Chaussée de Wavre', 'Stationsstraat', 'Rue Royale', 'Meir', 'Avenue Louise', 'Dorpstraat', 'Rue de la Loi', 'Grote Markt'];
export const CITIES = ['1000 Bruxelles', '2000 Antwerpen', '4000 Liège', '9000 Gent', '1060 Saint-Gilles', '3000 Leuven', '5000 Namur', '8000 Brugge', '6000 Charleroi', '1050 Ixelles', '2800 Mechelen', '7000 Mons'];
export const BANK_CODES = ['001', '063', '068', '096', '143', '310', '363', '539', '630', '645', '732', '735', '750', '751', '973', '979'];

export const pad = (value, width) => String(value).padStart(width, '0');
export const pick = (random, list) => list[Math.floor(random() * list.length)];
export const daysInMonth = (year, month) => new Date(Date.UTC(year, month, 0)).getUTCDate();
export const slug = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** NISS: YYMMDD, a 3-digit serial, then 97 - (nine digits mod 97); "2" prefixed for births from 2000. */
export function niss(year, yymmdd, serial) {
  const nine = `${yymmdd}${pad(serial, 3)}`;
  const check = 97 - (Number(`${year >= 2000 ? '2' : ''}${nine}`) % 97);
  return `${nine}${pad(check, 2)}`;
}

/** A Belgian IBAN: BBAN = bank (3) + account (7) + first ten mod 97 (97 for 0); then the ISO 13616 check. */
export function belgianIban(random) {
  const ten = `${pick(random, BANK_CODES)}${pad(Math.floor(random() * 10_000_000), 7)}`;
  const national = Number(ten) % 97 || 97;
  const bban = `${ten}${pad(national, 2)}`;
  const check = 98n - (BigInt(`${bban}111400`) % 97n); // "BE" is 11 14, then "00"
  return `BE${pad(check, 2)}${bban}`;
}

export function enterpriseNumber(index) {
  const eight = `0${pad(4_000_000 + index * 7_919, 7)}`;
  return `${eight}${pad(97 - (Number(eight) % 97), 2)}`;
}

export const CLIENT_KINDS = ['Théâtre', 'Studio', 'Festival', 'Centre culturel', 'Productions', 'Agence', 'Atelier', 'Galerie', 'Maison de la culture', 'Compagnie'];
export const WORKS = ['Concert', 'Lighting design', 'Set construction', 'Translation', 'Photography', 'Workshop', 'Sound engineering', 'Illustration', 'Stage management', 'Video editing'];
