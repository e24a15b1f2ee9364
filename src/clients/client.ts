export interface Client {
  readonly id: number;
  readonly name: string;
  readonly address: string;
  readonly country: string;
  readonly vatNumber: string | null;
  readonly email: string | null;
  readonly iban: string | null;
  readonly peppolId: string | null;
  readonly blocked: boolean;
  readonly blockedReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ClientDraft {
  readonly name: string;
  readonly address: string;
  readonly country: string;
  readonly vatNumber: string | null;
  readonly email: string | null;
  readonly iban: string | null;
  readonly peppolId: string | null;
}
