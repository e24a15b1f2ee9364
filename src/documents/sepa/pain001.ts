import type { IsoDate } from '../../calendar/dates.js';
import { parseIsoDate } from '../../calendar/dates.js';
import { validateBic } from '../../identifiers/bic.js';
import { validateIban } from '../../identifiers/iban.js';
import { type Cents, formatCents, sumCents } from '../../money/cents.js';
import { type XmlChild, type XmlElement, leaf, node, serializeXml } from '../ubl/xml.js';
import { isSepaId, sepaText } from './charset.js';

export { isSepaId, sepaText } from './charset.js';

/**
 * The payout file for the bank: a SEPA credit transfer initiation, ISO 20022 pain.001.001.03, the
 * version every Belgian bank accepts (Febelfin guidelines, EPC customer-to-bank implementation
 * guidelines). One file = one group header + one payment information block (one debit of the
 * co-op's account, booked as one batch) + one credit transfer per member.
 *
 * Choices:
 * - NbOfTxs and CtrlSum are written twice (group header and payment information), both computed
 *   from the integer cents of the payments: the bank checks them against the lines.
 * - No creditor agent (CdtrAgt). The creditor is identified by the IBAN alone ("IBAN-only",
 *   mandatory for every SEPA bank since 2016); the .03 schema makes CdtrAgt optional and the EPC
 *   guidelines allow only a BIC in it, so the placeholder Othr/Id NOTPROVIDED (a German
 *   convention of later versions) is left out: some banks reject it.
 * - The debtor agent (DbtrAgt) is the co-op's BIC: mandatory in the .03 schema.
 * - Names and remittance text go through `sepaText` (basic Latin set, cut to Nm 70 / Ustrd 140);
 *   identifiers are checked, never altered.
 * - ChrgBr SLEV once, at the payment information level; service level SEPA; category purpose
 *   SALA when asked (the bank may then keep salary details confidential on statements).
 * - The country of a creditor IBAN is not checked against the SEPA scheme's list of countries
 *   (which changes over time): a valid IBAN outside SEPA is refused by the bank for that line.
 */
export interface SepaPayment {
  /** Unique per payment, e.g. "2026-W48-M12" (max 35 characters, SEPA identifier characters). */
  readonly endToEndId: string;
  /** The member's name (transliterated, cut to 70 characters). */
  readonly creditorName: string;
  /** The member's IBAN, electronic form (spaces and lower case are normalised). */
  readonly creditorIban: string;
  /** More than 0 and at most 999,999,999.99 EUR (the SEPA limit). */
  readonly amountCents: Cents;
  /** Unstructured remittance text, e.g. "Salary 2026-W48" (transliterated, cut to 140); omitted when blank. */
  readonly remittance: string;
}

export interface SepaBatch {
  /** Unique per file, e.g. "SMART-2026-W48" (max 35 characters). */
  readonly messageId: string;
  /** The payment information block's identifier (max 35 characters). */
  readonly paymentInfoId: string;
  /** When the file was made, ISO 8601 date-time, e.g. "2026-11-27T09:00:00Z" or "2026-11-27T10:00:00+01:00". */
  readonly createdAt: string;
  /** The requested execution date. */
  readonly executionDate: IsoDate;
  /** The co-op (transliterated, cut to 70 characters). */
  readonly debtorName: string;
  readonly debtorIban: string;
  readonly debtorBic: string;
  readonly payments: readonly SepaPayment[];
  /** SALA: salary payments (PmtTpInf/CtgyPurp/Cd). */
  readonly categoryPurpose?: 'SALA';
}

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

/** 999,999,999.99 EUR: the largest amount of a SEPA credit transfer (EPC rulebook, AT-04). */
export const SEPA_MAX_AMOUNT_CENTS: Cents = 99_999_999_999;

/** EPC: names at most 70 characters; unstructured remittance at most 140. */
export const SEPA_NAME_MAX = 70;
export const SEPA_REMITTANCE_MAX = 140;

/** xs:dateTime as the banks read it: date, time to the second, optional fraction and zone. */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](0\d|1[0-4]):[0-5]\d)?$/;

/** xs:pattern of BICIdentifier in the .03 schema (stricter than ISO 9362 on the location code). */
const SCHEMA_BIC = /^[A-Z]{6}[A-Z2-9][A-NP-Z0-9]([A-Z0-9]{3})?$/;

function fail(problem: string): never {
  throw new Error(`pain.001: ${problem}`);
}

function required(element: XmlElement | undefined, what: string): XmlElement {
  return element ?? fail(`${what} would be empty`);
}

function checkId(value: string, what: string): string {
  if (!isSepaId(value)) {
    fail(`${what} must be 1 to 35 of the characters a-z A-Z 0-9 / - ? : ( ) . , ' + (no space, no leading, trailing or double '/'): ${JSON.stringify(value)}`);
  }
  return value;
}

function checkIban(value: string, what: string): string {
  const result = validateIban(value);
  // The problem never repeats the IBAN itself (personal data).
  return result.ok ? result.value : fail(`${what}: ${result.problem}`);
}

function checkName(value: string, what: string): string {
  const name = sepaText(value, SEPA_NAME_MAX);
  return name !== '' ? name : fail(`${what} is empty`);
}

