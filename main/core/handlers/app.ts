// Handlers for connectivity and the desktop preferences (quick-post shortcut, tray, login item).

import type { appRequests } from '../../../shared/contract/app';
import type { OnlineMonitor } from '../connectivity/onlineMonitor';
import type { BackendContext } from '../context';
import type { DesktopProblemsBoard } from '../desktop/desktopProblems';
import { fail } from '../errors';
import type { HandlerMap } from './types';

export function appHandlers(
  ctx: BackendContext,
  connectivity: OnlineMonitor,
  problems: DesktopProblemsBoard,
): HandlerMap<keyof typeof appRequests> {
  const preferences = ctx.stores.appPreferences;
  const view = async () => ({ ...(await preferences.all()), problems: problems.current() });
  return {
    'app.connectivity': () => connectivity.status(),
    // Joins a probe already under way, so pressing "Retry now" repeatedly cannot flood the servers.
    'app.connectivity.check': async () => {
      await connectivity.checkNow();
      return connectivity.status();
    },
    'app.preferences.get': view,
    'app.preferences.set': async (req) => {
      if (req.lastQuickPostAccounts) {
        let unknown: string | undefined;
        for (const id of req.lastQuickPostAccounts) {
          if ((await ctx.accounts.get(id)) === null) {
            unknown = id;
            break;
          }
        }
        if (unknown) throw fail('unknown_account_again', { id: unknown }, 'lastQuickPostAccounts');
      }
      await preferences.update({
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
