// Browser mode answers only its own page: requests without the token get 401, requests from another site 403.

import { expect, test } from '../support/fixtures';

test('the server refuses requests without the token and from another origin', async ({ kairos, request }) => {
  const invokeUrl = `${kairos.origin}/api/invoke/app.info`;
  const json = { 'content-type': 'application/json' };

  // With the token, from its own origin: answered. This is what makes the refusals below meaningful.
  const allowed = await request.post(invokeUrl, {
    headers: { ...json, authorization: `Bearer ${kairos.token}`, origin: kairos.origin },
    data: {},
  });
  expect(allowed.status()).toBe(200);
  expect(await allowed.json()).toMatchObject({ ok: true, value: { shell: 'browser' } });

  // No token at all.
  const noToken = await request.post(invokeUrl, { headers: json, data: {} });
  expect(noToken.status()).toBe(401);
  expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

  // A wrong token.
  const wrongToken = await request.post(invokeUrl, { headers: { ...json, authorization: 'Bearer not-the-token' }, data: {} });
  expect(wrongToken.status()).toBe(401);

  // The page and the event stream are guarded too.
  expect((await request.get(`${kairos.origin}/`, { maxRedirects: 0 })).status()).toBe(401);
  expect((await request.get(`${kairos.origin}/api/events`)).status()).toBe(401);

  // The right token, but sent by another site (a cross-site request carrying the cookie would look like this).
  const otherOrigin = await request.post(invokeUrl, {
    headers: { ...json, authorization: `Bearer ${kairos.token}`, origin: 'http://evil.example' },
    data: {},
  });
  expect(otherOrigin.status()).toBe(403);
  expect(await otherOrigin.json()).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

  // Plain fetch from Node, outside the browser, is held to the same rules.
  expect((await fetch(invokeUrl, { method: 'POST', headers: json, body: '{}' })).status).toBe(401);
  expect((await fetch(invokeUrl, { method: 'POST', headers: { ...json, origin: 'http://localhost:1' }, body: '{}' })).status).toBe(403);
});
