// Where each network's numbers come from, stored with every snapshot so a report can say how far to trust them.

import type { MetricSource } from '../../../shared/analytics';

export function sourceOf(platform: string): MetricSource {
  if (platform === 'mastodon') return 'mastodon-server';
  if (platform === 'bluesky') return 'bluesky-appview';
  return 'none';
}
