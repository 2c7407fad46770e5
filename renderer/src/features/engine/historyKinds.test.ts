// Every kind of history entry the backend writes for a post reads as a phrase in both languages; unknown kinds show as written.

import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { it as italian } from '../../i18n/it';
import { historyKindLabel } from './historyKinds';

/**
 * The kinds the backend logs against posts (main/core/repos, scheduler, conversation pre-flight, Mastodon hand-off),
 * plus the engine's pause events. A new kind the renderer does not know still shows, as its raw name.
 */
const BACKEND_KINDS = [
  'created as draft',
  'created and scheduled',
  'edited',
  'edited and rescheduled',
  'rescheduled',
  'moved to drafts',
  'cancelled',
  'publishing',
  'recovering',
  'published',
  'retrying',
  'failed',
  'unconfirmed',
  'missed',
  'held',
  'scheduled',
  'decided: publish now',
  'marked as published',
  'discarded',
  're-anchored',
  'publishing paused',
  'publishing resumed',
  'pause changed',
  'account paused',
  'account resumed',
  'pre-flight check: held',
  'pre-flight check: clear',
  'pre-flight check: skipped',
  'pre-flight decision',
  'handed off',
  'hand-off moved',
  'taken back',
  'kept for local publishing',
  'published early',
] as const;

describe('history kinds', () => {
  it('has English words for every kind, never the raw kind', () => {
    const missing = BACKEND_KINDS.filter((k) => historyKindLabel(en, k) === k);
    expect(missing).toEqual([]);
  });

  it('has Italian words for every kind, different from the English ones', () => {
    const untranslated = BACKEND_KINDS.filter((k) => historyKindLabel(italian, k) === historyKindLabel(en, k));
    expect(untranslated).toEqual([]);
  });

  it('reads the engine’s decisions as phrases', () => {
    expect(historyKindLabel(en, 'decided: publish now')).toBe('Sent now on request');
    expect(historyKindLabel(en, 'pre-flight check: held')).toBe('Held by the pre-flight check');
    expect(historyKindLabel(italian, 'publishing paused')).toBe('Pubblicazioni in pausa');
  });

  it('falls back to the kind as the backend wrote it', () => {
    expect(historyKindLabel(en, 'something new')).toBe('something new');
    expect(historyKindLabel(italian, 'something new')).toBe('something new');
  });
});
