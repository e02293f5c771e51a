import type { BohClient } from '@boh/sdk';
import { formatInstant } from '../../output/format.js';

// The zone and cut-off the server gives a store that does not set them.
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const DEFAULT_CUTOFF = '00:00';

/** Orders of a month's file whose business date falls in another month. */
export interface OtherMonths {
  count: number;
  /** The other months, `YYYY-MM`, in order. */
  months: string[];
}

/**
 * Count the orders of an import whose business month is not the period. The business date is
 * computed as the server does: the order time in the store's time zone, moved back by the
 * store's day-end cut-off, so a sale at 01:30 with a 04:00 cut-off belongs to the day before.
 */
export class OrderMonths {
  private readonly months = new Map<string, number>();

  private constructor(
    private readonly period: string,
    private readonly stores: ReadonlyMap<string, { timeZone: string; cutoff: string }>,
  ) {}

  static async forPeriod(client: BohClient, period: string): Promise<OrderMonths> {
    const stores = new Map<string, { timeZone: string; cutoff: string }>();
    for await (const store of client.stores.list()) stores.set(store.code, { timeZone: store.timezone || DEFAULT_TIME_ZONE, cutoff: store.day_end_cutoff || DEFAULT_CUTOFF });
    return new OrderMonths(period, stores);
  }

  /** Count one order record by its canonical `store_code` and `ordered_at`. A record without a valid time is left to the server to reject. */
  add(fields: Record<string, unknown>): void {
    const orderedAt = fields['ordered_at'];
    if (typeof orderedAt !== 'string' || Number.isNaN(Date.parse(orderedAt))) return;
    const store = this.stores.get(String(fields['store_code'] ?? ''));
    const month = businessMonth(orderedAt, store?.timeZone ?? DEFAULT_TIME_ZONE, store?.cutoff ?? DEFAULT_CUTOFF);
    if (month !== this.period) this.months.set(month, (this.months.get(month) ?? 0) + 1);
  }

  result(): OtherMonths {
    let count = 0;
    for (const orders of this.months.values()) count += orders;
    return { count, months: [...this.months.keys()].sort() };
  }
}

function businessMonth(instant: string, timeZone: string, cutoff: string): string {
  // formatInstant gives `YYYY-MM-DD HH:MM:SS +08:00`; read the wall clock as if it were UTC.
  const local = formatInstant(instant, timeZone).slice(0, 19).replace(' ', 'T') + 'Z';
  const [hours, minutes] = cutoff.split(':').map(Number) as [number, number];
  const shifted = Date.parse(local) - (hours * 60 + minutes) * 60_000;
  return new Date(shifted).toISOString().slice(0, 7);
}
