// The backend's own check of the post for each chosen account (lengths per part, media, options), asked while typing pauses.

import { useEffect, useMemo, useState } from 'react';
import { type Issue, LENGTH_ISSUES, wordsForIssue } from '../../../shared/contract/problems';
import { invoke } from '../api/client';
import { useLiveQuery } from '../api/hooks';
import { useStrings } from '../i18n';
import { type ComposerForm, contentOf } from './composerModel';

const VALIDATE_DELAY_MS = 500;

/** Account id → the problems its network has with the post, beyond length, in the window's language. */
export function useValidation(form: ComposerForm, enabled: boolean): ReadonlyMap<string, readonly string[]> {
  const t = useStrings();
  const [problems, setProblems] = useState<ReadonlyMap<string, readonly Issue[]>>(new Map());
  const content = contentOf(form);
  const key = JSON.stringify({ ...content, labels: [] });
  useEffect(() => {
    const request = JSON.parse(key) as ReturnType<typeof contentOf>;
    if (!enabled || request.accountIds.length === 0) {
      setProblems(new Map());
      return;
    }
    let live = true;
    const timer = window.setTimeout(() => {
      void invoke('posts.validate', {
        text: request.text,
        accountIds: request.accountIds,
        overrides: request.overrides,
        options: request.options,
        parts: request.parts,
        media: request.media,
      }).then((r) => {
        if (!live || !r.ok) return;
        // Length problems are shown live by the counters, from the same rules; the list keeps to everything else.
        setProblems(new Map(r.value.map((c) => [c.accountId, c.issues.filter((i) => !LENGTH_ISSUES.has(i.code))])));
      });
    }, VALIDATE_DELAY_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [key, enabled]);
  return useMemo(() => new Map([...problems].map(([id, issues]) => [id, issues.map((i) => wordsForIssue(i, t.issues))])), [problems, t]);
}

/** Labels already used on recent and coming posts, offered as suggestions. */
export function useKnownLabels(): readonly string[] {
  const recent = useLiveQuery(
    'known-labels',
    () => invoke('posts.list', { from: Date.now() - 90 * 86_400_000, limit: 2_000 }),
    () => false,
  );
  const labels = new Set<string>();
  for (const p of recent.data ?? []) for (const l of p.labels) labels.add(l);
  return [...labels].sort((a, b) => a.localeCompare(b));
}