interface CheckedPayment {
  readonly endToEndId: string;
  readonly name: string;
  readonly iban: string;
  readonly amountCents: Cents;
  readonly remittance: string;
}

function checkPayment(payment: SepaPayment, index: number, seen: Set<string>): CheckedPayment {
  const what = `payment ${index + 1}`;
  const endToEndId = checkId(payment.endToEndId, `${what}: the end-to-end id`);
  if (seen.has(endToEndId)) fail(`${what}: the end-to-end id ${endToEndId} is used twice in the batch`);
  seen.add(endToEndId);
  const { amountCents } = payment;
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0 || amountCents > SEPA_MAX_AMOUNT_CENTS) {
    fail(`${what} (${endToEndId}): the amount must be a whole number of cents from 1 to ${SEPA_MAX_AMOUNT_CENTS}, not ${String(amountCents)}`);
  }
  return {
    endToEndId,
    name: checkName(payment.creditorName, `${what} (${endToEndId}): the creditor name`),
    iban: checkIban(payment.creditorIban, `${what} (${endToEndId}): the creditor iban`),
    amountCents,
    remittance: sepaText(payment.remittance, SEPA_REMITTANCE_MAX),
  };
}

function creditTransfer(payment: CheckedPayment): XmlElement {
  return required(
    node('CdtTrfTxInf', [
      node('PmtId', [leaf('EndToEndId', payment.endToEndId)]),
      node('Amt', [leaf('InstdAmt', formatCents(payment.amountCents), { Ccy: 'EUR' })]),
      node('Cdtr', [leaf('Nm', payment.name)]),
      node('CdtrAcct', [node('Id', [leaf('IBAN', payment.iban)])]),
      // Left out when the remittance text is blank (RmtInf is optional, Ustrd must not be empty).
      node('RmtInf', [leaf('Ustrd', payment.remittance)]),
    ]),
    'a credit transfer',
  );
}

/**
 * The pain.001.001.03 document for one batch of payments, as UTF-8 XML text. Pure. Throws an
 * Error (a programmer's error: the caller checks members and amounts first) on an empty batch,
 * an amount that is not a positive whole number of cents, an invalid IBAN or BIC, a malformed
 * identifier or date, a duplicate end-to-end id or an empty name.
 */
export function renderPain001(batch: SepaBatch): string {
  if (batch.payments.length === 0) fail('the batch has no payment');
  const messageId = checkId(batch.messageId, 'the message id');
  const paymentInfoId = checkId(batch.paymentInfoId, 'the payment information id');
  const created = DATE_TIME.exec(batch.createdAt);
  if (created === null || parseIsoDate(created[1] ?? '') === undefined) {
    fail(`the creation date-time must be ISO 8601 (2026-11-27T09:00:00Z), not ${JSON.stringify(batch.createdAt)}`);
  }
  const executionDate = parseIsoDate(batch.executionDate);
  if (executionDate === undefined || executionDate !== batch.executionDate) {
    fail(`the execution date must be an ISO date (2026-11-27), not ${JSON.stringify(batch.executionDate)}`);
  }
  const debtorName = checkName(batch.debtorName, 'the debtor name');
  const debtorIban = checkIban(batch.debtorIban, 'the debtor iban');
  const bic = validateBic(batch.debtorBic);
  if (!bic.ok || !SCHEMA_BIC.test(bic.value)) fail('the debtor bic must have 8 or 11 letters and digits, such as GEBABEBB');

  const seen = new Set<string>();
  const payments = batch.payments.map((payment, index) => checkPayment(payment, index, seen));
  const count = String(payments.length);
  const controlSum = formatCents(sumCents(payments.map((payment) => payment.amountCents)));

  const paymentType: XmlChild[] = [node('SvcLvl', [leaf('Cd', 'SEPA')])];
  if (batch.categoryPurpose !== undefined) paymentType.push(node('CtgyPurp', [leaf('Cd', batch.categoryPurpose)]));

  const document = node(
    'Document',
    [
      node('CstmrCdtTrfInitn', [
        node('GrpHdr', [
          leaf('MsgId', messageId),
          leaf('CreDtTm', batch.createdAt),
          leaf('NbOfTxs', count),
          leaf('CtrlSum', controlSum),
          node('InitgPty', [leaf('Nm', debtorName)]),
        ]),
        node('PmtInf', [
          leaf('PmtInfId', paymentInfoId),
          leaf('PmtMtd', 'TRF'),
          leaf('BtchBookg', 'true'),
          leaf('NbOfTxs', count),
          leaf('CtrlSum', controlSum),
          node('PmtTpInf', paymentType),
          leaf('ReqdExctnDt', executionDate),
          node('Dbtr', [leaf('Nm', debtorName)]),
          node('DbtrAcct', [node('Id', [leaf('IBAN', debtorIban)]), leaf('Ccy', 'EUR')]),
          node('DbtrAgt', [node('FinInstnId', [leaf('BIC', bic.value)])]),
          leaf('ChrgBr', 'SLEV'),
          ...payments.map(creditTransfer),
        ]),
      ]),
    ],
    { xmlns: PAIN001_NAMESPACE },
  );
  return serializeXml(required(document, 'the document'));
}
