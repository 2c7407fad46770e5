// How a long-running command (kairos run, kairos server) learns it should stop: the first SIGINT or SIGTERM asks
// for a clean stop, a second one quits at once.

export interface StopIO {
  err(line: string): void;
  /** Resolves when the caller asks to stop; SIGINT/SIGTERM when absent. */
  readonly stopSignal?: Promise<void> | undefined;
}

/** Resolves on the first SIGINT or SIGTERM; a second one quits at once, after saying so with `quitNote`. */
export function untilStopped(io: StopIO, quitNote = ''): { stopped: Promise<void>; dispose(): void } {
  if (io.stopSignal) return { stopped: io.stopSignal, dispose: () => {} };
  let asked = false;
  let resolve: () => void = () => {};
  const stopped = new Promise<void>((r) => {
    resolve = r;
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (asked) {
      io.err(`Second ${signal}: quitting now.${quitNote ? ` ${quitNote}` : ''}`);
      process.exit(130);
    }
    asked = true;
    resolve();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopped,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
