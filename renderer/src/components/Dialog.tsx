// A modal dialog on the native <dialog> element: focus trapped by the browser, Escape closes, focus returns.

import { type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import { useStrings } from '../i18n';

export interface DialogProps {
  readonly title: string;
  readonly subtitle?: ReactNode;
  readonly onClose: () => void;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
  readonly className?: string;
}

/** Mount it to open it, unmount it to close it. */
export function Dialog({ title, subtitle, onClose, children, footer, className }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const t = useStrings();

  useLayoutEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
      // The opener may have been re-rendered away; only return focus to it if it is still there.
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog__header">
        <div>
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          {subtitle ? <div className="dialog__subtitle">{subtitle}</div> : null}
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t.actions.close}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <div className="dialog__body">{children}</div>
      {footer ? <footer className="dialog__footer">{footer}</footer> : null}
    </dialog>
  );
}
