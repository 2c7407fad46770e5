// Browser mode's credential stays with Kairos: another web server on 127.0.0.1 the user visits receives none of it.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '../support/fixtures';

interface Seen {
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** Another local web server (a dev server, a router page, anything on localhost): it records every request it gets. */
async function otherLocalServer(): Promise<{ origin: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      // It asks for paths a curious page might try: the root API, the events, and a guessed per-run path.
      res.end(`<!doctype html><title>Other</title><h1>Another local site</h1>
        <img src="/api/events"><img src="/s/guess/"><script>fetch('/api/invoke/app.info', { method: 'POST', credentials: 'include' }).finally(() => { document.title = 'done'; });</script>`);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

test('a second local server visited after Kairos receives no Kairos cookie or token', async ({ app, kairos, context }) => {
  const other = await otherLocalServer();
  try {
    // Kairos is open and live (the fixture waited for the event stream), so its credential is in the browser.
    const cookies = await context.cookies();
    const ours = cookies.find((c) => c.name.startsWith('kairos_token_'));
    expect(ours?.value).toBe(kairos.token);
    expect(ours?.path).toMatch(/^\/s\/[\w-]{20,}\/$/);
    await expect(app.locator('.connection--live')).toBeVisible();

    const visit = await context.newPage();
    await visit.goto(`${other.origin}/`);
    await expect(visit).toHaveTitle('done');
    await expect.poll(() => other.seen.length).toBeGreaterThanOrEqual(4);

    for (const request of other.seen) {
      const everything = `${request.url}\n${JSON.stringify(request.headers)}`;
      expect(everything, `request for ${request.url}`).not.toContain(kairos.token);
      expect(request.headers.cookie ?? '', `cookie sent with ${request.url}`).not.toContain('kairos_token_');
    }
    // Kairos itself still works in its own tab after that.
    await app.reload();
    await expect(app.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await expect(app.locator('.connection--live')).toBeVisible();
  } finally {
    other.server.closeAllConnections();
    await new Promise<void>((resolve) => other.server.close(() => resolve()));
  }
});
