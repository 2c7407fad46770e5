// Backing up a Nostr key Kairos holds: only on an explicit request, never in the account list, and the CLI keeps it off screens.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode, nsecEncode } from 'nostr-tools/nip19';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/cli';
import { createBackend } from '../../core/backend';
import { FEATURES } from '../../features';
import { type LocalRelay, startLocalRelay } from '../../testing/nostr/localRelay';

let dir: string;
let relay: LocalRelay;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kairos-nostr-key-'));
  relay = await startLocalRelay();
});
afterEach(async () => {
  await relay.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('Exporting a Nostr key', () => {
  it('shows the key Kairos made only when asked with confirm: true, and never in the account list', async () => {
    const backend = await createBackend({ dataDir: dir, features: FEATURES, shell: 'browser', runScheduler: false });
    try {
      const made = await backend.call('accounts.connect', { platform: 'nostr', name: 'Fresh', key: 'new', relays: relay.url });
      const sk = generateSecretKey();
      const pasted = await backend.call('accounts.connect', {
        platform: 'nostr',
        name: 'Pasted',
        key: 'nsec',
        nsec: nsecEncode(sk),
        relays: relay.url,
      });
      const list = await backend.call('accounts.list', {});
      expect(list.map((a) => [a.name, a.secretKeyExport])).toEqual([
        ['Fresh', 'generated'],
        ['Pasted', 'imported'],
      ]);
      const unconfirmed = await backend.invoke('nostr.exportKey', { id: made.id });
      expect(unconfirmed).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      const key = await backend.call('nostr.exportKey', { id: made.id, confirm: true });
      expect(key.madeByKairos).toBe(true);
      const decoded = decode(key.nsec);
      expect(decoded.type).toBe('nsec');
      // The key is the one the account signs with: its public key is the account's.
      const [profile] = await relay.events({ kinds: [0] });
      expect(getPublicKey(decoded.data as Uint8Array)).toBe(profile?.pubkey);
      expect(JSON.stringify(await backend.call('accounts.list', {}))).not.toContain(key.nsec);
      const imported = await backend.call('nostr.exportKey', { id: pasted.id, confirm: true });
      expect(imported).toMatchObject({ nsec: nsecEncode(sk), madeByKairos: false });
    } finally {
      await backend.close();
    }
  });
});

describe('kairos accounts export-key', () => {
  const kairos = async (terminal: boolean, ...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli([...argv, '--data-dir', dir], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      stdoutIsTerminal: terminal,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('prints the nsec alone to a file or pipe with a warning on stderr, and refuses a screen without --yes', async () => {
    expect((await kairos(false, 'accounts', 'add', 'nostr', '--name', 'Brand', '--key', 'new', '--relays', relay.url)).code).toBe(0);
    const piped = await kairos(false, 'accounts', 'export-key', 'brand');
    expect(piped.code).toBe(0);
    expect(piped.out).toMatch(/^nsec1[02-9ac-hj-np-z]{58}$/);
    expect(piped.err).toMatch(/Warning: this is the secret key of Brand \(npub1.+\)\. Anyone who has it can post as this account/);
    const screen = await kairos(true, 'accounts', 'export-key', 'brand');
    expect(screen.code).not.toBe(0);
    expect(screen.out).toBe('');
    expect(screen.err).toMatch(/would show on the screen.*> brand\.nsec.*--yes/);
    const asked = await kairos(true, 'accounts', 'export-key', 'brand', '--yes');
    expect(asked.out).toBe(piped.out);
    const missing = await kairos(false, 'accounts', 'export-key', 'nobody');
    expect(missing.err).toMatch(/Unknown account "nobody"/);
  });
});
