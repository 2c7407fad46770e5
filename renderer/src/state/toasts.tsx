// Short confirmations and notes after an action, announced politely to screen readers; some carry an Undo.

import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useStrings } from '../i18n';

export interface ToastAction {
  readonly label: string;
  readonly run: () => void;
}

export interface ToastInput {
  readonly message: string;
  /** A second line the user should read before it goes (a DST note); such toasts stay until dismissed. */
  readonly note?: string | null;
  readonly tone?: 'info' | 'success' | 'warning' | 'danger';
  /** A button on the toast, such as Undo. */
  readonly action?: ToastAction;
  /** Runs once when the toast leaves without its action being used (it timed out or was dismissed). */
  readonly onExpire?: () => void;
}

export interface Toast extends ToastInput {
  readonly id: number;
}

type Notify = (toast: ToastInput) => number;

interface ToastApi {
  readonly notify: Notify;
  readonly dismiss: (id: number) => void;
  /** Runs a toast's action as if its button was pressed; false when that toast is gone. */
  readonly act: (id: number) => boolean;
}

const ToastContext = createContext<ToastApi>({ notify: () => 0, dismiss: () => undefined, act: () => false });

const AUTO_DISMISS_MS = 6_000;
const MAX_TOASTS = 4;

export function ToastProvider({ children }: { readonly children: ReactNode }) {
  const [toasts, setToasts] = useState<readonly Toast[]>([]);
  const nextId = useRef(1);
  const live = useRef(new Map<number, Toast>());
  const timers = useRef(new Map<number, number>());
  const t = useStrings();

  /** Removes a toast; `used` says its action ran, otherwise its onExpire runs. */
  const finish = useCallback((id: number, used: boolean) => {
    const toast = live.current.get(id);
    if (!toast) return;
    live.current.delete(id);
    const timer = timers.current.get(id);
    if (timer !== undefined) window.clearTimeout(timer);
    timers.current.delete(id);
    setToasts((list) => list.filter((x) => x.id !== id));
    if (used) toast.action?.run();
    else toast.onExpire?.();
  }, []);

  const notify = useCallback<Notify>(
    (input) => {
      const id = nextId.current++;
      const toast: Toast = { ...input, id };
      live.current.set(id, toast);
      setToasts((list) => {
        // The oldest ones make room; they leave as if dismissed, so pending work (a delayed delete) still happens.
        const overflow = list.slice(0, Math.max(0, list.length - (MAX_TOASTS - 1)));
        for (const old of overflow) window.setTimeout(() => finish(old.id, false), 0);
        return [...list.filter((x) => !overflow.includes(x)), toast];
      });
      if (!input.note)
        timers.current.set(
          id,
          window.setTimeout(() => finish(id, false), AUTO_DISMISS_MS),
        );
      return id;
    },
    [finish],
  );

  // Leaving the page ends every toast: their pending work runs now rather than never.
  useEffect(() => {
    const flush = () => {
      for (const id of [...live.current.keys()]) finish(id, false);
    };
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, [finish]);

  const api = useMemo<ToastApi>(
    () => ({
      notify,
      dismiss: (id) => finish(id, false),
      act: (id) => {
        if (!live.current.has(id)) return false;
        finish(id, true);
        return true;
      },
    }),
    [notify, finish],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section className="toasts" aria-live="polite" aria-label={t.toasts}>
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast--${toast.tone ?? 'info'}`} data-toast-id={toast.id}>
            <div className="toast__body">
              <p className="toast__message">{toast.message}</p>
              {toast.note ? <p className="toast__note">{toast.note}</p> : null}
            </div>
            {toast.action ? (
              <button type="button" className="button button--small toast__action" onClick={() => finish(toast.id, true)}>
                {toast.action.label}
              </button>
            ) : null}
            <button type="button" className="icon-button" onClick={() => finish(toast.id, false)} aria-label={t.actions.dismiss}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </section>
    </ToastContext.Provider>
  );
}

export function useNotify(): Notify {
  return useContext(ToastContext).notify;
}

export function useToasts(): ToastApi {
  return useContext(ToastContext);
}
