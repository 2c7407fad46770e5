// The kill loop: a publishing child process is SIGKILLed at random moments, over and over; after every restart
// the database is sound, nothing was sent twice, nothing was lost, and every target says honestly where it is.

import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURES } from '../../features';
import { bundleForTest } from '../../testing/builtCli';
import { DiscordFake } from '../../testing/discordFake';
import { type Backend, createBackend, DATABASE_FILE } from '../backend';

const CYCLES = 120;

/** A small seeded generator, so a failing run can be replayed with KILL_LOOP_SEED. */
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

interface TargetRow {
  id: string;
  status: string;
  remote_id: string | null;
  text: string;
}

describe('kill loop (SIGKILL a publishing process at random points)', () => {
  let work: string;
  let childScript: string;
  let dataDir: string;
  let fake: DiscordFake;
  let parent: Backend;

  beforeAll(async () => {
    ({ work, script: childScript } = await bundleForTest('main/testing/publisherChild.ts', 'killloop'));
    dataDir = join(work, 'data');
    fake = await new DiscordFake().start();
    fake.latencyMs = 15; // wide enough that kills often land while a request is on the wire
    parent = await createBackend({ dataDir, features: FEATURES, shell: 'cli', runScheduler: false });
  });

  afterAll(async () => {
    await parent?.close();
    await fake?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function runChild(mode: 'run' | 'drain'): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
    const child = spawn(process.execPath, [childScript, dataDir, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    const ready = new Promise<void>((res) => {
      child.stdout?.on('data', (b: Buffer) => {
        if (b.toString().includes('ready')) res();
      });
    });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    return { child, ready, exited };
  }

  function check(created: ReadonlySet<string>, final: boolean): { published: number; unconfirmed: number } {
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const targets = db
        .prepare<[], TargetRow>('SELECT t.id, t.status, t.remote_id, p.text FROM targets t JOIN posts p ON p.id = t.post_id')
        .all();
      // Nothing lost: every post created is there, with its one target.
      expect(new Set(targets.map((t) => t.text))).toEqual(created);
      const messages = new Map<string, string[]>();
      for (const m of fake.messages) messages.set(m.content, [...(messages.get(m.content) ?? []), m.id]);
      // Nothing twice.
      for (const [text, ids] of messages) expect(ids, `"${text}" was sent ${ids.length} times`).toHaveLength(1);
      let published = 0;
      let unconfirmed = 0;
      for (const t of targets) {
        const sent = messages.get(t.text) ?? [];
        const where = `${t.text}: ${t.status} with ${sent.length} message(s)`;
        if (t.status === 'published') {
          published++;
          expect(sent, where).toEqual([t.remote_id]);
        } else if (t.status === 'scheduled' || t.status === 'retrying') {
          // A target that could still be sent must never have gone out already.
          expect(final, where).toBe(false);
          expect(sent, where).toEqual([]);
        } else if (t.status === 'unconfirmed') {
          unconfirmed++;
          expect(sent.length, where).toBeLessThanOrEqual(1);
        } else if (t.status === 'publishing') {
          // Killed mid-call: the next start settles it.
          expect(final, where).toBe(false);
          expect(sent.length, where).toBeLessThanOrEqual(1);
        } else {
          throw new Error(`Unexpected state ${where}`);
        }
      }
      return { published, unconfirmed };
    } finally {
      db.close();
    }
  }

  // 120 process starts: on a busy two-core machine each one can take a second or more.
  it(`survives ${CYCLES} kills with no duplicate, no loss and honest states`, { timeout: 300_000 }, async () => {
    const seed = Number(process.env.KILL_LOOP_SEED ?? Date.now() % 1_000_000);
    const random = seeded(seed);
    const accounts: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      accounts.push((await parent.call('accounts.connect', { platform: 'discord', name, webhookUrl: fake.createWebhook(name) })).id);
    }
    const created = new Set<string>();
    let n = 0;
    let killedAfterReady = 0;
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      const add = 1 + Math.floor(random() * 2);
      for (let i = 0; i < add; i++) {
        const text = `kill-loop post ${n++} (seed ${seed})`;
        await parent.call('posts.create', { text, accountIds: [accounts[n % accounts.length] as string], when: { kind: 'now' } });
        created.add(text);
      }
      if (random() < 0.2) fake.failNext({ kind: 'commit_then_drop' });
      const run = runChild('run');
      if (random() < 0.75) {
        // Mostly after start-up, where claims, network calls and records happen; sometimes during start-up itself.
        await Promise.race([run.ready, run.exited]);
        killedAfterReady++;
        await new Promise((r) => setTimeout(r, random() * 250));
      } else {
        await new Promise((r) => setTimeout(r, random() * 120));
      }
      run.child.kill('SIGKILL');
      await run.exited;
      check(created, false);
    }
    const drain = runChild('drain');
    expect(await drain.exited).toBe(0);
    const final = check(created, true);
    console.info(
      `kill loop (seed ${seed}): ${created.size} posts, ${final.published} published, ${final.unconfirmed} unconfirmed, 0 duplicates`,
    );
    expect(final.published + final.unconfirmed).toBe(created.size);
    expect(killedAfterReady).toBeGreaterThan(CYCLES / 2);
    // Most posts get through; the unconfirmed ones are exactly those whose outcome nobody can know.
    expect(final.published).toBeGreaterThan(created.size / 3);
  });
});
