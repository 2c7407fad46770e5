// The desktop's link to a workspace, kept live from its workspace.status events; nothing outside the desktop app.

import type { WorkspaceStatus } from '../../../../shared/contract';
import { invoke, runningShell } from '../../api/client';
import { useLiveQuery } from '../../api/hooks';
import { NOT_CONNECTED } from './workspaceModel';

export function useWorkspaceStatus(): { readonly status: WorkspaceStatus; readonly reload: () => void } {
  const desktop = runningShell() === 'electron';
  const query = useLiveQuery(
    'workspace.status',
    async () => (desktop ? invoke('workspace.status', {}) : { ok: true as const, value: NOT_CONNECTED }),
    (e) => e.type === 'workspace.status',
  );
  return { status: query.data ?? NOT_CONNECTED, reload: query.reload };
}
