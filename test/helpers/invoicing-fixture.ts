import type { Book } from '../../src/book/open-book.js';
import { addClient } from '../../src/clients/manage-clients.js';
import { type ContractInput, addContract } from '../../src/contracts/manage-contracts.js';
import { addMember } from '../../src/members/add-member.js';
import type { MemberDraft } from '../../src/members/member.js';
import { testContext } from './temp-book.js';

export const MEMBER_ADA: MemberDraft = {
  name: 'Ada Peeters',
  email: 'ada.peeters@example.be',
  niss: '85073001150',
  iban: 'BE83332253083015',
  birthDate: '1985-07-30',
  address: 'Rue Haute 12, 1000 Bruxelles',
  category: 'employee',
  withholding: 'key-formula',
  shares: 1,
  joinedOn: '2026-01-01',
};

/** The same person as an artist with flat withholding and two shares. */
export const ARTIST_ADA: MemberDraft = { ...MEMBER_ADA, category: 'artist', withholding: 'flat', shares: 2 };

/** A member and a Belgian company client, ready for contracts. */
export function memberAndClient(book: Book): { memberId: number; clientId: number } {
  const memberId = addMember(book, testContext(), MEMBER_ADA).member.id;
  const clientId = addClient(book, testContext(), { name: 'Théâtre National', address: 'Bd Émile Jacqmain 111, 1000 Bruxelles', vatNumber: 'BE0123456749' }).client.id;
  return { memberId, clientId };
}

export function contractFor(book: Book, ids: { memberId: number; clientId: number }, overrides: Partial<ContractInput> = {}): number {
  return addContract(book, testContext(), {
    ...ids,
    description: 'Lighting design, Hamlet',
    start: '2026-11-02',
    end: '2026-11-06',
    days: '5',
    amount: '1000.00',
    ...overrides,
  }).contract.id;
}
