import type { Command } from 'commander';
import { validateBic } from '../../identifiers/bic.js';
import { formatEnterpriseNumber, validateEnterpriseNumber } from '../../identifiers/enterprise-number.js';
import { validateIban } from '../../identifiers/iban.js';
import { type CommonOptions, bookOptions, bookPathOf, examples, optionsOf, userArgs } from '../command-kit.js';
import { type Io, done, next, printJson } from '../io.js';
import { type Question, askForMissing } from '../prompts.js';
import { writeContext } from '../write-context.js';

interface InitOptions extends CommonOptions {
  readonly name?: string;
  readonly enterprise?: string;
  readonly iban?: string;
  readonly bic?: string;
  readonly address?: string;
  readonly onssNumber?: string;
}

const required = (label: string) => (text: string) => (text.trim() === '' ? { ok: false as const, problem: `the ${label} is required` } : { ok: true as const, value: text.trim() });

const QUESTIONS: readonly Question[] = [
  { flag: '--name', message: "The co-op's legal name", check: required('name') },
  { flag: '--enterprise', message: 'Enterprise (VAT) number, e.g. BE0123456749', check: validateEnterpriseNumber },
  { flag: '--iban', message: "The co-op's IBAN (salaries are paid from it)", check: validateIban },
  { flag: '--bic', message: "The bank's BIC", check: validateBic },
  { flag: '--address', message: 'Registered address', check: required('address') },
];

export function registerInitCommand(program: Command, io: Io): void {
  const command = program
    .command('init')
    .description("create a new book with the co-op's identity and the default Belgian rules (file mode 0600)")
    .option('--name <name>', "the co-op's legal name")
    .option('--enterprise <number>', 'its enterprise / VAT number, e.g. BE0123456749')
    .option('--iban <iban>', 'its bank account')
    .option('--bic <bic>', "its bank's BIC")
    .option('--address <address>', 'its registered address')
    .option('--onss-number <number>', 'its ONSS employer number, e.g. 1234567-49 (optional; needed for the Dimona export; later: smart coop set)');
  bookOptions(command);
  examples(command, [
    'smart init    (asks for each value at a terminal)',
    'smart init --db /srv/coop/book.sqlite --name "Coop" --enterprise BE0123456749 --iban BE71096123456769 --bic GKCCBEBB --address "Rue Coenraets 72, 1060 Saint-Gilles"',
  ]);
  command.action(async (_options: unknown, cmd: Command) => {
    const options = optionsOf<InitOptions>(cmd);
    const path = bookPathOf(cmd, io);
    const answers = await askForMissing(io, QUESTIONS, {
      '--name': options.name,
      '--enterprise': options.enterprise,
      '--iban': options.iban,
      '--bic': options.bic,
      '--address': options.address,
    });
    const context = writeContext(userArgs(), io.env);
    const { initBook } = await import('../../coop/init-book.js');
    const { book, outcome } = initBook(path, context, {
      name: answers['--name'] ?? '',
      enterpriseNumber: answers['--enterprise'] ?? '',
      iban: answers['--iban'] ?? '',
      bic: answers['--bic'] ?? '',
      address: answers['--address'] ?? '',
      ...(options.onssNumber === undefined ? {} : { onssNumber: options.onssNumber }),
    });
    book.close();
    if (options.json === true) {
      printJson(io, { path: outcome.path, coop: { ...outcome.coop, demo: undefined }, rules: outcome.rules });
      return;
    }
    done(io, `Created the book of ${outcome.coop.name} (${formatEnterpriseNumber(outcome.coop.enterpriseNumber)}) at ${outcome.path}, readable by you only.`);
    done(io, `Installed ${outcome.rules} rules (Belgium, from 2026-01-01): see smart rules list.`);
    if (outcome.coop.onssNumber === null || outcome.coop.onssNumber === undefined) next(io, 'smart coop set --onss-number NNNNNNN-CC   (the ONSS employer number, for the Dimona export)');
    next(io, 'smart member add   (or smart member import members.csv)');
  });
}
