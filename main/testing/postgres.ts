// A throwaway PostgreSQL cluster for tests: a temporary data folder, a private unix socket, and a fresh database per
// test file. One cluster serves a whole vitest run (postgresGlobalSetup.ts starts it and hands its address to the
// files through provide/inject); stopping it removes the folder.

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Where a test reaches the cluster: the socket folder, the port that names the socket, and the superuser. */
export interface PostgresAddress {
  readonly host: string;
  readonly port: number;
  readonly user: string;
}

export interface PostgresCluster extends PostgresAddress {
  /** The temporary folder holding the data directory, the socket and the log. */
  readonly dir: string;
  /** Stops the server and removes the folder. Safe to call twice. */
  stop(): Promise<void>;
}

const INSTALL_HINT =
  "Install Debian's postgresql package (apt-get install postgresql; .ci/run does this when it is missing), or put a folder holding initdb and pg_ctl on PATH.";

const TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;

/** The folder holding initdb, pg_ctl and postgres: PATH first, then Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin(): string {
  const candidates: string[] = [];
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir) candidates.push(dir);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(debian, v, 'bin'));
  }
  for (const dir of candidates) {
    if (TOOLS.every((t) => existsSync(join(dir, t)))) return dir;
  }
  throw new Error(`PostgreSQL was not found, so the PostgreSQL tests cannot run. ${INSTALL_HINT}`);
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** initdb and postgres refuse to run as root: as root, every server command runs as the postgres user. */
function asServerUser(bin: string, file: string, args: readonly string[]): [string, string[]] {
  const path = join(bin, file);
  return isRoot() ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, [...args]];
}

function run(bin: string, file: string, args: readonly string[], what: string, logFile?: string): void {
  const [command, argv] = asServerUser(bin, file, args);
  try {
    execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (e) {
    const err = e as { stderr?: Buffer; stdout?: Buffer; message: string };
    const output = `${err.stdout?.toString() ?? ''}${err.stderr?.toString() ?? ''}`.trim();
    throw new Error(`${what} failed: ${output || err.message}${logTail(logFile)}`);
  }
}

function logTail(logFile: string | undefined): string {
  if (!logFile || !existsSync(logFile)) return '';
  const lines = readFileSync(logFile, 'utf8').trimEnd().split('\n');
  return `\nServer log (last lines):\n${lines.slice(-15).join('\n')}`;
}

function serverUserIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  if (!Number.isInteger(uid) || !Number.isInteger(gid))
    throw new Error(`There is no postgres user to run the test cluster as. ${INSTALL_HINT}`);
  return { uid, gid };
}

const PREFIX = 'kairos-pg-';
const OWNER_FILE = 'owner.pid';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Clusters whose test run was killed before it could stop them: stops each one (its owner process is gone) and removes
 * its folder, so a run that was interrupted does not leave servers behind for the next one.
 */
