import { defineConfig } from 'vitest/config';

// The main suite. BOH_TEST_DATABASE_URL=postgres://… runs the database tests on PostgreSQL
// instead of a temporary SQLite file; each test file then gets a schema of its own.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
