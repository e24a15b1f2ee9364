import { type IsoDate, today } from '../calendar/dates.js';

/**
 * The Dimona IN of a contract must reach the ONSS at the latest when the work starts: its
 * deadline is the contract's first day. A contract recorded after that day could not be declared
 * in time; the co-op must declare it at once (late, with the risk of a sanction).
 */
export function dimonaDeadline(contract: { readonly startDate: IsoDate }): IsoDate {
  return contract.startDate;
}

/** The administrator's calendar date on which a contract was recorded (its created_at, in local time). */
export function recordedOn(createdAt: string): IsoDate {
  return today(new Date(createdAt));
}

export function recordedLate(contract: { readonly startDate: IsoDate; readonly createdAt: string }): boolean {
  return recordedOn(contract.createdAt) > dimonaDeadline(contract);
}

/** What `smart contract add` says when the contract starts before its Dimona could have been made. */
export function lateDimonaWarning(contract: { readonly id: number; readonly startDate: IsoDate; readonly createdAt: string }): string | undefined {
  if (!recordedLate(contract)) return undefined;
  const recorded = recordedOn(contract.createdAt);
  return `Contract ${contract.id} starts on ${contract.startDate}, before it was recorded (${recorded}): its Dimona was due by ${dimonaDeadline(contract)}. Declare it to the ONSS now: smart export dimona --from ${contract.startDate} --to ${recorded}.`;
}
