// The workspace server's HTTP side: people and sessions (first-owner setup, sign-in, sign-out, invitations), the
// contract (/api/invoke/<channel>, /api/events, /api/media) behind each person's role, and /healthz. Meant to sit
// behind an HTTPS reverse proxy; it trusts X-Forwarded-Proto and X-Forwarded-For only when told to.

import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type pg from 'pg';
import { type BackendEvent, type Channel, isChannel, MEDIA_MAX_BYTES, problem } from '../../../shared/contract';
import { AuthError, type AuthErrorCode, type CurrentSession, type User, type WorkspaceAuth } from '../auth/auth';
import { type CookieOptions, clearedSessionCookie, readSessionCookie, sessionCookie } from '../auth/cookies';
import { decideAction, decideChannel, isRole, type Role } from '../auth/permissions';
import { hashToken } from '../auth/secrets';
import { isConnectionLoss } from '../database';
import { listenForSignals, type SignalListener, type WorkspaceSignal } from '../workspace/signals';
import type { ReviewWorkflow } from '../workspace/workflow';
import { isAppPath, routedPath, serveApp } from './app';
import { BASE_HEADERS, failure, HttpError, readBody, readJson, sendJson, text } from './httpKit';
import { isPagePath, servePage } from './pages';
import { isReviewPath, reviewRoute } from './reviewRoutes';

/** Who is calling, as the contract behind the server sees them. */
export interface Caller {
  readonly user: User;
  readonly sessionId: string;
}

/**
 * What answers contract channels: the backend on its PostgreSQL stores. The server checks the session and the role
 * first; a channel the contract does not serve (`serves` false) is answered 503 not_available.
 */
export interface WorkspaceContract {
  serves(channel: Channel): boolean;
  /** The contract's envelope: { ok: true, value } or { ok: false, error: { code, message } }. */
  invoke(channel: Channel, payload: unknown, caller: Caller): Promise<unknown>;
  subscribe(listener: (event: BackendEvent) => void): () => void;
  /** A post's review changed in some process (approved, say): what may publish now is looked at again. */
  reviewChanged?(postId: string): void;
  /** The approval rules changed in some process: a post a removed rule held back may publish now. */
  rulesChanged?(): void;
}

/** Until the PostgreSQL stores land: a contract that serves no channel and sends no event. */
export const NO_STORES_YET: WorkspaceContract = {
  serves: () => false,
  invoke: async () => {
    throw new Error('No channel is served yet.');
  },
  subscribe: () => () => {},
};

export interface WorkspaceServerOptions {
  readonly pool: pg.Pool;
  readonly auth: WorkspaceAuth;
  readonly port: number;
  readonly host: string;
  /** Behind a reverse proxy: read the client's scheme, host and address from X-Forwarded-Proto / -Host / -For. */
  readonly trustProxy: boolean;
  /** The address people use (https://kairos.example.org): links are made with it and Origin must match it. */
  readonly publicUrl?: string;
  /** The one-time first-owner code, while the workspace has nobody; null once it has. */
  readonly setupToken: string | null;
  readonly contract?: WorkspaceContract;
  /** Approvals, comments, review links and notifications; without it their routes answer 503 not_available. */
  readonly review?: ReviewWorkflow;
  /** The built web pages (setup, sign-in, invitation, review): dist/pages. Null: pages are not served. */
  readonly pagesDir?: string | null;
  /** The built app (dist/renderer), served at /app/ to people signed in. Null: the app is not served. */
  readonly appDir?: string | null;
  readonly log?: (line: string) => void;
}

export interface WorkspaceServer {
  readonly url: string;
  readonly port: number;
  /** Stops accepting, lets requests in progress finish (up to `graceMs`), ends event streams. */
  close(graceMs?: number): Promise<void>;
}

const INVOKE_LIMIT = 25 * 1024 * 1024;
const SSE_PING_MS = 25_000;
const SWEEP_MS = 60 * 60_000;

