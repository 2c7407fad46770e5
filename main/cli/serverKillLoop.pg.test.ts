// Exactly once with several server processes on one PostgreSQL: three built `kairos server` processes publish a burst
// of 300 posts to a loopback Mastodon while one of them at a time is SIGKILLed at random and started again. Afterwards
// every post went out exactly once (the fake counts statuses by text), none is lost, and nothing is left publishing,
// scheduled or retrying.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateServerKey } from '../server/key/serverKey';
import { BUILT_CLI, type RunningProgram, requireBuild, startProgram } from '../testing/builtProgram';
import { MastodonFake } from '../testing/mastodonFake/server';
import { databaseForThisFile } from '../testing/postgresDatabase';

const db = databaseForThisFile('server_kill_loop');
const POSTS = 300;
const PROCESSES = 3;
const KILL_WINDOW_MS = 25_000;
const PASSWORD = 'a long owner password';
const KEY = generateServerKey();

/** A small seeded generator, so a failing run can be replayed with SERVER_KILL_SEED. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Running {
  program: RunningProgram;
  base: string;
}

let dataDir: string;
let fake: MastodonFake;
const everyProgram: RunningProgram[] = [];

beforeAll(async () => {
  requireBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'kairos-server-kill-'));
  fake = await new MastodonFake().start();
});

afterAll(async () => {
  for (const p of everyProgram) if (p.alive()) p.child.kill('SIGKILL');
  await Promise.all(everyProgram.map((p) => p.exited));
  await fake?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<Running> {
  const env: NodeJS.ProcessEnv = { ...process.env, KAIROS_SERVER_KEY: KEY };
  delete env.KAIROS_DATABASE_URL;
  const program = startProgram(BUILT_CLI, ['server', '--database', db().url, '--port', '0', '--data-dir', dataDir], env);
  everyProgram.push(program);
  const [, base] = await program.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+) /, 60_000);
  return { program, base: base as string };
}

async function post(base: string, path: string, body: unknown, cookie?: string) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { origin: base, 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  return { status: res.status, json, cookie: res.headers.getSetCookie()[0]?.split(';')[0] };
}

async function call<T>(base: string, cookie: string, channel: string, payload: unknown): Promise<T> {
  const r = await post(base, `/api/invoke/${channel}`, payload, cookie);
  if (r.status !== 200 || !r.json.ok) throw new Error(`${channel} answered ${r.status}: ${JSON.stringify(r.json.error)}`);
  return r.json.value as T;
}

describe('three server processes, SIGKILLed at random during a burst of 300 posts', () => {
  it('publish every post exactly once and leave nothing stuck', { timeout: 240_000 }, async () => {
    const random = seeded(Number(process.env.SERVER_KILL_SEED ?? Date.now() % 100_000));
    const first = await start();
    const [, code] = await first.program.waitFor(/one-time setup code .*: ([A-Za-z0-9_-]{43})\s/);
    const setup = await post(first.base, '/api/setup', {
      setupCode: code,
      email: 'owner@example.org',
      displayName: 'Olga',
      password: PASSWORD,
    });
    expect(setup.status, JSON.stringify(setup.json)).toBe(201);
    const cookie = (await post(first.base, '/api/session/sign-in', { email: 'owner@example.org', password: PASSWORD })).cookie as string;
    const user = fake.createUser('brand', 'Brand');
    const account = await call<{ id: string }>(first.base, cookie, 'accounts.connect', {
      platform: 'mastodon',
      name: 'Brand',
      instance: fake.origin,
      accessToken: fake.issueToken(user.id),
    });

    const servers: Running[] = [first];
    while (servers.length < PROCESSES) servers.push(await start());

    // The burst: due over the kill window, written before the first kill so every create was answered.
    const burstStart = Date.now() + 4_000;
    const texts: string[] = [];
    for (let i = 0; i < POSTS; i += 10) {
      await Promise.all(
        Array.from({ length: Math.min(10, POSTS - i) }, async (_, k) => {
          const n = i + k;
          const text = `Burst post ${n}`;
          texts.push(text);
          const via = servers[n % servers.length] as Running;
          await call(via.base, cookie, 'posts.create', {
            text,
            accountIds: [account.id],
            when: { kind: 'instant', at: burstStart + Math.floor((n / POSTS) * (KILL_WINDOW_MS - 6_000)), timeZone: 'UTC' },
          });
        }),
      );
    }

    // Kill one process at a random moment, start it again, over and over while the burst goes out.
    let kills = 0;
    const killUntil = Date.now() + KILL_WINDOW_MS;
    while (Date.now() < killUntil) {
      await new Promise((r) => setTimeout(r, 300 + random() * 1_500));
      const i = Math.floor(random() * servers.length);
      const victim = servers[i] as Running;
      victim.program.child.kill('SIGKILL');
      await victim.program.exited;
      kills++;
      servers[i] = await start();
    }
    expect(kills).toBeGreaterThanOrEqual(8);

    // Then let the survivors settle everything: abandoned claims are recovered with the same idempotency keys.
    const settleUntil = Date.now() + 150_000;
    let open: { status: string; n: number }[] = [];
    for (;;) {
      const { rows } = await db().pool.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM targets WHERE status IN ('scheduled', 'retrying', 'publishing') GROUP BY status`,
      );
      open = rows;
      if (rows.length === 0 || Date.now() > settleUntil) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(open, 'targets still on their way out').toEqual([]);

    const sent = new Map<string, number>();
    for (const s of fake.statusesOf(user.id)) sent.set(s.text, (sent.get(s.text) ?? 0) + 1);
    const twice = [...sent].filter(([, n]) => n > 1);
    expect(twice, 'posts sent more than once').toEqual([]);
    const { rows: targets } = await db().pool.query<{ text: string; status: string; remote_id: string | null }>(
      'SELECT p.text, t.status, t.remote_id FROM targets t JOIN posts p ON p.id = t.post_id',
    );
    // Nothing lost: every post written is there, published, and on the network with the id recorded.
    expect(new Set(targets.map((t) => t.text))).toEqual(new Set(texts));
    const notPublished = targets.filter((t) => t.status !== 'published');
    expect(notPublished, 'posts that did not end published').toEqual([]);
    const remoteIds = new Set(fake.statusesOf(user.id).map((s) => s.id));
    for (const t of targets) expect(remoteIds.has(t.remote_id as string), `${t.text} has the id of a status on the network`).toBe(true);
    expect(sent.size).toBe(POSTS);
  });
});
