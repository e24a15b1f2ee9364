import type { IsoDate } from '../calendar/dates.js';
import type { VatRegime } from '../invoicing/vat.js';
import type { Cents } from '../money/index.js';

export type ContractStatus = 'open' | 'invoiced' | 'cancelled';

export interface ContractDraft {
  readonly memberId: number;
  readonly clientId: number;
  readonly description: string;
  readonly place: string;
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  readonly days: number;
  readonly amountCents: Cents;
  /** "0.21", "0.12", "0.06" or "0". */
  readonly vatRate: string;
  readonly vatRegime: VatRegime;
}

export interface Contract extends ContractDraft {
  readonly id: number;
  readonly status: ContractStatus;
  readonly cancelReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}