const AUTH_STATUS: Readonly<Record<AuthErrorCode, number>> = {
  bad_email: 400,
  bad_name: 400,
  weak_password: 400,
  email_taken: 409,
  workspace_has_owner: 409,
  not_allowed: 403,
  invitation_unknown: 404,
  invitation_used: 410,
  invitation_revoked: 410,
  invitation_expired: 410,
  invitation_other_email: 403,
  sign_in_failed: 401,
  rate_limited: 429,
};

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(hashToken(a), 'hex');
  const y = Buffer.from(hashToken(b), 'hex');
  return timingSafeEqual(x, y);
}

const publicUser = (u: User) => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role });

export async function startWorkspaceServer(opts: WorkspaceServerOptions): Promise<WorkspaceServer> {
  const contract = opts.contract ?? NO_STORES_YET;
  const log = opts.log ?? (() => {});
  const publicOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : null;
  let setupToken = opts.setupToken;
  const streams = new Map<ServerResponse, Caller>();
  let closing = false;

  /** The scheme the person's browser used: the proxy's word for it when trusted, this socket's otherwise. */
  const schemeOf = (req: IncomingMessage): 'http' | 'https' => {
    if (opts.trustProxy) {
      const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
        .split(',')[0]
        ?.trim()
        .toLowerCase();
      if (forwarded === 'https' || forwarded === 'http') return forwarded;
    }
    return 'encrypted' in req.socket && (req.socket as Socket & { encrypted?: boolean }).encrypted ? 'https' : 'http';
  };
  const cookieOptions = (req: IncomingMessage): CookieOptions => ({ secure: schemeOf(req) === 'https' });
  /** The client's address: the one the (single, trusted) proxy appended last, or the socket's peer. */
  const clientAddress = (req: IncomingMessage): string => {
    if (opts.trustProxy) {
      const list = String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const last = list.at(-1);
      if (last) return last;
    }
    return req.socket.remoteAddress ?? 'unknown';
  };
  /** The host name the person's browser used: a trusted proxy's X-Forwarded-Host (it may rewrite Host), else Host. */
  const hostOf = (req: IncomingMessage): string => {
    const forwarded = opts.trustProxy
      ? String(req.headers['x-forwarded-host'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    return forwarded || (req.headers.host ?? '');
  };
  const ownOrigin = (req: IncomingMessage): string => publicOrigin ?? `${schemeOf(req)}://${hostOf(req)}`;

  /** Cross-site defences for a state-changing request: our own Origin, and JSON unless it is a media upload. */
  const checkStateChange = (req: IncomingMessage, wantJson: boolean): void => {
    const origin = req.headers.origin;
    if (origin === undefined)
      throw new HttpError(
        403,
        'cross_site',
        `This request needs an Origin header naming this server (${ownOrigin(req)}).`,
        {},
        problem('other_site', {}),
      );
    if (origin !== ownOrigin(req))
      throw new HttpError(403, 'cross_site', 'Requests from other sites are refused.', {}, problem('other_site', {}));
    if (wantJson && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? ''))
      throw new HttpError(415, 'invalid_input', 'Send the request as JSON (Content-Type: application/json).', {}, problem('send_json', {}));
  };

  const currentSession = async (req: IncomingMessage): Promise<{ session: CurrentSession; token: string } | null> => {
    const token = readSessionCookie(req.headers.cookie, cookieOptions(req));
    if (!token) return null;
    const session = await opts.auth.authenticate(token);
    return session ? { session, token } : null;
  };
  const requireSession = async (req: IncomingMessage) => {
    const s = await currentSession(req);
    if (!s)
      throw new HttpError(
        401,
        'signed_out',
        'Sign in to this workspace first (your session ended or was never opened).',
        {},
        problem('workspace_session_ended', {}),
      );
    return s;
  };
  const cookieFor = (req: IncomingMessage, token: string, expiresAt: Date) => ({
    'set-cookie': sessionCookie(token, expiresAt, cookieOptions(req)),
  });

  const endStreams = (which: (c: Caller) => boolean) => {
    for (const [res, caller] of streams) {
      if (!which(caller)) continue;
      streams.delete(res);
      res.end();
    }
  };

  const unsubscribe = contract.subscribe((event) => {
    const frame = `event: backend\ndata: ${JSON.stringify(event)}\n\n`;
    for (const res of streams.keys()) res.write(frame);
  });
  // The review workflow's changes, from this process or another (PostgreSQL NOTIFY): pages read again what changed.
  const onSignal = (signal: WorkspaceSignal) => {
    if (signal.type === 'review.changed') contract.reviewChanged?.(signal.postId);
    if (signal.type === 'rules.changed') contract.rulesChanged?.();
    const frame =
      signal.type === 'review.changed'
        ? `event: workspace\ndata: ${JSON.stringify({ type: signal.type, postId: signal.postId })}\n\n`
        : `event: workspace\ndata: ${JSON.stringify({ type: signal.type })}\n\n`;
    // Everyone reads reviews and rules; a person's notifications are told to that person only.
    for (const [res, caller] of streams)
      if (signal.type !== 'notifications.changed' || signal.userIds.includes(caller.user.id)) res.write(frame);
  };

  async function route(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const only = (m: string) => {
      if (method !== m) throw new HttpError(405, 'method_not_allowed', `Use ${m}.`, { allow: m });
    };

    if (path === '/healthz') {
      if (method !== 'GET' && method !== 'HEAD') only('GET');
      try {
        await opts.pool.query('SELECT 1');
        return sendJson(res, closing ? 503 : 200, { ok: !closing, database: 'reachable', ...(closing ? { stopping: true } : {}) });
      } catch {
        return sendJson(res, 503, { ok: false, database: 'unreachable' });
      }
    }

    if (path === '/api/setup') {
      if (method === 'GET') return sendJson(res, 200, { ok: true, value: { needed: setupToken !== null } });
      only('POST');
      checkStateChange(req, true);
      const body = await readJson(req);
      const code = text(body, 'setupCode', 'the one-time setup code the server printed when it started');
      if (setupToken === null || !sameSecret(code, setupToken))
        throw new HttpError(
          403,
          'setup_refused',
          setupToken === null
            ? 'This workspace has its owner already; ask them or an admin for an invitation.'
            : 'This setup code is not the one this server printed. Copy it again from the server’s output.',
        );
      const email = text(body, 'email', 'your email address');
      const password = text(body, 'password', 'the password you choose (at least 10 characters)');
      const user = await opts.auth.createOwner({ email, displayName: text(body, 'displayName', 'your name'), password });
      setupToken = null;
      log(`The workspace's owner was created: ${user.email}. The setup code no longer works.`);
      const opened = await opts.auth.signIn({ email, password }, { address: clientAddress(req), userAgent: req.headers['user-agent'] });
      return sendJson(res, 201, { ok: true, value: { user: publicUser(opened.user) } }, cookieFor(req, opened.token, opened.expiresAt));
    }

    if (path === '/api/session') {
      only('GET');
      const { session, token } = await requireSession(req);
      return sendJson(
        res,
        200,
        { ok: true, value: { user: publicUser(session.user), expiresAt: session.expiresAt.toISOString() } },
        cookieFor(req, token, session.expiresAt),
      );
    }

    if (path === '/api/session/sign-in') {
      only('POST');
      checkStateChange(req, true);
      const body = await readJson(req);
      const opened = await opts.auth.signIn(
        { email: text(body, 'email', 'your email address'), password: text(body, 'password', 'your password') },
        { address: clientAddress(req), userAgent: req.headers['user-agent'] },
      );
      return sendJson(
        res,
        200,
        { ok: true, value: { user: publicUser(opened.user), expiresAt: opened.expiresAt.toISOString() } },
        cookieFor(req, opened.token, opened.expiresAt),
      );
    }

    if (path === '/api/session/sign-out') {
      only('POST');
      checkStateChange(req, true);
      const token = readSessionCookie(req.headers.cookie, cookieOptions(req));
      if (token) {
        const session = await opts.auth.authenticate(token);
        await opts.auth.signOut(token);
        if (session) endStreams((c) => c.sessionId === session.sessionId);
      }
      return sendJson(res, 200, { ok: true, value: { signedOut: true } }, { 'set-cookie': clearedSessionCookie(cookieOptions(req)) });
    }

    if (path === '/api/session/sign-out-everywhere') {
      only('POST');
      checkStateChange(req, true);
      const { session } = await requireSession(req);
      const ended = await opts.auth.signOutEverywhere(session.user.id);
      endStreams((c) => c.user.id === session.user.id);
      return sendJson(res, 200, { ok: true, value: { ended } }, { 'set-cookie': clearedSessionCookie(cookieOptions(req)) });
    }

    if (path === '/api/invitations') {
      only('POST');
      checkStateChange(req, true);
      const { session } = await requireSession(req);
      const decision = decideAction(session.user.role, 'members.invite');
      if (!decision.allowed) throw new HttpError(403, 'forbidden', decision.reason);
      const body = await readJson(req);
      const role = body.role;
      if (!isRole(role)) throw new HttpError(400, 'invalid_input', 'Send role: owner, admin, editor, approver or viewer.');
      const email = body.email === undefined || body.email === null ? undefined : text(body, 'email', 'the address the invitation is for');
      const inv = await opts.auth.invite(session.user.id, { role: role as Role, ...(email ? { email } : {}) });
      // The token rides in the fragment: browsers do not send it to servers, so it stays out of proxies' logs.
      const link = `${ownOrigin(req)}/join#invitation=${inv.token}`;
      return sendJson(res, 201, {
        ok: true,
        value: { id: inv.id, role, email: email ?? null, link, token: inv.token, expiresAt: inv.expiresAt.toISOString() },
      });
    }

    if (path === '/api/invitations/accept') {
      only('POST');
      checkStateChange(req, true);
      const body = await readJson(req);
      const opened = await opts.auth.acceptInvitation(
        text(body, 'token', 'the invitation from the link'),
        {
          email: text(body, 'email', 'your email address'),
          displayName: text(body, 'displayName', 'your name, as teammates will see it'),
          password: text(body, 'password', 'the password you choose (at least 10 characters)'),
        },
        { address: clientAddress(req), userAgent: req.headers['user-agent'] },
      );
      return sendJson(
        res,
        201,
        { ok: true, value: { user: publicUser(opened.user), expiresAt: opened.expiresAt.toISOString() } },
        cookieFor(req, opened.token, opened.expiresAt),
      );
    }

    if (path.startsWith('/api/invoke/') || path === '/api/media') {
      only('POST');
      const media = path === '/api/media';
      checkStateChange(req, !media);
      const { session, token } = await requireSession(req);
      let name: string;
      try {
        name = media ? 'media.add' : decodeURIComponent(path.slice('/api/invoke/'.length));
      } catch {
        name = '';
      }
      if (!isChannel(name))
        throw new HttpError(
          404,
          'unknown_channel',
          `“${name.slice(0, 80)}” is not a channel of the Kairos contract.`,
          {},
          problem('unknown_request', { channel: name.slice(0, 80) }),
        );
      const decision = decideChannel(session.user.role, name);
      if (!decision.allowed)
        throw new HttpError(403, 'forbidden', decision.reason, {}, problem('workspace_refused', { reason: decision.reason }));
      if (!contract.serves(name))
        throw new HttpError(
          503,
          'not_available',
          `This server does not serve ${name} yet.`,
          {},
          problem('workspace_not_served', { channel: name }),
        );
      let payload: unknown;
      if (media) {
        const url = new URL(req.url ?? '/', 'http://x');
        const fileName = (url.searchParams.get('fileName') ?? '').slice(0, 255) || 'upload';
        payload = { fileName, mime: (url.searchParams.get('mime') ?? '').slice(0, 100), bytes: await readBody(req, MEDIA_MAX_BYTES) };
      } else payload = await readJson(req, INVOKE_LIMIT);
      const result = await contract.invoke(name, payload, { user: session.user, sessionId: session.sessionId });
      return sendJson(res, 200, result, cookieFor(req, token, session.expiresAt));
    }

    if (isReviewPath(path)) {
      if (!opts.review) throw new HttpError(503, 'not_available', 'This server does not serve the review workflow.');
      return reviewRoute({ workflow: opts.review, requireSession, checkStateChange, clientAddress, ownOrigin, log }, req, res, path);
    }

    if (isPagePath(path)) {
      if (method !== 'GET' && method !== 'HEAD') only('GET');
      return servePage(opts.pagesDir ?? null, path, req, res);
    }

    if (isAppPath(path)) {
      if (method !== 'GET' && method !== 'HEAD') only('GET');
      return serveApp(
        {
          dir: opts.appDir ?? null,
          path,
          search: new URL(req.url ?? '/', 'http://x').search,
          signedIn: async () => (await currentSession(req)) !== null,
          setupNeeded: setupToken !== null,
        },
        req,
        res,
      );
    }

    if (path === '/api/events') {
      only('GET');
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== ownOrigin(req))
        throw new HttpError(403, 'cross_site', 'Requests from other sites are refused.');
      const { session } = await requireSession(req);
      res.writeHead(200, { ...BASE_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive', 'x-accel-buffering': 'no' });
      res.write(': connected\n\n');
      streams.set(res, { user: session.user, sessionId: session.sessionId });
      req.on('close', () => streams.delete(res));
      return;
    }

    throw new HttpError(404, 'not_found', `Nothing is served at ${path.slice(0, 100)}.`);
  }

  const server: Server = createServer(async (req, res) => {
    let path = '/';
    try {
      path = routedPath(new URL(req.url ?? '/', 'http://x').pathname);
      if (closing && path !== '/healthz') res.setHeader('connection', 'close');
      await route(req, res, path);
    } catch (e) {
      if (res.headersSent) {
        res.end();
        return;
      }
      if (e instanceof HttpError) return sendJson(res, e.status, failure(e.code, e.message, e.problem), { ...e.headers });
      if (e instanceof AuthError) {
        const headers: Record<string, string> = {};
        if (e.code === 'rate_limited' && typeof e.params.retryAt === 'string')
          headers['retry-after'] = String(Math.max(1, Math.ceil((Date.parse(e.params.retryAt) - Date.now()) / 1000)));
        return sendJson(
          res,
          AUTH_STATUS[e.code],
          { ...failure(e.code, e.message), ...(Object.keys(e.params).length ? { params: e.params } : {}) },
          headers,
        );
      }
      if (isConnectionLoss(e)) {
        log(`The workspace database could not be reached for ${req.method} ${path}.`);
        return sendJson(
          res,
          503,
          failure(
            'database_unavailable',
            'The workspace database cannot be reached right now. Try again in a moment.',
            problem('workspace_database_unavailable', {}),
          ),
          {
            'retry-after': '5',
          },
        );
      }
      log(`Internal error on ${req.method} ${path}: ${(e as Error).message}`);
      return sendJson(res, 500, failure('internal', 'Something went wrong on the server; it was logged.'));
    }
  });
  // Slow clients hold no connection for ever; event streams are kept open by their pings.
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(opts.port, opts.host);
  });
  const port = (server.address() as AddressInfo).port;
  const signals: SignalListener | null = opts.review ? listenForSignals(opts.pool, onSignal, log) : null;
  if (signals) await signals.ready;

  const ping = setInterval(() => {
    for (const res of streams.keys()) res.write(': ping\n\n');
  }, SSE_PING_MS);
  ping.unref();
  const sweep = setInterval(() => {
    opts.auth.sweep().catch((e: Error) => log(`Removing ended sessions failed: ${e.message}`));
  }, SWEEP_MS);
  sweep.unref();

  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    async close(graceMs = 10_000) {
      closing = true;
      clearInterval(ping);
      clearInterval(sweep);
      unsubscribe();
      await signals?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Event streams never finish by themselves; idle keep-alive connections are closed by server.close().
      endStreams(() => true);
      server.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), graceMs);
      });
      if ((await Promise.race([closed, late])) === 'late') {
        log(`Requests still running after ${Math.round(graceMs / 1000)} s were cut off.`);
        server.closeAllConnections();
        await closed;
      }
      clearTimeout(timer);
    },
  };
}
