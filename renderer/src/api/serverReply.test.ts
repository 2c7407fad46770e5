// A workspace server's refusals reach the window in the contract's shape, and an ended session sends the person to
// sign in: the client's own calls, answered with the bodies the workspace server and browser mode write.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wordsFor } from '../../../shared/contract';
import { it as italian } from '../i18n/it';
import { refusalFrom, sessionEnded, signInAddress } from './serverReply';

/** What the server answers, per path: status and body. */
const answers = new Map<string, { status: number; body: unknown }>();
const seen: string[] = [];
const PAGE = 'https://kairos.example.org/app/';

/** The page's fetch: relative addresses resolve against the page at /app/, as in a browser. */
async function answer(input: string): Promise<Response> {
  const url = new URL(input, PAGE);
  seen.push(url.pathname);
  const a = answers.get(url.pathname) ?? { status: 404, body: { ok: false, error: { code: 'not_found', message: 'No.' } } };
  return new Response(JSON.stringify(a.body), { status: a.status, headers: { 'content-type': 'application/json' } });
}

const assign = vi.fn();
beforeEach(() => {
  answers.clear();
  seen.length = 0;
  assign.mockReset();
  vi.stubGlobal('fetch', answer);
  vi.stubGlobal('window', { location: { pathname: '/app/', search: '', hash: '#/queue', assign } });
  vi.resetModules();
});
afterEach(() => {
  vi.unstubAllGlobals();
});

// Exactly what workspaceServer.ts writes for these refusals.
const SIGNED_OUT = {
  ok: false,
  error: {
    code: 'signed_out',
    problem: { code: 'workspace_session_ended', params: {} },
    message: 'Sign in to this workspace first (your session ended or was never opened).',
  },
};
const FORBIDDEN_REASON = 'Only an admin or owner can do this (accounts.connect); you are an editor in this workspace.';

describe('the client against a workspace server', () => {
  it('sends the person to sign in, once, when the session ended, coming back to the same view', async () => {
    answers.set('/app/api/invoke/posts.list', { status: 401, body: SIGNED_OUT });
    answers.set('/app/api/invoke/accounts.list', { status: 401, body: SIGNED_OUT });
    const { invoke } = await import('./client');
    const [posts, accounts] = await Promise.all([invoke('posts.list', {}), invoke('accounts.list', {})]);
    expect(seen.sort()).toEqual(['/app/api/invoke/accounts.list', '/app/api/invoke/posts.list']);
    expect(assign).toHaveBeenCalledTimes(1);
    expect(assign).toHaveBeenCalledWith('/sign-in?next=%2Fapp%2F%23%2Fqueue');
    expect(posts).toEqual({
      ok: false,
      error: { code: 'auth_required', problem: { code: 'workspace_session_ended', params: {} }, message: SIGNED_OUT.error.message },
    });
    expect(accounts.ok).toBe(false);
  });

  it('words a role refusal and a channel not served from their problem, and stays on the page', async () => {
    answers.set('/app/api/invoke/accounts.connect', {
      status: 403,
      body: {
        ok: false,
        error: {
          code: 'forbidden',
          problem: { code: 'workspace_refused', params: { reason: FORBIDDEN_REASON } },
          message: FORBIDDEN_REASON,
        },
      },
    });
    answers.set('/app/api/invoke/posts.list', {
      status: 503,
      body: {
        ok: false,
        error: {
          code: 'not_available',
          problem: { code: 'workspace_not_served', params: { channel: 'posts.list' } },
          message: 'This server does not serve posts.list yet.',
        },
      },
    });
    const { invoke } = await import('./client');
    const refused = await invoke('accounts.connect', {
      platform: 'discord',
      name: 'x',
      webhookUrl: 'https://discord.com/api/webhooks/1/a',
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('unauthorized');
      expect(wordsFor(refused.error.problem)).toBe(FORBIDDEN_REASON);
    }
    const notServed = await invoke('posts.list', {});
    expect(notServed.ok).toBe(false);
    if (!notServed.ok) {
      expect(notServed.error.code).toBe('unreachable');
      expect(wordsFor(notServed.error.problem, italian.problems)).toBe(
        'Questo server non offre ancora posts.list. Aggiorna il server, o chiedi a chi lo gestisce.',
      );
    }
    expect(assign).not.toHaveBeenCalled();
  });

  it("leaves browser mode's missing token alone: its page says to open the access link", async () => {
    const tokenRequired = {
      ok: false,
      error: {
        code: 'unauthorized',
        problem: { code: 'token_required', params: {} },
        message: 'This Kairos server needs its access token.',
      },
    };
    answers.set('/app/api/invoke/posts.list', { status: 401, body: tokenRequired });
    const { invoke } = await import('./client');
    expect(await invoke('posts.list', {})).toEqual(tokenRequired);
    expect(assign).not.toHaveBeenCalled();
  });
});

describe('refusalFrom', () => {
  it('passes the contract envelope on as it came, field included', () => {
    const error = { code: 'invalid_input', problem: { code: 'send_json', params: {} }, message: 'Send JSON.', field: 'text' };
    expect(refusalFrom(200, error)).toBe(error);
  });

  it('gives a refusal without a problem the kind of its status and its own words', () => {
    expect(refusalFrom(503, { code: 'database_unavailable', message: 'The workspace database cannot be reached right now.' })).toEqual({
      code: 'unreachable',
      problem: { code: 'workspace_refused', params: { reason: 'The workspace database cannot be reached right now.' } },
      message: 'The workspace database cannot be reached right now.',
    });
    expect(refusalFrom(403, { code: 'cross_site', message: 'No.' }).code).toBe('unauthorized');
    expect(refusalFrom(401, { code: 'rate_limited' }).code).toBe('auth_required');
    expect(refusalFrom(500, {}).message).toBe('HTTP 500');
  });

  it('takes the kind from a known problem, and ignores a problem it does not know', () => {
    expect(
      refusalFrom(503, { code: 'database_unavailable', problem: { code: 'workspace_database_unavailable', params: {} }, message: 'm' })
        .code,
    ).toBe('unreachable');
    expect(refusalFrom(400, { code: 'x', problem: { code: 'from_a_newer_server', params: {} }, message: 'Newer words.' }).problem).toEqual({
      code: 'workspace_refused',
      params: { reason: 'Newer words.' },
    });
  });
});

describe('sessionEnded and signInAddress', () => {
  it('is the workspace 401 only', () => {
    expect(sessionEnded(401, { code: 'signed_out' })).toBe(true);
    expect(sessionEnded(401, { code: 'unauthorized' })).toBe(false);
    expect(sessionEnded(403, { code: 'signed_out' })).toBe(false);
  });

  it('comes back to the page, its query and its view', () => {
    expect(signInAddress({ pathname: '/app/', search: '?x=1', hash: '#/drafts' })).toBe('/sign-in?next=%2Fapp%2F%3Fx%3D1%23%2Fdrafts');
  });
});
