import type { Command } from 'commander';
import { usageError } from '../../errors.js';
import { type CommonOptions, bookOptions, examples, optionsOf, withBook } from '../command-kit.js';
import { type Io, done, printJson, printLine } from '../io.js';

export function registerCoopCommands(program: Command, io: Io): void {
  const coop = program.command('coop').description("the co-op's own identity: name, enterprise number, bank account, ONSS employer number");
  examples(coop, ['smart coop show', 'smart coop set --onss-number 1234567-49']);

  const show = coop.command('show').description("the co-op's identity as the book records it");
  bookOptions(show);
  examples(show, ['smart coop show', 'smart coop show --json']);
  show.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions>(cmd);
    await withBook(cmd, io, async (book) => {
      const { coopOf } = await import('../../coop/set-coop.js');
      const { formatEnterpriseNumber } = await import('../../identifiers/enterprise-number.js');
      const { formatOnssNumber } = await import('../../identifiers/onss-number.js');
      const identity = coopOf(book);
      const onss = identity.onssNumber ?? null;
      if (options.json === true) {
        return printJson(io, { name: identity.name, enterpriseNumber: identity.enterpriseNumber, iban: identity.iban, bic: identity.bic, address: identity.address, onssNumber: onss, demo: identity.demo });
      }
      const rows: [string, string][] = [
        ['name', identity.name],
        ['enterprise', formatEnterpriseNumber(identity.enterpriseNumber)],
        ['iban', identity.iban],
        ['bic', identity.bic],
        ['address', identity.address],
        ['onss number', onss === null ? 'not recorded (smart coop set --onss-number NNNNNNN-CC)' : formatOnssNumber(onss)],
      ];
      for (const [label, value] of rows) printLine(io, `${io.paintData.bold(label.padEnd(12))}${value}`);
    });
  });

  const set = coop.command('set').description("record the co-op's ONSS employer number (the Dimona export needs it)").option('--onss-number <number>', 'ONSS employer number: NNNNNNN-CC, or a provisional 10-digit number starting with 5');
  bookOptions(set);
  examples(set, ['smart coop set --onss-number 1234567-49', 'smart coop set --onss-number 123456749 --json']);
  set.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<CommonOptions & { onssNumber?: string }>(cmd);
    if (options.onssNumber === undefined) throw usageError('Nothing to set.', 'Give the ONSS employer number, e.g. smart coop set --onss-number 1234567-49.');
    const text = options.onssNumber;
    await withBook(cmd, io, async (book, context) => {
      const { setOnssNumber } = await import('../../coop/set-coop.js');
      const { formatOnssNumber } = await import('../../identifiers/onss-number.js');
      const outcome = setOnssNumber(book, context, text);
      const number = outcome.coop.onssNumber ?? '';
      if (options.json === true) printJson(io, { onssNumber: number, previous: outcome.previous, changed: outcome.changed });
      if (!outcome.changed) return done(io, `The ONSS employer number is already ${formatOnssNumber(number)}: nothing changed.`);
      done(io, `ONSS employer number ${outcome.previous === null ? 'recorded' : `changed from ${formatOnssNumber(outcome.previous)} to`}: ${formatOnssNumber(number)}.`);
    });
  });
}