function removeAbandonedClusters(root: string, bin: string): void {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => n.startsWith(PREFIX));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw e;
  }
  for (const name of names) {
    const dir = join(root, name);
    const ownerFile = join(dir, OWNER_FILE);
    if (!existsSync(ownerFile)) {
      // A folder still being set up by another run has no owner file for a moment: leave young folders alone.
      if (Date.now() - statSync(dir).mtimeMs < 10 * 60_000) continue;
    } else {
      const owner = Number(readFileSync(ownerFile, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) continue;
    }
    const data = join(dir, 'data');
    if (existsSync(join(data, 'postmaster.pid'))) {
      try {
        run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '20', 'stop'], 'Stopping an abandoned test cluster');
      } catch (e) {
        // It may have stopped already (a stale pid file); removing its folder is what matters.
        process.stderr.write(`Left-over test cluster in ${dir} did not stop cleanly: ${(e as Error).message}\n`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Tries to connect until the server answers a query, so "started" means usable, not only "pg_ctl returned". */
async function waitUntilReady(address: PostgresAddress, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const client = new pg.Client({ ...address, database: 'postgres', connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      await client.end();
      return;
    } catch (e) {
      last = e;
      await client.end().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(
    `The test PostgreSQL cluster did not accept connections within ${timeoutMs / 1000} s (${(last as Error)?.message ?? 'no answer'}).${logTail(logFile)}`,
  );
}

export interface StartOptions {
  /** How long to wait for the server to accept connections. */
  readonly readyTimeoutMs?: number;
  /** Parent of the cluster's folder; a short path, because a unix socket path is limited to about 100 characters. */
  readonly root?: string;
  /** More server settings (name → value), e.g. to load pg_stat_statements for a benchmark. */
  readonly settings?: Readonly<Record<string, string>>;
}

/**
 * Starts a cluster in a fresh temporary folder, reachable only through a unix socket in that folder (no TCP port, so
 * parallel runs on one machine never collide). Durability is switched off: the data is thrown away at the end.
 */
export async function startPostgresCluster(options: StartOptions = {}): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  const root = options.root ?? (tmpdir().length > 40 ? '/tmp' : tmpdir());
  removeAbandonedClusters(root, bin);
  const dir = mkdtempSync(join(root, PREFIX));
  const data = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const port = 5432;
  const user = 'postgres';
  let started = false;
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    writeFileSync(join(dir, OWNER_FILE), `${process.pid}\n`);
    writeFileSync(logFile, '');
    if (isRoot()) {
      const { uid, gid } = serverUserIds();
      chownSync(dir, uid, gid);
      chownSync(logFile, uid, gid);
    }
    run(
      bin,
      'initdb',
      ['-D', data, '-U', user, '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'],
      'Creating the test PostgreSQL cluster (initdb)',
    );
    const serverOptions = [
      `-k ${dir}`,
      `-p ${port}`,
      "-c listen_addresses=''",
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      '-c shared_buffers=32MB',
      ...Object.entries(options.settings ?? {}).map(([name, value]) => `-c ${name}=${value}`),
    ].join(' ');
    started = true;
    run(
      bin,
      'pg_ctl',
      ['-D', data, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start'],
      'Starting the test PostgreSQL cluster (pg_ctl start)',
      logFile,
    );
    const address = { host: dir, port, user };
    await waitUntilReady(address, options.readyTimeoutMs ?? 30_000, logFile);
    let stopped = false;
    return {
      ...address,
      dir,
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          run(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop'], 'Stopping the test PostgreSQL cluster', logFile);
        } finally {
          remove();
        }
      },
    };
  } catch (e) {
    if (started) {
      try {
        run(bin, 'pg_ctl', ['-D', data, '-m', 'immediate', '-w', '-t', '20', 'stop'], 'Stopping the test PostgreSQL cluster');
      } catch (stopError) {
        // The start failed, so there may be nothing to stop (run() then throws its Error); the folder is removed
        // below either way, and the start's own error, rethrown below, is the one that says what went wrong.
        if (!(stopError instanceof Error)) throw stopError;
      }
    }
    remove();
    throw e;
  }
}

/** A database of its own for one test file, on the run's cluster. */
export interface TestDatabase {
  readonly name: string;
  /** A postgres:// address (socket folder in the host parameter), as the server's --database option takes it. */
  readonly url: string;
  readonly config: pg.ClientConfig;
  /** A pool on the database, closed by drop(). */
  readonly pool: pg.Pool;
  /** Closes the pool and every other connection, then drops the database. */
  drop(): Promise<void>;
}

const validName = /^[a-z_][a-z0-9_]{0,62}$/;

async function onAdminDb<T>(address: PostgresAddress, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...address, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database named after the test file (plus random letters, so reruns never clash). */
export async function createTestDatabase(address: PostgresAddress, label = 'test'): Promise<TestDatabase> {
  const base = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 40);
  const name = `k_${base || 'test'}_${randomBytes(4).toString('hex')}`;
  if (!validName.test(name)) throw new Error(`Not a usable database name: ${name}`);
  await onAdminDb(address, (c) => c.query(`CREATE DATABASE ${name} TEMPLATE template0`));
  const config: pg.ClientConfig = { ...address, database: name };
  const pool = new pg.Pool({ ...config, max: 5 });
  // A test that stops the server or terminates sessions on purpose makes idle connections fail: not an uncaught error.
  pool.on('error', () => {});
  let dropped = false;
  return {
    name,
    url: `postgres://${encodeURIComponent(address.user)}@/${name}?host=${encodeURIComponent(address.host)}&port=${address.port}`,
    config,
    pool,
    async drop() {
      if (dropped) return;
      dropped = true;
      await pool.end();
      await onAdminDb(address, async (c) => {
        // Pools a test opened and is still closing leave on their own; only what lingers is cut (an idle
        // connection cut under a pool with no error listener would be an uncaught error in that test's process).
        for (let waited = 0; waited < 3_000; waited += 50) {
          const { rows } = await c.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
          if ((rows[0]?.n ?? 0) === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    },
  };
}
