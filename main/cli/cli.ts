// The kairos command: every command is a call into the same backend contract the app uses.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import type { AccountWithRule, ConnectInput, PostOptionsSchema, When } from '../../shared/contract';
import { POST_STATUSES, VISIBILITIES, type Visibility } from '../../shared/domain';
import { resolveWallTime } from '../../shared/time/wallTime';
import { type Backend, createBackend } from '../core/backend';
import { resolveDataDir } from '../core/dataDir';
import { DatabaseDamagedError } from '../core/db/database';
import { KairosError } from '../core/errors';
import { APP_VERSION } from '../core/version';
import { FEATURES } from '../features';
import { startBrowserServer } from '../http/server';
import { addAppAccount } from './appAccountCommands';
import { all, allowOnly, one, type ParsedArgs, parseArgs, requireOne, UsageError, wantsJson } from './args';
import { commandDatabase } from './databaseCommands';
import { commandDecide, commandPause, commandResume } from './engineCommands';
import { accountLine, historyJson, humanTime, postDetail, postJson, postLine } from './format';
import { commandEvergreen, commandExport, commandFeed, commandImport } from './importCommands';
import type { CliIO } from './io';
import { nostrInput, telegramInput } from './networkInputs';
import { commandReport, logScheduledReports } from './reportCommand';
import { commandRun } from './runCommand';
import { readProcessStdin, secretOption } from './secretInput';
import { commandServer } from './serverCommand';
import { commandService } from './service/serviceCommand';
import { terminalSafeOutput } from './terminalText';

export const USAGE = `Usage: kairos <command> [options]   (global: --json, --data-dir DIR)

  serve [--port N]                      browser mode on 127.0.0.1, with the scheduler
  run [--once]                          headless publisher until SIGINT/SIGTERM, one log line per outcome
                                        (--once: publish what is due, say what happened, then exit)
  service install|uninstall|status      run "kairos run" as this user's service (systemd, launchd, Task Scheduler)
  server --database postgres://… [--port N] [--host H] [--key-file F] [--trust-proxy] [--public-url URL]
                                        the team workspace server on PostgreSQL, until SIGINT/SIGTERM
                                        (--database or KAIROS_DATABASE_URL; key: --key-file or KAIROS_SERVER_KEY;
                                        port 8420 on 127.0.0.1 by default; docs/WORKSPACE.md)
  server keygen [--out FILE]            make a server key (32 random bytes, base64)
  server import --database postgres://… --from DATA_DIR [--key-file F] [--dry-run] [--data-dir SERVER_DATA_DIR]
                                        move a desktop database into the workspace, in one transaction
                                        (credentials re-sealed with the server key; media copied with --data-dir)
  accounts list
  accounts add discord --name N --webhook-url U
  accounts add mastodon --instance URL --token T [--name N]
  accounts add bluesky --handle H --app-password P [--service URL] [--name N]
  accounts add telegram --token-file F|--token T --chat @channel|ID [--silent] [--api-base URL] [--name N]
  accounts add nostr --name N --key new|nsec|bunker [--nsec-file F] [--bunker URL] --relays R,R [--min-relay-oks N] [--media-server URL]
  accounts add linkedin --client-id ID --client-secret-file F [--port P] [--name N]
  accounts add x --client-id ID [--port P] [--name N]
                                        sign in with the browser through your own app; waits for it
                                        each secret can come from a file instead: --webhook-url-file,
                                        --token-file, --app-password-file, --nsec-file, --client-secret-file
                                        FILE (- reads standard input)
  accounts export-key ACCOUNT [--yes]   print a Nostr account's secret key (nsec) to back it up; to a file or
                                        pipe, or to the screen with --yes
  post add --text T --to ACCOUNT... [--at "YYYY-MM-DD HH:mm"] [--tz Area/City] [--draft]
           [--media FILE [--alt TEXT]]... [--cw TEXT] [--visibility public|unlisted|private|direct]
           [--lang CODE] [--part TEXT]...
  post list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--status S] [--tz Area/City]
  post show ID
  post reschedule ID --at "YYYY-MM-DD HH:mm" [--tz Area/City]
  post cancel ID
  post decide ID publish-now|mark-published [URL]|discard|reschedule --at "YYYY-MM-DD HH:mm" [--account A]
                                        for held, missed, unconfirmed or failed posts
  pause --reason R [--until "YYYY-MM-DD HH:mm"] [--tz Area/City] [--account A]
                                        stop all publishing (or one account's) until resumed
  resume [--account A]                  resume; lists what came due during the pause
  import FILE [--dry-run] [--to ACCOUNT...] [--date-order dmy|mdy] [--tz Area/City] [--map "Column=field"]...
                                        CSV from Kairos, Sprout Social, Publer or Postiz; all rows or none
  export --format csv|json|ics --out FILE [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--observances]
  feed list | feed create schedule|observances | feed revoke ID
                                        read-only calendar URLs served by "kairos serve"
  evergreen list | evergreen set LABEL --every DAYS [--until YYYY-MM-DD] [--off]
  report --from YYYY-MM-DD --to YYYY-MM-DD --out FILE [--format pdf|csv|html|json]
         [--accounts A,B] [--labels L,M] [--tz Area/City] [--lang en|it]
                                        the leadership report for a period (default: PDF)
  database backups                      the verified backups of the database
  database restore [--from FILE]        put back the newest good backup (or FILE); the damaged file is kept`;

