import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChecks } from '../../src/checks/run-checks.js';
import { SmartError } from '../../src/errors.js';
import { BANK, SHARE_REFUNDS_PAYABLE, activityAccount, shareCapitalAccount } from '../../src/ledger/chart.js';
import { postEntry } from '../../src/ledger/post-entry.js';
import { LedgerStore } from '../../src/ledger/ledger-store.js';
import { addMember } from '../../src/members/add-member.js';
import { editMember } from '../../src/members/edit-member.js';
import { importMembers } from '../../src/members/import-members.js';
import { leaveMember } from '../../src/members/leave-member.js';
import { listMembers } from '../../src/members/list-members.js';
import type { MemberDraft } from '../../src/members/member.js';
import { showMember } from '../../src/members/show-member.js';
import { setRule } from '../../src/rules/set-rule.js';
import { buyShares } from '../../src/shares/buy-shares.js';
import { votingRoll } from '../../src/shares/voting-roll.js';
import { ARTIST_ADA } from '../helpers/invoicing-fixture.js';
import { type TempBook, createTempBook, testContext } from '../helpers/temp-book.js';

const ADA: MemberDraft = ARTIST_ADA;

const BRAM: MemberDraft = { ...ADA, name: 'Bram Janssens', email: 'bram@example.be', niss: '90021401316', iban: 'BE65405081011296', birthDate: '1990-02-14', category: 'employee', withholding: 'key-formula', shares: 1 };

function failedChecks(temp: TempBook): string[] {
  return runChecks(temp.book).filter((check) => !check.ok).map((check) => check.name);
}

async function expectSmartError(promise: Promise<unknown> | (() => unknown), kind: string): Promise<SmartError> {
  try {
    if (typeof promise === 'function') promise();
    else await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(SmartError);
    expect((error as SmartError).kind).toBe(kind);
    return error as SmartError;
  }
  throw new Error(`expected a ${kind} error`);
}

let temp: TempBook;
beforeEach(() => {
  temp = createTempBook();
});
afterEach(() => temp.cleanup());

describe('adding members', () => {
  test('books the joining shares: bank debited, share capital credited, at the rule price', () => {
    const outcome = addMember(temp.book, testContext(), ADA);
    expect(outcome.created).toBe(true);
    const ledger = new LedgerStore(temp.book);
    expect(ledger.balance(BANK.code)).toBe(6000);
    expect(ledger.balance(shareCapitalAccount(outcome.member.id).code)).toBe(-6000);
    expect(showMember(temp.book, outcome.member.id)).toMatchObject({ shares: 2, shareCapitalCents: 6000, activityBalanceCents: 0 });
    expect(failedChecks(temp)).toEqual([]);
  });

  test('the same person twice is a harmless re-run; the same NISS with other details is a conflict', async () => {
    const first = addMember(temp.book, testContext(), ADA);
    const again = addMember(temp.book, testContext(), ADA);
    expect(again).toMatchObject({ created: false, member: { id: first.member.id }, shares: 2 });
    await expectSmartError(() => addMember(temp.book, testContext(), { ...ADA, name: 'Somebody Else' }), 'conflict');
    expect(listMembers(temp.book, {})).toHaveLength(1);
    expect(new LedgerStore(temp.book).balance(BANK.code)).toBe(6000);
  });

  test('the share price in force on the joining date applies', () => {
    setRule(temp.book, testContext(), { name: 'share.price', value: '50.00', from: '2027-01-01' });
    const early = addMember(temp.book, testContext(), ADA);
    const late = addMember(temp.book, testContext(), { ...BRAM, joinedOn: '2027-02-01' });
    expect(showMember(temp.book, early.member.id).shareCapitalCents).toBe(6000);
    expect(showMember(temp.book, late.member.id).shareCapitalCents).toBe(5000);
    expect(failedChecks(temp)).toEqual([]);
  });
});

