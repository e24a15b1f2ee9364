/**
 * Why a typed amount (an option such as --amount) is not one that parseCents accepts, in words
 * for the message: the user sees what is wrong with what they typed, not only the rule.
 * For text that parseCents rejects; it never guesses a value.
 */
export function typedAmountProblem(text: string): string {
  const trimmed = text.trim();
  const shown = JSON.stringify(trimmed.length > 40 ? `${trimmed.slice(0, 37)}...` : trimmed);
  if (trimmed === '') return 'the amount is empty';
  if (/\p{L}/u.test(trimmed)) return `${shown} is not an amount: it holds a letter`;
  if (/\s/.test(trimmed)) return `${shown} is not an amount: it holds a space`;
  if (!/^[+-]?[0-9.,]+$/.test(trimmed)) return `${shown} is not an amount: only digits, a leading "-" and one "." or "," may appear`;
  const body = trimmed.replace(/^[+-]/, '');
  const separators = body.match(/[.,]/g) ?? [];
  if (separators.length > 1) return `${shown} has ${separators.length} separators: write no thousands separator, e.g. 1234.56`;
  const [units = '', fraction] = body.split(/[.,]/);
  if (units === '' || fraction === '') return `${shown} is not an amount: a digit is missing around the separator`;
  if (fraction !== undefined && fraction.length > 2) return `${shown} has ${fraction.length} decimals: an amount has at most two (cents)`;
  if (units.length > 13) return `${shown} is too large to be an amount`;
  return `${shown} is not an amount`;
}
