// When the pre-flight check holds a post: the rule on its own, with numbers and names.

import { describe, expect, it } from 'vitest';
import type { WatchTerm } from '../../../shared/conversation';
import type { PostView } from '../../../shared/domain';
import { preflightVerdict, textsOf } from './preflight';

const watch = (term: string, severity: WatchTerm['severity']): WatchTerm => ({ id: `w-${term}`, term, severity, createdAt: 0 });

function post(text: string, extra: Partial<PostView> = {}): PostView {
  return {
    id: 'post_1',
    text,
    timeZone: 'UTC',
    scheduledAt: 0,
    status: 'scheduled',
    labels: [],
    options: {},
    parts: [],
    media: [],
    targets: [],
    createdAt: 0,
    updatedAt: 0,
    ...extra,
  };
}

const trend = (name: string) => ({
  platform: 'mastodon' as const,
  accountId: 'acc',
  name,
  kind: 'tag' as const,
  url: null,
  history: [],
  volume: null,
});

describe('pre-flight verdict', () => {
  it('holds when a high-severity term is trending, but not a medium one', () => {
    const list = [watch('strike', 'high'), watch('delay', 'medium')];
    const v = preflightVerdict(post('Summer sale'), [{ platformName: 'Mastodon', trends: [trend('Strike'), trend('Delay')] }], list);
    expect(v).toEqual({
      hold: true,
      reasons: ['"strike" (high) is trending on Mastodon as "Strike".'],
      trigger: { term: list[0], source: 'trend' },
    });
  });

  it('holds when a hashtag is a medium or high watch term, in any part or account version', () => {
    const list = [watch('data breach', 'medium'), watch('kairos', 'low')];
    const threaded = post('Our #Kairos update', {
      parts: ['More on the #DataBreach'],
    });
    expect(textsOf(threaded)).toEqual(['Our #Kairos update', 'More on the #DataBreach']);
    expect(preflightVerdict(threaded, [], list)).toMatchObject({
      hold: true,
      reasons: ['#databreach matches the watch term "data breach" (medium).'],
    });
  });

  it('lets a post through when nothing matches, or only low-severity terms do', () => {
    const list = [watch('kairos', 'low'), watch('strike', 'high')];
    expect(preflightVerdict(post('Say hi to #Kairos'), [{ platformName: 'Bluesky', trends: [trend('kairos')] }], list)).toEqual({
      hold: false,
      reasons: [],
      trigger: null,
    });
  });

  it('names the most severe term as the trigger', () => {
    const list = [watch('recall', 'medium'), watch('strike', 'high')];
    const v = preflightVerdict(post('About the #recall'), [{ platformName: 'Mastodon', trends: [trend('strike')] }], list);
    expect(v.trigger).toEqual({ term: list[1], source: 'trend' });
    expect(v.reasons).toHaveLength(2);
  });
});
