import type { IsoDate } from '../../calendar/dates.js';
import type { AmountStyle } from './bank-amount.js';
import type { DateFormat } from './bank-fields.js';
import type { EncodingChoice } from './decode.js';

/**
 * How each Belgian bank lays out its CSV export, from the headers and conventions gathered in
 * shared/refdata/bank-csv/FORMATS.md. A profile says how to find the header row (by the names
 * it must hold, past any preamble), which header names feed which BankLine field, and how the
 * bank writes dates and amounts. Column names are matched case-insensitively with runs of
 * blanks made single, because their capitalisation changes between export versions.
 *
 * Where a field lists several names, the first of them present in the header and not empty on
 * the line gives the value: the names are either the same column in another export version or
 * language, or a second choice when the first is empty (KBC's free communication, then its
 * description of the transaction).
 */
export type BankCsvFormat = 'kbc' | 'bnp' | 'belfius' | 'ing' | 'argenta';

export const BANK_CSV_FORMATS: readonly BankCsvFormat[] = ['kbc', 'bnp', 'belfius', 'ing', 'argenta'];

export type CsvDelimiter = ';' | ',' | '\t' | '|';

/** The columns a profile can map: BankLine fields, plus the pieces some banks need. */
export type BankColumn =
  | 'account'
  | 'bookingDate'
  | 'valueDate'
  /** The signed amount. */
  | 'amount'
  /** Money in and money out in two columns, when the file has no signed amount column. */
  | 'credit'
  | 'debit'
  | 'currency'
  | 'counterpartyName'
  | 'counterpartyIban'
  /** A column that holds only the structured communication (KBC). */
  | 'structuredReference'
  /** The free communication of the payment. */
  | 'communication'
  /** The bank's description of the transaction: the communication when that one is empty. */
  | 'details'
  | 'bankReference'
  /** The statement number and the number of the transaction in it (Belfius, ING). */
  | 'statementNumber'
  | 'transactionNumber'
  /** Why the bank refused the order (BNP Paribas Fortis): such a line moved no money and is left out. */
  | 'refusalReason';

/** The cells of one line, by column: the first non-empty one among a column's names, trimmed. */
export interface RowCells {
  text(column: BankColumn): string;
}

export interface BankProfile {
  readonly kind: 'bank-profile';
  readonly format: BankCsvFormat | 'mapping';
  /** The bank's name as messages show it. */
  readonly bank: string;
  /** 'auto': ";" as the banks write, or "," or a tab when the header row is written so. */
  readonly delimiter: 'auto' | CsvDelimiter;
  readonly encoding: EncodingChoice;
  /**
   * 'signature': the header row is the first line, within the first HEADER_SEARCH_LINES, that
   * holds every name of one of the signatures (lines before it are the bank's preamble);
   * 'after-skip': the header row is the first non-blank line after `skipLines` lines.
   */
  readonly header:
    | { readonly find: 'signature'; readonly signatures: readonly (readonly string[])[] }
    | { readonly find: 'after-skip'; readonly skipLines: number };
  /** Header names (compared as normalizeHeaderName makes them) feeding each column; every name must be present in 'after-skip' mode. */
  readonly columns: Readonly<Partial<Record<BankColumn, readonly string[]>>>;
  readonly dateFormats: readonly DateFormat[];
  readonly amountStyle: AmountStyle;
  /** The currency of lines whose file has no currency column or leaves it empty. */
  readonly defaultCurrency: string;
  /** The bank's reference of a line, when it is built from several cells; else the bankReference column. */
  readonly bankReference?: (cells: RowCells, bookingDate: IsoDate) => string | null;
  /** The counterparty's IBAN and name found in the description, when their own columns are empty. */
  readonly fromDetails?: (details: string) => { readonly counterpartyIban?: string; readonly counterpartyName?: string };
}

/** Lines searched for a bank's header row: Belfius writes about twelve lines before it. */
export const HEADER_SEARCH_LINES = 40;

