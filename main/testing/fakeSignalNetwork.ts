// A network for tests of the conversation panel: an adapter that publishes into a list and serves scripted signals.

import type { PlatformId } from '../../shared/domain';
import { DEFAULT_RULES } from '../../shared/platforms/rules';
import type { SignalPost, TrendItem } from '../../shared/signals';
import { type PlatformAdapter, PlatformError, type SignalQuery } from '../core/platforms/types';

export type Scripted<T> = Omit<T, 'platform' | 'accountId'>;

/** What the fake network says: change its fields between calls to script a test. */
export class FakeSignalNetwork {
  trends: Scripted<TrendItem>[] = [];
  mentions: Scripted<SignalPost>[] = [];
  readonly searches = new Map<string, Scripted<SignalPost>[]>();
  /** Thrown by every signal call while set (publishing still works). */
  failure: PlatformError | null = null;
  /** Every signal request, e.g. "trends", "mentions", "search:kairos". */
  readonly calls: string[] = [];
  readonly published: string[] = [];

  constructor(
    readonly platform: PlatformId,
    readonly displayName: string,
  ) {}

  /** Goes offline: every signal call fails as if the server could not be reached. */
  goOffline(): void {
    this.failure = new PlatformError('network', `${this.displayName} could not be reached. Check your connection; Kairos will try again.`);
  }

  #answer<T>(call: string, items: readonly Scripted<T>[], accountId: string): T[] {
    this.calls.push(call);
    if (this.failure) throw this.failure;
    return items.map((i) => ({ ...i, platform: this.platform, accountId }) as T);
  }

  adapter(): PlatformAdapter {
    const net = this;
    return {
      id: net.platform,
      displayName: net.displayName,
      idempotentRetry: true,
      async connect(input: unknown) {
        const handle = String((input as { name?: string }).name ?? 'fake');
        return { handle: `@${handle.toLowerCase()}`, avatarUrl: null, config: {}, secret: { token: 'fake-token' } };
      },
      lengthRule: () => DEFAULT_RULES[net.platform],
      validate: () => [],
      async publish(request) {
        net.published.push(request.text);
        return { remoteId: `remote-${net.published.length}`, remoteUrl: `https://example.test/p/${net.published.length}` };
      },
      async fetchTrends(ctx) {
        return net.#answer<TrendItem>('trends', net.trends, ctx.account.id);
      },
      async fetchMentions(ctx) {
        return net.#answer<SignalPost>('mentions', net.mentions, ctx.account.id);
      },
      async searchRecent(query: SignalQuery, ctx) {
        const term = query.terms[0] ?? '';
        return net.#answer<SignalPost>(`search:${term}`, net.searches.get(term) ?? [], ctx.account.id);
      },
    };
  }
}

/** A signal post at `minutesAgo` before `now`. */
export function postAt(
  now: number,
  minutesAgo: number,
  id: string,
  text: string,
  extra: Partial<Scripted<SignalPost>> = {},
): Scripted<SignalPost> {
  return { id, url: `https://example.test/${id}`, author: '@someone', text, createdAt: now - minutesAgo * 60_000, ...extra };
}
