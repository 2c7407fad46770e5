// Handlers for connectivity and the desktop preferences (quick-post shortcut, tray, login item).

import type { appRequests } from '../../../shared/contract/app';
import type { OnlineMonitor } from '../connectivity/onlineMonitor';
import type { BackendContext } from '../context';
import type { DesktopProblemsBoard } from '../desktop/desktopProblems';
import { AppPreferencesRepo } from '../desktop/preferencesRepo';
import { fail } from '../errors';
import type { HandlerMap } from './types';

export function appHandlers(
  ctx: BackendContext,
  connectivity: OnlineMonitor,
  problems: DesktopProblemsBoard,
): HandlerMap<keyof typeof appRequests> {
  const preferences = new AppPreferencesRepo(ctx.db);
  const view = () => ({ ...preferences.all(), problems: problems.current() });
  return {
    'app.connectivity': () => connectivity.status(),
    // Joins a probe already under way, so pressing "Retry now" repeatedly cannot flood the servers.
    'app.connectivity.check': async () => {
      await connectivity.checkNow();
      return connectivity.status();
    },
    'app.preferences.get': view,
    'app.preferences.set': (req) => {
      if (req.lastQuickPostAccounts) {
        const unknown = req.lastQuickPostAccounts.find((id) => ctx.accounts.get(id) === null);
        if (unknown) throw fail('unknown_account_again', { id: unknown }, 'lastQuickPostAccounts');
      }
      preferences.update({
        ...(req.quickPostShortcut !== undefined ? { quickPostShortcut: req.quickPostShortcut } : {}),
        ...(req.keepRunningInTray !== undefined ? { keepRunningInTray: req.keepRunningInTray } : {}),
        ...(req.openAtLogin !== undefined ? { openAtLogin: req.openAtLogin } : {}),
        ...(req.lastQuickPostAccounts !== undefined ? { lastQuickPostAccounts: [...new Set(req.lastQuickPostAccounts)] } : {}),
      });
      // The desktop shell listens for this to re-register the shortcut and the login item.
      ctx.emit({ type: 'settings.changed' });
      return view();
    },
  };
}
