// kairos pause / resume / post decide: the crisis brake and decisions from the command line.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/cli';
import { DiscordFake } from '../../testing/discordFake';

describe('kairos pause, resume and post decide', () => {
  let dir: string;
  let fake: DiscordFake;
  let out: string[];
  let err: string[];

  const kairos = async (...argv: string[]) => {
    out = [];
    err = [];
    return runCli([...argv, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l) });
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-cli-engine-'));
    fake = await new DiscordFake().start();
    expect(await kairos('accounts', 'add', 'discord', '--name', 'Community', '--webhook-url', fake.createWebhook())).toBe(0);
  });

  afterEach(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pauses with a reason, holds a post that comes due, resumes with a review list, publishes on decision', async () => {
    expect(await kairos('pause', '--reason', 'Breaking news', '--until', '2099-01-01 09:00', '--tz', 'Europe/Rome')).toBe(0);
    expect(out.join('\n')).toContain('All publishing is paused: Breaking news');
    expect(out.join('\n')).toContain('It resumes by itself at 2099-01-01 09:00 Europe/Rome');

    expect(await kairos('post', 'add', '--text', 'During the pause', '--to', 'Community', '--json')).toBe(0);
    const post = JSON.parse(out.join('\n')) as { id: string; status: string };
    expect(post.status).toBe('held');
    expect(fake.messages).toHaveLength(0);

    expect(await kairos('resume')).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('1 post(s) came due during the pause and wait for you (nothing was sent):');
    expect(text).toContain(`kairos post decide ${post.id}`);
    expect(fake.messages).toHaveLength(0);

    expect(await kairos('post', 'decide', post.id, 'publish-now')).toBe(0);
    expect(fake.messages.map((m) => m.content)).toEqual(['During the pause']);
    expect(await kairos('post', 'show', post.id)).toBe(0);
    expect(out.join('\n')).toMatch(/held \[Community\]: Publishing is paused \(Breaking news\)[\s\S]*decided: publish now[\s\S]*published/);
  });

  it('explains mistakes in words', async () => {
    expect(await kairos('pause')).toBe(2);
    expect(err.join('\n')).toContain('--reason is required');
    expect(await kairos('pause', '--reason', 'x', '--until', 'tomorrow')).toBe(2);
    expect(err.join('\n')).toContain('--until "tomorrow" is not a time');
    expect(await kairos('post', 'decide', 'post_x', 'maybe')).toBe(1);
    expect(await kairos('post', 'decide')).toBe(2);
    expect(err.join('\n')).toContain('post decide needs a post id');
  });
});
