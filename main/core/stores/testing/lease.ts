// The publishing lease's behaviour for one process, the same on every engine: it takes the lease, renews it, says
// who it is, and gives it up. What a second process gets differs (the desktop has one publisher per database, a
// server every live process): each engine's own tests cover that.

import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PublishingOpened } from './opened';

const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);
const TTL = 180_000;

export function leaseContract(engine: string, open: () => Promise<PublishingOpened>): void {
  describe(`publishing lease (${engine})`, () => {
    let s: PublishingOpened;
    beforeEach(async () => {
      s = await open();
    });
    afterEach(async () => {
      await s.close();
    });

    it('is taken and renewed by its holder, and says which process holds it', async () => {
      const lease = s.lease('holder-1', 'cli');
      expect(lease.holder).toBe('holder-1');
      expect(JSON.parse(lease.description)).toEqual({ host: hostname(), pid: process.pid, shell: 'cli' });
      expect(await lease.current()).toBeNull();
      expect(await lease.describeHolder()).toBeNull();
      expect(await lease.acquire(T0, TTL)).toBe(true);
      const held = await lease.current();
      expect(held && { ...held, description: JSON.parse(held.description) }).toEqual({
        holder: 'holder-1',
        description: { host: hostname(), pid: process.pid, shell: 'cli' },
        expiresAt: T0 + TTL,
      });
      expect(await lease.acquire(T0 + 60_000, TTL)).toBe(true);
      expect((await lease.current())?.expiresAt).toBe(T0 + 60_000 + TTL);
      expect(await lease.describeHolder()).toBe(`Kairos (cli, process ${process.pid} on ${hostname()})`);
    });

    it('is given up by its holder only', async () => {
      const lease = s.lease('holder-1', 'browser');
      await lease.acquire(T0, TTL);
      await s.lease('never-acquired', 'cli').release();
      expect((await lease.current())?.holder).toBe('holder-1');
      await lease.release();
      expect(await lease.current()).toBeNull();
      expect(await lease.describeHolder()).toBeNull();
      expect(await lease.acquire(T0 + 1000, TTL)).toBe(true);
      expect((await lease.current())?.expiresAt).toBe(T0 + 1000 + TTL);
    });
  });
}
