// Two windows (or a window and the CLI) are two backends on one SQLite file: adding to the queue at the same
// moment from each must still give every post its own slot.

import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSlots, nextFreeSlot } from '../../../shared/time/slots';
import { FEATURES } from '../../features';
import { bundleForTest } from '../../testing/builtCli';
import { DiscordFake } from '../../testing/discordFake';
import { type Backend, createBackend } from '../backend';

const PROCESSES = 3;
const POSTS_EACH = 12;

interface Adder {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  /** The scheduled times of the posts it added, in order. */
  readonly times: Promise<(number | null)[]>;
}

describe('Add to queue from several processes at once', () => {
  let work: string;
  let script: string;
  let dataDir: string;
  let fake: DiscordFake;
  let parent: Backend;
  let accountId: string;

  beforeAll(async () => {
    ({ work, script } = await bundleForTest('main/testing/queueAdderChild.ts', 'queuerace'));
    dataDir = join(work, 'data');
    fake = await new DiscordFake().start();
    parent = await createBackend({
      dataDir,
      features: FEATURES,
      shell: 'cli',
      runScheduler: false,
      systemTimeZone: 'Europe/Rome',
    });
    accountId = (await parent.call('accounts.connect', { platform: 'discord', name: 'News', webhookUrl: fake.createWebhook('News') })).id;
  });

  afterAll(async () => {
    await parent?.close();
    await fake?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  function startAdder(): Adder {
    const child = spawn(process.execPath, [script, dataDir, accountId, String(POSTS_EACH)], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let onReady: () => void = () => {};
    const ready = new Promise<void>((res) => {
      onReady = res;
    });
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('ready\n')) onReady();
    });
    child.stderr?.on('data', (b: Buffer) => {
      err += b.toString();
    });
    const times = new Promise<(number | null)[]>((res, rej) =>
      child.on('exit', (code) => {
        const last = out.trim().split('\n').at(-1) ?? '';
        if (code === 0 && last.startsWith('[')) res(JSON.parse(last) as (number | null)[]);
        else rej(new Error(`adder exited with ${code}: ${err || out}`));
      }),
    );
    return { child, ready, times };
  }

  // Started with the child's 'two-calls' mode (queue.nextSlot, then posts.create at that instant: what Add to queue
  // did before), the same run gives 36 posts only 17 distinct slots.
  it('gives every post its own slot, and the slots are the first free ones in order', async () => {
    const adders = Array.from({ length: PROCESSES }, startAdder);
    await Promise.all(adders.map((a) => a.ready));
    // All of them start adding at the same moment.
    for (const a of adders) a.child.stdin?.end('go\n');
    const perProcess = await Promise.all(adders.map((a) => a.times));

    const all = perProcess.flat();
    expect(all).toHaveLength(PROCESSES * POSTS_EACH);
    expect(all.every((t) => typeof t === 'number')).toBe(true);
    // No slot taken twice.
    expect(new Set(all).size).toBe(all.length);
    // Each process's own posts go later and later: each took the first slot free at its turn.
    for (const times of perProcess) expect([...times].sort((x, y) => (x as number) - (y as number))).toEqual(times);

    // Nothing was skipped: from the first slot taken on, they are the slots one after another.
    const sorted = [...(all as number[])].sort((x, y) => x - y);
    const expected: number[] = [];
    for (let after = (sorted[0] as number) - 1; expected.length < sorted.length; ) {
      const slot = nextFreeSlot({ schedules: [{ timeZone: 'Europe/Rome', slots: defaultSlots() }], after, taken: expected });
      if (!slot) break;
      expected.push(slot.at);
      after = slot.at;
    }
    expect(sorted).toEqual(expected);
    const stored = await parent.call('posts.list', { statuses: ['scheduled'] });
    expect(stored).toHaveLength(all.length);
    const next = await parent.call('queue.nextSlot', { accountIds: [accountId] });
    expect(next.at).toBeGreaterThan(Math.max(...(all as number[])));
  });
});
