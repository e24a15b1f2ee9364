import type { Command } from 'commander';
import { invalidInput, usageError } from '../../errors.js';
import { formatIban } from '../../identifiers/iban.js';
import { maskNiss } from '../../identifiers/niss.js';
import { type Category, CATEGORIES, type MemberStatus, type MemberSummary } from '../../members/member.js';
import { MEMBER_FIELDS, type MemberValues, readMemberDraft } from '../../members/member-fields.js';
import { displayCents, formatCents } from '../../money/cents.js';
import { type CommonOptions, bookOptions, examples, optionKey, optionsOf, parseDateOption, parseMemberId, withBook } from '../command-kit.js';
import { writeSpreadsheetCsv } from '../csv-output.js';
import { type Io, done, next, printJson, printLine, printTable, say, warn } from '../io.js';
import { type Question, askForMissing, confirmAtTerminal } from '../prompts.js';

type FieldOptions = Partial<Record<string, string>>;

const PLACEHOLDERS: Readonly<Record<string, string>> = {
  '--name': '<name>',
  '--email': '<address>',
  '--niss': '<niss>',
  '--birth-date': '<YYYY-MM-DD>',
  '--iban': '<iban>',
  '--address': '<address>',
  '--category': '<employee|artist>',
  '--withholding': '<key-formula|flat>',
  '--shares': '<n>',
  '--joined': '<YYYY-MM-DD>',
};

function addFieldOptions(command: Command, fields: readonly string[]): Command {
  for (const field of MEMBER_FIELDS.filter((candidate) => fields.includes(candidate.key))) {
    const defaults = field.key === 'shares' ? ' (default 1)' : field.key === 'joinedOn' ? ' (default today)' : field.key === 'withholding' ? ' (default key-formula)' : '';
    command.option(`${field.flag} ${PLACEHOLDERS[field.flag] ?? '<value>'}`, `${field.question}${defaults}`);
  }
  return command;
}

function valuesFromOptions(options: FieldOptions): MemberValues {
  const values: MemberValues = {};
  for (const field of MEMBER_FIELDS) {
    const value = options[optionKey(field.flag)];
    if (value !== undefined) values[field.key] = value;
  }
  return values;
}

export function summaryJson(member: MemberSummary): Record<string, unknown> {
  return {
    id: member.id,
    name: member.name,
    email: member.email,
    category: member.category,
    status: member.status,
    shares: member.shares,
    joinedOn: member.joinedOn,
    leftOn: member.leftOn,
  };
}

function registerAdd(members: Command, io: Io): void {
  const command = addFieldOptions(
    members.command('add').description('add a member (asks for what is missing at a terminal; a script passes every option)'),
    MEMBER_FIELDS.map((field) => field.key),
  );
  bookOptions(command);
  examples(command, [
    'smart member add',
    'smart member add --name "Ada Peeters" --email ada@example.be --niss 85073001150 --birth-date 1985-07-30 --iban BE83332253083015 --address "Rue Haute 1, 1000 Brussels" --category artist --shares 2 --json',
  ]);
  command.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & FieldOptions>(cmd);
    const values = valuesFromOptions(options);
    const questions: Question[] = MEMBER_FIELDS.filter((field) => field.required).map((field) => ({
      flag: field.flag,
      message: field.question,
      check: field.check,
      ...(field.key === 'category' ? { choices: CATEGORIES } : {}),
    }));
    const given = Object.fromEntries(MEMBER_FIELDS.map((field) => [field.flag, values[field.key]]));
    const answers = await askForMissing(io, questions, given);
    if (io.interactive && values.shares === undefined) {
      const shares = MEMBER_FIELDS.find((field) => field.key === 'shares');
      if (shares !== undefined) Object.assign(answers, await askForMissing(io, [{ flag: '--shares', message: shares.question, check: shares.check, default: '1' }], answers));
    }
    const filled: MemberValues = {};
    for (const field of MEMBER_FIELDS) filled[field.key] = answers[field.flag];
    await withBook(cmd, io, async (book, context) => {
      const result = readMemberDraft(filled, context.today, (field) => field.flag);
      if (result.draft === undefined) throw invalidInput('The member was not added.', { problems: result.problems, hint: 'Correct the values above and run the command again.' });
      const { addMember } = await import('../../members/add-member.js');
      const outcome = addMember(book, context, result.draft);
      const { member } = outcome;
      if (options.json === true) {
        printJson(io, { ...summaryJson({ ...member, shares: outcome.shares }), created: outcome.created });
      }
      if (outcome.created) done(io, `Added member ${member.id}, ${member.name} (${member.category}), with ${outcome.shares} share(s).`);
      else done(io, `${member.name} is already member ${member.id} with these details: nothing changed.`);
      next(io, `smart member show ${member.id}`);
    });
  });
}

