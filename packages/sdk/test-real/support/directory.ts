import type { components } from '@boh/sdk';

// Turns rows of the public store directory into stores, repairing the faults the file is known
// to have. Each repair is counted so the test can assert that it happened as often as expected.

type StoreCreate = components['schemas']['StoreCreate'];
export type DirectoryRow = Record<string, string>;

export interface Repairs {
  shifted_rows: string[];
  duplicate_codes: string[];
  without_coordinates: string[];
  multi_line_addresses: string[];
  /** Repaired zones by `<country> <directory timezone>`. */
  time_zones: Map<string, string>;
}

const ZONES: readonly string[] = Intl.supportedValuesOf('timeZone');

function isZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return name.includes('/');
  } catch {
    return false;
  }
}

/**
 * The IANA zone of a directory timezone such as `GMT+08:00 Asia/Beijing`. The names are cut at 20
 * characters in places (`America/Argentina/Bu`), some are not IANA names at all (`Asia/Beijing`),
 * and the offsets are unreliable (`GMT+000000`). China has one zone, Asia/Shanghai. A cut name is
 * completed when exactly one zone matches it, and otherwise the whole-hour offset gives Etc/GMT.
 */
export function zoneOf(raw: string, country: string): string {
  if (country === 'CN') return 'Asia/Shanghai';
  const [offset = '', name = ''] = raw.trim().split(/\s+/, 2);
  if (isZone(name)) return name;
  // ICU lists some zones under their older canonical names (America/Buenos_Aires for
  // America/Argentina/Buenos_Aires), so a cut name is matched on its region and last part.
  const region = name.split('/')[0]!;
  const last = name.split('/').pop()!;
  const completions = ZONES.filter((zone) => zone.startsWith(`${region}/`) && zone.split('/').pop()!.startsWith(last));
  if (last.length >= 2 && completions.length === 1) return completions[0]!;
  const hours = /^GMT([+-])(\d{1,2}):00$/.exec(offset);
  if (hours && hours[2] !== '00') return `Etc/GMT${hours[1] === '+' ? '-' : '+'}${Number(hours[2])}`;
  return 'UTC';
}

/**
 * The one known shifted row has a stray value in `Ownership Type`, which pushes every later
 * field one column right up to `Postcode`. A row whose country is not two capital letters while
 * its postcode is, is shifted back.
 */
function unshift(row: DirectoryRow): DirectoryRow | undefined {
  if (/^[A-Z]{2}$/.test(row.Country ?? '') || !/^[A-Z]{2}$/.test(row.Postcode ?? '')) return undefined;
  return {
    ...row,
    'Ownership Type': row['Street Address']!,
    'Street Address': row.City!,
    City: row['State/Province']!,
    'State/Province': row.Country!,
    Country: row.Postcode!,
    Postcode: '',
  };
}

function coordinate(text: string | undefined): number | null {
  if (!text) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** Map the directory to one store per store number; a later row fills what an earlier one lacks. */
export function directoryStores(rows: DirectoryRow[]): { stores: Map<string, StoreCreate & { country: string }>; repairs: Repairs } {
  const repairs: Repairs = { shifted_rows: [], duplicate_codes: [], without_coordinates: [], multi_line_addresses: [], time_zones: new Map() };
  const stores = new Map<string, StoreCreate & { country: string }>();

  for (const original of rows) {
    const fixed = unshift(original);
    if (fixed) repairs.shifted_rows.push(original['Store Number']!);
    const row = fixed ?? original;
    const code = row['Store Number']!;
    const rawAddress = row['Street Address'] ?? '';
    const address = rawAddress.replace(/^"+|"+$/g, '').replace(/\s*[\r\n]+\s*/g, ' ').replace(/[\s,]+$/, '').trim();
    if (/[\r\n]/.test(rawAddress)) repairs.multi_line_addresses.push(code);
    const timezone = zoneOf(row.Timezone ?? '', row.Country!);
    if (timezone !== (row.Timezone ?? '').split(/\s+/)[1]) repairs.time_zones.set(`${row.Country} ${row.Timezone ?? ''}`, timezone);

    const store = {
      code,
      name: row['Store Name']!.trim(),
      brand: row.Brand || null,
      city: row.City || null,
      address: address || null,
      phone: row['Phone Number'] || null,
      latitude: coordinate(row.Latitude),
      longitude: coordinate(row.Longitude),
      timezone,
      country: row.Country!,
    };
    const earlier = stores.get(code);
    if (earlier) {
      repairs.duplicate_codes.push(code);
      stores.set(code, { ...store, latitude: store.latitude ?? earlier.latitude, longitude: store.longitude ?? earlier.longitude });
    } else {
      stores.set(code, store);
    }
  }
  for (const store of stores.values()) if (store.latitude === null || store.longitude === null) repairs.without_coordinates.push(store.code);
  return { stores, repairs };
}
