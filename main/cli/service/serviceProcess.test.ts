// kairos service install/status/uninstall on Linux, as the built CLI in its own process with a temporary home.

import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILT_CLI, requireBuild, runBuiltCli, startProgram } from '../../testing/builtProgram';

/** The words of an ExecStart= line, unquoted by the rules systemd applies. */
function execStartWords(unit: string): string[] {
  const line = /^ExecStart=(.*)$/m.exec(unit)?.[1] ?? '';
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) =>
    (m[1] as string).replace(/\\(.)/g, '$1').replace(/%%/g, '%').replace(/\$\$/g, '$'),
  );
}

describe.skipIf(process.platform !== 'linux')('kairos service on Linux (systemd user unit)', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  let unitFile: string;
  let dataDir: string;
  let calls: string;

  beforeAll(() => requireBuild());

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'kairos-home-'));
    dataDir = join(home, 'publishing data');
    calls = join(home, 'systemctl-calls.txt');
    const xdg = join(home, 'xdg-config');
    unitFile = join(xdg, 'systemd', 'user', 'kairos.service');
    // An empty folder as PATH (node is started by its full path): no systemctl unless a test puts a stand-in first.
    const emptyBin = join(home, 'empty-bin');
    mkdirSync(emptyBin);
    env = { HOME: home, XDG_CONFIG_HOME: xdg, PATH: emptyBin, LANG: 'C' };
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  /** A systemctl stand-in that records its arguments and answers like systemd, or fails like a missing user bus. */
  function fakeSystemctl(behaviour: 'works' | 'no-bus'): void {
    const bin = join(home, 'bin');
    mkdirSync(bin);
    const script =
      behaviour === 'works'
        ? `#!/bin/sh\necho "$@" >> "${calls}"\ncase "$2" in is-active) echo active;; is-enabled) echo enabled;; esac\nexit 0\n`
        : `#!/bin/sh\necho "$@" >> "${calls}"\necho "Failed to connect to bus: No medium found" >&2\nexit 1\n`;
    writeFileSync(join(bin, 'systemctl'), script);
    chmodSync(join(bin, 'systemctl'), 0o755);
    env = { ...env, PATH: `${bin}:${env.PATH}` };
  }

  const kairos = (...args: string[]) => runBuiltCli(['--data-dir', dataDir, 'service', ...args], env);

  it('without systemctl: says so, still writes a unit that runs this kairos on this data folder, and removes it', {
    timeout: 60_000,
  }, async () => {
    const install = await kairos('install');
    expect(install.code, install.out).toBe(0);
    expect(install.out).toContain(`Wrote ${unitFile}`);
    expect(install.out).toContain('systemctl was not found on this machine, so the service was written but not started.');
    expect(install.out).toContain('systemctl --user enable --now kairos.service');
    expect(existsSync(unitFile)).toBe(true);

    const words = execStartWords(readFileSync(unitFile, 'utf8'));
    expect(words).toEqual([process.execPath, realpathSync(BUILT_CLI), '--data-dir', dataDir, 'run']);

    // What systemd would start is a working publisher on that folder, which stops cleanly on SIGTERM.
    const service = startProgram(words[1] as string, words.slice(2), env);
    await service.waitFor(new RegExp(`Kairos scheduler running for ${dataDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);

    const status = await kairos('status');
    expect(status.code, status.out).toBe(0);
    expect(status.out).toContain(`Installed: ${unitFile}, publishing for ${dataDir}.`);
    expect(status.out).toContain('systemctl was not found');

    const uninstall = await kairos('uninstall');
    expect(uninstall.code, uninstall.out).toBe(0);
    expect(existsSync(unitFile)).toBe(false);
    const after = await kairos('status');
    expect(after.code).toBe(3);
    expect(after.out).toContain('Not installed');
  });

  it('with systemctl: reloads, enables and starts the unit, reports its state, and disables it on uninstall', {
    timeout: 60_000,
  }, async () => {
    fakeSystemctl('works');
    const install = await kairos('install');
    expect(install.code, install.out).toBe(0);
    expect(install.out).toContain('Started kairos.service');
    const status = await kairos('status');
    expect(status.out).toContain('systemd: active (enabled: enabled)');
    const uninstall = await kairos('uninstall');
    expect(uninstall.code).toBe(0);
    expect(readFileSync(calls, 'utf8').trim().split('\n')).toEqual([
      '--user daemon-reload',
      '--user enable --now kairos.service',
      '--user is-active kairos.service',
      '--user is-enabled kairos.service',
      '--user disable --now kairos.service',
      '--user daemon-reload',
    ]);
    expect(existsSync(unitFile)).toBe(false);
  });

  it('when systemctl cannot reach the user manager: fails with its reason and the commands, and keeps the unit', {
    timeout: 60_000,
  }, async () => {
    fakeSystemctl('no-bus');
    const install = await kairos('install');
    expect(install.code).toBe(1);
    expect(install.out).toContain('systemctl could not start the service: Failed to connect to bus: No medium found');
    expect(install.out).toContain('systemctl --user enable --now kairos.service');
    expect(existsSync(unitFile)).toBe(true);
  });
});
