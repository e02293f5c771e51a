import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type BohClient, type components } from '@boh/sdk';
import { startTestServer, type TestServer } from '../../../../test-support/server.js';
import { seedChain } from './support.js';

// The same data on SQLite and PostgreSQL must give the same figures in every report. This runs
// only when BOH_TEST_DATABASE_URL names a PostgreSQL server, as in the PostgreSQL run of the suite.

const postgresUrl = process.env.BOH_TEST_DATABASE_URL;
type Run = components['schemas']['ReportRun'];

describe.skipIf(!postgresUrl)('reports on SQLite and PostgreSQL', () => {
  const servers: TestServer[] = [];
  const clients: BohClient[] = [];

  beforeAll(async () => {
    for (const dialect of ['sqlite', 'postgres'] as const) {
      const server = await startTestServer({ dialect });
      const client = createClient({ baseUrl: server.url, token: await server.token('admin') });
      await seedChain(client);
      servers.push(server);
      clients.push(client);
    }
  }, 120_000);
  afterAll(async () => {
    for (const client of clients) await client.close();
    for (const server of servers) await server.close();
  });

  const figures = (run: Run) => {
    const { id: _id, generated_at: _at, ...rest } = run;
    return rest;
  };

  it('databases differ', () => {
    expect(servers.map((server) => server.database.dialect)).toEqual(['sqlite', 'postgres']);
  });

  it('give equal figures in every report', async () => {
    const reports = (await clients[0]!.reports.list()).map((report) => report.name);
    for (const report of reports) {
      for (const params of [{ period: '2024-01', compare: 'previous_period' as const }, { period: '2024-02', region_code: 'EAST' }]) {
        const [onSqlite, onPostgres] = await Promise.all(clients.map((client) => client.reports.run({ report, ...params })));
        expect(figures(onPostgres!), `${report} ${JSON.stringify(params)}`).toEqual(figures(onSqlite!));
      }
    }
  }, 60_000);
});
