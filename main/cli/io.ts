// What a kairos command reads and writes: its output lines, a stop request, standard input.

import type { ReadStdin } from './secretInput';

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** Resolves when the user asks a long-running command to stop (Ctrl+C). */
  readonly stopSignal?: Promise<void>;
  /** Whether what `out` writes shows on a screen (a TTY) rather than going to a file or a pipe. */
  readonly stdoutIsTerminal?: boolean;
  /** Standard input to its end, for --*-file -; the process's own by default. */
  readonly readStdin?: ReadStdin;
}
