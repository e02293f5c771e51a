import {
  buildApp,
  insertToken,
  migrateToLatest,
  openDatabase,
  type BohDatabase,
  type ContractViolation,
  type Role,
} from '@boh/server';
import type { FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from './database.js';

/** A real BOH server on a loopback port, over its own empty database. */
export interface TestServer {
  url: string;
  database: BohDatabase;
  testDatabase: TestDatabase;
  app: FastifyInstance;
  /** Responses that broke the contract; each also made its request fail with a 500. */
  violations: ContractViolation[];
  /** A bearer secret for a token of `role`, made once per role and store list. */
  token(role?: Role, storeCodes?: string[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * Start the server as `boh serve` would, on 127.0.0.1 and a free port, with the contract check
 * on: every response the test receives has been validated against the OpenAPI document.
 */
export async function startTestServer(options: { now?: () => Date; dialect?: 'sqlite' | 'postgres' } = {}): Promise<TestServer> {
  const testDatabase = await createTestDatabase({ dialect: options.dialect });
  const database = await openDatabase(testDatabase.url);
  await migrateToLatest(database);

  const violations: ContractViolation[] = [];
  const app = await buildApp({ database, onContractViolation: (v) => violations.push(v), now: options.now });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  const tokens = new Map<string, string>();
  return {
    url,
    database,
    testDatabase,
    app,
    violations,
    async token(role: Role = 'admin', storeCodes: string[] = []) {
      const key = `${role}:${storeCodes.join(',')}`;
      let secret = tokens.get(key);
      if (!secret) {
        const defaultStores = role === 'store_manager' && storeCodes.length === 0 ? ['0001'] : storeCodes;
        secret = (await insertToken(database.db, { name: `test-${role}`, role, storeCodes: defaultStores })).secret;
        tokens.set(key, secret);
      }
      return secret;
    },
    async close() {
      await app.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}
