// Preload for the Kairos window: puts the KairosBridge on window.kairos and nothing else from Electron.

import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { KairosBridge } from '../../shared/contract/bridge';
import type { BackendEvent } from '../../shared/contract/events';
import type { Result } from '../../shared/contract/result';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipcChannels';

const bridge: KairosBridge = {
  shell: 'electron',
  invoke(channel: string, payload: unknown): Promise<Result<unknown>> {
    return ipcRenderer.invoke(INVOKE_CHANNEL, channel, payload) as Promise<Result<unknown>>;
  },
  onEvent(listener: (e: BackendEvent) => void): () => void {
    // The IpcRendererEvent carries a handle to ipcRenderer; the page gets the event data only.
    const forward = (_event: IpcRendererEvent, e: BackendEvent) => listener(e);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('kairos', bridge);
