// The tests the mutation pass (stryker.config.json) runs against each mutant: the state machine's, the queue's and the scheduler's, in-process only.

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/core/publishing/**/*.test.ts', 'main/core/repos/**/*.test.ts', 'main/core/scheduler/**/*.test.ts'],
    // It kills child processes running their own bundle of the code, which the mutants never reach.
    exclude: ['main/core/scheduler/killLoop.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
