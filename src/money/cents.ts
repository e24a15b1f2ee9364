/**
 * Money is a whole number of euro cents. Plain integer addition and subtraction on it are exact
 * far beyond any co-op's turnover (Number.MAX_SAFE_INTEGER cents is 90 trillion euro); every
 * multiplication by a rate and every division goes through decimal.js with an explicit rounding.
 */
export type Cents = number;

export function assertCents(value: number): Cents {
  if (!Number.isSafeInteger(value)) {
    throw new Error(`not a whole number of cents: ${String(value)}`);
  }
  return value;
}

export function sumCents(values: Iterable<Cents>): Cents {
  let total = 0;
  for (const value of values) total += value;
  return assertCents(total);
}

const AMOUNT_PATTERN = /^([+-]?)(\d{1,13})(?:[.,](\d{1,2}))?$/;

/**
 * Reads an amount typed by a person or found in a file: "1210", "1210.5", "1210,50", "-3.20".
 * Thousands separators are refused rather than guessed, because "1.210" could mean either.
 * Returns undefined when the text is not an amount with at most two decimals.
 */
export function parseCents(text: string): Cents | undefined {
  const match = AMOUNT_PATTERN.exec(text.trim());
  if (match === null) return undefined;
  const [, sign, units, fraction = ''] = match;
  const cents = BigInt(units ?? '0') * 100n + BigInt(fraction.padEnd(2, '0'));
  const value = Number(sign === '-' ? -cents : cents);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** "1210.00": the form used in JSON output and CSV files (a string, so no float ever holds money). */
export function formatCents(cents: Cents): string {
  assertCents(cents);
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const units = Math.trunc(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  return `${negative ? '-' : ''}${units}.${fraction}`;
}

/** "1,210.00 EUR"-style display for people at a terminal. */
export function displayCents(cents: Cents): string {
  const plain = formatCents(cents);
  const negative = plain.startsWith('-');
  const [units = '0', fraction = '00'] = plain.replace('-', '').split('.');
  const grouped = units.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction}`;
}