/** The built renderer: beside dist/main, whether this code sits in an entry file or a shared chunk. */
function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', 'renderer'), join(here, '..', '..', 'renderer')];
  return candidates.find((c) => existsSync(join(c, 'index.html'))) ?? (candidates[0] as string);
}

async function openBackend(args: ParsedArgs, runScheduler: boolean, shell: 'cli' | 'browser' = 'cli'): Promise<Backend> {
  return createBackend({ dataDir: resolveDataDir(args.dataDir), features: FEATURES, shell, version: APP_VERSION, runScheduler });
}

async function accountMap(b: Backend): Promise<Map<string, AccountWithRule>> {
  return new Map((await b.call('accounts.list', {})).map((a) => [a.id, a]));
}

/** An account named on the command line, by id or by name (case-insensitive). */
function findAccount(accounts: ReadonlyMap<string, AccountWithRule>, ref: string): AccountWithRule {
  const byId = accounts.get(ref);
  if (byId) return byId;
  const matches = [...accounts.values()].filter((a) => a.name.toLowerCase() === ref.toLowerCase());
  if (matches.length === 1) return matches[0] as AccountWithRule;
  if (matches.length > 1) throw new UsageError(`More than one account is called "${ref}"; use its id (see "kairos accounts list").`);
  throw new UsageError(`Unknown account "${ref}". See "kairos accounts list".`);
}

/** Pairs each --media FILE with the --alt TEXT that follows it, if any. */
function mediaWithAlt(args: ParsedArgs): { path: string; alt: string }[] {
  const out: { path: string; alt: string }[] = [];
  for (const [name, value] of args.ordered) {
    if (name === 'media') out.push({ path: value, alt: '' });
    else if (name === 'alt') {
      const last = out.at(-1);
      if (last?.alt !== '') throw new UsageError('--alt must follow the --media FILE it describes.');
      last.alt = value;
    }
  }
  return out;
}

function parseAt(at: string, timeZone: string): When {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})$/.exec(at.trim());
  if (!m) throw new UsageError(`--at "${at}" is not a time; write it as "YYYY-MM-DD HH:mm".`);
  return { kind: 'at', wall: { date: m[1] as string, time: m[2] as string, timeZone } };
}

export function dayStart(date: string, timeZone: string, flag: string): number {
  const r = resolveWallTime({ date, time: '00:00', timeZone });
  if (r.kind === 'invalid') throw new UsageError(`--${flag}: ${r.error}`);
  return r.instant;
}

async function defaultZone(b: Backend, args: ParsedArgs): Promise<string> {
  return one(args, 'tz') ?? (await b.call('settings.get', {})).timeZone;
}

/** Starts the scheduler for one pass when no other process holds it; reports who does otherwise. */
async function publishDueOnce(b: Backend): Promise<string | null> {
  const got = await b.scheduler.start();
  await b.scheduler.idle();
  if (!got) return (await b.scheduler.status()).holder ?? 'another Kairos process';
  return null;
}

