// The workspace server under a team: 50 people at once reading and editing a calendar of 20,000 posts through the
// contract, against the BUILT `kairos server` on a real PostgreSQL. Prints the latency of every contract call (p50,
// p95, p99 per channel and overall); the target is p95 < 50 ms.
// Run: npm run build && node bench/run.mjs bench/workspace.ts [--clients 50] [--posts 20000] [--seconds 30] [--think-ms 1000]
// Each client: open a random week (posts.summaries), look at one post (posts.get), edit one of its own (posts.update),
// then think for about --think-ms before the next round. Each starts at a random moment of the first think time, after
// the seeded tables were analysed (as autovacuum does after a bulk load).
// --sql-stats N: also loads pg_stat_statements and prints the N statements that took the most time during the work,
// with how many times each ran per edit (where the time goes, and how many round trips each call makes).
// --explain-slow MS: also loads auto_explain and prints the plan of each distinct statement that took MS ms or more
// during the work (the plans PostgreSQL chose, with the rows each step met).
// --cpu-prof DIR: the server writes a CPU profile (node --cpu-prof) into DIR when it stops; the bench prints when the
// work began and ended on the profile's clock, so the seeding can be left out of it.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { generateServerKey } from '../main/server/key/serverKey';
import { startProgram } from '../main/testing/builtProgram';
import { DiscordFake } from '../main/testing/discordFake';
import { createTestDatabase, startPostgresCluster } from '../main/testing/postgres';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const n = i > 0 ? Number(process.argv[i + 1]) : Number.NaN;
  // 0 is a value (--think-ms 0: no thinking), not "not given".
  return Number.isFinite(n) ? n : fallback;
};
const CLIENTS = arg('clients', 50);
const POSTS = arg('posts', 20_000);
const SECONDS = arg('seconds', 30);
/**
 * How long a person looks at the calendar between two actions (0.5x to 1.5x of it, at random). 0 sends the next call
 * as soon as the last one answered: the server's throughput at saturation, where latency is clients / throughput.
 */
const THINK_MS = arg('think-ms', 1000);
const SQL_STATS = arg('sql-stats', 0);
const EXPLAIN_SLOW_MS = arg('explain-slow', 0);
const CPU_PROF_DIR = process.argv.includes('--cpu-prof') ? process.argv[process.argv.indexOf('--cpu-prof') + 1] : undefined;
const PASSWORD = 'a long bench password';
const DAY = 86_400_000;
/** The calendar spans two years from here: 20,000 posts are about 190 a week. */
const START = Date.UTC(2030, 0, 7);
const SPAN_DAYS = 728;

interface Answer {
  status: number;
  json: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  cookie?: string;
}

async function post(base: string, path: string, body: unknown, cookie?: string): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Answer['json'], cookie: res.headers.getSetCookie()[0]?.split(';')[0] };
}

async function call<T>(base: string, cookie: string, channel: string, payload: unknown): Promise<T> {
  const r = await post(base, `/api/invoke/${channel}`, payload, cookie);
  if (r.status !== 200 || !r.json.ok) throw new Error(`${channel}: ${r.status} ${JSON.stringify(r.json.error)}`);
  return r.json.value as T;
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function inParallel<T>(items: readonly T[], width: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}

/** The built CLI, from the project folder the bench is run in (the bundle itself lives in node_modules/.cache). */
const BUILT_CLI = join(process.cwd(), 'dist', 'main', 'cli.js');

/** The statements that took the most time since the last reset, each with its runs per edit and mean time. */
async function sqlStats(pool: pg.Pool, edits: number): Promise<string> {
  const { rows } = await pool.query<{ calls: string; total: number; mean: number; query: string }>(
    `SELECT calls, total_exec_time AS total, mean_exec_time AS mean, query FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT $1`,
    [SQL_STATS],
  );
  const { rows: sum } = await pool.query<{ calls: string; total: number }>(
    `SELECT sum(calls) AS calls, sum(total_exec_time) AS total FROM pg_stat_statements
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel`,
  );
  const perEdit = (n: number) => (edits > 0 ? n / edits : 0).toFixed(2);
  const lines = rows.map(
    (r) =>
      `${perEdit(Number(r.calls)).padStart(7)}/edit ${r.total.toFixed(0).padStart(7)} ms ${r.mean.toFixed(3).padStart(8)} ms  ${r.query.replace(/\s+/g, ' ').slice(0, 160)}`,
  );
  const all = sum[0];
  return [
    `statements during the work: ${all?.calls ?? 0} (${perEdit(Number(all?.calls ?? 0))} per edit), ${Number(all?.total ?? 0).toFixed(0)} ms in PostgreSQL`,
    ...lines,
    '',
  ].join('\n');
}

/** The plans auto_explain logged, one per distinct statement (the slowest run of each), slowest first. */
function slowPlans(log: string): string {
  const slowest = new Map<string, { runs: number; ms: number; plan: string }>();
  for (const entry of log.split(/\n(?=\S)/)) {
    const m = /duration: ([\d.]+) ms\s+plan:\n\s*Query Text: ([^\n]*)\n([\s\S]*)/.exec(entry);
    if (!m) continue;
    const ms = Number(m[1]);
    const query = (m[2] as string).replace(/\s+/g, ' ').slice(0, 200);
    const seen = slowest.get(query);
    if (!seen || seen.ms < ms) slowest.set(query, { runs: (seen?.runs ?? 0) + 1, ms, plan: m[3] as string });
    else seen.runs++;
  }
  const lines = [...slowest]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([query, { runs, ms, plan }]) => `${runs} over the limit, slowest ${ms.toFixed(1)} ms: ${query}\n${plan.trimEnd()}\n`);
  return [`statements slower than ${EXPLAIN_SLOW_MS} ms during the work: ${slowest.size} distinct`, ...lines, ''].join('\n');
}

