// A log file in the data folder that never grows past a size: older generations are kept as .1, .2, … and then dropped.

import { appendFileSync, chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface RotatingLogOptions {
  /** The size at which the current file is rotated. */
  readonly maxBytes: number;
  /** Older files kept besides the current one. */
  readonly keep: number;
}

export const DEFAULT_LOG_ROTATION: RotatingLogOptions = { maxBytes: 1024 * 1024, keep: 3 };

/** Writes whole lines synchronously (one per publish outcome: rare and small), so a crash loses none written before it. */
export class RotatingLog {
  #size: number;

  constructor(
    readonly path: string,
    private readonly options: RotatingLogOptions = DEFAULT_LOG_ROTATION,
  ) {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.#size = existsSync(path) ? statSync(path).size : 0;
    // Only the user may read what was published and why; a file left by an older version is tightened too.
    if (existsSync(path)) chmodSync(path, 0o600);
  }

  write(line: string): void {
    const text = `${line.replace(/\n/g, ' ')}\n`;
    const bytes = Buffer.byteLength(text);
    if (this.#size > 0 && this.#size + bytes > this.options.maxBytes) this.#rotate();
    appendFileSync(this.path, text, { mode: 0o600 });
    this.#size += bytes;
  }

  #rotate(): void {
    rmSync(`${this.path}.${this.options.keep}`, { force: true });
    for (let n = this.options.keep - 1; n >= 1; n--) {
      if (existsSync(`${this.path}.${n}`)) renameSync(`${this.path}.${n}`, `${this.path}.${n + 1}`);
    }
    if (this.options.keep > 0) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.#size = 0;
  }
}
