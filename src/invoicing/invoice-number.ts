import { formatStructuredCommunication, structuredCommunicationFor } from '../identifiers/structured-communication.js';

/** "2026-000123": one series a year, six digits (SMart issues about 150,000 a year). */
export function invoiceNumber(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(6, '0')}`;
}

const NUMBER = /^(\d{4})-(\d{6})$/;

export function parseInvoiceNumber(text: string): { year: number; sequence: number } | undefined {
  const match = NUMBER.exec(text.trim());
  if (match === null) return undefined;
  return { year: Number(match[1]), sequence: Number(match[2]) };
}

/**
 * The structured communication of an invoice is derived from its number (year and sequence as
 * ten digits), so a payment that quotes it can be matched to exactly one invoice.
 */
export function structuredCommunicationOf(year: number, sequence: number): string {
  return formatStructuredCommunication(structuredCommunicationFor(`${year}${String(sequence).padStart(6, '0')}`));
}