function registerList(members: Command, io: Io): void {
  const command = members
    .command('list')
    .description('list members (no NISS or IBAN: see member show)')
    .option('--status <status>', 'active, left or all', 'all')
    .option('--category <category>', 'employee or artist')
    .option('--search <text>', 'part of the name or e-mail')
    .option('--limit <n>', 'at most this many')
    .option('--csv', 'print CSV (spreadsheet-safe) on stdout');
  bookOptions(command);
  examples(command, ['smart member list', 'smart member list --status active --category artist', 'smart member list --json | jq length', 'smart member list --csv > members.csv']);
  command.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { status: string; category?: string; search?: string; limit?: string; csv?: boolean }>(cmd);
    if (!['active', 'left', 'all'].includes(options.status)) throw invalidInput(`--status must be active, left or all, not "${options.status}".`);
    if (options.category !== undefined && !(CATEGORIES as readonly string[]).includes(options.category)) {
      throw invalidInput(`--category must be one of ${CATEGORIES.join(', ')}.`);
    }
    if (options.limit !== undefined && !/^\d{1,7}$/.test(options.limit)) throw invalidInput('--limit must be a whole number.');
    await withBook(cmd, io, async (book) => {
      const { listMembers } = await import('../../members/list-members.js');
      const rows = listMembers(book, {
        ...(options.status === 'all' ? {} : { status: options.status as MemberStatus }),
        ...(options.category === undefined ? {} : { category: options.category as Category }),
        ...(options.search === undefined ? {} : { search: options.search }),
        ...(options.limit === undefined ? {} : { limit: Number(options.limit) }),
      });
      if (options.json === true) return printJson(io, rows.map(summaryJson));
      if (options.csv === true) {
        return writeSpreadsheetCsv(
          io.stdout,
          ['id', 'name', 'email', 'category', 'status', 'shares', 'joined_on', 'left_on'],
          rows.map((row) => [row.id, row.name, row.email, row.category, row.status, row.shares, row.joinedOn, row.leftOn ?? '']),
        );
      }
      printTable(
        io,
        ['#', 'name', 'e-mail', 'category', 'status', 'shares', 'joined'],
        rows.map((row) => [String(row.id), row.name, row.email, row.category, row.status, String(row.shares), row.joinedOn]),
        [0, 5],
      );
      say(io, io.paint.dim(`${rows.length} member(s)`));
    });
  });
}

function registerShow(members: Command, io: Io): void {
  const command = members.command('show').description("a member's details, shares and activity account").argument('<member>', 'member number');
  bookOptions(command);
  examples(command, ['smart member show 12', 'smart member show 12 --json']);
  command.action(async (memberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    await withBook(cmd, io, async (book) => {
      const { showMember } = await import('../../members/show-member.js');
      const details = showMember(book, parseMemberId(memberText));
      const { member } = details;
      if (options.json === true) {
        return printJson(io, {
          ...summaryJson({ ...member, shares: details.shares }),
          niss: member.niss,
          iban: member.iban,
          birthDate: member.birthDate,
          address: member.address,
          withholding: member.withholding,
          shareCapital: formatCents(details.shareCapitalCents),
          activityBalance: formatCents(details.activityBalanceCents),
          insuredUntil: details.insuredUntil,
          anonymisedOn: details.anonymisedOn,
        });
      }
      const lines: [string, string][] = [
        ['member', `${member.id}`],
        ['name', member.name],
        ['status', member.status === 'left' ? `left on ${member.leftOn ?? '?'}${details.anonymisedOn === null ? '' : `; anonymised on ${details.anonymisedOn}`}` : 'active'],
        ['category', member.category],
        ['withholding', member.withholding],
        ['e-mail', member.email],
        ['NISS', details.anonymisedOn === null ? maskNiss(member.niss) : member.niss],
        ['birth date', member.birthDate],
        ['IBAN', formatIban(member.iban)],
        ['address', member.address],
        ['joined', member.joinedOn],
        ['shares', `${details.shares} (capital ${displayCents(details.shareCapitalCents)} EUR)`],
        ['activity account', `${displayCents(details.activityBalanceCents)} EUR`],
        ['insured', details.insuredUntil === null ? 'no (no contract yet)' : `work accident and liability, until ${details.insuredUntil}`],
      ];
      for (const [label, value] of lines) printLine(io, `${io.paintData.bold(label.padEnd(17))}${value}`);
    });
  });
}