describe('shares and the voting roll', () => {
  test('a purchase with a reference happens once; one vote per member whatever the shares', () => {
    const ada = addMember(temp.book, testContext(), ADA).member;
    addMember(temp.book, testContext(), BRAM);
    const first = buyShares(temp.book, testContext(), { memberId: ada.id, count: 3, ref: 'KBC-42' });
    const second = buyShares(temp.book, testContext(), { memberId: ada.id, count: 3, ref: 'KBC-42' });
    expect(first).toMatchObject({ created: true, held: 5, amountCents: 9000 });
    expect(second).toMatchObject({ created: false, held: 5 });
    const roll = votingRoll(temp.book);
    expect(roll.totalVotes).toBe(2);
    expect(roll.totalShares).toBe(6);
    expect(roll.members.every((member) => member.votes === 1)).toBe(true);
    expect(failedChecks(temp)).toEqual([]);
  });
});

describe('leaving', () => {
  test('refunds the nominal value, takes the member off the roll, and is idempotent', () => {
    const ada = addMember(temp.book, testContext(), ADA).member;
    addMember(temp.book, testContext(), BRAM);
    const outcome = leaveMember(temp.book, testContext(), { memberId: ada.id, date: '2026-10-31' });
    expect(outcome).toMatchObject({ changed: true, refundedShares: 2, refundCents: 6000, member: { status: 'left', leftOn: '2026-10-31' } });
    const ledger = new LedgerStore(temp.book);
    expect(ledger.balance(shareCapitalAccount(ada.id).code)).toBe(0);
    expect(ledger.balance(SHARE_REFUNDS_PAYABLE.code)).toBe(-6000);
    expect(votingRoll(temp.book).members.map((member) => member.name)).toEqual(['Bram Janssens']);
    expect(leaveMember(temp.book, testContext(), { memberId: ada.id }).changed).toBe(false);
    expect(ledger.balance(SHARE_REFUNDS_PAYABLE.code)).toBe(-6000);
    expect(failedChecks(temp)).toEqual([]);
  });

  test('refunds each lot at the price it was bought at', () => {
    const ada = addMember(temp.book, testContext(), ADA).member;
    setRule(temp.book, testContext(), { name: 'share.price', value: '50.00', from: '2026-06-01' });
    buyShares(temp.book, testContext(), { memberId: ada.id, count: 1, date: '2026-07-01' });
    expect(leaveMember(temp.book, testContext(), { memberId: ada.id }).refundCents).toBe(2 * 3000 + 5000);
    expect(failedChecks(temp)).toEqual([]);
  });

  test('is refused while budget is on the activity account, unless forced; the budget stays owed', async () => {
    const ada = addMember(temp.book, testContext(), ADA).member;
    postEntry(new LedgerStore(temp.book), testContext(), {
      key: 'budget-1',
      date: '2026-11-01',
      reason: 'test.budget',
      memo: 'a budget credited as an invoice would',
      memberId: ada.id,
      postings: [
        { account: BANK, amountCents: 91500 },
        { account: activityAccount(ada.id), amountCents: -91500 },
      ],
    });
    const error = await expectSmartError(() => leaveMember(temp.book, testContext(), { memberId: ada.id }), 'conflict');
    expect(error.message).toContain('915.00');
    expect(showMember(temp.book, ada.id).member.status).toBe('active');
    const forced = leaveMember(temp.book, testContext(), { memberId: ada.id, force: true });
    expect(forced).toMatchObject({ changed: true, activityBalanceCents: 91500 });
    expect(showMember(temp.book, ada.id).activityBalanceCents).toBe(91500);
    expect(failedChecks(temp)).toEqual([]);
  });

  test('a member who left cannot buy shares', async () => {
    const ada = addMember(temp.book, testContext(), ADA).member;
    leaveMember(temp.book, testContext(), { memberId: ada.id });
    await expectSmartError(() => buyShares(temp.book, testContext(), { memberId: ada.id, count: 1 }), 'conflict');
  });
});

describe('editing', () => {
  test('changes only what differs, checks every value, refuses a NISS of another member', async () => {
    const ada = addMember(temp.book, testContext(), ADA).member;
    const bram = addMember(temp.book, testContext(), BRAM).member;
    expect(editMember(temp.book, testContext(), ada.id, { iban: 'BE71 0961 2345 6769', name: ADA.name }).changed).toEqual(['iban']);
    expect(showMember(temp.book, ada.id).member.iban).toBe('BE71096123456769');
    await expectSmartError(() => editMember(temp.book, testContext(), ada.id, { iban: 'BE71096123456768' }), 'invalid-input');
    await expectSmartError(() => editMember(temp.book, testContext(), bram.id, { niss: ADA.niss, birthDate: ADA.birthDate }), 'conflict');
    await expectSmartError(() => editMember(temp.book, testContext(), ada.id, {}), 'usage');
  });
});

