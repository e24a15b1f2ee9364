import type { Command } from 'commander';
import type { Client } from '../../clients/client.js';
import { CLIENT_FIELDS, type ClientValues } from '../../clients/client-fields.js';
import { type CommonOptions, bookOptions, examples, optionKey, optionsOf, parseMemberId, withBook } from '../command-kit.js';
import { writeSpreadsheetCsv } from '../csv-output.js';
import { type Io, done, next, printJson, printLine, printTable, say } from '../io.js';
import { askForMissing } from '../prompts.js';

const PLACEHOLDERS: Readonly<Record<string, string>> = {
  '--name': '<name>',
  '--address': '<address>',
  '--country': '<code>',
  '--vat': '<number>',
  '--email': '<address>',
  '--iban': '<iban>',
  '--peppol-id': '<scheme:id>',
};

function addFieldOptions(command: Command): Command {
  for (const field of CLIENT_FIELDS) {
    command.option(`${field.flag} ${PLACEHOLDERS[field.flag] ?? '<value>'}`, `${field.question}${field.key === 'country' ? ' (default BE)' : ''}`);
  }
  return command;
}

function valuesOf(options: Record<string, string | undefined>): ClientValues {
  const values: ClientValues = {};
  for (const field of CLIENT_FIELDS) {
    const value = options[optionKey(field.flag)];
    if (value !== undefined) values[field.key] = value;
  }
  return values;
}

export function clientJson(client: Client): Record<string, unknown> {
  return { ...client, createdAt: undefined, updatedAt: undefined };
}

export function parseClientId(text: string): number {
  return parseMemberId(text.replace(/^client-/, ''));
}

