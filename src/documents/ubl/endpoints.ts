import type { Client } from '../../clients/client.js';

/**
 * Electronic addresses (EndpointID, BT-34 / BT-49) and party identifiers of a Peppol invoice.
 *
 * An address is a scheme from the EAS code list and an identifier. Peppol routes on it, so the
 * right one for a client is the Peppol id they are registered with; `smart` stores it as
 * "scheme:identifier" (client.peppolId). Without one, the client's VAT number gives a
 * best-effort address: Belgian companies are all registered under 0208 and their enterprise
 * number (the Belgian Peppol rule since 2026), other EU companies often under their
 * country's VAT scheme.
 */
export interface Endpoint {
  /** EAS code, e.g. "0208", "9957", "EM". */
  readonly scheme: string;
  readonly id: string;
}

/**
 * The EAS codes the Peppol rules accept for an EndpointID (PEPPOL-EN16931-CL008, validation
 * artefacts 2026.5). EN 16931 alone also accepts "EM" (e-mail) and a few others; Peppol does not.
 */
export const PEPPOL_EAS_CODES: ReadonlySet<string> = new Set(
  (
    '0002 0007 0009 0060 0088 0096 0097 0106 0130 0135 0142 0151 0183 0184 0188 0190 0191 0192 0195 0196 0198 0199 ' +
    '0200 0201 0204 0208 0209 0210 0211 0216 0218 0221 0225 0230 0235 0240 0242 0244 0245 0246 0248 9910 9913 9914 ' +
    '9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931 9932 9933 9934 9935 9936 9937 9938 9939 ' +
    '9940 9941 9942 9943 9944 9945 9946 9947 9948 9949 9950 9951 9952 9953 9957 9959'
  ).split(' '),
);

/** The e-mail scheme of the EAS list: valid in EN 16931, refused by Peppol (no e-mail delivery on the network). */
export const EMAIL_SCHEME = 'EM';

/** EU VAT-number schemes of the EAS list whose identifier is the full VAT number with its prefix. */
const VAT_SCHEMES: Readonly<Record<string, string>> = {
  AT: '9914', BG: '9926', CY: '9928', CZ: '9929', DE: '9930', EE: '9931', EL: '9933', ES: '9920',
  FR: '9957', HR: '9934', HU: '9910', IE: '9935', IT: '0211', LT: '9937', LU: '9938', LV: '9939',
  MT: '9943', NL: '9944', PL: '9945', PT: '9946', RO: '9947', SI: '9949', SK: '9950',
};

/** The ten digits of a Belgian enterprise number written with or without "BE", dots or spaces. */
export function enterpriseDigits(value: string): string {
  const compact = value.replace(/[\s.-]+/g, '').toUpperCase();
  return compact.startsWith('BE') ? compact.slice(2) : compact;
}

/**
 * The address derived from an EU VAT number as `smart` stores it ("BE0123456749", "FR...").
 * Countries without a VAT scheme in the EAS list use the national register number the VAT number
 * is made of: Denmark's CVR (0184), Sweden's organisation number (0007, the ten digits before
 * "01"), Finland's OVT code (0216, "0037" + the business id). Northern Ireland (XI) has none.
 */
export function vatEndpoint(vatNumber: string): Endpoint | undefined {
  const prefix = vatNumber.slice(0, 2);
  const body = vatNumber.slice(2);
  if (prefix === 'BE') return { scheme: '0208', id: enterpriseDigits(vatNumber) };
  if (prefix === 'DK') return { scheme: '0184', id: body };
  if (prefix === 'SE' && /^\d{12}$/.test(body)) return { scheme: '0007', id: body.slice(0, 10) };
  if (prefix === 'FI') return { scheme: '0216', id: `0037${body}` };
  const scheme = VAT_SCHEMES[prefix];
  return scheme === undefined ? undefined : { scheme, id: vatNumber };
}

/** "0208:0123456749" -> { scheme: "0208", id: "0123456749" } (the id may itself hold a colon). */
export function parsePeppolId(peppolId: string): Endpoint | undefined {
  const at = peppolId.indexOf(':');
  if (at <= 0 || at === peppolId.length - 1) return undefined;
  return { scheme: peppolId.slice(0, at).trim(), id: peppolId.slice(at + 1).trim() };
}

/**
 * The client's electronic address, in order of preference: their registered Peppol id; an
 * address derived from their VAT number; for a private person (no VAT number), their e-mail
 * address under the "EM" scheme. EN 16931 accepts "EM", but Peppol does not (CL008): such an
 * invoice is a valid EN 16931 document to send by e-mail, not over the Peppol network — which
 * is fine, as the Belgian mandate covers business clients only. A client with none of the
 * three has no address: the document then has no buyer EndpointID (EN 16931 allows that,
 * Peppol does not).
 */
export function buyerEndpoint(client: Pick<Client, 'peppolId' | 'vatNumber' | 'email'>): Endpoint | undefined {
  const registered = client.peppolId === null ? undefined : parsePeppolId(client.peppolId);
  if (registered !== undefined) return registered;
  const fromVat = client.vatNumber === null ? undefined : vatEndpoint(client.vatNumber);
  if (fromVat !== undefined) return fromVat;
  return client.email === null ? undefined : { scheme: EMAIL_SCHEME, id: client.email };
}

/** Whether an address can be used on the Peppol network (its scheme is in Peppol's EAS list). */
export function isPeppolEndpoint(endpoint: Endpoint | undefined): endpoint is Endpoint {
  return endpoint !== undefined && PEPPOL_EAS_CODES.has(endpoint.scheme);
}
