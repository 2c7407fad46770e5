// What the desktop shell talks to: this computer's backend, or, while it is connected to a workspace, the workspace
// for everything but what belongs to this computer (the link itself, the desktop's preferences, its own backups).

import { type BackendEvent, type Channel, isChannel, type Result, SHELL_CHANNELS } from '../../../shared/contract';
import type { Backend } from '../backend';
import { KairosError } from '../errors';

/** Answered by this computer even while a workspace is connected; the server offers none of them. */
export const DESKTOP_OWN_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'workspace.status',
  'workspace.connect',
  'workspace.disconnect',
  'workspace.review',
  'app.preferences.get',
  'app.preferences.set',
  'database.backups',
  'database.backupNow',
  'database.restoreBackup',
  'engine.networkChanged',
  'media.addFile',
]);

/** Events about this computer that matter whichever data the window shows. */
const LOCAL_ALWAYS = new Set<BackendEvent['type']>(['settings.changed']);

/** The backend as the desktop shell uses it: calls and events routed to the workspace while one is connected. */
export function routedBackend(backend: Backend): Backend {
  const client = backend.workspace;
  if (!client) return backend;
  const invoke = (channel: string, payload: unknown): Promise<Result<unknown>> => {
    // The allowlist and the channel's existence are checked by the local backend, for both ways.
    if (!client.linked() || !isChannel(channel) || !SHELL_CHANNELS.electron.has(channel) || DESKTOP_OWN_CHANNELS.has(channel))
      return backend.invoke(channel, payload);
    return client.invoke(channel, payload);
  };
  return {
    ...backend,
    invoke,
    async call(channel, payload) {
      const r = await invoke(channel, payload);
      if (!r.ok) throw new KairosError(r.error.problem, r.error.field, r.error.code);
      return r.value as never;
    },
    subscribe(listener) {
      const local = backend.subscribe((e) => {
        if (!client.linked() || LOCAL_ALWAYS.has(e.type)) listener(e);
      });
      const remote = client.subscribe((e) => {
        if (client.linked() || e.type === 'workspace.status' || e.type === 'resync') listener(e);
      });
      return () => {
        local();
        remote();
      };
    },
  };
}
