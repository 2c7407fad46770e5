// Failures the backend survives on purpose (a background pass that runs again, a listener or a feature's hook that
// threw): one line each on standard error, without secrets or control characters, so they are seen, not swallowed.

import { safeText, withoutSecrets } from './outcomeLines';

/** Writes "Kairos: <what> (it carries on): <the error>"; `what` says what failed, in the caller's words. */
export function logSurvived(what: string, e: unknown): void {
  const detail = e instanceof Error ? e.message : String(e);
  process.stderr.write(`Kairos: ${what} (it carries on): ${safeText(withoutSecrets(detail))}\n`);
}
