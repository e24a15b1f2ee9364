/**
 * `smart` keeps an address as one line of text, as people type it ("Rue Coenraets 72, 1060
 * Saint-Gilles"). UBL wants street, city and postal code apart. The split is a best effort on
 * the usual European shape "street, postcode city" (or "street, city postcode"); when the text
 * does not have that shape it all goes into the street line, which is valid too: only the
 * country code is required (BR-09, BR-11).
 */
export interface PostalAddress {
  readonly street: string;
  readonly postalZone: string | undefined;
  readonly city: string | undefined;
}

/** Postcodes written in two parts: Dutch "1012 LG", British "SW1A 1AA". */
const TWO_PART_CODE_THEN_CITY = /^(\d{4} ?[A-Z]{2}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\s+(\S.*)$/;
/** "1060 Saint-Gilles", "L-1234 Luxembourg", "75001 Paris": a postcode with a digit, then the city. */
const CODE_THEN_CITY = /^(\S*\d\S*)\s+(\D.*)$/;
/** "Geneva 1201", "New York NY 10001": the city, then a postcode with a digit. */
const CITY_THEN_CODE = /^(\D.*?)\s+(\S*\d\S*)$/;

export function splitAddress(text: string): PostalAddress {
  const address = text.trim().replace(/\s+/g, ' ');
  const comma = address.lastIndexOf(',');
  if (comma <= 0) return { street: address, postalZone: undefined, city: undefined };
  const street = address.slice(0, comma).trim();
  const locality = address.slice(comma + 1).trim();
  const codeFirst = TWO_PART_CODE_THEN_CITY.exec(locality) ?? CODE_THEN_CITY.exec(locality);
  if (street !== '' && codeFirst !== null) return { street, postalZone: codeFirst[1], city: codeFirst[2] };
  const cityFirst = CITY_THEN_CODE.exec(locality);
  if (street !== '' && cityFirst !== null) return { street, postalZone: cityFirst[2], city: cityFirst[1] };
  if (street !== '' && locality !== '' && !/\d/.test(locality)) return { street, postalZone: undefined, city: locality };
  return { street: address, postalZone: undefined, city: undefined };
}
