/** The identifiers `smart` checks on input: each validator returns a Validation, never throws. */
export { type Validation, type Valid, type Invalid, valid, invalid } from './validation.js';
export { mod97, mod97NotZero } from './mod97.js';
export { validateIban, formatIban, maskIban, ibanCountry, ibanLength } from './iban.js';
export { validateBic } from './bic.js';
export { validateNiss, nissBirthDate, maskNiss, formatNiss } from './niss.js';
export { validateEnterpriseNumber, formatEnterpriseNumber, belgianVatNumber } from './enterprise-number.js';
export { validateVatNumber } from './vat-number.js';
export {
  validateStructuredCommunication,
  formatStructuredCommunication,
  structuredCommunicationFor,
  findStructuredCommunications,
} from './structured-communication.js';
export { validateEmail } from './email.js';
