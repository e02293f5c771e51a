// Create a region and a store, page through stores and read a store's history with the SDK.
// Run against a server: BOH_BASE_URL=http://127.0.0.1:4010 BOH_TOKEN=boh_… node docs/examples/sdk-quickstart.mjs
import { BohConflictError, createClient } from '@boh/sdk';

const boh = createClient({
  baseUrl: process.env.BOH_BASE_URL ?? 'http://127.0.0.1:4010',
  token: process.env.BOH_TOKEN,
  language: 'zh-CN',
});

try {
  // Creates are safe to retry: the SDK sends an Idempotency-Key and reuses it on every retry.
  await boh.regions.create({ code: 'EAST', name: '华东区' }).catch((error) => {
    if (!(error instanceof BohConflictError)) throw error; // already there from an earlier run
  });
  const store = await boh.stores
    .create({ code: '0001', name: '静安寺店', region_code: 'EAST', city: '上海', area_m2: 85.5 })
    .catch(async (error) => {
      if (error instanceof BohConflictError) return boh.stores.get('0001');
      throw error;
    });

  // An update names the version it is based on; a change made in between fails with 412.
  const updated = await boh.stores.update(store.code, { seats: 40 }, { ifVersion: store.version });
  console.log(`${updated.code} ${updated.name}: version ${updated.version}, ${updated.seats} seats`);

  // Lists are async iterators over every page.
  for await (const each of boh.stores.list({ city: '上海' })) console.log(`${each.code}\t${each.name}`);

  // Every change is in the audit history.
  for await (const event of boh.stores.history('0001')) console.log(`${event.at} ${event.actor} ${event.action}`);
} finally {
  await boh.close();
}
