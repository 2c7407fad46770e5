// vitest globalSetup of the PostgreSQL test project: one throwaway cluster for the whole run, its address provided to
// every test file (databaseForThisFile in postgresDatabase.ts), stopped and removed when the run ends.

import type { TestProject } from 'vitest/node';
import { type PostgresAddress, startPostgresCluster } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresAddress;
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startPostgresCluster();
  project.provide('postgres', { host: cluster.host, port: cluster.port, user: cluster.user });
  return () => cluster.stop();
}
