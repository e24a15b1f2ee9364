/**
 * A text cell that starts with =, +, -, @, a tab or a carriage return is run as a formula by
 * spreadsheets (CSV injection). Prefixing it with an apostrophe makes it inert text. Amounts are
 * written by the exporter as numbers, not through this function, so "-3.20" stays a number.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
