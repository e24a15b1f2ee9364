import type { IsoDate } from '../calendar/dates.js';

export const CATEGORIES = ['employee', 'artist'] as const;
export type Category = (typeof CATEGORIES)[number];

/** key-formula: the SPF Finances key formula; flat: 11.11 % for artists where it applies. */
export const WITHHOLDING_MODES = ['key-formula', 'flat'] as const;
export type WithholdingMode = (typeof WITHHOLDING_MODES)[number];

export type MemberStatus = 'active' | 'left';

export interface Member {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly niss: string;
  readonly iban: string;
  readonly birthDate: IsoDate;
  readonly address: string;
  readonly category: Category;
  readonly withholding: WithholdingMode;
  readonly status: MemberStatus;
  readonly joinedOn: IsoDate;
  readonly leftOn: IsoDate | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a person or a file gives to create a member, checked and in normal form. */
export interface MemberDraft {
  readonly name: string;
  readonly email: string;
  readonly niss: string;
  readonly iban: string;
  readonly birthDate: IsoDate;
  readonly address: string;
  readonly category: Category;
  readonly withholding: WithholdingMode;
  readonly shares: number;
  readonly joinedOn: IsoDate;
}

/** A member as lists show them: no NISS, no IBAN. */
export interface MemberSummary {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  readonly category: Category;
  readonly status: MemberStatus;
  readonly shares: number;
  readonly joinedOn: IsoDate;
  readonly leftOn: IsoDate | null;
}
