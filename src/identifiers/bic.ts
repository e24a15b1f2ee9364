import { type Validation, invalid, valid } from './validation.js';

const BIC = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** A BIC (ISO 9362): 8 or 11 characters, bank code, country, location, optional branch. */
export function validateBic(text: string): Validation {
  const value = text.replace(/\s+/g, '').toUpperCase();
  return BIC.test(value) ? valid(value) : invalid('a BIC has 8 or 11 letters and digits, such as GEBABEBB');
}
