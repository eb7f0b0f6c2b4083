import { defineConfig } from 'vitest/config';
import { contractAlias } from './scripts/aliases';

export default defineConfig({
  resolve: { alias: contractAlias },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
