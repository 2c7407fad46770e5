// What a view shows when it has nothing yet: one sentence saying so, one saying what to do.

import type { ReactNode } from 'react';

export function EmptyState({ title, hint, action }: { readonly title: string; readonly hint?: string; readonly action?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty__title">{title}</p>
      {hint ? <p className="empty__hint">{hint}</p> : null}
      {action ? <div className="empty__action">{action}</div> : null}
    </div>
  );
}
