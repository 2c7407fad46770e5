// The words of a watchlist alert's system notification (no Electron import, so it is unit-tested).

import type { ConversationAlert } from '../../shared/contract/conversation';

const WHERE: Readonly<Record<ConversationAlert['source'], string>> = {
  trend: 'is trending',
  mention: 'appeared in a mention',
  search: 'appeared next to your words',
  hashtag: 'matches a hashtag of a scheduled post',
};

export function alertNotificationText(alert: ConversationAlert): { title: string; body: string; pauseAction: string; pauseReason: string } {
  const network = alert.platform ? ` on ${alert.platform[0]?.toUpperCase()}${alert.platform.slice(1)}` : '';
  return {
    title:
      alert.kind === 'preflight' ? 'A post was held before it went out' : `Watchlist: “${alert.term}” ${WHERE[alert.source]}${network}`,
    body: alert.text.length > 180 ? `${alert.text.slice(0, 179)}…` : alert.text,
    pauseAction: 'Pause all publishing',
    pauseReason: `High-severity watchlist alert for “${alert.term}”`,
  };
}