function registerEdit(members: Command, io: Io): void {
  const command = addFieldOptions(
    members.command('edit').description("correct a member's details").argument('<member>', 'member number'),
    ['name', 'email', 'niss', 'iban', 'birthDate', 'address', 'category', 'withholding'],
  );
  bookOptions(command);
  examples(command, ['smart member edit 12 --iban BE68539007547034', 'smart member edit 12 --category artist --withholding flat']);
  command.action(async (memberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & FieldOptions>(cmd);
    const id = parseMemberId(memberText);
    await withBook(cmd, io, async (book, context) => {
      const { editMember } = await import('../../members/edit-member.js');
      const outcome = editMember(book, context, id, valuesFromOptions(options));
      if (options.json === true) printJson(io, { id, changed: outcome.changed });
      if (outcome.changed.length === 0) done(io, `Member ${id} already had these details: nothing changed.`);
      else done(io, `Member ${id} (${outcome.member.name}): changed ${outcome.changed.join(', ')}.`);
    });
  });
}

function registerLeave(members: Command, io: Io): void {
  const command = members
    .command('leave')
    .description('record that a member leaves: their shares are refunded at nominal value')
    .argument('<member>', 'member number')
    .option('--date <date>', 'leaving date, YYYY-MM-DD (default: today)')
    .option('--force', 'leave even with unpaid budget on the activity account (it stays owed to them)');
  bookOptions(command);
  examples(command, ['smart member leave 12', 'smart member leave 12 --date 2026-12-31 --force']);
  command.action(async (memberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { date?: string; force?: boolean }>(cmd);
    const id = parseMemberId(memberText);
    const date = parseDateOption(options.date, '--date');
    await withBook(cmd, io, async (book, context) => {
      const { leaveMember } = await import('../../members/leave-member.js');
      const outcome = leaveMember(book, context, { memberId: id, ...(date === undefined ? {} : { date }), force: options.force === true });
      if (options.json === true) {
        printJson(io, {
          id,
          status: outcome.member.status,
          leftOn: outcome.member.leftOn,
          changed: outcome.changed,
          refundedShares: outcome.refundedShares,
          refund: formatCents(outcome.refundCents),
          activityBalance: formatCents(outcome.activityBalanceCents),
        });
      }
      if (!outcome.changed) return done(io, `Member ${id} had already left on ${outcome.member.leftOn ?? '?'}: nothing changed.`);
      done(io, `Member ${id} (${outcome.member.name}) left on ${outcome.member.leftOn ?? '?'}; ${outcome.refundedShares} share(s) refunded: ${displayCents(outcome.refundCents)} EUR owed to them.`);
      if (outcome.activityBalanceCents > 0) warn(io, `${displayCents(outcome.activityBalanceCents)} EUR of budget stays owed to them on their activity account.`);
    });
  });
}

