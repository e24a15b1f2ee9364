import { basename } from 'node:path';
import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { readCsvFile } from '../csv/read-csv-file.js';
import { type Problem, conflict, hasErrorCode, invalidInput } from '../errors.js';
import { loadRules } from '../rules/set-rule.js';
import { memberWriters, recordImportedMember, sameMemberDetails } from './add-member.js';
import type { MemberDraft } from './member.js';
import { MEMBER_FIELDS, type MemberValues, readMemberDraft } from './member-fields.js';
import { MemberStore } from './member-store.js';

export interface ImportMembersOutcome {
  readonly file: string;
  readonly rows: number;
  readonly added: number;
  /** Rows for people already in the book with the same details: left as they were. */
  readonly alreadyPresent: number;
  readonly sharesBought: number;
  readonly dryRun: boolean;
}

/** Shown problems are capped: past this many, the file has a systematic fault and the first ones say what. */
const MAX_PROBLEMS = 50;

export const MEMBER_CSV_COLUMNS = {
  required: MEMBER_FIELDS.filter((field) => field.required).map((field) => field.column),
  optional: MEMBER_FIELDS.filter((field) => !field.required).map((field) => field.column),
};

/**
 * `smart member import FILE.csv`: every row is checked first (all problems reported with their
 * line); only when the whole file is valid are the members written, in one database
 * transaction. Rows for people already in the book with identical details are skipped, so a
 * file can be imported again safely.
 */
export async function importMembers(
  book: Book,
  context: WriteContext,
  path: string,
  dryRun: boolean,
  progress?: (done: number, total: number) => void,
): Promise<ImportMembersOutcome> {
  const file = basename(path);
  const problems: Problem[] = [];
  let problemCount = 0;
  const report = (problem: Problem): void => {
    problemCount += 1;
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
  };
  const drafts: MemberDraft[] = [];
  const lineOfNiss = new Map<string, number>();
  const store = new MemberStore(book);
  let rows = 0;
  let alreadyPresent = 0;

  for await (const record of readCsvFile(path, { ...MEMBER_CSV_COLUMNS, maxFieldLength: 1000 })) {
    rows += 1;
    const values: MemberValues = {};
    for (const field of MEMBER_FIELDS) values[field.key] = record.values[field.column];
    const result = readMemberDraft(values, context.today, (field) => `${file}:${record.line} ${field.column}`);
    if (result.draft === undefined) {
      result.problems.forEach(report);
      continue;
    }
    const draft = result.draft;
    const earlier = lineOfNiss.get(draft.niss);
    if (earlier !== undefined) {
      report({ where: `${file}:${record.line} niss`, message: `the same NISS as line ${earlier}: one row per member` });
      continue;
    }
    lineOfNiss.set(draft.niss, record.line);
    const existing = store.findByNiss(draft.niss);
    if (existing !== undefined) {
      if (sameMemberDetails(existing, draft)) alreadyPresent += 1;
      else report({ where: `${file}:${record.line} niss`, message: `already member ${existing.id} with other details: edit them with smart member edit ${existing.id}` });
      continue;
    }
    drafts.push(draft);
  }
  if (rows === 0) throw invalidInput(`${file} has a header but no members.`);
  if (problemCount > 0) {
    const more = problemCount > problems.length ? ` (${problemCount - problems.length} more not shown)` : '';
    throw invalidInput(`${file}: ${problemCount} problem(s)${more}; nothing was imported.`, {
      problems,
      hint: 'Fix the rows named above and import the whole file again.',
    });
  }
  const sharesBought = drafts.reduce((sum, draft) => sum + draft.shares, 0);
  const outcome = { file, rows, added: drafts.length, alreadyPresent, sharesBought, dryRun };
  if (dryRun || drafts.length === 0) return outcome;

  const writers = memberWriters(book);
  const rules = loadRules(book);
  book
    .transaction(() => {
      for (const [index, draft] of drafts.entries()) {
        try {
          recordImportedMember(writers, rules, context, draft);
        } catch (error) {
          // Another administrator added one of these people since the file was checked: the
          // NISS's UNIQUE constraint stops the import, and the transaction writes nothing.
          if (hasErrorCode(error, 'SQLITE_CONSTRAINT_UNIQUE')) {
            throw conflict(`${file}: the member on line ${lineOfNiss.get(draft.niss) ?? '?'} was added by someone else meanwhile; nothing was imported.`, 'Import the file again: that row will be skipped.');
          }
          throw error;
        }
        if (progress !== undefined && (index + 1) % 5000 === 0) progress(index + 1, drafts.length);
      }
      recordAudit(book, context, `${drafts.length} member(s) imported from ${file}`);
    })
    .immediate();
  return outcome;
}
