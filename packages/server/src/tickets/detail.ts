import type { components } from '@boh/sdk/types';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Language } from '../i18n/language.js';
import { clocksToApi } from './clocks.js';
import { clocksFor } from './service.js';
import { eventToApi, loadEvents, ticketToApi, type TicketRow } from './ticket-record.js';
import { fromMicro } from './quantity.js';

export type TicketDetail = components['schemas']['TicketDetail'];

/** A ticket with its timeline, clocks as of `at`, parts, labour, settlements and photos. */
export async function ticketDetail(db: Kysely<Database>, row: TicketRow, at: string, language: Language): Promise<TicketDetail> {
  const events = await loadEvents(db, row.number);
  const store = await db.selectFrom('stores').select('timezone').where('code', '=', row.store_code).executeTakeFirstOrThrow();
  const evaluatedAt = at < row.created_at ? row.created_at : at;
  const clocks = await clocksFor({ db }, row, events, evaluatedAt);
  const parts = await db.selectFrom('ticket_parts').selectAll().where('ticket_number', '=', row.number).orderBy('id').execute();
  const labour = await db.selectFrom('ticket_labour').selectAll().where('ticket_number', '=', row.number).orderBy('id').execute();
  const settlements = await db.selectFrom('ticket_settlements').selectAll().where('ticket_number', '=', row.number).orderBy('id').execute();
  const attachments = await db.selectFrom('ticket_attachments').selectAll().where('ticket_number', '=', row.number).orderBy('id').execute();

  return {
    ...ticketToApi(row),
    timeline: events.map(eventToApi),
    clocks: clocksToApi(row.number, clocks, store.timezone, language),
    parts: parts.map((p) => ({
      id: Number(p.id),
      item_code: p.item_code,
      quantity: fromMicro(Number(p.quantity_micro)),
      unit_cost_fen: Number(p.unit_cost_fen),
      cost_fen: Number(p.cost_fen),
      recorded_at: p.recorded_at,
    })),
    labour: labour.map((l) => ({
      id: Number(l.id),
      technician_code: l.technician_code,
      minutes: l.minutes,
      hourly_cost_fen: Number(l.hourly_cost_fen),
      cost_fen: Number(l.cost_fen),
      work_date: l.work_date,
    })),
    settlements: settlements.map((s) => ({
      id: Number(s.id),
      business_date: s.business_date,
      parts_cost_fen: Number(s.parts_cost_fen),
      parts_value_fen: s.parts_value_fen === null ? null : Number(s.parts_value_fen),
      labour_cost_fen: Number(s.labour_cost_fen),
      status: s.status as 'posted',
      journal_entry_id: s.journal_entry_id === null ? null : Number(s.journal_entry_id),
    })),
    attachments: attachments.map((a) => ({
      id: Number(a.id),
      filename: a.filename,
      media_type: a.media_type as 'image/jpeg',
      size_bytes: a.size_bytes,
      sha256: a.sha256,
      created_at: a.created_at,
    })),
  };
}
