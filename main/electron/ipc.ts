// Wires the single invoke channel and the event channel between trusted Kairos windows and the backend.

import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import type { Result } from '../../shared/contract/result';
import type { Backend } from '../core/backend';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipcChannels';
import { answerRendererInvoke } from './ipcDispatch';
import { isAppUrl, isTrustedSender } from './policy';

export interface BackendIpc {
  /** Our windows, the only senders whose messages are served and the only receivers of events. */
  readonly windows: () => readonly BrowserWindow[];
}

function trustedIds(windows: readonly BrowserWindow[]): Set<number> {
  return new Set(windows.filter((w) => !w.isDestroyed()).map((w) => w.webContents.id));
}

function fromTrustedSender(event: IpcMainInvokeEvent, windows: readonly BrowserWindow[]): boolean {
  const frame = event.senderFrame;
  return isTrustedSender(
    { senderId: event.sender.id, frameUrl: frame?.url ?? '', isMainFrame: frame !== null && frame.parent === null },
    trustedIds(windows),
  );
}

/** Returns a function that removes the handlers, for a clean quit. */
export function wireBackendIpc(backend: Backend, ipc: BackendIpc): () => void {
  ipcMain.handle(
    INVOKE_CHANNEL,
    (event, channel: unknown, payload: unknown): Promise<Result<unknown>> =>
      answerRendererInvoke(backend, fromTrustedSender(event, ipc.windows()), channel, payload),
  );

  const unsubscribe = backend.subscribe((e) => {
    for (const window of ipc.windows()) {
      if (window.isDestroyed()) continue;
      const contents = window.webContents;
      if (isAppUrl(contents.getURL())) contents.send(EVENT_CHANNEL, e);
    }
  });

  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
