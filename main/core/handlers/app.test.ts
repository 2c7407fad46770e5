// Desktop preferences and connectivity through the contract on a real database, across a restart.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendEvent } from '../../../shared/contract';
import { FEATURES } from '../../features';
import { FakeClock } from '../../testing/fakeClock';
import { type Backend, createBackend } from '../backend';

const START = Date.UTC(2026, 5, 1, 8, 0);

describe('app channels', () => {
  let dir: string;
  const open: Backend[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kairos-app-'));
  });

  afterEach(async () => {
    for (const b of open.splice(0)) await b.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(runScheduler = false): Promise<Backend> {
    const backend = await createBackend({
      dataDir: dir,
      features: FEATURES,
      clock: new FakeClock(START),
      shell: 'electron',
      runScheduler,
      connectivityProbe: async () => true,
    });
    open.push(backend);
    return backend;
  }

  it('starts from the defaults: Ctrl/Cmd+Shift+K, keep running in the tray, not at login', async () => {
    const backend = await start();
    expect(await backend.call('app.preferences.get', {})).toEqual({
      quickPostShortcut: 'CommandOrControl+Shift+K',
      keepRunningInTray: true,
      openAtLogin: false,
      lastQuickPostAccounts: [],
      problems: { quickPostShortcut: null, openAtLogin: null },
    });
  });

  it('changes only what it is given, writes the shortcut the canonical way, and keeps it after a restart', async () => {
    const first = await start();
    const events: BackendEvent[] = [];
    first.subscribe((e) => events.push(e));
    const set = await first.call('app.preferences.set', { quickPostShortcut: ' ctrl+alt+p ', openAtLogin: true });
    expect(set).toMatchObject({ quickPostShortcut: 'Control+Alt+P', openAtLogin: true, keepRunningInTray: true });
    expect(events).toContainEqual({ type: 'settings.changed' });
    await first.close();
    open.splice(0);

    const second = await start();
    expect(await second.call('app.preferences.get', {})).toMatchObject({ quickPostShortcut: 'Control+Alt+P', openAtLogin: true });
  });

  it('refuses a shortcut it cannot register, saying why', async () => {
    const backend = await start();
    expect(await backend.invoke('app.preferences.set', { quickPostShortcut: 'K' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'quickPostShortcut',
        message: 'quickPostShortcut: "K" needs a modifier (Control, Alt, Shift, Command) so that ordinary typing cannot trigger it.',
        problem: {
          code: 'input_invalid',
          params: {
            field: 'quickPostShortcut',
            issue: 'custom',
            text: '"K" needs a modifier (Control, Alt, Shift, Command) so that ordinary typing cannot trigger it.',
          },
        },
      },
    });
    expect((await backend.call('app.preferences.get', {})).quickPostShortcut).toBe('CommandOrControl+Shift+K');
  });

  it('remembers the last quick-post accounts only if they exist', async () => {
    const backend = await start();
    expect(await backend.invoke('app.preferences.set', { lastQuickPostAccounts: ['acc_gone'] })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        field: 'lastQuickPostAccounts',
        message: 'There is no account "acc_gone"; pick the accounts again.',
        problem: { code: 'unknown_account_again', params: { id: 'acc_gone' } },
      },
    });
  });

  it('shows what the desktop shell could not do, and announces it', async () => {
    const backend = await start();
    const events: BackendEvent[] = [];
    backend.subscribe((e) => events.push(e));
    const message = 'Another app already uses Ctrl+Shift+K. Pick another shortcut in Settings.';
    backend.desktop.report('quickPostShortcut', message);
    expect((await backend.call('app.preferences.get', {})).problems).toEqual({ quickPostShortcut: message, openAtLogin: null });
    expect(events).toEqual([{ type: 'settings.changed' }]);
    backend.desktop.report('quickPostShortcut', message);
    expect(events).toHaveLength(1);
  });

  it('reports connectivity as unknown until something is known, then what the OS hint says', async () => {
    const backend = await start();
    expect(await backend.call('app.connectivity', {})).toEqual({ state: 'unknown', online: true, since: null, waitingForNetwork: 0 });
    backend.connectivity.hint(false);
    expect(await backend.call('app.connectivity', {})).toEqual({ state: 'offline', online: false, since: START, waitingForNetwork: 0 });
  });
});
