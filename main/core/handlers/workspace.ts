// The desktop's link to a workspace: answered by this computer's backend, never forwarded to a server.

import type { WorkspaceStatus } from '../../../shared/contract';
import { fail } from '../errors';
import type { WorkspaceClient } from '../workspace/workspaceClient';
import type { HandlerMap } from './types';

const NOT_LINKED: WorkspaceStatus = { state: 'none', url: null, user: null, online: false, pending: 0, notes: [] };

/** `client` is null outside the desktop app, whose allowlist is the only one with these channels. */
export function workspaceHandlers(
  client: WorkspaceClient | null,
): HandlerMap<'workspace.status' | 'workspace.connect' | 'workspace.disconnect' | 'workspace.review'> {
  return {
    'workspace.status': () => client?.status() ?? NOT_LINKED,
    'workspace.connect': (req) => {
      if (!client) throw fail('not_allowed_here', { channel: 'workspace.connect', shell: 'browser' });
      return client.connect(req);
    },
    'workspace.disconnect': async () => (client ? client.disconnect() : NOT_LINKED),
    'workspace.review': (req) => {
      if (!client) throw fail('workspace_not_connected', {});
      return client.review(req.path, req.body);
    },
  };
}
