// The one-shot redirect listener on 127.0.0.1 that receives the authorization code from the system browser.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Problem, wordsFor } from '../../../shared/contract/problems';

export interface CallbackQuery {
  readonly code: string | null;
  readonly state: string | null;
  readonly error: string | null;
  readonly errorDescription: string | null;
}

export interface CallbackPage {
  readonly status: number;
  readonly title: string;
  readonly message: string;
  /** The sign-in is over: stop listening once this page is sent. */
  readonly final?: boolean;
}

export const CALLBACK_PATH = '/callback';

/** What a sign-in flow has to show for the callback to be checked against it. */
export interface WaitingFlow {
  readonly status: string;
  readonly state: string;
  /** Why it stopped; the page in the browser says it in English. */
  readonly problem: Problem | null;
}

/** The page for a callback whose sign-in Kairos no longer knows (it ran out or was never started). */
export const SIGN_IN_GONE_PAGE: CallbackPage = {
  status: 410,
  title: 'Sign-in expired',
  message: 'This sign-in is no longer waiting. Start again from Kairos.',
  final: true,
};

/**
 * The page for a callback that this flow cannot take: it is already connected or stopped, or the answer belongs
 * to another sign-in. Null when the flow is waiting and the answer is its own.
 */
export function pageForUnexpectedCallback(flow: WaitingFlow, q: CallbackQuery): CallbackPage | null {
  if (flow.status === 'connected')
    return { status: 200, title: 'Connected', message: 'This account is already connected. You can close this tab.' };
  if (flow.status !== 'waiting')
    return {
      status: 410,
      title: 'Sign-in stopped',
      message: flow.problem ? wordsFor(flow.problem) : 'Start again from Kairos.',
      final: true,
    };
  if (q.state !== flow.state) {
    return {
      status: 400,
      title: 'Unexpected sign-in',
      message: 'This answer does not belong to the sign-in Kairos started. Start again from Kairos.',
    };
  }
  return null;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function render(res: ServerResponse, page: CallbackPage): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(page.title)}</title>
<style>body{font:16px system-ui,sans-serif;max-width:32rem;margin:15vh auto;padding:0 1rem;color:#222}</style></head>
<body><h1>${escapeHtml(page.title)}</h1><p id="kairos-oauth-result">${escapeHtml(page.message)}</p></body></html>`;
  res.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // The page shows no third-party content and must not be framed or leak the code onward.
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(html);
}

export class LoopbackListener {
  readonly #server: Server;
  #port = 0;

  private constructor(
    onCallback: (q: CallbackQuery) => Promise<CallbackPage>,
    private readonly from = 'your Mastodon server',
  ) {
    this.#server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method !== 'GET' || url.pathname !== CALLBACK_PATH) {
        render(res, { status: 404, title: 'Not found', message: `This address only receives the sign-in from ${this.from}.` });
        return;
      }
      const q = url.searchParams;
      onCallback({ code: q.get('code'), state: q.get('state'), error: q.get('error'), errorDescription: q.get('error_description') })
        .then((page) => {
          if (page.final) res.once('finish', () => this.close());
          render(res, page);
        })
        .catch((e: unknown) => render(res, { status: 500, title: 'Something went wrong', message: (e as Error).message }));
    });
    // A forgotten sign-in must not keep Kairos running.
    this.#server.unref();
  }

  /** Listens on 127.0.0.1 only; tries `preferredPort` first (to match an earlier registration), else any free port. */
  static async open(onCallback: (q: CallbackQuery) => Promise<CallbackPage>, preferredPort?: number): Promise<LoopbackListener> {
    const listener = new LoopbackListener(onCallback);
    const tryListen = (port: number) =>
      new Promise<boolean>((resolve, reject) => {
        const onError = (e: NodeJS.ErrnoException) => {
          listener.#server.off('listening', onListening);
          if (e.code === 'EADDRINUSE' || e.code === 'EACCES') resolve(false);
          else reject(e);
        };
        const onListening = () => {
          listener.#server.off('error', onError);
          resolve(true);
        };
        listener.#server.once('error', onError);
        listener.#server.once('listening', onListening);
        listener.#server.listen(port, '127.0.0.1');
      });
    if (!(preferredPort && (await tryListen(preferredPort)))) await tryListen(0);
    listener.#port = (listener.#server.address() as AddressInfo).port;
    return listener;
  }

  /**
   * Listens on exactly `port` (0: any free port), for networks that only send the browser back to the one
   * redirect URL registered with the user's app. Null when that port is taken.
   */
  static async openExact(
    onCallback: (q: CallbackQuery) => Promise<CallbackPage>,
    port: number,
    from: string,
  ): Promise<LoopbackListener | null> {
    const listener = new LoopbackListener(onCallback, from);
    const ok = await new Promise<boolean>((resolve, reject) => {
      listener.#server.once('error', (e: NodeJS.ErrnoException) =>
        e.code === 'EADDRINUSE' || e.code === 'EACCES' ? resolve(false) : reject(e),
      );
      listener.#server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!ok) return null;
    listener.#port = (listener.#server.address() as AddressInfo).port;
    return listener;
  }

  get redirectUri(): string {
    return `http://127.0.0.1:${this.#port}${CALLBACK_PATH}`;
  }

  close(): void {
    this.#server.close();
    this.#server.closeIdleConnections();
  }
}
