import { defineConfig } from 'vitest/config';

// Unit tests are pure and fast; integration tests share one local stack per file and run serially
// so that two files never fight over the machine's two cores and the emulators' ports. The browser
// tests are their own project only for their global setup, which finds or installs Chromium once,
// and only when a browser test is in the run; they run in the same serial line as the integration
// files (vitest puts every project without file parallelism into one sequential group).
const serial = { testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false };

export default defineConfig({
  test: {
    projects: [
      // A few unit tests talk to an in-process server (the emulated province): on a loaded machine 5 s is short.
      { test: { name: 'unit', include: ['packages/*/test/**/*.test.ts', 'functions/**/*.test.ts', 'docs/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'infra', include: ['infra/test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/openapi/**/*.test.ts', 'test/faults/**/*.test.ts', 'test/readme/**/*.test.ts'], ...serial } },
      { test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/support/chromium-setup.ts'], ...serial } },
    ],
  },
});
