import { createHash, randomBytes } from 'node:crypto';
import type { Handler } from '../http/handler.js';
import { notFound } from '../http/api-error.js';
import { translate } from '../i18n/messages.js';
import type { Language } from '../i18n/language.js';
import { clocksToApi } from './clocks.js';
import { localDateTime } from './local-time.js';
import { clocksFor } from './service.js';
import { loadEvents, loadTicket, ticketCode, type TicketRow } from './ticket-record.js';

/** 32 random bytes: a token cannot be guessed, and only its SHA-256 is stored. */
function newToken(): string {
  return `pl_${randomBytes(32).toString('base64url')}`;
}

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

const linkToApi = (row: { id: string; ticket_number: number; language: string; created_at: string; revoked_at: string | null }, token: string | null) => ({
  id: row.id,
  ticket_code: ticketCode(row.ticket_number),
  language: row.language as Language,
  path: token === null ? '/progress/…' : `/progress/${token}`,
  token,
  created_at: row.created_at,
  revoked_at: row.revoked_at,
});

const createProgressLink: Handler<'createProgressLink'> = async (c) => {
  const ticket = await loadTicket(c.db, c.principal, c.params.code, c.database.dialect);
  const token = newToken();
  const row = {
    id: `pl_${randomBytes(8).toString('hex')}`,
    ticket_number: ticket.number,
    token_hash: hashOf(token),
    language: c.body?.language ?? ticket.reporter_language,
    created_at: c.now().toISOString(),
    revoked_at: null,
  };
  await c.db.insertInto('progress_links').values(row).execute();
  return { status: 201, body: linkToApi(row, token) };
};

const revokeProgressLink: Handler<'revokeProgressLink'> = async (c) => {
  const ticket = await loadTicket(c.db, c.principal, c.params.code, c.database.dialect);
  const link = await c.db.selectFrom('progress_links').selectAll().where('id', '=', c.params.id).where('ticket_number', '=', ticket.number).executeTakeFirst();
  if (!link) throw notFound('progress_link', c.params.id);
  const revokedAt = link.revoked_at ?? c.now().toISOString();
  if (link.revoked_at === null) await c.db.updateTable('progress_links').set({ revoked_at: revokedAt }).where('id', '=', link.id).execute();
  return { status: 200, body: linkToApi({ ...link, revoked_at: revokedAt }, null) };
};

/** The public page: a revoked or unknown token gets the same 404, so tokens cannot be probed. */
const getProgress: Handler<'getProgress'> = async (c) => {
  const link = await c.db.selectFrom('progress_links').selectAll().where('token_hash', '=', hashOf(c.params.token)).executeTakeFirst();
  if (!link || link.revoked_at !== null) throw notFound('progress_link', '…');
  const ticket = await loadTicket(c.db, undefined, ticketCode(link.ticket_number), false);
  return { status: 200, body: await progressPage(c.db, ticket, link.language as Language, c.now().toISOString()) };
};

async function progressPage(db: Parameters<typeof loadEvents>[0], ticket: TicketRow, language: Language, now: string) {
  const store = await db.selectFrom('stores').select(['name', 'timezone']).where('code', '=', ticket.store_code).executeTakeFirstOrThrow();
  const assignee = ticket.assignee_code === null ? undefined : await db.selectFrom('employees').select('name').where('code', '=', ticket.assignee_code).executeTakeFirst();
  const events = await loadEvents(db, ticket.number);
  const clocks = await clocksFor({ db }, ticket, events, now);
  const summary = clocksToApi(ticket.number, clocks, store.timezone, language).summary;

  return {
    ticket_code: ticketCode(ticket.number),
    title: ticket.title,
    store_name: store.name,
    status: ticket.status as 'new',
    status_label: translate(language, `status.label.${ticket.status}`),
    language,
    assignee_name: assignee?.name ?? null,
    expected_arrival_at: ticket.expected_arrival_at,
    expected_arrival_local: ticket.expected_arrival_at === null ? null : localDateTime(ticket.expected_arrival_at, store.timezone),
    timeline: events.map((event) => ({
      type: event.type,
      label: translate(language, `transition.label.${event.type}`),
      at: event.at,
      local_time: localDateTime(event.at, store.timezone),
      note: event.note === 'auto' ? null : event.note,
    })),
    clocks: summary,
  };
}

export const progressHandlers = { createProgressLink, revokeProgressLink, getProgress };
