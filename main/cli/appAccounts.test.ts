// `kairos accounts add linkedin|x` as a person runs it: the built command prints the sign-in page, waits for the
// browser to come back through the loopback redirect, and stores the account.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { browse, freePort } from '../testing/appNetworksEnv';
import { LinkedInFake } from '../testing/linkedinFake';
import { XFake } from '../testing/xFake';

const CLI = resolve(import.meta.dirname, '..', '..', 'dist', 'main', 'cli.js');

/** Runs the built CLI with stdin closed; `onLine` sees stdout as it comes (the sign-in URL). */
function kairos(argv: string[], onLine: (line: string) => void): Promise<{ code: number | null; out: string; err: string }> {
  if (!existsSync(CLI)) throw new Error(`Build Kairos first (npm run build): ${CLI} is missing.`);
  const child = spawn(process.execPath, [CLI, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    for (const line of chunk.split('\n')) if (line.trim()) onLine(line.trim());
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  return new Promise((done) => child.on('exit', (code) => done({ code, out, err })));
}

describe('kairos accounts add linkedin|x (built command)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-cli-apps-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('signs in to X with the browser and lists the account', async () => {
    const fake = await new XFake().start();
    try {
      fake.createUser('brand');
      const port = await freePort();
      const clientId = fake.createApp([`http://127.0.0.1:${port}/callback`]);
      const pages: Promise<{ text: string }>[] = [];
      const run = await kairos(
        [
          'accounts',
          'add',
          'x',
          '--client-id',
          clientId,
          '--port',
          String(port),
          '--server',
          fake.origin,
          '--name',
          'Brand',
          '--data-dir',
          dir,
        ],
        (line) => {
          if (line.startsWith('http')) pages.push(browse(line));
        },
      );
      expect(run.err).toContain(`http://127.0.0.1:${port}/callback`);
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/Connected acc_\w+ +x +Brand/);
      expect((await pages[0])?.text).toContain('Kairos is connected to @brand');
    } finally {
      await fake.stop();
    }
  });

  it('reads the LinkedIn client secret from a file and says clearly when the file is missing', async () => {
    const fake = await new LinkedInFake().start();
    try {
      fake.createMember('Ada Lovelace');
      const port = await freePort();
      const app = fake.createApp([`http://127.0.0.1:${port}/callback`]);
      const missing = await kairos(
        ['accounts', 'add', 'linkedin', '--client-id', app.clientId, '--client-secret-file', join(dir, 'nope'), '--data-dir', dir],
        () => {},
      );
      expect(missing.code).not.toBe(0);
      expect(missing.err).toContain('--client-secret-file');
      expect(missing.err).toContain('cannot read it (there is no such file)');
      const secretFile = join(dir, 'secret.txt');
      writeFileSync(secretFile, `${app.secret}\n`);
      const args = [
        'accounts',
        'add',
        'linkedin',
        '--client-id',
        app.clientId,
        '--client-secret-file',
        secretFile,
        '--port',
        String(port),
        '--server',
        fake.origin,
      ];
      const run = await kairos([...args, '--data-dir', dir], (line) => {
        if (line.startsWith('http')) void browse(line);
      });
      expect(run.code).toBe(0);
      expect(run.out).toMatch(/Connected acc_\w+ +linkedin +Ada Lovelace/);
      expect(run.out + run.err).not.toContain(app.secret);
    } finally {
      await fake.stop();
    }
  });
});
