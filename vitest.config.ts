import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    testTimeout: 20_000,
    // A beforeAll that starts duban as its own process outlasts spawnDuban's own 20 s wait for it.
    hookTimeout: 30_000,
    // Builds src/ once per run; child processes run that build, not tsx (tests/helpers/build-duban.ts).
    globalSetup: ['tests/helpers/build-duban.ts'],
    // Files run one after another in a worker that keeps its loaded modules: a file no longer spends
    // ~1 s importing the Lark SDK, exceljs and src/ afresh (2 cores: the run's CPU 246 s → 135–147 s,
    // bench/RESULTS.md "CI time"). No test patches modules (the style forbids it); a file that
    // leaves fake timers on or changes process.env fails (tests/helpers/no-leftovers.ts).
    isolate: false,
    setupFiles: ['tests/helpers/no-leftovers.ts'],
    // Many files spend their time waiting on child processes and replies, not on the CPU: a third
    // worker keeps both cores busy (2 cores, shared modules: 108 s with 2 workers, 93 s with 3, 89 s
    // with 4 — within noise of 3).
    maxWorkers: 3,
  },
});