function registerImport(members: Command, io: Io): void {
  const command = members
    .command('import')
    .description('add members from a CSV file: every row valid or nothing imported')
    .argument('<file>', `CSV with a header: ${MEMBER_FIELDS.map((field) => field.column).join(',')} (the last three optional)`)
    .option('--dry-run', 'check the file and say what would be imported, writing nothing');
  bookOptions(command);
  examples(command, ['smart member import fixtures/demo/members.csv --dry-run', 'smart member import new-members.csv --json']);
  command.action(async (file: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { dryRun?: boolean }>(cmd);
    await withBook(cmd, io, async (book, context) => {
      const { importMembers } = await import('../../members/import-members.js');
      // Progress only at a terminal: a cron or a script gets the summary alone.
      const progress = io.interactive ? (count: number, total: number) => io.stderr.write(`\r  writing members ${count}/${total}`) : undefined;
      const outcome = await importMembers(book, context, file, options.dryRun === true, progress);
      if (progress !== undefined && outcome.added >= 5000) io.stderr.write('\n');
      if (options.json === true) printJson(io, outcome);
      const verb = outcome.dryRun ? 'would add' : 'added';
      done(io, `${outcome.file}: ${outcome.rows} row(s) checked; ${verb} ${outcome.added} member(s) with ${outcome.sharesBought} share(s); ${outcome.alreadyPresent} already in the book.`);
      if (outcome.dryRun) next(io, `smart member import ${file}`);
      else next(io, 'smart member list');
    });
  });
}

function registerStatement(members: Command, io: Io): void {
  const command = members
    .command('statement')
    .description("a member's activity: invoiced, levy, fund, budget, paid out, activity account")
    .argument('<member>', 'member number')
    .option('--from <date>', 'from this date, YYYY-MM-DD')
    .option('--to <date>', 'to this date, YYYY-MM-DD')
    .option('--year <yyyy>', 'a calendar year (sets --from and --to)');
  bookOptions(command);
  examples(command, ['smart member statement 12', 'smart member statement 12 --year 2026 --json']);
  command.action(async (memberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { from?: string; to?: string; year?: string }>(cmd);
    if (options.year !== undefined && !/^\d{4}$/.test(options.year)) throw invalidInput('--year must be a year such as 2026.');
    const from = options.year === undefined ? parseDateOption(options.from, '--from') : `${options.year}-01-01`;
    const to = options.year === undefined ? parseDateOption(options.to, '--to') : `${options.year}-12-31`;
    const id = parseMemberId(memberText);
    await withBook(cmd, io, async (book) => {
      const { memberStatement } = await import('../../members/member-statement.js');
      const statement = memberStatement(book, id, from, to);
      const figures: [string, string, number][] = [
        ['invoiced', 'invoiced', statement.invoicedCents],
        ['levy', 'levy', statement.levyCents],
        ['fund', 'fund', statement.fundCents],
        ['budget', 'budget', statement.budgetCents],
        ['paidOut', 'paid out', statement.paidOutCents],
        ['balance', 'activity account', statement.balanceCents],
      ];
      if (options.json === true) {
        return printJson(io, {
          member: id,
          from: statement.from,
          to: statement.to,
          invoices: statement.invoices,
          creditNotes: statement.creditNotes,
          ...Object.fromEntries(figures.map(([key, , cents]) => [key, formatCents(cents)])),
        });
      }
      printLine(io, io.paintData.bold(`Member ${id}, ${statement.member.name}: ${statement.from ?? 'start'} to ${statement.to ?? 'today'}`));
      printLine(io, `${statement.invoices} invoice(s), ${statement.creditNotes} credit note(s)`);
      for (const [, label, cents] of figures) printLine(io, `${label.padEnd(17)}${displayCents(cents).padStart(14)} EUR`);
    });
  });
}

function registerExportData(members: Command, io: Io): void {
  const command = members
    .command('export-data')
    .description('everything the book holds on a member, as JSON (GDPR access request); recorded in the audit log')
    .argument('<member>', 'member number')
    .option('--out <file>', 'write the JSON to this file (mode 0600) instead of stdout')
    .option('--force', 'replace the --out file if it exists');
  bookOptions(command, false);
  examples(command, ['smart member export-data 12 --out member-12.json', 'smart member export-data 12 | jq .payslips']);
  command.action(async (memberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { out?: string; force?: boolean }>(cmd);
    const id = parseMemberId(memberText);
    const { checkOutputFile, writeOutputFile } = await import('../../exports/write-output-file.js');
    if (options.out !== undefined) checkOutputFile(options.out, options.force === true);
    await withBook(cmd, io, async (book, context) => {
      const { exportMemberData } = await import('../../members/export-member-data.js');
      exportMemberData(book, context, id, (data) => {
        if (options.out === undefined) printJson(io, data);
        else writeOutputFile(options.out, `${JSON.stringify(data, null, 2)}\n`, options.force === true);
      });
      done(io, `${options.out === undefined ? 'Printed' : `Wrote ${options.out} with`} everything the book holds on member ${id}; the request is recorded in the audit log.`);
    });
  });
}

