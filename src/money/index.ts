export { type Cents, assertCents, sumCents, parseCents, formatCents, displayCents } from './cents.js';
export { type Rate, type Rounding, Dec, percentOf, rate, roundToCents, applyRate, divideBy } from './rates.js';
export { allocate } from './allocate.js';
