// Where each network's numbers come from, stored with every snapshot so a report can say how far to trust them.

import { METRIC_SOURCE_OF, type MetricSource } from '../../../shared/analytics';
import type { PlatformId } from '../../../shared/domain';

export function sourceOf(platform: string): MetricSource {
  return METRIC_SOURCE_OF[platform as PlatformId] ?? 'none';
}
