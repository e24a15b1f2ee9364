import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { type Problem, conflict, invalidInput, usageError } from '../errors.js';
import { nissBirthDate } from '../identifiers/niss.js';
import type { Member } from './member.js';
import { MEMBER_FIELDS, type MemberValues } from './member-fields.js';
import { type MemberChanges, MemberStore } from './member-store.js';
import { PersonalDataStore } from './personal-data-store.js';
import { findMember } from './show-member.js';

const EDITABLE = ['name', 'email', 'niss', 'iban', 'birthDate', 'address', 'category', 'withholding'] as const;

export interface EditMemberOutcome {
  readonly member: Member;
  /** The fields whose value changed; empty when the edit changed nothing. */
  readonly changed: readonly (keyof MemberChanges)[];
}

/** Changes a member's details. Personal data is not ledger history: it is corrected in place, and the audit log keeps who did it. */
export function editMember(book: Book, context: WriteContext, id: number, values: MemberValues): EditMemberOutcome {
  const problems: Problem[] = [];
  const changes: Record<string, string> = {};
  for (const key of EDITABLE) {
    const raw = values[key];
    if (raw === undefined) continue;
    const field = MEMBER_FIELDS.find((candidate) => candidate.key === key);
    if (field === undefined) continue;
    const result = field.check(raw);
    if (result.ok) changes[key] = result.value;
    else problems.push({ where: field.flag, message: result.problem });
  }
  if (problems.length > 0) throw invalidInput(`Member ${id} was not changed.`, { problems });
  if (Object.keys(changes).length === 0) throw usageError('Nothing to change.', 'Pass at least one of --name --email --niss --iban --birth-date --address --category --withholding.');
  const store = new MemberStore(book);
  return book
    .transaction((): EditMemberOutcome => {
      const member = findMember(book, id);
      const anonymisedOn = new PersonalDataStore(book).anonymisedOn(id);
      if (anonymisedOn !== null) throw conflict(`Member ${id} was anonymised on ${anonymisedOn}: their details are no longer held and cannot be edited.`);
      const changed = (Object.keys(changes) as (keyof MemberChanges)[]).filter((key) => member[key] !== changes[key]);
      const next = { ...member, ...changes } as Member;
      const fromNiss = nissBirthDate(next.niss);
      if (fromNiss !== null && fromNiss !== next.birthDate) {
        throw invalidInput('The birth date does not match the birth date held in the NISS.', { hint: 'Check both --niss and --birth-date.' });
      }
      if (changed.includes('niss')) {
        const other = store.findByNiss(next.niss);
        if (other !== undefined && other.id !== id) throw conflict(`Another member (${other.id}) already has this NISS.`);
      }
      if (changed.length === 0) return { member, changed };
      store.update(id, Object.fromEntries(changed.map((key) => [key, changes[key]])) as MemberChanges, context.now);
      recordAudit(book, context, `member ${id} edited: ${changed.join(', ')}`);
      return { member: findMember(book, id), changed };
    })
    .immediate();
}
