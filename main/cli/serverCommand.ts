// kairos server: the team workspace server on PostgreSQL, until SIGINT/SIGTERM; kairos server keygen: its key.

import { mkdirSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { APP_VERSION } from '../core/version';
import { FEATURES } from '../features';
import { WorkspaceAuth } from '../server/auth/auth';
import { newToken } from '../server/auth/secrets';
import { describeTarget, openWorkspaceDatabase } from '../server/database';
import { defaultAppDir } from '../server/http/app';
import { defaultPagesDir } from '../server/http/pages';
import { startWorkspaceServer } from '../server/http/workspaceServer';
import { importDesktopDatabase } from '../server/import/desktopImport';
import { describeImport } from '../server/import/importSummary';
import { generateServerKey, loadServerKey } from '../server/key/serverKey';
import { ServerKeyCipher } from '../server/key/serverKeyCipher';
import { createPgStores } from '../server/pg/stores';
import { actingMember } from '../server/pg/stores/pgDb';
import type { PostWriteHooks } from '../server/pg/stores/posts';
import { type SmtpSettings, smtpMailer } from '../server/workspace/email';
import { publishSignal } from '../server/workspace/signals';
import { createReviewWorkflow } from '../server/workspace/workflow';
import { startWorkspaceBackend } from '../server/workspaceBackend';
import { allowOnly, one, type ParsedArgs, requireOne, UsageError } from './args';
import type { CliIO } from './io';
import { untilStopped } from './stopSignals';

export const DEFAULT_SERVER_PORT = 8420;

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

function listenError(e: NodeJS.ErrnoException, host: string, port: number): Error {
  if (e.code === 'EADDRINUSE')
    return new Error(`Port ${port} on ${host} is in use by another program. Stop it, or start the server on another port with --port N.`);
  if (e.code === 'EACCES')
    return new Error(
      `This user may not listen on port ${port} (ports below 1024 need privileges). Use --port ${DEFAULT_SERVER_PORT} behind the reverse proxy.`,
    );
  if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
    return new Error(`${host} is not an address of this machine. Use --host 127.0.0.1 (behind a reverse proxy) or --host 0.0.0.0.`);
  return new Error(`The server could not listen on ${host}:${port}: ${e.message}`);
}

/**
 * Email for notifications, when the team gives a mail server: --smtp-url smtp://USER@HOST:587 (STARTTLS when offered;
 * smtps:// for TLS from the first byte, port 465) or KAIROS_SMTP_URL, the password in KAIROS_SMTP_PASSWORD (kept out
 * of the command line, which other users see), and --mail-from or KAIROS_MAIL_FROM. Without them, notifications stay
 * in the app.
 */
export function smtpSettings(url: string | undefined, from: string | undefined, env: NodeJS.ProcessEnv = process.env): SmtpSettings | null {
  if (!url) {
    if (from) throw new UsageError('--mail-from needs --smtp-url: the mail server that sends the notifications.');
    return null;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError('--smtp-url must look like smtp://USER@mail.example.org:587 (or smtps://… for port 465).');
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:')
    throw new UsageError('--smtp-url must start with smtp:// (STARTTLS when the server offers it) or smtps:// (TLS from the start).');
  if (parsed.password)
    throw new UsageError('Keep the mail password out of --smtp-url (others can see command lines): put it in KAIROS_SMTP_PASSWORD.');
  if (!from)
    throw new UsageError('--smtp-url needs --mail-from: the sender of notification emails, such as "Kairos <kairos@example.org>".');
  const secure = parsed.protocol === 'smtps:';
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    ...(parsed.username ? { user: decodeURIComponent(parsed.username), password: env.KAIROS_SMTP_PASSWORD ?? '' } : {}),
    from,
  };
}

/**
 * Where the server keeps media files and written reports: --data-dir, then KAIROS_SERVER_DATA, then
 * ~/.local/share/kairos-server. Every server process of one workspace must see the same folder.
 */
export function serverDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return resolve(flag);
  if (env.KAIROS_SERVER_DATA) return resolve(env.KAIROS_SERVER_DATA);
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'kairos-server');
}

