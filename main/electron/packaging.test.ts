// The packaged app's Electron fuses: electron-builder.yml read and applied by electron-builder's own code to a fuse wire.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const requireHere = createRequire(join(root, 'package.json'));
// app-builder-lib is electron-builder's engine; its index must load first (its modules import each other in a cycle).
requireHere('app-builder-lib');
const { getConfig, validateConfiguration } = requireHere('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, fromOptions: null): Promise<{ electronFuses?: Record<string, unknown> | null }>;
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};
const { PlatformPackager } = requireHere('app-builder-lib/out/platformPackager') as {
  PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
};
// The @electron/fuses that electron-builder itself loads to flip the wire.
const requireFromBuilder = createRequire(requireHere.resolve('app-builder-lib'));
const { flipFuses, FuseV1Options } = requireFromBuilder('@electron/fuses') as {
  flipFuses(path: string, config: Record<string, unknown>): Promise<number>;
  FuseV1Options: Record<string, number>;
};

// How Electron marks its fuse wire in the binary: a sentinel, the wire's version, its length, one byte per fuse.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = 0x31;
const DISABLED = 0x30;
const WIRE_LENGTH = 8;

const work = mkdtempSync(join(tmpdir(), 'kairos-fuses-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A stand-in Electron binary whose fuses all start the opposite of what Kairos wants, as Electron ships some of them. */
function fakeElectronBinary(initial: number[]): string {
  const path = join(work, `electron-${initial.join('')}`);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from('\x7fELF padding before the wire'),
      Buffer.from(SENTINEL),
      Buffer.from([1, WIRE_LENGTH, ...initial]),
      Buffer.alloc(64),
    ]),
  );
  return path;
}

function wireOf(path: string): number[] {
  const bytes = readFileSync(path);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return [...bytes.subarray(at + 2, at + 2 + WIRE_LENGTH)];
}

describe('Electron fuses at packaging', () => {
  it('electron-builder.yml sets every fuse Kairos relies on, in a configuration electron-builder accepts', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await validateConfiguration(config, { isEnabled: false, add() {} });
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('flips the packaged binary: no Node mode, no NODE_OPTIONS, no inspector, only the checked asar, encrypted cookies', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    const fuseConfig = await PlatformPackager.prototype.generateFuseConfig(config.electronFuses);
    const want: Record<string, number> = {
      RunAsNode: DISABLED,
      EnableNodeOptionsEnvironmentVariable: DISABLED,
      EnableNodeCliInspectArguments: DISABLED,
      EnableEmbeddedAsarIntegrityValidation: ENABLED,
      OnlyLoadAppFromAsar: ENABLED,
      EnableCookieEncryption: ENABLED,
      GrantFileProtocolExtraPrivileges: DISABLED,
    };
    for (const start of [ENABLED, DISABLED]) {
      const binary = fakeElectronBinary(Array.from({ length: WIRE_LENGTH }, () => start));
      expect(await flipFuses(binary, fuseConfig)).toBe(1);
      const wire = wireOf(binary);
      for (const [name, state] of Object.entries(want)) {
        const index = FuseV1Options[name] as number;
        expect({ name, state: wire[index] }).toEqual({ name, state });
      }
    }
  });
});
