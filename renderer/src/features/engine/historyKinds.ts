// The words for a post's history entry: the general ones, then the engine's own, else the kind as the backend wrote it.

import type { Dictionary } from '../../i18n';

export function historyKindLabel(t: Dictionary, kind: string): string {
  return t.historyKinds[kind] ?? t.engine.historyKinds[kind] ?? kind;
}