async function main(): Promise<void> {
  if (!existsSync(BUILT_CLI)) throw new Error(`${BUILT_CLI} is missing: run "npm run build" first, from the project folder.`);
  const libraries = [...(SQL_STATS > 0 ? ['pg_stat_statements'] : []), ...(EXPLAIN_SLOW_MS > 0 ? ['auto_explain'] : [])];
  const cluster = await startPostgresCluster({
    settings: {
      ...(libraries.length > 0 ? { shared_preload_libraries: libraries.join(',') } : {}),
      ...(SQL_STATS > 0 ? { 'pg_stat_statements.track': 'all' } : {}),
      // No plan is logged during the seeding: the work turns that on with ALTER SYSTEM and a reload, which a
      // log_min_duration given here on the command line would override.
      ...(EXPLAIN_SLOW_MS > 0 ? { 'auto_explain.log_analyze': 'on', 'auto_explain.log_timing': 'off' } : {}),
    },
  });
  const db = await createTestDatabase(cluster, 'bench_workspace');
  if (SQL_STATS > 0) await db.pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
  const fake = await new DiscordFake().start();
  const dataDir = mkdtempSync(join(tmpdir(), 'kairos-bench-ws-'));
  const env: NodeJS.ProcessEnv = { ...process.env, KAIROS_SERVER_KEY: generateServerKey() };
  delete env.KAIROS_DATABASE_URL;
  const server = startProgram(
    BUILT_CLI,
    ['server', '--database', db.url, '--port', '0', '--data-dir', dataDir],
    env,
    CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', CPU_PROF_DIR] : [],
  );
  try {
    const [, base] = (await server.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+) /, 60_000)) as unknown as [string, string];
    const [, code] = await server.waitFor(/one-time setup code .*: ([A-Za-z0-9_-]{43})\s/);
    const setup = await post(base, '/api/setup', { setupCode: code, email: 'owner@bench.test', displayName: 'Owner', password: PASSWORD });
    if (setup.status !== 201) throw new Error(`setup: ${JSON.stringify(setup.json)}`);
    const owner = (await post(base, '/api/session/sign-in', { email: 'owner@bench.test', password: PASSWORD })).cookie as string;
    const account = await call<{ id: string }>(base, owner, 'accounts.connect', {
      platform: 'discord',
      name: 'Bench',
      webhookUrl: fake.createWebhook('Bench'),
    });

    // The team: one editor per client, each signed in with a session of their own.
    const cookies: string[] = [];
    for (let c = 0; c < CLIENTS; c++) {
      const inv = await post(base, '/api/invitations', { role: 'editor' }, owner);
      const token = (inv.json.value as { token: string }).token;
      const joined = await post(base, '/api/invitations/accept', {
        token,
        email: `editor${c}@bench.test`,
        displayName: `Editor ${c}`,
        password: PASSWORD,
      });
      if (joined.status !== 201) throw new Error(`join: ${JSON.stringify(joined.json)}`);
      cookies.push(joined.cookie as string);
    }

    // The calendar: POSTS scheduled posts over two years, written through the contract.
    const seedStart = performance.now();
    const ids: string[] = new Array(POSTS);
    await inParallel(
      Array.from({ length: POSTS }, (_, i) => i),
      16,
      async (i) => {
        const at = START + Math.floor((i / POSTS) * SPAN_DAYS) * DAY + (8 + (i % 10)) * 3_600_000;
        const saved = await call<{ post: { id: string } }>(base, cookies[i % CLIENTS] as string, 'posts.create', {
          text: `Post ${i}: planned for the bench calendar #bench`,
          accountIds: [account.id],
          when: { kind: 'instant', at, timeZone: 'Europe/Rome' },
        });
        ids[i] = saved.post.id;
      },
    );
    const seedSeconds = (performance.now() - seedStart) / 1000;
    // The calendar as a workspace that has lived with it has it: autovacuum analyses a table soon after a bulk load,
    // and the planner's choices before that (a table it still thinks empty) are not the ones a team meets.
    await db.pool.query('ANALYZE');

    // The work: each client opens a random week, looks at a post and edits one of its own, again and again.
    const samples = new Map<string, number[]>();
    const timed = async <T>(channel: string, cookie: string, payload: unknown): Promise<T> => {
      const t0 = performance.now();
      const value = await call<T>(base, cookie, channel, payload);
      const list = samples.get(channel) ?? [];
      list.push(performance.now() - t0);
      samples.set(channel, list);
      return value;
    };
    if (SQL_STATS > 0) await db.pool.query('SELECT pg_stat_statements_reset()');
    const logFrom = EXPLAIN_SLOW_MS > 0 ? statSync(join(cluster.dir, 'server.log')).size : 0;
    if (EXPLAIN_SLOW_MS > 0) {
      await db.pool.query(`ALTER SYSTEM SET auto_explain.log_min_duration = '${Math.round(EXPLAIN_SLOW_MS)}ms'`);
      await db.pool.query('SELECT pg_reload_conf()');
    }
    const endAt = Date.now() + SECONDS * 1000;
    // The monotonic clock a CPU profile's timestamps are on, in microseconds.
    const workFrom = process.hrtime.bigint() / 1000n;
    let edits = 0;
    await Promise.all(
      cookies.map(async (cookie, c) => {
        let n = 0;
        // People do not all click in the same millisecond: each starts somewhere in the first think time.
        if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * Math.random()));
        while (Date.now() < endAt) {
          const week = Math.floor(Math.random() * (SPAN_DAYS / 7 - 1));
          const from = START + week * 7 * DAY;
          const shown = await timed<{ id: string }[]>('posts.summaries', cookie, { from, to: from + 7 * DAY, limit: 100_000 });
          const peek = shown[Math.floor(Math.random() * shown.length)];
          if (peek) await timed('posts.get', cookie, { id: peek.id });
          const mine = ids[c + CLIENTS * Math.floor(Math.random() * Math.floor(POSTS / CLIENTS))] as string;
          await timed('posts.update', cookie, { id: mine, text: `Post edited by editor ${c}, edit ${n++} #bench` });
          edits++;
          if (THINK_MS > 0) await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())));
        }
      }),
    );

    const workTo = process.hrtime.bigint() / 1000n;
    if (CPU_PROF_DIR) process.stdout.write(`work on the profile's clock: ${workFrom} to ${workTo} µs\n`);
    const all = [...samples.values()].flat().sort((a, b) => a - b);
    const line = (name: string, xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return `${name.padEnd(16)} n=${String(s.length).padStart(6)}  p50=${percentile(s, 0.5).toFixed(1)} ms  p95=${percentile(s, 0.95).toFixed(1)} ms  p99=${percentile(s, 0.99).toFixed(1)} ms`;
    };
    process.stdout.write(
      [
        `workspace server: ${CLIENTS} clients, ${POSTS} posts, ${SECONDS} s, think time ${THINK_MS} ms, ${cpus().length} cores (${cpus()[0]?.model ?? '?'})`,
        `seeding ${POSTS} posts through the contract (16 at a time): ${seedSeconds.toFixed(1)} s`,
        ...[...samples].map(([name, xs]) => line(name, xs)),
        line('every call', all),
        `edits: ${edits} (${(edits / SECONDS).toFixed(0)} a second)`,
        `target p95 < 50 ms: ${percentile(all, 0.95) < 50 ? 'met' : 'NOT met'}`,
        '',
      ].join('\n'),
    );
    if (SQL_STATS > 0) process.stdout.write(await sqlStats(db.pool, edits));
    if (EXPLAIN_SLOW_MS > 0) process.stdout.write(slowPlans(readFileSync(join(cluster.dir, 'server.log'), 'utf8').slice(logFrom)));
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await fake.stop();
    await db.drop();
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
