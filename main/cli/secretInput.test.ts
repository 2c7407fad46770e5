// Credentials given to `kairos accounts add` from standard input or a file, never on the command line.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BuiltCli, buildCli, finished } from '../testing/builtCli';
import { DiscordFake } from '../testing/discordFake';
import { MastodonFake } from '../testing/mastodonFake';
import { runCli } from './cli';

describe('secrets from standard input or a file', () => {
  let cli: BuiltCli;
  let dir: string;
  let discord: DiscordFake;

  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(() => cli.remove());

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-secret-input-'));
    discord = await new DiscordFake().start();
  });

  afterEach(async () => {
    await discord.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const inProcess = async (argv: readonly string[], stdin = '') => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', dir], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: async () => stdin,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('the built kairos reads a webhook URL piped on stdin, keeps it off its command line, and the account works', async () => {
    const url = discord.createWebhook('General');
    const child = cli.start(['accounts', 'add', 'discord', '--name', 'Community', '--webhook-url-file', '-', '--data-dir', dir]);
    const done = finished(child);
    // While it waits for stdin, what every user of the machine can read about the process holds no secret.
    const cmdline = `/proc/${child.pid}/cmdline`;
    if (existsSync(cmdline)) expect(readFileSync(cmdline, 'utf8')).not.toContain(url);
    child.stdin?.end(`${url}\n`);
    const added = await done;
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/^Connected acc_\w+ {2}discord {3}Community {2}\(General \(webhook\)\) {2}connected\n$/);
    expect(added.out).not.toContain(url);

    const post = cli.start(['post', 'add', '--text', 'From a pipe', '--to', 'Community', '--data-dir', dir]);
    post.stdin?.end();
    expect((await finished(post)).code).toBe(0);
    expect(discord.messages.map((m) => m.content)).toEqual(['From a pipe']);
  });

  it('the built kairos says so when stdin is empty, and adds nothing', async () => {
    const child = cli.start(['accounts', 'add', 'discord', '--name', 'Community', '--webhook-url-file', '-', '--data-dir', dir]);
    const done = finished(child);
    child.stdin?.end('\n');
    const run = await done;
    expect(run.code).toBe(2);
    expect(run.err).toBe('kairos: --webhook-url-file: standard input is empty; it should hold the Discord webhook URL.\n');
    const list = cli.start(['accounts', 'list', '--json', '--data-dir', dir]);
    list.stdin?.end();
    expect(JSON.parse((await finished(list)).out)).toEqual([]);
  });

  it('reads a Mastodon token from a file, trimming its trailing newline', async () => {
    const mastodon = await new MastodonFake().start();
    try {
      const user = mastodon.createUser('brand', 'Brand');
      const tokenFile = join(dir, 'token.txt');
      writeFileSync(tokenFile, `${mastodon.issueToken(user.id)}\r\n`, { mode: 0o600 });
      const run = await inProcess(['accounts', 'add', 'mastodon', '--instance', mastodon.origin, '--token-file', tokenFile]);
      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/^Connected acc_\w+ {2}mastodon {2}.*@brand.*connected$/);
    } finally {
      await mastodon.stop();
    }
  });

  it('explains an unreadable, empty, oversized or doubled secret and connects nothing', async () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '\n\n');
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, 'x'.repeat(70_000));
    const twoLines = join(dir, 'two.txt');
    writeFileSync(twoLines, 'first\nsecond\n');
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    const missing = join(dir, 'missing.txt');
    const bluesky = ['accounts', 'add', 'bluesky', '--handle', 'brand.test'];

    const cases: [readonly string[], string][] = [
      [[...bluesky, '--app-password-file', missing], `kairos: --app-password-file ${missing}: cannot read it (there is no such file).`],
      [
        [...bluesky, '--app-password-file', empty],
        `kairos: --app-password-file: ${empty} is empty; it should hold an app password (Settings → Privacy and security → App passwords).`,
      ],
      [
        [...bluesky, '--app-password-file', folder],
        `kairos: --app-password-file ${folder}: that is a folder; name the file that holds the credential.`,
      ],
      [
        [...bluesky, '--app-password-file', huge],
        `kairos: --app-password-file ${huge} holds more than 64 KiB; a credential is one short line. Check the file.`,
      ],
      [
        [...bluesky, '--app-password-file', twoLines],
        `kairos: --app-password-file: ${twoLines} holds more than one line; it should hold only an app password (Settings → Privacy and security → App passwords).`,
      ],
      [
        ['accounts', 'add', 'mastodon', '--instance', 'https://example.test', '--token', 'a', '--token-file', empty],
        'kairos: Give --token or --token-file, not both.',
      ],
      [
        ['accounts', 'add', 'nostr', '--name', 'Notes', '--key', 'nsec', '--nsec-file', '-', '--relays', 'wss://relay.example'],
        'kairos: --nsec-file: standard input is empty; it should hold the secret key (nsec1…).',
      ],
      [
        ['accounts', 'add', 'telegram', '--token-file', huge, '--chat', '@brand'],
        `kairos: --token-file ${huge} holds more than 64 KiB; a credential is one short line. Check the file.`,
      ],
      [
        ['accounts', 'add', 'mastodon', '--instance', 'https://example.test'],
        'kairos: --token is required: an access token. To keep it off the command line, use --token-file FILE (- reads standard input).',
      ],
    ];
    for (const [argv, message] of cases) {
      const run = await inProcess(argv);
      expect({ argv, code: run.code, err: run.err }).toEqual({ argv, code: 2, err: message });
    }
    expect(JSON.parse((await inProcess(['--json', 'accounts', 'list'])).out)).toEqual([]);
  });
});
