// For a PostgreSQL test file: a database of its own on the run's cluster, created before its tests and dropped after.

import { afterAll, beforeAll, inject } from 'vitest';
import { createTestDatabase, type PostgresAddress, type TestDatabase } from './postgres';

/** The run's cluster; fails with a clear message when the file runs outside the PostgreSQL project. */
export function postgresAddress(): PostgresAddress {
  const address = inject('postgres');
  if (!address)
    throw new Error(
      'No PostgreSQL cluster was provided to this test file. PostgreSQL tests are named *.pg.test.ts and run in the "postgres" vitest project, whose globalSetup starts the cluster.',
    );
  return address;
}

/**
 * Registers beforeAll/afterAll hooks that create and drop the file's database, and returns a getter for it (valid
 * inside tests and hooks).
 */
export function databaseForThisFile(label: string): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(postgresAddress(), label);
  });
  afterAll(async () => {
    await db?.drop();
  });
  return () => {
    if (!db) throw new Error('The test database is only available inside tests and hooks.');
    return db;
  };
}
