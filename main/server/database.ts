// Opening the workspace database: a pg Pool from a postgres:// address, checked with one connection and migrated, with
// errors that say what went wrong and what to do. The password (from the address, PGPASSWORD or ~/.pgpass) is never
// part of a message: each is written here, and anything passed through from the driver has the password cut out.

import pg from 'pg';
import { migratePg, schemaVersion } from './pg/migrate';

/** Where the database is, for messages: user@host:port/database, no password. */
export interface DatabaseTarget {
  readonly user: string;
  readonly host: string;
  readonly port: number;
  readonly database: string;
}

export function describeTarget(t: DatabaseTarget): string {
  const where = t.host.startsWith('/') ? `the socket in ${t.host} (port ${t.port})` : `${t.host}:${t.port}`;
  return `database "${t.database}" as "${t.user}" at ${where}`;
}

export type DatabaseErrorCode =
  | 'bad_url'
  | 'unreachable'
  | 'unknown_host'
  | 'wrong_password'
  | 'password_needed'
  | 'not_allowed'
  | 'no_database'
  | 'failed';

/** The workspace database could not be opened; the message is safe to print. */
export class WorkspaceDatabaseError extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WorkspaceDatabaseError';
  }
}

const URL_HINT = 'Give it as postgres://USER@HOST:PORT/DATABASE (the password in PGPASSWORD or ~/.pgpass, or in the address).';

/** The text with every occurrence of the secret replaced, for a driver's message that might repeat what it was given. */
export function withoutSecret(text: string, secret: string | null | undefined): string {
  if (!secret) return text;
  let out = text.split(secret).join('***');
  const encoded = encodeURIComponent(secret);
  if (encoded !== secret) out = out.split(encoded).join('***');
  return out;
}

/** Reads the address without connecting; refuses one that is not postgres:// or postgresql://. */
export function parseDatabaseUrl(url: string): { config: pg.PoolConfig; target: DatabaseTarget; password: string | null } {
  const trimmed = url.trim();
  if (!/^postgres(ql)?:\/\//i.test(trimmed))
    throw new WorkspaceDatabaseError('bad_url', `The database address must start with postgres:// or postgresql://. ${URL_HINT}`);
  let probe: pg.Client;
  try {
    probe = new pg.Client({ connectionString: trimmed });
  } catch {
    throw new WorkspaceDatabaseError('bad_url', `The database address cannot be read. ${URL_HINT}`);
  }
  const password = typeof probe.password === 'string' ? probe.password : null;
  const target = { user: probe.user ?? '', host: probe.host, port: probe.port, database: probe.database ?? probe.user ?? '' };
  return { config: { connectionString: trimmed }, target, password };
}

/** Turns a driver's connection error into a sentence naming the database (never its password) and what to do. */
export function explainConnectionError(e: unknown, target: DatabaseTarget, password: string | null): WorkspaceDatabaseError {
  const err = e as { code?: string; message?: string };
  const where = describeTarget(target);
  const code = err.code ?? '';
  const message = withoutSecret(err.message ?? String(e), password ?? process.env.PGPASSWORD);
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOENT' ||
    code === 'ETIMEDOUT' ||
    code === 'EHOSTUNREACH' ||
    code === 'ENETUNREACH' ||
    /timeout/i.test(message)
  )
    return new WorkspaceDatabaseError(
      'unreachable',
      `The workspace database cannot be reached: nothing answered for ${where} (${code || message}). Check that PostgreSQL is running there and that the address is right.`,
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new WorkspaceDatabaseError(
      'unknown_host',
      `The workspace database's host "${target.host}" is not known (${code}). Check the address.`,
    );
  if (code === '28P01')
    return new WorkspaceDatabaseError(
      'wrong_password',
      `PostgreSQL refused the password for user "${target.user}" (${where}). Check the password in the address, PGPASSWORD or ~/.pgpass.`,
    );
  if (/password must be a string|no password|password authentication/i.test(message))
    return new WorkspaceDatabaseError(
      'password_needed',
      `PostgreSQL asks for a password for user "${target.user}" (${where}) and none was given. Put it in PGPASSWORD or ~/.pgpass (or in the address).`,
    );
  if (code === '28000')
    return new WorkspaceDatabaseError(
      'not_allowed',
      `PostgreSQL does not let user "${target.user}" connect to ${where}: ${message}. Check the role exists and pg_hba.conf allows it.`,
    );
  if (code === '3D000')
    return new WorkspaceDatabaseError(
      'no_database',
      `There is no database "${target.database}" on that server. Create it (createdb -O ${target.user} ${target.database}), then start again.`,
    );
  return new WorkspaceDatabaseError('failed', `The workspace database (${where}) could not be opened: ${message}`);
}

/** Whether an error means the database went away (a request then answers 503, not 500). */
export function isConnectionLoss(e: unknown): boolean {
  const code = (e as { code?: string }).code ?? '';
  const message = (e as { message?: string }).message ?? '';
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006'].includes(code) ||
    /Connection terminated|timeout exceeded when trying to connect/i.test(message)
  );
}

/**
 * One connection and one query, outside the pool. node-postgres leaves the socket of a connection that failed during
 * authentication (no password to answer with) open, and a backend waiting there blocks DROP DATABASE and similar
 * commands cluster-wide until authentication_timeout: the socket is destroyed here instead.
 */
async function probe(config: pg.ClientConfig, target: DatabaseTarget, password: string | null): Promise<void> {
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (e) {
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    throw explainConnectionError(e, target, password);
  }
  await client.end().catch(() => undefined);
}

export interface OpenedDatabase {
  readonly pool: pg.Pool;
  readonly target: DatabaseTarget;
  /** The schema version after migrating. */
  readonly schema: number;
}

export interface OpenOptions {
  readonly max?: number;
  readonly connectTimeoutMs?: number;
  /** Told about errors of idle connections (the database restarting): the pool replaces them by itself. */
  readonly onIdleError?: (message: string) => void;
  /** False: only read the schema version (a command that must not change the schema itself checks it). */
  readonly migrate?: boolean;
}

/** Connects (one query proves the address, password and database), migrates (unless told not to), and returns the pool. */
export async function openWorkspaceDatabase(url: string, options: OpenOptions = {}): Promise<OpenedDatabase> {
  const { config, target, password } = parseDatabaseUrl(url);
  const pool = new pg.Pool({
    ...config,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'kairos-server',
  });
  // Without a listener an idle connection's error (the database restarting) would end the process.
  pool.on('error', (e) => options.onIdleError?.(withoutSecret(e.message, password)));
  try {
    await probe({ ...config, connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000 }, target, password);
    let schema: number;
    try {
      schema = options.migrate === false ? await schemaVersion(pool) : await migratePg(pool);
    } catch (e) {
      if (isConnectionLoss(e)) throw explainConnectionError(e, target, password);
      throw new WorkspaceDatabaseError('failed', withoutSecret((e as Error).message, password));
    }
    return { pool, target, schema };
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
}