describe('importing members', () => {
  const HEADER = 'name,email,niss,birth_date,iban,address,category,shares';
  const line = (draft: MemberDraft): string => [draft.name, draft.email, draft.niss, draft.birthDate, draft.iban, `"${draft.address}"`, draft.category, draft.shares].join(',');

  test('imports every row, and a second import of the same file adds nothing', async () => {
    const file = join(temp.dir, 'members.csv');
    writeFileSync(file, `${HEADER}\n${line(ADA)}\n${line(BRAM)}\n`);
    const first = await importMembers(temp.book, testContext(), file, false);
    expect(first).toMatchObject({ rows: 2, added: 2, alreadyPresent: 0, sharesBought: 3 });
    const second = await importMembers(temp.book, testContext(), file, false);
    expect(second).toMatchObject({ rows: 2, added: 0, alreadyPresent: 2 });
    expect(listMembers(temp.book, {})).toHaveLength(2);
    expect(failedChecks(temp)).toEqual([]);
  });

  test('a file with bad rows imports nothing and names every bad line', async () => {
    const file = join(temp.dir, 'members.csv');
    const badNiss = line({ ...BRAM, niss: '90021401317' });
    const badDate = line({ ...ADA, niss: '78110301558', birthDate: '1978-02-30' });
    writeFileSync(file, `${HEADER}\n${line(ADA)}\n${badNiss}\n${line({ ...ADA, niss: '69123102197', birthDate: '1969-12-31' })}\n${badDate}\n`);
    const error = await expectSmartError(importMembers(temp.book, testContext(), file, false), 'invalid-input');
    expect(error.problems.map((problem) => problem.where)).toEqual(['members.csv:3 niss', 'members.csv:5 birth_date']);
    expect(listMembers(temp.book, {})).toHaveLength(0);
  });

  test('a NISS twice in one file is refused at its second line', async () => {
    const file = join(temp.dir, 'members.csv');
    writeFileSync(file, `${HEADER}\n${line(ADA)}\n${line(ADA)}\n`);
    const error = await expectSmartError(importMembers(temp.book, testContext(), file, false), 'invalid-input');
    expect(error.problems[0]).toMatchObject({ where: 'members.csv:3 niss' });
    expect(error.problems[0]?.message).toContain('line 2');
  });

  test('semicolons and a BOM are read; a dry run writes nothing', async () => {
    const file = join(temp.dir, 'members.csv');
    const row = line({ ...ADA, address: 'Rue Haute 12 1000 Bruxelles' }).replaceAll(',', ';');
    writeFileSync(file, `\uFEFF${HEADER.replaceAll(',', ';')}\n${row}\n`);
    expect(await importMembers(temp.book, testContext(), file, true)).toMatchObject({ added: 1, dryRun: true });
    expect(listMembers(temp.book, {})).toHaveLength(0);
  });

  test.each([
    ['empty.csv', '', 'is empty'],
    ['header-only.csv', `${HEADER}\n`, 'no members'],
    ['unknown.csv', `${HEADER},colour\n${line(ADA)},blue\n`, 'expected columns'],
    ['ragged.csv', `${HEADER}\n${line(ADA)},extra\n`, 'ragged.csv:2'],
  ])('%s is refused clearly', async (name, content, message) => {
    const file = join(temp.dir, name);
    writeFileSync(file, content);
    const error = await expectSmartError(importMembers(temp.book, testContext(), file, false), 'invalid-input');
    expect(error.message).toContain(message);
  });

  test('binary and non-UTF-8 files are refused', async () => {
    const binary = join(temp.dir, 'photo.csv');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    expect((await expectSmartError(importMembers(temp.book, testContext(), binary, false), 'invalid-input')).message).toContain('binary');
    const latin1 = join(temp.dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from(`${HEADER}\n${line({ ...ADA, name: 'Chloé Dubois' })}\n`, 'latin1'));
    expect((await expectSmartError(importMembers(temp.book, testContext(), latin1, false), 'invalid-input')).message).toContain('not UTF-8');
    expect(listMembers(temp.book, {})).toHaveLength(0);
  });
});
