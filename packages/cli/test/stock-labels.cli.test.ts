import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../test-support/server.js';
import { listCounts } from '../src/commands/stock/count.js';
import { stockMessages } from '../src/commands/stock/messages.js';
import { movements } from '../src/commands/stock/movements.js';
import { registerMessages, type Language } from '../src/i18n/index.js';
import { createContext, type Context } from '../src/runtime/context.js';

// Tables for people (stdout is a terminal) show movement kinds, flags and count statuses by their
// labels in the reader's language. Piped output keeps the codes that scripts compare against.

registerMessages(stockMessages);

let server: TestServer;
let boh: BohClient;
let token: string;

beforeAll(async () => {
  server = await startTestServer();
  token = await server.token('admin');
  boh = createClient({ baseUrl: server.url, token });
  await boh.stores.create({ code: '0001', name: '静安寺店' });
  await boh.items.create({ code: 'BEANS', name: '咖啡豆', kind: 'raw_material', base_unit: 'g' });
  await boh.stock.postDocument({ kind: 'receipt', store_code: '0001', occurred_at: '2024-01-02T00:00:00Z', lines: [{ item_code: 'BEANS', quantity: 1000, value_fen: 12_000 }] });
  await boh.stock.counts.create({ store_code: '0001', count_date: '2024-01-03' });
});
afterAll(async () => {
  await boh.close();
  await server.close();
});

function makeContext(language: Language, terminal: boolean): { context: Context; stdout: () => string } {
  const stdout = Object.assign(new PassThrough(), { isTTY: terminal, columns: 200 });
  const chunks: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  const io = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: { BOH_BASE_URL: server.url, BOH_TOKEN: token } };
  return { context: createContext({}, language, io), stdout: () => Buffer.concat(chunks).toString('utf8') };
}

describe('stock tables for people', () => {
  it('label movement kinds in Chinese', async () => {
    const { context, stdout } = makeContext('zh-CN', true);
    await movements(context, { store: '0001' });
    await context.close();
    expect(stdout()).toContain('入库');
    expect(stdout()).not.toContain('receipt');
  });

  it('label movement kinds in English', async () => {
    const { context, stdout } = makeContext('en', true);
    await movements(context, { store: '0001' });
    await context.close();
    expect(stdout()).toContain('Receipt');
  });

  it('keep movement codes when piped', async () => {
    const { context, stdout } = makeContext('zh-CN', false);
    await movements(context, { store: '0001' });
    await context.close();
    expect(stdout().split('\t')).toContain('receipt');
  });

  it('label count statuses in Chinese', async () => {
    const { context, stdout } = makeContext('zh-CN', true);
    await listCounts(context, { store: '0001' });
    await context.close();
    expect(stdout()).toContain('草稿');
    expect(stdout()).not.toContain('draft');
  });
});
