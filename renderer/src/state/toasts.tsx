// Short confirmations and notes after an action, announced politely to screen readers.

import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useStrings } from '../i18n';

export interface Toast {
  readonly id: number;
  readonly message: string;
  /** A second line the user should read before it goes (a DST note); such toasts stay until dismissed. */
  readonly note?: string | null;
  readonly tone?: 'info' | 'success' | 'warning';
}

type Notify = (toast: Omit<Toast, 'id'>) => void;

const ToastContext = createContext<Notify>(() => undefined);

const AUTO_DISMISS_MS = 6_000;

export function ToastProvider({ children }: { readonly children: ReactNode }) {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const nextId = useRef(1);
  const t = useStrings();

  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((x) => x.id !== id)), []);
  const notify = useCallback<Notify>(
    (toast) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-3), { ...toast, id }]);
      if (!toast.note) window.setTimeout(() => dismiss(id), AUTO_DISMISS_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <section className="toasts" aria-live="polite" aria-label={t.toasts}>
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast--${toast.tone ?? 'info'}`}>
            <div className="toast__body">
              <p className="toast__message">{toast.message}</p>
              {toast.note ? <p className="toast__note">{toast.note}</p> : null}
            </div>
            <button type="button" className="icon-button" onClick={() => dismiss(toast.id)} aria-label={t.actions.dismiss}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(ToastContext);
}
