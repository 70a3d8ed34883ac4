import { defineConfig } from 'vitest/config';

// Unit tests are pure and fast; integration tests share one local stack per file and run serially
// so that two files never fight over the machine's two cores and the emulators' ports.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['packages/*/test/**/*.test.ts', 'functions/**/*.test.ts'] } },
      { test: { name: 'infra', include: ['infra/test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/faults/**/*.test.ts', 'test/browser/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
