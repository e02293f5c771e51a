import type { components } from '@boh/sdk/types';
import { canAccessStore } from '../auth/roles.js';
import type { Handler } from '../http/handler.js';
import { ApiError, notFound } from '../http/api-error.js';
import { ticketContext, type TicketContext } from './context.js';
import { emitEvent } from './outbox.js';
import { createTicket } from './service.js';
import { readSignalRules } from './settings-handlers.js';
import { ticketCode } from './ticket-record.js';

type SignalRule = components['schemas']['SignalRule'];
type AssetSignal = components['schemas']['AssetSignal'];

const COMPARE: Record<string, (value: number, threshold: number) => boolean> = {
  '>': (v, t) => v > t,
  '>=': (v, t) => v >= t,
  '<': (v, t) => v < t,
  '<=': (v, t) => v <= t,
};

/** The rules a signal fires, each with the fault it stands for on this asset. */
export function firedRules(rules: readonly SignalRule[], asset: { category: string; model: string | null }, signal: AssetSignal): { rule: SignalRule; fault: string }[] {
  const fired: { rule: SignalRule; fault: string }[] = [];
  for (const rule of rules) {
    if (rule.asset_category !== undefined && rule.asset_category !== asset.category) continue;
    if (rule.asset_model !== undefined && rule.asset_model !== asset.model) continue;
    if (rule.fault_code !== undefined) {
      if (signal.fault_code !== undefined && (rule.fault_code === '*' || rule.fault_code === signal.fault_code)) {
        fired.push({ rule, fault: `${rule.code}:${signal.fault_code}` });
      }
      continue;
    }
    const reading = (signal.readings ?? []).find((r) => r.metric === rule.metric && COMPARE[rule.operator!]!(r.value, rule.threshold!));
    if (reading) fired.push({ rule, fault: `${rule.code}:${rule.metric}` });
  }
  return fired;
}

/**
 * Record a signal and apply the rules: each fired rule opens a ticket for this asset and fault,
 * or, when one is open, counts the signal on it. The open fault key is unique, so concurrent
 * signals make one ticket on both databases.
 */
export async function recordSignal(ctx: TicketContext, assetCode: string, signal: AssetSignal) {
  const asset = await ctx.db.selectFrom('assets').selectAll().where('code', '=', assetCode).executeTakeFirst();
  if (!asset) throw notFound('asset', assetCode);
  if (ctx.principal && !canAccessStore(ctx.principal, asset.store_code)) {
    throw new ApiError(403, 'store_out_of_scope', { allowed: ctx.principal.storeCodes, store_code: asset.store_code });
  }
  const at = signal.at === undefined ? ctx.now.toISOString() : new Date(signal.at).toISOString();
  const rules = (await readSignalRules(ctx.db)).document.rules;
  const fired = firedRules(rules, asset, signal);

  const matched: { rule_code: string; ticket_code: string; action: 'opened' | 'updated' }[] = [];
  const ticketOf = new Map<string, number>();
  for (const { rule, fault } of fired) {
    const openFaultKey = `${asset.code}|${fault}`;
    const created = await createTicket(
      ctx,
      {
        store_code: asset.store_code,
        asset_code: asset.code,
        kind: rule.kind ?? 'failure',
        category: rule.ticket_category,
        priority: rule.priority,
        title: `${rule.title} · ${asset.name}`,
        description: describe(signal),
        reported_at: at,
      },
      { source: 'signal', openFaultKey, faultCode: fault },
    );
    if (created) {
      matched.push({ rule_code: rule.code, ticket_code: ticketCode(created.number), action: 'opened' });
      ticketOf.set(rule.code, created.number);
      continue;
    }
    // Increment in the database: concurrent signals must not overwrite each other's count.
    const open = await ctx.db
      .updateTable('tickets')
      .set((eb) => ({ signal_count: eb('signal_count', '+', 1), version: eb('version', '+', 1), updated_at: ctx.now.toISOString() }))
      .where('open_fault_key', '=', openFaultKey)
      .returning(['number', 'signal_count'])
      .executeTakeFirstOrThrow();
    await emitEvent(ctx.db, { type: 'ticket.signal', subject: ticketCode(open.number), storeCode: asset.store_code, occurredAt: at, data: { ticket_code: ticketCode(open.number), asset_code: asset.code, fault, signal_count: open.signal_count } });
    matched.push({ rule_code: rule.code, ticket_code: ticketCode(open.number), action: 'updated' });
    ticketOf.set(rule.code, open.number);
  }

  const rows = [
    ...(signal.fault_code !== undefined ? [{ metric: null, value: null, fault_code: signal.fault_code }] : []),
    ...(signal.readings ?? []).map((r) => ({ metric: r.metric, value: r.value, fault_code: null })),
  ];
  const ids: number[] = [];
  for (const row of rows) {
    const rule = fired.find(({ rule }) => (row.fault_code !== null ? rule.fault_code !== undefined : rule.metric === row.metric))?.rule;
    const inserted = await ctx.db
      .insertInto('asset_signals')
      .values({ asset_code: asset.code, at, ...row, rule_code: rule?.code ?? null, ticket_number: rule ? (ticketOf.get(rule.code) ?? null) : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(Number(inserted.id));
  }
  return { asset_code: asset.code, signal_ids: ids, matched };
}

function describe(signal: AssetSignal): string {
  const parts = [...(signal.fault_code !== undefined ? [`fault ${signal.fault_code}`] : []), ...(signal.readings ?? []).map((r) => `${r.metric}=${r.value}`)];
  return parts.join(', ');
}

const recordAssetSignal: Handler<'recordAssetSignal'> = async (c) => ({ status: 200, body: await recordSignal(ticketContext(c), c.params.code, c.body) });

const recordAssetUsage: Handler<'recordAssetUsage'> = async (c) => {
  const asset = await c.db.selectFrom('assets').select(['code', 'store_code']).where('code', '=', c.params.code).executeTakeFirst();
  if (!asset) throw notFound('asset', c.params.code);
  if (!canAccessStore(c.principal, asset.store_code)) throw new ApiError(403, 'store_out_of_scope', { allowed: c.principal.storeCodes, store_code: asset.store_code });
  const at = c.body.at === undefined ? c.now().toISOString() : new Date(c.body.at).toISOString();
  await c.db
    .insertInto('asset_usage')
    .values({ asset_code: asset.code, hours_of_use: c.body.hours_of_use, measured_at: at })
    .onConflict((oc) => oc.column('asset_code').doUpdateSet({ hours_of_use: c.body.hours_of_use, measured_at: at }))
    .execute();
  return { status: 200, body: { hours_of_use: c.body.hours_of_use, at } };
};

export const signalHandlers = { recordAssetSignal, recordAssetUsage };
