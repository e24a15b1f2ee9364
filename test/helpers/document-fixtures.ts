import type { Coop } from '../../src/coop/coop-store.js';
import type { Member } from '../../src/members/member.js';

/** The co-op and a member as the document tests print them (PDFs, reminders, payslips). */
export const DOCUMENT_COOP: Coop = {
  name: 'Smart Test Coop SC',
  enterpriseNumber: '0123456749',
  iban: 'BE68539007547034',
  bic: 'GEBABEBB',
  address: 'Rue Coenraets 72, 1060 Saint-Gilles',
  demo: false,
  createdAt: '2026-01-01T09:00:00.000Z',
};

export const DOCUMENT_MEMBER: Member = {
  id: 7,
  name: 'Ada Peeters',
  email: 'ada.peeters@example.be',
  niss: '85073001150',
  iban: 'BE83332253083015',
  birthDate: '1985-07-30',
  address: 'Rue Haute 12, 1000 Bruxelles',
  category: 'employee',
  withholding: 'key-formula',
  status: 'active',
  joinedOn: '2026-01-05',
  leftOn: null,
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedAt: '2026-01-05T09:00:00.000Z',
};
