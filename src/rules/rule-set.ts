import { SmartError } from '../errors.js';
import type { IsoDate } from '../calendar/dates.js';
import { type Cents, type Rate, Dec, parseCents } from '../money/index.js';
import type { RuleRow } from './rules-store.js';

/**
 * The rules of a book, held in memory: a computation asks for a value "in force on" its date
 * (an invoice's issue date, a run's date) and gets the row with the latest effective_from on or
 * before that date; among rows with the same date, the one recorded last overrides the others.
 */
export class RuleSet {
  private readonly byName = new Map<string, RuleRow[]>();

  constructor(rows: readonly RuleRow[]) {
    for (const row of rows) {
      const list = this.byName.get(row.name) ?? [];
      list.push(row);
      this.byName.set(row.name, list);
    }
    for (const list of this.byName.values()) {
      list.sort((a, b) => (a.effectiveFrom === b.effectiveFrom ? a.id - b.id : a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    }
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  history(name: string): readonly RuleRow[] {
    return this.byName.get(name) ?? [];
  }

  rowAt(name: string, date: IsoDate): RuleRow | undefined {
    const rows = this.byName.get(name) ?? [];
    let found: RuleRow | undefined;
    for (const row of rows) {
      if (row.effectiveFrom <= date) found = row;
      else break;
    }
    return found;
  }

  textAt(name: string, date: IsoDate): string {
    const row = this.rowAt(name, date);
    if (row === undefined) {
      throw new SmartError('invalid-input', `No value of the rule ${name} is in force on ${date}.`, {
        hint: `Set one with \`smart rules set ${name} VALUE --from DATE\` (a date on or before ${date}).`,
      });
    }
    return row.value;
  }

  rateAt(name: string, date: IsoDate): Rate {
    return new Dec(this.textAt(name, date));
  }

  amountAt(name: string, date: IsoDate): Cents {
    const cents = parseCents(this.textAt(name, date));
    if (cents === undefined) throw new Error(`rule ${name} does not hold an amount`);
    return cents;
  }

  daysAt(name: string, date: IsoDate): number {
    return Number(this.textAt(name, date));
  }
}
