// The desktop app's window where no Electron binary can run: the BUILT renderer in Chromium, with window.kairos doing
// what the preload and the main process do. Calls go through the same door as kairos:invoke (answerRendererInvoke, the
// desktop's allowlist) to a real desktop backend (its SQLite data in a temporary folder), routed as main.ts routes it
// (routedBackend: to a workspace while one is connected), and the backend's events reach the page as they would over
// the event channel. Only the IPC transport is replaced; e2e/electron has the same window in Electron.

import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import type { Backend } from '../../main/core/backend';
import { routedBackend } from '../../main/core/workspace/desktopGateway';
import { answerRendererInvoke } from '../../main/electron/ipcDispatch';
import { APP_START_URL, CONTENT_SECURITY_POLICY, contentTypeFor, rendererFileFor } from '../../main/electron/policy';
import { type TempBackend, tempBackend } from '../../main/testing/tempBackend';
import type { BackendEvent } from '../../shared/contract';
import { ROOT } from './kairos';

const RENDERER = join(ROOT, 'dist', 'renderer');

export interface DesktopWindow {
  readonly page: Page;
  readonly context: BrowserContext;
  /** What the window talks to, as main.ts wires it. */
  readonly shown: Backend;
  /** This computer's own backend and data, under the routing. */
  readonly local: Backend;
  close(): Promise<void>;
}

declare global {
  interface Window {
    __kairosInvoke?: (channel: string, payload: unknown) => Promise<unknown>;
    __kairosEvent?: (e: BackendEvent) => void;
  }
}

/** Serves the built renderer's files as the app:// protocol does in Electron: the same file choice, types and policy. */
async function serveRenderer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const file = rendererFileFor(RENDERER, new URL((req.url ?? '/').replace(/^\/+/, ''), APP_START_URL).href);
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    const type = contentTypeFor(file);
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, {
            'content-type': type,
            'x-content-type-options': 'nosniff',
            ...(type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
          })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

/** Opens the desktop window on a new desktop backend; an exception in the page is added to `errors`. */
export async function openDesktopWindow(browser: Browser, errors: string[]): Promise<DesktopWindow> {
  const temp: TempBackend = await tempBackend({ shell: 'electron', prefix: 'kairos-desktop-window-', systemTimeZone: 'UTC' });
  const shown = routedBackend(temp.backend);
  const files = await serveRenderer();
  const context = await browser.newContext();
  await context.exposeBinding('__kairosInvoke', (_source, channel: unknown, payload: unknown) =>
    answerRendererInvoke(shown, true, channel, payload),
  );
  await context.addInitScript(() => {
    const listeners = new Set<(e: unknown) => void>();
    window.__kairosEvent = (e) => {
      for (const l of [...listeners]) l(e);
    };
    Object.defineProperty(window, 'kairos', {
      value: Object.freeze({
        shell: 'electron',
        invoke: (channel: string, payload: unknown) =>
          (window.__kairosInvoke as (channel: string, payload: unknown) => Promise<unknown>)(channel, payload),
        onEvent(listener: (e: unknown) => void) {
          listeners.add(listener);
          return () => {
            listeners.delete(listener);
          };
        },
      }),
    });
  });
  const unsubscribe = shown.subscribe((e) => {
    for (const p of context.pages()) void p.evaluate((event) => window.__kairosEvent?.(event), e).catch(() => undefined);
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`desktop window: ${e.message}`));
  await page.goto(files.url);
  return {
    page,
    context,
    shown,
    local: temp.backend,
    async close() {
      unsubscribe();
      await context.close();
      await new Promise<void>((r) => files.server.close(() => r()));
      await temp.close();
    },
  };
}