/** A header name as it is compared: lower case, single blanks, no byte order mark, straight quote. */
export function normalizeHeaderName(name: string): string {
  return name.replace(/^\uFEFF/, '').replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether a row of cells is the profile's header row. */
export function isHeaderRow(profile: BankProfile, cells: readonly string[]): boolean {
  if (profile.header.find !== 'signature') return false;
  const names = new Set(cells.map(normalizeHeaderName));
  return profile.header.signatures.some((signature) => signature.every((name) => names.has(name)));
}

/** Banks count some numbers from 1 every year: the year of the booking keeps them apart. */
function yearly(bookingDate: IsoDate, ...parts: string[]): string | null {
  if (parts.some((part) => part === '')) return null;
  return [bookingDate.slice(0, 4), ...parts].join('/');
}

const BELGIAN_DATES: readonly DateFormat[] = ['dd/mm/yyyy', 'yyyy-mm-dd'];

/**
 * KBC (NL and EN headers, 18 columns, one header line): signed "Bedrag" (also split into
 * "credit" and "debet", the debit with its minus sign), the structured communication in its own
 * column as ***ddd/dddd/ddddd*** or sometimes in the free communication instead, fields padded
 * with spaces, no reference per line (the statement number is shared by its lines).
 */
const KBC: BankProfile = {
  kind: 'bank-profile',
  format: 'kbc',
  bank: 'KBC',
  delimiter: 'auto',
  encoding: 'auto',
  header: {
    find: 'signature',
    signatures: [
      ['rekeningnummer', 'afschriftnummer', 'datum', 'bedrag'],
      ['account number', 'statement number', 'date', 'amount'],
    ],
  },
  columns: {
    account: ['rekeningnummer', 'account number'],
    bookingDate: ['datum', 'date'],
    valueDate: ['valuta', 'value date'],
    amount: ['bedrag', 'amount'],
    currency: ['munt', 'currency'],
    counterpartyIban: ['rekeningnummer tegenpartij', 'rekening tegenpartij', "counterparty's account number"],
    counterpartyName: ['naam tegenpartij', 'counterparty name'],
    structuredReference: ['gestructureerde mededeling', 'standard-format reference'],
    communication: ['vrije mededeling', 'free-format reference'],
    details: ['omschrijving', 'description'],
  },
  dateFormats: BELGIAN_DATES,
  amountStyle: 'decimal-comma',
  defaultCurrency: 'EUR',
};

/**
 * BNP Paribas Fortis, current layout (13 columns) and the older one (8 columns, no counterparty
 * name). "Volgnummer" (e.g. 2026-0075: year and number) is the line's reference. The structured
 * communication appears in "Mededeling" and inside "Details" as "MEDEDELING : +++...+++".
 * Amounts have been seen with a decimal comma and with a decimal point: both are read, and a
 * lone separator before exactly three digits is refused as ambiguous. A line with a "Reden van
 * weigering" (reason of refusal) is an order the bank refused: no money moved, it is left out.
 */
const BNP: BankProfile = {
  kind: 'bank-profile',
  format: 'bnp',
  bank: 'BNP Paribas Fortis',
  delimiter: 'auto',
  encoding: 'auto',
  header: { find: 'signature', signatures: [['volgnummer', 'uitvoeringsdatum', 'bedrag']] },
  columns: {
    bankReference: ['volgnummer'],
    bookingDate: ['uitvoeringsdatum'],
    valueDate: ['valutadatum'],
    amount: ['bedrag'],
    currency: ['valuta rekening'],
    account: ['rekeningnummer'],
    counterpartyIban: ['tegenpartij', 'tegenpartij van de verrichting'],
    counterpartyName: ['naam van de tegenpartij'],
    communication: ['mededeling'],
    details: ['details'],
    refusalReason: ['reden van weigering'],
  },
  dateFormats: BELGIAN_DATES,
  amountStyle: 'either',
  defaultCurrency: 'EUR',
};

/**
 * Belfius: about twelve preamble lines (the query and the last balance) and a line ";" before
 * the header row; IBANs in groups of four; the structured communication inside "Mededelingen"
 * as +++ddd/dddd/ddddd+++; payroll batches as "UW COLLECTIEVE OVERSCHRIJVING LONEN ...".
 * The line's reference is the booking year, the statement number ("Rekeninguittrekselnummer",
 * formerly "Afschriftnummer") and the transaction number.
 */
const BELFIUS: BankProfile = {
  kind: 'bank-profile',
  format: 'belfius',
  bank: 'Belfius',
  delimiter: 'auto',
  encoding: 'auto',
  header: { find: 'signature', signatures: [['rekening', 'boekingsdatum', 'transactienummer', 'bedrag']] },
  columns: {
    account: ['rekening'],
    bookingDate: ['boekingsdatum'],
    statementNumber: ['rekeninguittrekselnummer', 'afschriftnummer'],
    transactionNumber: ['transactienummer'],
    counterpartyIban: ['rekening tegenpartij'],
    counterpartyName: ['naam tegenpartij bevat', 'naam tegenpartij'],
    details: ['transactie'],
    valueDate: ['valutadatum'],
    amount: ['bedrag'],
    currency: ['devies'],
    communication: ['mededelingen'],
  },
  dateFormats: BELGIAN_DATES,
  amountStyle: 'decimal-comma',
  defaultCurrency: 'EUR',
  bankReference: (cells, bookingDate) => yearly(bookingDate, cells.text('statementNumber'), cells.text('transactionNumber')),
};

/**
 * ING Belgium (11 columns): old accounts written 390-1234567-89 (read as their IBAN); the
 * counterparty's IBAN and name sometimes only inside "Detail van de omzet", whose sub-fields are
 * separated by runs of spaces ("IBAN: ...", "Ten gunste van: ...", "Mededeling: ..."). The line's
 * reference is the booking year and "Omzetnummer".
 */
const ING: BankProfile = {
  kind: 'bank-profile',
  format: 'ing',
  bank: 'ING Belgium',
  delimiter: 'auto',
  encoding: 'auto',
  header: { find: 'signature', signatures: [['rekeningnummer', 'omzetnummer', 'boekingsdatum', 'bedrag']] },
  columns: {
    account: ['rekeningnummer'],
    counterpartyIban: ['rekening tegenpartij'],
    transactionNumber: ['omzetnummer'],
    bookingDate: ['boekingsdatum'],
    valueDate: ['valutadatum'],
    amount: ['bedrag'],
    currency: ['munteenheid'],
    communication: ['bericht'],
    details: ['detail van de omzet', 'omschrijving'],
  },
  dateFormats: BELGIAN_DATES,
  amountStyle: 'decimal-comma',
  defaultCurrency: 'EUR',
  bankReference: (cells, bookingDate) => yearly(bookingDate, cells.text('transactionNumber')),
  fromDetails: (details) => {
    const fields = details.split(/\s{2,}/).map((field) => field.trim()).filter((field) => field !== '');
    const found: { counterpartyIban?: string; counterpartyName?: string } = {};
    for (const [index, field] of fields.entries()) {
      const labelled = /^(IBAN|Ten gunste van|Van)\s*:\s*(.*)$/i.exec(field);
      if (labelled === null) continue;
      const label = (labelled[1] ?? '').toLowerCase();
      const value = (labelled[2] ?? '') === '' ? (fields[index + 1] ?? '') : (labelled[2] ?? '');
      if (label === 'iban') found.counterpartyIban ??= value;
      else found.counterpartyName ??= value;
    }
    return found;
  },
};

/**
 * Argenta (11 columns, NL or FR header; "Date valeu" is how the FR export spells it): dates
 * dd-mm-yyyy, "Referentie" (e.g. 7SLLCW65XDZQU891) is the line's reference.
 */
const ARGENTA: BankProfile = {
  kind: 'bank-profile',
  format: 'argenta',
  bank: 'Argenta',
  delimiter: 'auto',
  encoding: 'auto',
  header: {
    find: 'signature',
    signatures: [
      ['rekening', 'boekdatum', 'referentie', 'bedrag'],
      ['compte', 'date comptable', 'référence', 'montant'],
    ],
  },
  columns: {
    account: ['rekening', 'compte'],
    bookingDate: ['boekdatum', 'date comptable'],
    valueDate: ['valutadatum', 'date valeu', 'date valeur'],
    bankReference: ['referentie', 'référence'],
    details: ['beschrijving', 'description'],
    amount: ['bedrag', 'montant'],
    currency: ['munt', 'devise'],
    counterpartyIban: ['rekening tegenpartij', 'compte de la contrepartie'],
    counterpartyName: ['naam tegenpartij', 'nom de la contrepartie'],
    communication: ['mededeling', 'communication'],
  },
  dateFormats: ['dd-mm-yyyy', 'yyyy-mm-dd'],
  amountStyle: 'decimal-comma',
  defaultCurrency: 'EUR',
};

export const BANK_PROFILES: Readonly<Record<BankCsvFormat, BankProfile>> = {
  kbc: KBC,
  bnp: BNP,
  belfius: BELFIUS,
  ing: ING,
  argenta: ARGENTA,
};

export function bankProfile(format: BankCsvFormat): BankProfile {
  return BANK_PROFILES[format];
}
