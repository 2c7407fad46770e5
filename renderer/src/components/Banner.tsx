// A full-width notice at the top of a view: something the user should know, with an optional action.

import type { ReactNode } from 'react';
import { useStrings } from '../i18n';

export interface BannerProps {
  readonly tone: 'info' | 'warning' | 'danger';
  readonly title: string;
  readonly children?: ReactNode;
  readonly onDismiss?: () => void;
  readonly action?: ReactNode;
}

export function Banner({ tone, title, children, onDismiss, action }: BannerProps) {
  const t = useStrings();
  return (
    <section className={`banner banner--${tone}`} role={tone === 'info' ? 'status' : 'alert'} aria-label={title}>
      <div className="banner__body">
        <p className="banner__title">{title}</p>
        {children ? <div className="banner__text">{children}</div> : null}
      </div>
      {action}
      {onDismiss ? (
        <button type="button" className="button button--ghost button--small" onClick={onDismiss}>
          {t.actions.dismiss}
        </button>
      ) : null}
    </section>
  );
}
