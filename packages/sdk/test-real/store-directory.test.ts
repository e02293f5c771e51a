import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { realDataPath } from '../../../test-support/shared.js';
import { repairWindows1252Controls } from '../../cli/src/files/windows-1252.js';

// The public Starbucks store directory (25,600 stores, 2,734 in China) loaded as stores through
// the SDK, then read back and compared with figures taken straight from the file.
const FILE = realDataPath('starbucks-store-directory', 'directory.csv');

type Store = components['schemas']['Store'];
type Row = Record<string, string>;

let server: TestServer;
let boh: BohClient;
let chinese: Row[];

beforeAll(async () => {
  // The directory has Windows-1252 punctuation read as C1 controls (King\x92s Road); BOH rejects
  // control characters, so they are repaired as the import engine does, and text is trimmed as
  // the API trims it.
  const rows = (parse(readFileSync(FILE), { columns: true, bom: true }) as Record<string, string>[]).map(cleanRow) as Row[];
  chinese = rows.filter((row) => row.Country === 'CN');
  server = await startTestServer();
  boh = createClient({ baseUrl: server.url, token: await server.token('admin') });

  const queue = [...chinese];
  const worker = async () => {
    for (let row = queue.shift(); row; row = queue.shift()) {
      const latitude = Number(row.Latitude);
      const longitude = Number(row.Longitude);
      await boh.stores.create(
        {
          code: row['Store Number']!,
          name: row['Store Name']!,
          brand: row.Brand!,
          city: row.City || null,
          address: row['Street Address'] || null,
          phone: row['Phone Number'] || null,
          latitude: row.Latitude && Number.isFinite(latitude) ? latitude : null,
          longitude: row.Longitude && Number.isFinite(longitude) ? longitude : null,
        },
        { idempotencyKey: `directory-${row['Store Number']}` },
      );
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}, 600_000);

afterAll(async () => {
  await boh.close();
  await server.close();
});

describe('the Chinese stores of the public directory', () => {
  it('are all stored, once each', async () => {
    const stored: Store[] = await boh.stores.list({ limit: 500 }).toArray({ max: 10_000 });
    expect(stored).toHaveLength(chinese.length);
    expect(stored).toHaveLength(2734);
    expect(new Set(stored.map((s) => s.code)).size).toBe(2734);
  });

  it('keep their counts per city', async () => {
    const expected = new Map<string, number>();
    for (const row of chinese) expected.set(row.City!, (expected.get(row.City!) ?? 0) + 1);
    const shanghai = await boh.stores.list({ city: '上海市', limit: 500 }).toArray({ max: 10_000 });
    expect(shanghai).toHaveLength(expected.get('上海市')!);
    const beijing = await boh.stores.list({ city: '北京市', limit: 500 }).toArray({ max: 10_000 });
    expect(beijing).toHaveLength(expected.get('北京市')!);
  });

  it('keep Chinese names, addresses and coordinates exactly', async () => {
    for (const row of chinese.filter((_, i) => i % 97 === 0)) {
      const store = await boh.stores.get(row['Store Number']!);
      expect(store.name).toBe(row['Store Name']);
      expect(store.address).toBe(row['Street Address'] || null);
      expect(store.latitude).toBe(row.Latitude ? Number(row.Latitude) : null);
      expect(store.longitude).toBe(row.Longitude ? Number(row.Longitude) : null);
    }
  });

  it('are found by part of their name', async () => {
    const matches = await boh.stores.list({ q: '北京西站', limit: 500 }).toArray({ max: 1000 });
    const expected = chinese.filter((row) => row['Store Name']!.toLowerCase().includes('北京西站') || row['Store Number']!.includes('北京西站'));
    expect(matches.map((s) => s.code).sort()).toEqual(expected.map((r) => r['Store Number']).sort());
  });

  it('were all answered within the contract', () => {
    expect(server.violations).toEqual([]);
  });
});

function cleanRow<T extends Record<string, string>>(row: T): T {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, repairWindows1252Controls(value ?? '').text.trim()])) as T;
}
