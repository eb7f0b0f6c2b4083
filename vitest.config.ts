import { defineConfig } from 'vitest/config';
import { contractAlias } from './scripts/aliases';

export default defineConfig({
  resolve: { alias: contractAlias },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/unit/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    // Generous: under a loaded 2-core machine the property tests and real-browser tests take several times longer.
    testTimeout: 60_000,
    hookTimeout: 30_000,
  },
});