function keygen(args: ParsedArgs, io: CliIO): number {
  allowOnly(args, ['out', 'yes']);
  const out = one(args, 'out');
  const key = generateServerKey();
  if (out !== undefined) {
    try {
      // Made readable by this user only, and never over an existing key: that would orphan what it sealed.
      writeFileSync(out, `${key}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST')
        throw new UsageError(
          `${out} exists already. A server key is not replaced by making a new one: what it sealed would no longer open. Choose another file name.`,
        );
      throw new Error(`The key could not be written to ${out}: ${(e as Error).message}`);
    }
    io.err(`Wrote a new server key to ${out} (readable only by you). Keep a copy with your backups; start with --key-file ${out}.`);
    return 0;
  }
  if (io.stdoutIsTerminal && !args.options.has('yes'))
    throw new UsageError(
      'The new key would show on the screen. Write it to a file: kairos server keygen --out server.key (or add --yes to show it).',
    );
  io.out(key);
  return 0;
}

function databaseUrl(args: ParsedArgs): string {
  const url = one(args, 'database') ?? process.env.KAIROS_DATABASE_URL;
  if (!url)
    throw new UsageError(
      '--database is required (or the KAIROS_DATABASE_URL environment variable): postgres://USER@HOST:PORT/DATABASE, the password in PGPASSWORD or ~/.pgpass.',
    );
  return url;
}

/** kairos server import --database URL --from DATA_DIR [--key-file F] [--dry-run] [--data-dir SERVER_DATA_DIR or KAIROS_SERVER_DATA] */
async function importCommand(args: ParsedArgs, io: CliIO): Promise<number> {
  allowOnly(args, ['database', 'from', 'key-file', 'dry-run']);
  const url = databaseUrl(args);
  const from = resolve(requireOne(args, 'from', "the desktop's data folder, where its kairos.sqlite is"));
  // The credentials are re-sealed with the key the server will open them with.
  const key = loadServerKey({ keyFile: one(args, 'key-file') });
  if (key.warning) io.err(key.warning);
  // The schema is checked, not changed: the import refuses a workspace that is not at this version's schema.
  const db = await openWorkspaceDatabase(url, {
    migrate: false,
    max: 2,
    onIdleError: (m) => io.err(`The workspace database dropped an idle connection: ${m}`),
  });
  try {
    const summary = await importDesktopDatabase({
      pool: db.pool,
      from,
      cipher: new ServerKeyCipher(key.sealer, key.source),
      // Only a folder named for the server: the default one belongs to the machine the server runs on.
      ...(args.dataDir || process.env.KAIROS_SERVER_DATA ? { serverDataDir: serverDataDir(args.dataDir) } : {}),
      dryRun: args.options.has('dry-run'),
      workspaceName: describeTarget(db.target),
    });
    if (args.json) io.out(JSON.stringify(summary));
    else for (const line of describeImport(summary, describeTarget(db.target))) io.out(line);
    return 0;
  } finally {
    await db.pool.end().catch(() => undefined);
  }
}

/** At most four scheduler passes a second however many changes wake it; a post due now waits at most this long more. */
const SERVER_MIN_PASS_GAP_MS = 250;

/**
 * kairos server [--database URL] [--port N] [--host H] [--key-file F] [--trust-proxy] [--public-url URL]
 * | keygen | import
 */

export async function commandServer(sub: string | undefined, args: ParsedArgs, io: CliIO): Promise<number> {
  if (sub === 'keygen') return keygen(args, io);
  if (sub === 'import') return importCommand(args, io);
  if (sub !== undefined)
    throw new UsageError(`Unknown command "server ${sub}". Use "kairos server", "kairos server keygen" or "kairos server import".`);
  allowOnly(args, ['database', 'port', 'host', 'key-file', 'trust-proxy', 'public-url', 'smtp-url', 'mail-from']);
  const url = databaseUrl(args);
  const portText = one(args, 'port');
  const port = portText === undefined ? DEFAULT_SERVER_PORT : Number(portText);
  // 0: any free port (the line printed at start says which).
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError('--port must be a number from 1 to 65535 (0: any free port).');
  const host = one(args, 'host') ?? '127.0.0.1';
  if (host !== 'localhost' && isIP(host) === 0)
    throw new UsageError('--host must be an IP address of this machine (127.0.0.1, 0.0.0.0, ::) or localhost.');
  const publicUrl = one(args, 'public-url');
  if (publicUrl !== undefined) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(publicUrl);
    } catch {
      parsed = null;
    }
    if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.pathname !== '/')
      throw new UsageError('--public-url must be the address people open, such as https://kairos.example.org (no path).');
  }
  const trustProxy = args.options.has('trust-proxy');
  const smtp = smtpSettings(one(args, 'smtp-url') ?? process.env.KAIROS_SMTP_URL, one(args, 'mail-from') ?? process.env.KAIROS_MAIL_FROM);

  // Refused before anything else: a server that cannot seal credentials must not start taking them.
  const key = loadServerKey({ keyFile: one(args, 'key-file') });
  if (key.warning) io.err(key.warning);

  const dataDir = serverDataDir(args.dataDir);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new Error(
      `The server's data folder ${dataDir} cannot be made (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}). Give one this user may write with --data-dir DIR.`,
    );
  }

  const db = await openWorkspaceDatabase(url, { onIdleError: (m) => io.err(`The workspace database dropped an idle connection: ${m}`) });
  const stop = untilStopped(io);
  let workspace: Awaited<ReturnType<typeof startWorkspaceBackend>> | null = null;
  try {
    // Links in emails start with the address people open; until the server listens, its own is not known.
    let linkBase = publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const review = createReviewWorkflow(db.pool, {
      linkKey: key.sealer.deriveKey('review links'),
      log: (line) => io.err(line),
      ...(smtp
        ? {
            email: {
              mailer: smtpMailer(smtp),
              get linkBase() {
                return linkBase;
              },
            },
          }
        : {}),
    });
    // Every post a person writes through the contract is recorded by the review workflow in the same transaction:
    // who wrote it, and whether its content changed (an approved post that is edited goes back to review).
    // Open review panels hear of it when the post's transaction commits (a new version to approve, say).
    const postHooks: PostWriteHooks = {
      async created(c, postId) {
        const member = actingMember.getStore();
        if (!member) return;
        await review.approvals.recordCreated(c, member, postId);
        await publishSignal(c, { type: 'review.changed', postId });
      },
      async edited(c, postId) {
        const member = actingMember.getStore();
        if (!member) return;
        await review.approvals.recordEdit(c, member, postId);
        await publishSignal(c, { type: 'review.changed', postId });
      },
    };
    // The backend core on the shared database: it publishes from here as from every other server process.
    workspace = await startWorkspaceBackend({
      pool: db.pool,
      key,
      dataDir,
      features: FEATURES,
      version: APP_VERSION,
      openStores: (pool, feed, settingDefaults) => createPgStores(pool, feed, settingDefaults, postHooks),
      // Many people edit at once: every change wakes the scheduler, and a burst of them costs one pass.
      schedulerTuning: { minPassGapMs: SERVER_MIN_PASS_GAP_MS },
    });
    const auth = new WorkspaceAuth(db.pool);
    const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    const setupToken = (rows[0]?.n ?? 0) === 0 ? newToken().token : null;
    let server: Awaited<ReturnType<typeof startWorkspaceServer>>;
    try {
      server = await startWorkspaceServer({
        pool: db.pool,
        auth,
        port,
        host,
        trustProxy,
        setupToken,
        ...(publicUrl ? { publicUrl } : {}),
        contract: workspace.contract,
        review,
        pagesDir: defaultPagesDir(),
        appDir: defaultAppDir(),
        log: (line) => io.err(line),
      });
    } catch (e) {
      throw listenError(e as NodeJS.ErrnoException, host, port);
    }
    if (!publicUrl) linkBase = server.url;
    if (args.json) io.out(JSON.stringify({ url: server.url, schema: db.schema, keyId: key.sealer.keyId, setupCode: setupToken }));
    else {
      io.out(
        `Kairos workspace server listening on ${server.url} (${describeTarget(db.target)}, schema ${db.schema}; server key ${key.sealer.keyId} from ${key.source}; data in ${dataDir}). Publishing from this process. Stop it with Ctrl+C or SIGTERM.`,
      );
      io.out(
        smtp
          ? `Notifications are also sent by email through ${smtp.host}:${smtp.port} as ${smtp.from}.`
          : 'Notifications stay in the app (no --smtp-url given).',
      );
      if (setupToken)
        io.out(
          `This workspace has no owner yet. Create the owner's account with this one-time setup code (it stops working once used, and when this process stops): ${setupToken}`,
        );
      if (!isLoopback(host) && !trustProxy)
        io.err(
          `Warning: serving plain HTTP on ${host}. Put the server behind an HTTPS reverse proxy and start it with --trust-proxy, so passwords and session cookies never cross the network in the clear.`,
        );
    }
    await stop.stopped;
    if (!args.json) io.out('Stopping: no new requests; finishing those in progress…');
    await server.close();
    // What is being published is recorded before the process goes (the scheduler drains, then lets go of its row).
    await workspace.close();
    workspace = null;
    if (!args.json) io.out('Stopped.');
    return 0;
  } finally {
    stop.dispose();
    await workspace?.close().catch(() => undefined);
    await db.pool.end().catch(() => undefined);
  }
}
