// The light probe: one HEAD request with a short deadline; any answer at all means the server is reachable.

/** Resolves true when the origin answered (any status), false when it could not be reached in time. */
export type ProbeFn = (origin: string, timeoutMs: number) => Promise<boolean>;

export const httpProbe: ProbeFn = async (origin, timeoutMs) => {
  try {
    // Not through platforms/http.ts send(): a probe must not report itself as a real request's outcome.
    const res = await fetch(origin, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return true;
  } catch (e) {
    // fetch fails with a TypeError when nothing answers (the cause says why) and with a DOMException at the deadline.
    if (e instanceof TypeError || (e instanceof DOMException && (e.name === 'TimeoutError' || e.name === 'AbortError'))) return false;
    throw e;
  }
};
