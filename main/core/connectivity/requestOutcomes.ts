// Where platform requests report whether they reached their server, so connectivity is learned from real traffic.

import { logSurvived } from '../logs/survived';
import { parseUrl } from '../parse';
/** Whether a real request got an answer from its server (any status) or never reached it. */
export interface RequestOutcome {
  readonly origin: string;
  readonly reached: boolean;
}

const listeners = new Set<(outcome: RequestOutcome) => void>();

/** Observes every request made through platforms/http.ts send(); returns the function that stops observing. */
export function onRequestOutcome(listener: (outcome: RequestOutcome) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Called by send(); only the origin is passed on, because paths and queries can carry tokens (webhook URLs do). */
export function reportRequestOutcome(url: string, reached: boolean): void {
  if (listeners.size === 0) return;
  // send() was given something fetch could not parse either; there is no origin to report.
  const origin = parseUrl(url)?.origin;
  if (origin === undefined) return;
  for (const listener of listeners) {
    try {
      listener({ origin, reached });
    } catch (e) {
      // An observer must never change how a request ends.
      logSurvived('a listener for request outcomes failed', e);
    }
  }
}
