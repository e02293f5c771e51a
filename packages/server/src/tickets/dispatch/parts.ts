import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { chunks } from '../../ledger/journal.js';
import { greatCircleKm } from './geo.js';
import { toMicro } from '../quantity.js';
import type { DispatchTechnician, DispatchTicket } from './score.js';
import type { DispatchSettings } from './settings.js';

/** A store that has every part a ticket needs on hand. */
export interface StockedStore {
  code: string;
  latitude: number | null;
  longitude: number | null;
}

/** The stock of a ticket's needed parts: whether its own store has them all, and which other stores do. */
export interface PartsStock {
  atTicketStore: boolean;
  otherStores: StockedStore[];
}

/** The store at which one technician finds the parts, and the minutes from the technician to it. */
export interface PartsNearby {
  inStock: boolean;
  storeCode: string | null;
  minutes: number | null;
}

/**
 * For each ticket that needs parts, the stores that have every needed item on hand
 * (`stock_balances.quantity_micro` at least the needed quantity), read in one pass over the
 * balances of the needed items. Stores that reached `closed` are left out. Tickets without
 * needed parts are absent from the result.
 */
export async function loadPartsStock(
  db: Kysely<Database>,
  tickets: readonly { number: number; storeCode: string; parts: readonly { item_code: string; quantity: number }[] }[],
): Promise<Map<number, PartsStock>> {
  const result = new Map<number, PartsStock>();
  const needing = tickets.filter((ticket) => ticket.parts.length > 0);
  if (needing.length === 0) return result;

  const itemCodes = [...new Set(needing.flatMap((ticket) => ticket.parts.map((part) => part.item_code)))];
  const onHand = new Map<string, Map<string, number>>();
  for (const chunk of chunks(itemCodes, 1000)) {
    const rows = await db
      .selectFrom('stock_balances')
      .select(['store_code', 'item_code', 'quantity_micro'])
      .where('item_code', 'in', chunk)
      .where('quantity_micro', '>', 0)
      .execute();
    for (const row of rows) {
      let byStore = onHand.get(row.item_code);
      if (!byStore) onHand.set(row.item_code, (byStore = new Map()));
      byStore.set(row.store_code, Number(row.quantity_micro));
    }
  }

  const storeCodes = [...new Set([...onHand.values()].flatMap((byStore) => [...byStore.keys()]))];
  const stores = new Map<string, StockedStore>();
  for (const chunk of chunks(storeCodes, 1000)) {
    const rows = await db.selectFrom('stores').select(['code', 'latitude', 'longitude', 'lifecycle_stage']).where('code', 'in', chunk).execute();
    for (const row of rows) if (row.lifecycle_stage !== 'closed') stores.set(row.code, { code: row.code, latitude: row.latitude, longitude: row.longitude });
  }

  for (const ticket of needing) {
    const needed = new Map<string, number>();
    for (const part of ticket.parts) needed.set(part.item_code, (needed.get(part.item_code) ?? 0) + toMicro(part.quantity));
    const hasAll = (storeCode: string) => [...needed].every(([item, micro]) => (onHand.get(item)?.get(storeCode) ?? 0) >= micro);
    const first = onHand.get([...needed.keys()][0]!);
    const candidates = first ? [...first.keys()].filter((code) => stores.has(code) && hasAll(code)).sort() : [];
    result.set(ticket.number, {
      atTicketStore: candidates.includes(ticket.storeCode),
      otherStores: candidates.filter((code) => code !== ticket.storeCode).map((code) => stores.get(code)!),
    });
  }
  return result;
}

/**
 * Whether a technician finds the ticket's parts nearby: at the ticket's store, or else at the
 * nearest other store that has them all within `max_travel_minutes` of the technician (by the
 * imported travel table, else great-circle distance at `speed_kmh`). Null when the ticket needs
 * no parts or their stock was not read.
 */
export function partsNearby(ticket: DispatchTicket, technician: DispatchTechnician, settings: DispatchSettings): PartsNearby | null {
  const stock = ticket.partsStock;
  if (!ticket.partsNeeded || stock === undefined) return null;
  if (stock.atTicketStore) return { inStock: true, storeCode: ticket.storeCode, minutes: null };

  let best: PartsNearby = { inStock: false, storeCode: null, minutes: null };
  for (const store of stock.otherStores) {
    const minutes = minutesTo(store, technician, settings.speed_kmh);
    if (minutes === null || minutes > settings.max_travel_minutes) continue;
    if (best.minutes === null || minutes < best.minutes) best = { inStock: true, storeCode: store.code, minutes };
  }
  return best;
}

function minutesTo(store: StockedStore, technician: DispatchTechnician, speedKmh: number): number | null {
  const fromTable = technician.travelTable.get(store.code);
  if (fromTable !== undefined) return fromTable;
  if (store.latitude === null || store.longitude === null || technician.latitude === null || technician.longitude === null) return null;
  return (greatCircleKm(technician.latitude, technician.longitude, store.latitude, store.longitude) / speedKmh) * 60;
}
