// Notices commits made to the database by other processes (the CLI, the app), so the scheduler wakes for them.

import Database from 'better-sqlite3';
import { logSurvived } from '../logs/survived';
import type { Db } from './database';

/** How often `PRAGMA data_version` is read: a post added elsewhere is seen within about this long. */
export const EXTERNAL_CHANGE_POLL_MS = 1_000;

export interface ExternalChangeWatch {
  stop(): void;
}

/**
 * SQLite bumps `data_version` on this connection only when another connection commits (never for our own writes,
 * nor for transactions that changed nothing), so reading it is a cheap, exact "someone else wrote" test that works
 * the same on every OS and needs no file watcher. The timer is unref'd: watching never keeps a process alive.
 */
export function watchExternalChanges(db: Db, onChange: () => void, intervalMs = EXTERNAL_CHANGE_POLL_MS): ExternalChangeWatch {
  const read = db.prepare<[], { data_version: number }>('PRAGMA data_version');
  const version = (): number | null => {
    try {
      return db.open ? (read.get()?.data_version ?? null) : null;
    } catch (e) {
      // A busy or closing database is read again on the next tick; anything else is worth a line, not a crash.
      if (!(e instanceof Database.SqliteError) && db.open) logSurvived('checking for changes made by another process failed', e);
      return null;
    }
  };
  let last = version();
  const timer = setInterval(() => {
    const now = version();
    if (now === null || now === last) return;
    last = now;
    onChange();
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
