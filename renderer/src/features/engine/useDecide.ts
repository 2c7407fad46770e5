// Applies one decision to the targets of a review row, one target at a time, so it touches exactly what the row shows.

import { useState } from 'react';
import type { DecisionInput } from '../../../../shared/contract/engine';
import { invoke } from '../../api/client';
import { messageFor } from '../../composer/composerModel';
import { wordProblem } from '../../i18n';
import { useNotify } from '../../state/toasts';
import type { ReviewGroup } from './engineModel';

export interface Decider {
  readonly busy: boolean;
  readonly error: string | null;
  /** True when every target took the decision; the toast says `done` (with a DST note from the backend, if any). */
  decide(group: ReviewGroup, decision: DecisionInput, done: string): Promise<boolean>;
}

export function useDecide(): Decider {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function decide(group: ReviewGroup, decision: DecisionInput, done: string): Promise<boolean> {
    setBusy(true);
    setError(null);
    let note: string | null = null;
    // Sequential on purpose: a decision per target keeps other accounts' targets of the post untouched, and never
    // turns one click into a burst of parallel sends.
    for (const item of group.items) {
      const result = await invoke('engine.decide', { postId: item.postId, accountId: item.accountId, decision });
      if (!result.ok) {
        setBusy(false);
        setError(messageFor(result.error));
        return false;
      }
      note = wordProblem(result.value.timeNoteProblem, result.value.timeNote) ?? note;
    }
    setBusy(false);
    notify({ message: done, tone: 'success', note });
    return true;
  }

  return { busy, error, decide };
}