export function registerClientCommands(program: Command, io: Io): void {
  const clients = program.command('client').description("clients: the members' customers, invoiced by the co-op");
  examples(clients, ['smart client add', 'smart client list --blocked', 'smart client block 3 --reason "unpaid"']);

  const add = addFieldOptions(clients.command('add').description('add a client (asks for the name and address at a terminal)'));
  bookOptions(add);
  examples(add, [
    'smart client add',
    'smart client add --name "Théâtre National" --address "Bd Émile Jacqmain 111, 1000 Bruxelles" --vat BE0123456749 --peppol-id 0208:0123456749 --json',
    'smart client add --name "Jan Peeters" --address "Kerkstraat 1, 2000 Antwerpen"      (a private person)',
  ]);
  add.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & Record<string, string | undefined>>(cmd);
    const values = valuesOf(options);
    const required = CLIENT_FIELDS.filter((field) => field.required).map((field) => ({ flag: field.flag, message: field.question, check: (text: string) => field.check(text, values) }));
    const answers = await askForMissing(io, required, Object.fromEntries(CLIENT_FIELDS.map((field) => [field.flag, values[field.key]])));
    for (const field of CLIENT_FIELDS) if (answers[field.flag] !== undefined) values[field.key] = answers[field.flag];
    await withBook(cmd, io, async (book, context) => {
      const { addClient } = await import('../../clients/manage-clients.js');
      const outcome = addClient(book, context, values);
      if (options.json === true) printJson(io, { ...clientJson(outcome.client), created: outcome.created });
      if (outcome.created) done(io, `Added client ${outcome.client.id}, ${outcome.client.name}${outcome.client.vatNumber === null ? ' (private person)' : ` (${outcome.client.vatNumber})`}.`);
      else done(io, `${outcome.client.name} is already client ${outcome.client.id} with these details: nothing changed.`);
      next(io, `smart contract add --member M --client ${outcome.client.id} ...`);
    });
  });

  const list = clients.command('list').description('list clients').option('--search <text>', 'part of the name or VAT number').option('--blocked', 'only blocked clients').option('--csv', 'print CSV (spreadsheet-safe)');
  bookOptions(list);
  examples(list, ['smart client list', 'smart client list --blocked --json']);
  list.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { search?: string; blocked?: boolean; csv?: boolean }>(cmd);
    await withBook(cmd, io, async (book) => {
      const { listClients } = await import('../../clients/manage-clients.js');
      const rows = listClients(book, { ...(options.search === undefined ? {} : { search: options.search }), ...(options.blocked === true ? { blocked: true } : {}) });
      if (options.json === true) return printJson(io, rows.map(clientJson));
      if (options.csv === true) {
        return writeSpreadsheetCsv(io.stdout, ['id', 'name', 'country', 'vat_number', 'email', 'blocked'], rows.map((row) => [row.id, row.name, row.country, row.vatNumber ?? '', row.email ?? '', row.blocked ? 'yes' : 'no']));
      }
      printTable(io, ['#', 'name', 'country', 'VAT', 'blocked'], rows.map((row) => [String(row.id), row.name, row.country, row.vatNumber ?? '(private)', row.blocked ? 'BLOCKED' : '']), [0]);
      say(io, io.paint.dim(`${rows.length} client(s)`));
    });
  });

  const show = clients.command('show').description('one client').argument('<client>', 'client number');
  bookOptions(show);
  examples(show, ['smart client show 3', 'smart client show 3 --json']);
  show.action(async (clientText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    await withBook(cmd, io, async (book) => {
      const { findClient } = await import('../../clients/manage-clients.js');
      const client = findClient(book, parseClientId(clientText));
      if (options.json === true) return printJson(io, clientJson(client));
      const lines: [string, string][] = [
        ['client', String(client.id)],
        ['name', client.name],
        ['address', `${client.address} (${client.country})`],
        ['VAT number', client.vatNumber ?? '(private person)'],
        ['e-mail', client.email ?? ''],
        ['IBAN', client.iban ?? ''],
        ['Peppol id', client.peppolId ?? ''],
        ['guarantee', client.blocked ? `BLOCKED: ${client.blockedReason ?? ''}` : 'invoices guaranteed'],
      ];
      for (const [label, value] of lines) printLine(io, `${io.paintData.bold(label.padEnd(12))}${value}`);
    });
  });

  const edit = addFieldOptions(clients.command('edit').description("correct a client's details").argument('<client>', 'client number'));
  bookOptions(edit);
  examples(edit, ['smart client edit 3 --peppol-id 0208:0123456749', 'smart client edit 3 --email accounts@example.be']);
  edit.action(async (clientText: string, _options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & Record<string, string | undefined>>(cmd);
    const id = parseClientId(clientText);
    await withBook(cmd, io, async (book, context) => {
      const { editClient } = await import('../../clients/manage-clients.js');
      const outcome = editClient(book, context, id, valuesOf(options));
      if (options.json === true) printJson(io, { id, changed: outcome.changed });
      done(io, outcome.changed.length === 0 ? `Client ${id} already had these details: nothing changed.` : `Client ${id}: changed ${outcome.changed.join(', ')}.`);
    });
  });

  for (const blocked of [true, false]) {
    const name = blocked ? 'block' : 'unblock';
    const command = clients
      .command(name)
      .description(blocked ? "block a client: their invoices are no longer guaranteed (salaries wait until they pay)" : 'unblock a client: their invoices are guaranteed again')
      .argument('<client>', 'client number');
    if (blocked) command.option('--reason <text>', 'why (shown in client show and to the payout run)');
    bookOptions(command);
    examples(command, blocked ? ['smart client block 3 --reason "three invoices unpaid past 90 days"'] : ['smart client unblock 3']);
    command.action(async (clientText: string, _options: unknown, cmd: Command) => {
      const options = optionsOf<CommonOptions & { reason?: string }>(cmd);
      const id = parseClientId(clientText);
      await withBook(cmd, io, async (book, context) => {
        const { setClientBlocked } = await import('../../clients/manage-clients.js');
        const outcome = setClientBlocked(book, context, id, blocked, options.reason);
        if (options.json === true) printJson(io, { id, blocked: outcome.client.blocked, changed: outcome.changed });
        done(io, outcome.changed ? `Client ${id} (${outcome.client.name}) ${blocked ? 'blocked' : 'unblocked'}.` : `Client ${id} was already ${blocked ? 'blocked' : 'unblocked'}: nothing changed.`);
      });
    });
  }
}
