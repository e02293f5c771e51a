import { defineConfig } from 'vitest/config';

// The suite over public files written by other people, read from ../shared/data/real/.
export default defineConfig({
  test: {
    include: ['packages/*/test-real/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
