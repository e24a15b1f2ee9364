/**
 * The outcome of checking one identifier typed by a person or read from a file.
 * On success `value` is the identifier in its normal (electronic) form, ready to store.
 * On failure `problem` is a short lowercase phrase that says what is wrong and how to fix it.
 * A problem never repeats the input: NISS, IBAN and e-mail addresses are personal data, and
 * problems end up in logs and on screens that others may see.
 */
export type Validation = { ok: true; value: string } | { ok: false; problem: string };

export type Valid = Extract<Validation, { ok: true }>;
export type Invalid = Extract<Validation, { ok: false }>;

export function valid(value: string): Valid {
  return { ok: true, value };
}

export function invalid(problem: string): Invalid {
  return { ok: false, problem };
}
