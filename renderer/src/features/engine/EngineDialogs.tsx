// The engine's dialogs, mounted once in the frame and opened from the sidebar, the banners and the Accounts page.

import { AttentionDialog } from './AttentionDialog';
import { closeEngineDialog, useEngineDialog } from './engineStore';
import { PauseDialog } from './PauseDialog';
import { ReviewDialog } from './ReviewDialog';

export function EngineDialogs() {
  const dialog = useEngineDialog();
  if (!dialog) return null;
  if (dialog.kind === 'pause') return <PauseDialog accountId={dialog.accountId} onClose={closeEngineDialog} />;
  if (dialog.kind === 'review') return <ReviewDialog onClose={closeEngineDialog} />;
  return <AttentionDialog onClose={closeEngineDialog} />;
}
