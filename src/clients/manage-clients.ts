import type { Book } from '../book/open-book.js';
import type { WriteContext } from '../book/write-context.js';
import { recordAudit } from '../audit/audit-store.js';
import { type Problem, conflict, invalidInput, notFound, usageError } from '../errors.js';
import type { Client, ClientDraft } from './client.js';
import { CLIENT_FIELDS, type ClientValues, readClientDraft } from './client-fields.js';
import { type ClientFilter, ClientStore } from './client-store.js';

export interface AddClientOutcome {
  readonly client: Client;
  readonly created: boolean;
}

function sameClient(client: Client, draft: ClientDraft): boolean {
  return (
    client.name === draft.name &&
    client.address === draft.address &&
    client.country === draft.country &&
    client.vatNumber === draft.vatNumber &&
    client.email === draft.email &&
    client.iban === draft.iban &&
    client.peppolId === draft.peppolId
  );
}

/**
 * Adds a client. The VAT number identifies a company (a private person: name, address and
 * country): the same client added twice is a harmless re-run, the same VAT number with other
 * details a conflict to settle with `client edit`.
 */
export function addClient(book: Book, context: WriteContext, values: ClientValues): AddClientOutcome {
  const result = readClientDraft(values);
  if (result.draft === undefined) throw invalidInput('The client was not added.', { problems: result.problems, hint: 'Correct the values above and run the command again.' });
  const draft = result.draft;
  const store = new ClientStore(book);
  return book
    .transaction((): AddClientOutcome => {
      const existing = draft.vatNumber === null ? store.findPrivate(draft) : store.findByVat(draft.vatNumber);
      if (existing !== undefined) {
        if (sameClient(existing, draft)) return { client: existing, created: false };
        throw conflict(`Client ${existing.id} (${existing.name}) already has this VAT number.`, `To change their details: smart client edit ${existing.id} ...`);
      }
      const id = store.insert(draft, context.now);
      recordAudit(book, context, `client ${id} added`);
      return { client: findClient(book, id), created: true };
    })
    .immediate();
}

export function findClient(book: Book, id: number): Client {
  const client = new ClientStore(book).findById(id);
  if (client === undefined) throw notFound(`No client number ${id}.`, 'List clients with `smart client list`.');
  return client;
}

export function listClients(book: Book, filter: ClientFilter): Client[] {
  return new ClientStore(book).list(filter);
}

export function editClient(book: Book, context: WriteContext, id: number, values: ClientValues): { client: Client; changed: string[] } {
  if (Object.values(values).every((value) => value === undefined)) {
    throw usageError('Nothing to change.', 'Pass at least one of --name --address --country --vat --email --iban --peppol-id.');
  }
  const store = new ClientStore(book);
  return book
    .transaction(() => {
      const client = findClient(book, id);
      const merged: ClientValues = {
        name: values.name ?? client.name,
        address: values.address ?? client.address,
        country: values.country ?? client.country,
        vatNumber: values.vatNumber ?? client.vatNumber ?? undefined,
        email: values.email ?? client.email ?? undefined,
        iban: values.iban ?? client.iban ?? undefined,
        peppolId: values.peppolId ?? client.peppolId ?? undefined,
      };
      const result = readClientDraft(merged);
      if (result.draft === undefined) throw invalidInput(`Client ${id} was not changed.`, { problems: result.problems as Problem[] });
      const draft = result.draft;
      const changed = CLIENT_FIELDS.map((field) => field.key).filter((key) => draft[key] !== client[key]);
      if (changed.length === 0) return { client, changed };
      if (changed.includes('vatNumber') && draft.vatNumber !== null) {
        const other = store.findByVat(draft.vatNumber);
        if (other !== undefined && other.id !== id) throw conflict(`Client ${other.id} already has this VAT number.`);
      }
      store.update(id, Object.fromEntries(changed.map((key) => [key, draft[key]])) as Partial<ClientDraft>, context.now);
      recordAudit(book, context, `client ${id} edited: ${changed.join(', ')}`);
      return { client: findClient(book, id), changed };
    })
    .immediate();
}

/** A blocked client's invoices are not guaranteed: the payout run holds them until the client pays. */
export function setClientBlocked(book: Book, context: WriteContext, id: number, blocked: boolean, reason: string | undefined): { client: Client; changed: boolean } {
  if (blocked && (reason === undefined || reason.trim() === '')) throw usageError('Say why the client is blocked.', 'Pass --reason "..." (e.g. "two invoices unpaid past 90 days").');
  const store = new ClientStore(book);
  return book
    .transaction(() => {
      const client = findClient(book, id);
      if (client.blocked === blocked) return { client, changed: false };
      store.setBlocked(id, blocked, blocked ? (reason ?? '').trim() : null, context.now);
      recordAudit(book, context, `client ${id} ${blocked ? 'blocked' : 'unblocked'}`);
      return { client: findClient(book, id), changed: true };
    })
    .immediate();
}
