import { defineConfig } from 'vitest/config';

const include = ['main/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/src/**/*.test.ts', 'bench/**/*.test.ts'];
/** Tests against a real PostgreSQL: their project starts one throwaway cluster per run, only when one of them runs. */
const postgresTests = ['main/**/*.pg.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include, exclude: [...postgresTests, '**/node_modules/**'] } },
      { extends: true, test: { name: 'postgres', include: postgresTests, globalSetup: ['main/testing/postgresGlobalSetup.ts'] } },
    ],
  },
});
