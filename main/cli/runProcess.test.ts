// `kairos run` as a person starts it: the built CLI, stdin closed, real clock; posts come from other processes.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Backend, createBackend, DATABASE_FILE } from '../core/backend';
import { FEATURES } from '../features';
import { BUILT_CLI, eventually, type RunningProgram, requireBuild, runBuiltCli, startProgram } from '../testing/builtProgram';
import { DiscordFake } from '../testing/discordFake';
import { publishingLogPath } from './runCommand';

function leaseRows(dataDir: string): number {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM scheduler_lease').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function targetRow(dataDir: string, postId: string): { status: string; claimed_by: string | null } | undefined {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT status, claimed_by FROM targets WHERE post_id = ?').get(postId) as
      | { status: string; claimed_by: string | null }
      | undefined;
  } finally {
    db.close();
  }
}

describe('kairos run (the built program, as a service)', () => {
  let dir: string;
  let fake: DiscordFake;
  let running: RunningProgram[] = [];
  let backend: Backend | null = null;

  const run = (...args: string[]) => {
    const p = startProgram(BUILT_CLI, ['--data-dir', dir, ...args]);
    running.push(p);
    return p;
  };
  const sent = (text: string) => fake.messages.filter((m) => m.content === text);

  beforeAll(() => requireBuild());

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-run-'));
    fake = await new DiscordFake().start();
    const add = await runBuiltCli([
      '--data-dir',
      dir,
      'accounts',
      'add',
      'discord',
      '--name',
      'Community',
      '--webhook-url',
      fake.createWebhook(),
    ]);
    expect(add.code, add.out).toBe(0);
  });

  afterEach(async () => {
    for (const p of running) if (p.alive()) p.child.kill('SIGKILL');
    await Promise.all(running.map((p) => p.exited));
    running = [];
    await backend?.close();
    backend = null;
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stays up, publishes posts other processes add exactly once, logs each outcome, and stops cleanly on SIGTERM', {
    timeout: 90_000,
  }, async () => {
    const startedAt = Date.now();
    const service = run('run');
    await service.waitFor(/Kairos scheduler running/);

    // Another terminal: "post add" with no time. The running service holds the lease, so it must notice the write.
    const added = await runBuiltCli(['--data-dir', dir, '--json', 'post', 'add', '--text', 'From another terminal', '--to', 'Community']);
    expect(added.code, added.out).toBe(0);
    const fromCli = JSON.parse(added.out) as { id: string; queuedFor: string | null };
    expect(fromCli.queuedFor).toMatch(/process \d+/);
    await eventually(() => sent('From another terminal').length > 0, 'the post added from the CLI to arrive');
    await service.waitFor(new RegExp(`published post=${fromCli.id} account="Community" http`));

    // The app (the backend on the same file, in another process): a post due a few seconds from now.
    backend = await createBackend({ dataDir: dir, features: FEATURES, shell: 'browser', runScheduler: false });
    const dueAt = Date.now() + 3_000;
    const { post } = await backend.call('posts.create', {
      text: 'Due in three seconds',
      accountIds: [(await backend.call('accounts.list', {}))[0]?.id as string],
      when: { kind: 'instant', at: dueAt, timeZone: 'UTC' },
    });
    await service.waitFor(new RegExp(`published post=${post.id} `), 30_000);
    expect(sent('Due in three seconds')).toHaveLength(1);
    expect(sent('Due in three seconds')[0]?.receivedAt).toBeGreaterThanOrEqual(dueAt);
    expect(sent('From another terminal')).toHaveLength(1);

    // Still running after its work, and well past the moment it used to exit.
    await eventually(() => Date.now() - startedAt > 4_000, 'four seconds to pass');
    expect(service.alive()).toBe(true);
    expect(leaseRows(dir)).toBe(1);

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain('Stopped.');
    expect(leaseRows(dir)).toBe(0);

    // One line per outcome in the log file, readable by the user only, with no webhook token in it.
    const log = readFileSync(publishingLogPath(dir), 'utf8');
    expect(
      log
        .trim()
        .split('\n')
        .filter((l) => / published post=/.test(l)),
    ).toHaveLength(2);
    expect(statSync(publishingLogPath(dir)).mode & 0o777).toBe(0o600);
    const token = /webhooks\/\d+\/([\w-]+)/.exec(fake.createWebhook())?.[1] as string;
    expect(log).not.toContain(token.slice(0, 10));
    expect(sent('Due in three seconds')).toHaveLength(1);
  });

  it('publishes a post added with "post add --at" for the next minute exactly once, on time, and keeps running', {
    timeout: 150_000,
  }, async () => {
    const service = run('run');
    await service.waitFor(/Kairos scheduler running/);
    // The next whole minute at least five seconds away: --at has a minute's resolution.
    const dueAt = Math.ceil((Date.now() + 5_000) / 60_000) * 60_000;
    const at = new Date(dueAt).toISOString().slice(0, 16).replace('T', ' ');
    const added = await runBuiltCli([
      '--data-dir',
      dir,
      '--json',
      'post',
      'add',
      '--text',
      'At the minute',
      '--to',
      'Community',
      '--at',
      at,
      '--tz',
      'UTC',
    ]);
    expect(added.code, added.out).toBe(0);
    const { id } = JSON.parse(added.out) as { id: string };
    await service.waitFor(new RegExp(`published post=${id} `), 120_000);
    expect(sent('At the minute')).toHaveLength(1);
    expect(sent('At the minute')[0]?.receivedAt).toBeGreaterThanOrEqual(dueAt);
    expect(service.alive()).toBe(true);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(sent('At the minute')).toHaveLength(1);
  });

  it('settles at once a claim left by a publisher that was killed mid-publish, instead of after the claim lease', {
    timeout: 60_000,
  }, async () => {
    const first = run('run');
    await first.waitFor(/Kairos scheduler running/);
    fake.failNext({ kind: 'hang' });
    const added = await runBuiltCli(['--data-dir', dir, '--json', 'post', 'add', '--text', 'On the wire when killed', '--to', 'Community']);
    const { id } = JSON.parse(added.out) as { id: string };
    await eventually(() => fake.requests > 0 && targetRow(dir, id)?.status === 'publishing', 'the claim and the request');
    first.child.kill('SIGKILL');
    await first.exited;
    expect(targetRow(dir, id)?.status).toBe('publishing');

    const restartedAt = Date.now();
    const second = run('run');
    // Discord offers no way to check, so the honest outcome is "unconfirmed", and it is reached in seconds.
    await second.waitFor(new RegExp(`unconfirmed post=${id} account="Community" reason=".*may or may not`), 20_000);
    expect(Date.now() - restartedAt).toBeLessThan(20_000);
    expect(targetRow(dir, id)?.status).toBe('unconfirmed');
    expect(sent('On the wire when killed')).toHaveLength(0);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  });

  it('a second run waits for the first and takes over within seconds when it stops', { timeout: 120_000 }, async () => {
    const first = run('run');
    await first.waitFor(/Kairos scheduler running/);
    const second = run('run');
    await second.waitFor(/is publishing for this database; this one takes over when it stops/);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Until the second holds the lease, a "post now" from the command line may be published by that command itself.
    await second.waitFor(/this one now publishes for this database/, 60_000);
    const added = await runBuiltCli(['--data-dir', dir, '--json', 'post', 'add', '--text', 'After the hand-over', '--to', 'Community']);
    const { id } = JSON.parse(added.out) as { id: string };
    // Well inside the 2-minute claim lease, with room for three process starts on a busy machine.
    await second.waitFor(new RegExp(`published post=${id} `), 60_000);
    expect(sent('After the hand-over')).toHaveLength(1);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(leaseRows(dir)).toBe(0);
  });

  it('run --once says what it did', { timeout: 60_000 }, async () => {
    const nothing = await runBuiltCli(['--data-dir', dir, 'run', '--once']);
    expect(nothing.code, nothing.out).toBe(0);
    expect(nothing.out).toMatch(/^Nothing was due\. Next post due: none\.$/m);

    // One post goes out; one waits because its account's webhook was deleted on Discord's side.
    const goneHook = fake.createWebhook();
    const waiting = await runBuiltCli(['--data-dir', dir, 'accounts', 'add', 'discord', '--name', 'Gone', '--webhook-url', goneHook]);
    expect(waiting.code).toBe(0);
    fake.deleteWebhook(goneHook);
    backend = await createBackend({ dataDir: dir, features: FEATURES, shell: 'cli', runScheduler: false });
    const accounts = await backend.call('accounts.list', {});
    const byName = (n: string) => accounts.find((a) => a.name === n)?.id as string;
    const soon = { kind: 'instant' as const, at: Date.now() + 500, timeZone: 'UTC' };
    await backend.call('posts.create', { text: 'Goes out', accountIds: [byName('Community')], when: soon });
    await backend.call('posts.create', { text: 'Waits for login', accountIds: [byName('Gone')], when: soon });
    await backend.close();
    backend = null;
    await eventually(() => Date.now() > soon.at, 'the posts to come due');
    const once = await runBuiltCli(['--data-dir', dir, 'run', '--once']);
    expect(once.code, once.out).toBe(0);
    expect(once.out).toMatch(/^1 published, 1 waiting for the account to log in again\. Next post due: none\.$/m);
  });

  it('run --once publishes when its log cannot be written, and says so once', { timeout: 60_000 }, async () => {
    // A folder where the log file should be: every append fails (EISDIR), as on a full or read-only disk.
    mkdirSync(publishingLogPath(dir), { recursive: true });
    backend = await createBackend({ dataDir: dir, features: FEATURES, shell: 'cli', runScheduler: false });
    const [account] = await backend.call('accounts.list', {});
    const soon = { kind: 'instant' as const, at: Date.now() + 500, timeZone: 'UTC' };
    await backend.call('posts.create', { text: 'Logged or not', accountIds: [account?.id as string], when: soon });
    await backend.call('posts.create', { text: 'Also goes out', accountIds: [account?.id as string], when: soon });
    await backend.close();
    backend = null;
    await eventually(() => Date.now() > soon.at, 'the posts to come due');
    const once = await runBuiltCli(['--data-dir', dir, 'run', '--once']);
    expect(once.code, once.out).toBe(0);
    expect(once.out).toMatch(/^2 published\. Next post due: none\.$/m);
    expect(sent('Logged or not')).toHaveLength(1);
    expect(once.out.match(/could not write to its log \(EISDIR/g)).toHaveLength(1);
  });
});