function registerAnonymise(members: Command, io: Io): void {
  const command = members
    .command('anonymise')
    .description("replace the personal data of a member who left by placeholders, once the retention period is over; the accounts stay intact")
    .argument('<member>', 'member number')
    .option('--yes', 'do not ask for confirmation (required without a terminal)')
    .option('--vacuum', 'then rebuild the book file (VACUUM), so that no earlier version of the data is left in free space (for a book written before smart zeroed what it overwrites; slow on a large book)');
  bookOptions(command);
  examples(command, ['smart member anonymise 12', 'smart member anonymise 12 --yes --json', 'smart member anonymise 12 --yes --vacuum']);
  command.action(async (memberText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { yes?: boolean; vacuum?: boolean }>(cmd);
    const id = parseMemberId(memberText);
    await withBook(cmd, io, async (book, context) => {
      const { anonymiseMember, checkAnonymisation } = await import('../../members/anonymise-member.js');
      // Refusals (not left, retention not over) and "already anonymised" come before the question.
      const check = checkAnonymisation(book, context, id);
      if (check.anonymisedOn === null && options.yes !== true) {
        if (!io.interactive) throw usageError('Anonymising cannot be undone: pass --yes to confirm it.', 'There is no terminal to ask on; a script confirms with --yes.');
        const confirmed = await confirmAtTerminal(io, `Anonymise member ${id} (${check.member.name})? Their name, e-mail, NISS, IBAN, birth date and address are erased for good.`);
        if (!confirmed) {
          if (options.json === true) printJson(io, { id, changed: false, confirmed: false });
          return done(io, `Member ${id} was not anonymised: nothing changed.`);
        }
      }
      const outcome = anonymiseMember(book, context, id, { vacuum: options.vacuum === true });
      if (options.json === true) {
        printJson(io, {
          id,
          changed: outcome.changed,
          anonymisedOn: outcome.anonymisedOn,
          retentionYears: outcome.retention?.years ?? null,
          lastRecord: outcome.retention?.lastRecord ?? null,
          possibleFrom: outcome.retention?.endsOn ?? null,
          payslipIbansErased: outcome.payslipIbansErased,
          receiptsEmptied: outcome.receiptsEmptied,
          activityBalance: formatCents(outcome.activityBalanceCents),
          vacuumed: outcome.vacuumed,
        });
      }
      if (!outcome.changed) done(io, `Member ${id} was already anonymised on ${outcome.anonymisedOn ?? '?'}: nothing changed.`);
      else {
        done(
          io,
          `Member ${id} anonymised on ${outcome.anonymisedOn ?? '?'}: name, e-mail, NISS, IBAN, birth date and address replaced; ${outcome.payslipIbansErased} payslip IBAN(s) erased, ${outcome.receiptsEmptied} receipt(s) emptied. Ledger, invoices and payslip figures kept.`,
        );
      }
      if (outcome.vacuumed) done(io, 'The book file was rebuilt (VACUUM): no earlier version of the data is left in its free space.');
      if (outcome.changed && outcome.activityBalanceCents !== 0) warn(io, `${displayCents(outcome.activityBalanceCents)} EUR stays on the activity account of member ${id}, who can no longer be paid by transfer.`);
      if (!outcome.walTruncated) warn(io, `Another process was reading the book, so its write-ahead log (-wal file) may still hold the old values: run \`smart member anonymise ${id} --yes\` again once it is done to empty it.`);
    });
  });
}

export function registerMemberCommands(program: Command, io: Io): void {
  const members = program.command('member').description('members: add, list, show, edit, leave, import, export-data, anonymise');
  examples(members, ['smart member add', 'smart member list --status active', 'smart member show 12', 'smart member import members.csv --dry-run']);
  registerAdd(members, io);
  registerList(members, io);
  registerShow(members, io);
  registerEdit(members, io);
  registerLeave(members, io);
  registerImport(members, io);
  registerStatement(members, io);
  registerExportData(members, io);
  registerAnonymise(members, io);
}