async function waitForStop(io: CliIO): Promise<void> {
  if (io.stopSignal) return io.stopSignal;
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function commandPost(sub: string | undefined, rest: readonly string[], args: ParsedArgs, io: CliIO): Promise<number> {
  const print = (human: string, json: unknown) => io.out(args.json ? JSON.stringify(json, null, 2) : human);
  if (sub === 'add') {
    allowOnly(args, ['text', 'to', 'at', 'tz', 'draft', 'media', 'alt', 'cw', 'visibility', 'lang', 'part']);
    const text = requireOne(args, 'text', 'the text of the post');
    const mediaFiles = mediaWithAlt(args);
    const visibility = one(args, 'visibility');
    if (visibility && !VISIBILITIES.includes(visibility as Visibility)) {
      throw new UsageError(`--visibility must be one of: ${VISIBILITIES.join(', ')}.`);
    }
    const cw = one(args, 'cw');
    const lang = one(args, 'lang');
    const options: z.input<typeof PostOptionsSchema> = {
      ...(cw ? { contentWarning: cw } : {}),
      ...(visibility ? { visibility: visibility as Visibility } : {}),
      ...(lang ? { language: lang } : {}),
    };
    const parts = [...all(args, 'part')];
    const draft = args.options.has('draft');
    const b = await openBackend(args, false);
    try {
      const accounts = await accountMap(b);
      const to = all(args, 'to');
      if (to.length === 0 && !draft)
        throw new UsageError('--to is required: one or more accounts to post to (see "kairos accounts list").');
      const ids = to.map((ref) => findAccount(accounts, ref).id);
      const tz = await defaultZone(b, args);
      const at = one(args, 'at');
      const when: When = draft ? { kind: 'draft', timeZone: tz } : at ? parseAt(at, tz) : { kind: 'now' };
      const media = [];
      for (const f of mediaFiles) {
        const added = await b.call('media.addFile', { path: f.path });
        media.push({ id: added.id, alt: f.alt, partIndex: 0 });
      }
      const { post, timeNote } = await b.call('posts.create', { text, accountIds: ids, when, options, parts, media });
      let final = post;
      let heldBy: string | null = null;
      if (when.kind === 'now') {
        heldBy = await publishDueOnce(b);
        final = (await b.call('posts.get', { id: post.id })).post;
      }
      const note = [timeNote, heldBy ? `Queued: ${heldBy} is publishing for this database and will send it.` : null].filter(Boolean);
      print(
        [
          `${final.id}  ${final.status}  ${humanTime(final.scheduledAt, final.timeZone)}`,
          ...final.targets.filter((t) => t.remoteUrl).map((t) => `  ${t.remoteUrl}`),
          ...note,
        ].join('\n'),
        { ...postJson(final), timeNote, queuedFor: heldBy },
      );
      return final.targets.some((t) => t.status === 'failed') ? 1 : 0;
    } finally {
      await b.close();
    }
  }
  const b = await openBackend(args, false);
  try {
    if (sub === 'list') {
      allowOnly(args, ['from', 'to', 'status', 'tz']);
      const tz = await defaultZone(b, args);
      const from = one(args, 'from');
      const toDay = one(args, 'to');
      const status = one(args, 'status');
      if (status && !POST_STATUSES.includes(status as never)) throw new UsageError(`--status must be one of: ${POST_STATUSES.join(', ')}.`);
      const posts = await b.call('posts.list', {
        ...(from ? { from: dayStart(from, tz, 'from') } : {}),
        ...(toDay ? { to: dayStart(toDay, tz, 'to') + 86_400_000 } : {}),
        ...(status ? { statuses: [status] } : {}),
      });
      const accounts = await accountMap(b);
      print(posts.length ? posts.map((p) => postLine(p, accounts)).join('\n') : 'No posts.', posts.map(postJson));
    } else if (sub === 'show') {
      allowOnly(args, []);
      const id = rest[0];
      if (!id) throw new UsageError('post show needs a post id.');
      const { post, history } = await b.call('posts.get', { id });
      print(postDetail(post, history, await accountMap(b)), { ...postJson(post), history: historyJson(history) });
    } else if (sub === 'reschedule') {
      allowOnly(args, ['at', 'tz']);
      const id = rest[0];
      if (!id) throw new UsageError('post reschedule needs a post id.');
      const existing = (await b.call('posts.get', { id })).post;
      const when = parseAt(requireOne(args, 'at', 'the new time'), one(args, 'tz') ?? existing.timeZone);
      const { post, timeNote } = await b.call('posts.reschedule', { id, when });
      print([`${post.id}  ${post.status}  ${humanTime(post.scheduledAt, post.timeZone)}`, ...(timeNote ? [timeNote] : [])].join('\n'), {
        ...postJson(post),
        timeNote,
      });
    } else if (sub === 'decide') {
      // "Publish now" goes out from here when no other Kairos is publishing for this database.
      if (await commandDecide(b, rest, args, io)) await publishDueOnce(b);
    } else if (sub === 'cancel') {
      allowOnly(args, []);
      const id = rest[0];
      if (!id) throw new UsageError('post cancel needs a post id.');
      const post = await b.call('posts.cancel', { id });
      print(`${post.id}  ${post.status}`, postJson(post));
    } else {
      throw new UsageError(`Unknown command "post ${sub ?? ''}". ${USAGE}`);
    }
    return 0;
  } finally {
    await b.close();
  }
}

async function commandAccounts(sub: string | undefined, rest: readonly string[], args: ParsedArgs, io: CliIO): Promise<void> {
  const b = await openBackend(args, false);
  try {
    if (sub === 'list') {
      allowOnly(args, []);
      const list = await b.call('accounts.list', {});
      io.out(
        args.json
          ? JSON.stringify(list, null, 2)
          : list.length
            ? list.map(accountLine).join('\n')
            : 'No accounts yet. Add one with "kairos accounts add discord --name N --webhook-url U".',
      );
    } else if (sub === 'add') {
      const platform = rest[0];
      if (platform === 'linkedin' || platform === 'x') return await addAppAccount(b, platform, args, io);
      const readStdin = io.readStdin ?? readProcessStdin;
      let input: ConnectInput;
      if (platform === 'discord') {
        allowOnly(args, ['name', 'webhook-url', 'webhook-url-file']);
        input = {
          platform: 'discord',
          name: requireOne(args, 'name', 'a name for the account'),
          webhookUrl: await secretOption(args, 'webhook-url', 'the Discord webhook URL', readStdin),
        };
      } else if (platform === 'mastodon') {
        allowOnly(args, ['name', 'instance', 'token', 'token-file']);
        const instance = requireOne(args, 'instance', 'your Mastodon server, e.g. mastodon.social');
        input = {
          platform: 'mastodon',
          name: one(args, 'name') ?? instance,
          instance,
          accessToken: await secretOption(args, 'token', 'an access token', readStdin),
        };
      } else if (platform === 'bluesky') {
        allowOnly(args, ['name', 'handle', 'app-password', 'app-password-file', 'service']);
        const handle = requireOne(args, 'handle', 'your handle, e.g. alice.bsky.social');
        const service = one(args, 'service');
        input = {
          platform: 'bluesky',
          name: one(args, 'name') ?? handle,
          identifier: handle,
          appPassword: await secretOption(
            args,
            'app-password',
            'an app password (Settings → Privacy and security → App passwords)',
            readStdin,
          ),
          ...(service ? { service } : {}),
        };
      } else if (platform === 'telegram') {
        input = await telegramInput(args, readStdin);
      } else if (platform === 'nostr') {
        input = await nostrInput(args, readStdin);
      } else {
        throw new UsageError(
          `accounts add takes a network: discord, mastodon, bluesky, telegram, nostr, linkedin or x.${platform ? ` "${platform}" is not one.` : ''}`,
        );
      }
      const account = await b.call('accounts.connect', input);
      io.out(args.json ? JSON.stringify(account, null, 2) : `Connected ${accountLine(account)}`);
    } else if (sub === 'export-key') {
      allowOnly(args, ['yes']);
      await exportNostrKey(b, rest[0], args, io);
    } else {
      throw new UsageError(`Unknown command "accounts ${sub ?? ''}". ${USAGE}`);
    }
  } finally {
    await b.close();
  }
}

/** Prints a Nostr key Kairos holds, for the user's backup: never to a screen unless asked for with --yes. */
async function exportNostrKey(b: Backend, ref: string | undefined, args: ParsedArgs, io: CliIO): Promise<void> {
  if (!ref) throw new UsageError('Name the account: kairos accounts export-key ACCOUNT > brand.nsec');
  const account = findAccount(await accountMap(b), ref);
  if (io.stdoutIsTerminal && !args.options.has('yes')) {
    throw new UsageError(
      `The secret key of ${account.name} would show on the screen. Send it to a file (kairos accounts export-key "${ref}" > brand.nsec), or add --yes to show it.`,
    );
  }
  const key = await b.call('nostr.exportKey', { id: account.id, confirm: true });
  io.err(
    `Warning: this is the secret key of ${account.name} (${key.npub}). Anyone who has it can post as this account, for ever. Keep it in a password manager and delete any copy you do not need.`,
  );
  io.out(args.json ? JSON.stringify({ nsec: key.nsec, npub: key.npub }) : key.nsec);
}

async function commandServe(args: ParsedArgs, io: CliIO): Promise<void> {
  allowOnly(args, ['port']);
  const portText = one(args, 'port');
  const port = portText === undefined ? 0 : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be a number from 1 to 65535.');
  const b = await openBackend(args, false, 'browser');
  try {
    const got = await b.scheduler.start();
    // Browser mode is long-running like the desktop app: it must notice the network going and coming back.
    b.connectivity.start();
    logScheduledReports(b, io);
    const server = await startBrowserServer({ backend: b, rendererDir: rendererDir(), port });
    io.out(args.json ? JSON.stringify({ url: server.openUrl }) : `Kairos is running in browser mode. Open ${server.openUrl}`);
    if (!got)
      io.err(
        `Note: ${(await b.scheduler.status()).holder ?? 'another Kairos process'} is publishing for this database; this one will take over if it stops.`,
      );
    await waitForStop(io);
    await server.close();
  } finally {
    await b.close();
  }
}

export async function runCli(argv: readonly string[], terminal: CliIO): Promise<number> {
  // Names, texts and error messages come from users and servers: none may drive the terminal.
  const io = terminalSafeOutput(terminal, wantsJson(argv));
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
    const [cmd, sub, ...rest] = args.words;
    if (!cmd || cmd === 'help' || args.options.has('help')) {
      io.out(USAGE);
      return cmd ? 0 : 2;
    }
    if (cmd === 'post') return await commandPost(sub, rest, args, io);
    if (cmd === 'database') return commandDatabase(sub, args, io);
    if (cmd === 'run') {
      const b = await openBackend(args, false);
      try {
        return await commandRun(b, args, io);
      } finally {
        await b.close();
      }
    }
    if (cmd === 'service') return commandService(sub, args, io);
    if (cmd === 'server') return await commandServer(sub, args, io);
    if (cmd === 'accounts') await commandAccounts(sub, rest, args, io);
    else if (cmd === 'serve') await commandServe(args, io);
    else if (cmd === 'report') {
      const b = await openBackend(args, false);
      try {
        await commandReport(b, args, io);
      } finally {
        await b.close();
      }
    } else if (cmd === 'import' || cmd === 'export' || cmd === 'feed' || cmd === 'evergreen') {
      const b = await openBackend(args, false);
      try {
        if (cmd === 'import') return await commandImport(b, sub, args, io);
        if (cmd === 'export') await commandExport(b, args, io, dayStart);
        else if (cmd === 'feed') await commandFeed(b, sub, rest, args, io);
        else await commandEvergreen(b, sub, rest, args, io);
      } finally {
        await b.close();
      }
    } else if (cmd === 'pause' || cmd === 'resume') {
      const b = await openBackend(args, false);
      try {
        await (cmd === 'pause' ? commandPause : commandResume)(b, args, io);
      } finally {
        await b.close();
      }
    } else throw new UsageError(`Unknown command "${cmd}".\n${USAGE}`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kairos: ${e.message}`);
      return 2;
    }
    if (e instanceof DatabaseDamagedError) {
      io.err(`kairos: ${e.message}`);
      if (e.latestBackup) io.err('To restore it, run: kairos database restore');
      return 1;
    }
    if (e instanceof KairosError) {
      io.err(`kairos: ${e.message}`);
      return 1;
    }
    io.err(`kairos: ${(e as Error).message}`);
    return 1;
  }
}
