// The notification for a high-severity alert says what matched, where, and offers the crisis brake.

import { describe, expect, it } from 'vitest';
import type { ConversationAlert } from '../../shared/contract/conversation';
import { alertNotificationText } from './alertText';

const alert: ConversationAlert = {
  id: 'alr_1',
  kind: 'watch',
  term: 'recall',
  severity: 'high',
  source: 'trend',
  platform: 'mastodon',
  accountId: 'acc_1',
  postId: null,
  text: '#recall is trending with 4,200 posts today.',
  url: null,
  createdAt: 0,
};

describe('alert notifications', () => {
  it('names the term, where it was seen and the network, and pauses with the term as the reason', () => {
    expect(alertNotificationText(alert)).toEqual({
      title: 'Watchlist: “recall” is trending on Mastodon',
      body: '#recall is trending with 4,200 posts today.',
      pauseAction: 'Pause all publishing',
      pauseReason: 'High-severity watchlist alert for “recall”',
    });
  });

  it('says when a post was held by the pre-flight check, and keeps long text short', () => {
    const t = alertNotificationText({ ...alert, kind: 'preflight', text: 'x'.repeat(400) });
    expect(t.title).toBe('A post was held before it went out');
    expect(t.body).toHaveLength(180);
    expect(t.body.endsWith('…')).toBe(true);
  });
});
