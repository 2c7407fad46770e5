// The relay really cuts the network to the server behind it and gives it back on the same address.

import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackServer, sendJson, startLoopbackServer } from './loopbackServer';
import { UnpluggableRelay } from './unpluggableRelay';

describe('UnpluggableRelay', () => {
  let server: LoopbackServer | null = null;
  let relay: UnpluggableRelay | null = null;

  afterEach(async () => {
    await relay?.unplug();
    await server?.stop();
  });

  const reaches = async (url: string): Promise<boolean> => {
    try {
      const res = await fetch(url);
      return ((await res.json()) as { hello?: string }).hello === 'there';
    } catch (e) {
      // Unplugged: fetch fails with a TypeError (or a reply cut short is not JSON).
      if (e instanceof TypeError || e instanceof SyntaxError) return false;
      throw e;
    }
  };

  it('forwards while plugged in, refuses while unplugged, and comes back on the same port', async () => {
    server = await startLoopbackServer((_req, res) => sendJson(res, 200, { hello: 'there' }));
    relay = new UnpluggableRelay(server.port);
    await relay.plugIn();
    const url = relay.via(`${server.origin}/api/thing?x=1`);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/thing\?x=1$/);
    expect(url).not.toContain(`:${server.port}/`);
    expect(await reaches(url)).toBe(true);

    await relay.unplug();
    expect(relay.pluggedIn).toBe(false);
    expect(await reaches(url)).toBe(false);
    expect(await reaches(`${server.origin}/`)).toBe(true);

    await relay.plugIn();
    expect(relay.via(`${server.origin}/api/thing?x=1`)).toBe(url);
    expect(await reaches(url)).toBe(true);
  });
});
