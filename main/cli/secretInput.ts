// Secret options (--token, --app-password, --webhook-url) read from a file or standard input, so they need not sit
// in the command line, where every user of the machine can read them (/proc/PID/cmdline, ps, shell history).

import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { one, type ParsedArgs, UsageError } from './args';

/** No credential is this long; the cap keeps /dev/zero or a wrong, huge file from filling memory. */
const MAX_SECRET_BYTES = 64 * 1024;

export type ReadStdin = () => Promise<string>;

function tooLong(source: string): UsageError {
  return new UsageError(`${source} holds more than ${MAX_SECRET_BYTES / 1024} KiB; a credential is one short line. Check the file.`);
}

/** Reads standard input to its end, up to the cap. */
export function readProcessStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stdin = process.stdin;
    if (stdin.isTTY) process.stderr.write('Paste it, then press Enter and Ctrl+D:\n');
    stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_SECRET_BYTES) {
        stdin.destroy();
        reject(tooLong('Standard input'));
        return;
      }
      chunks.push(chunk);
    });
    stdin.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stdin.once('error', (e) => reject(new UsageError(`Could not read standard input: ${e.message}`)));
  });
}

/** Reads a file (a regular file, or a pipe such as <(pass show x)) up to the cap, without following it forever. */
function readSecretFile(path: string, flag: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`--${flag} ${path}: cannot read it (${why}).`);
  }
  try {
    if (fstatSync(fd).isDirectory()) throw new UsageError(`--${flag} ${path}: that is a folder; name the file that holds the credential.`);
    const buffer = Buffer.alloc(MAX_SECRET_BYTES + 1);
    let size = 0;
    for (;;) {
      const n = readSync(fd, buffer, size, buffer.length - size, null);
      if (n === 0) break;
      size += n;
      if (size > MAX_SECRET_BYTES) throw tooLong(`--${flag} ${path}`);
    }
    return buffer.subarray(0, size).toString('utf8');
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--${flag} ${path}: cannot read it (${(e as Error).message}).`);
  } finally {
    closeSync(fd);
  }
}

/**
 * The value of a secret option: --NAME VALUE, or --NAME-file PATH (- for standard input) with its trailing
 * newline removed. `what` says what the value is, for the error when neither is given.
 */
export async function secretOption(args: ParsedArgs, name: string, what: string, readStdin: ReadStdin): Promise<string> {
  const fileFlag = `${name}-file`;
  const direct = one(args, name);
  const file = one(args, fileFlag);
  if (direct !== undefined && file !== undefined) throw new UsageError(`Give --${name} or --${fileFlag}, not both.`);
  if (file === undefined) {
    if (direct === undefined || direct === '') {
      throw new UsageError(
        `--${name} is required: ${what}. To keep it off the command line, use --${fileFlag} FILE (- reads standard input).`,
      );
    }
    return direct;
  }
  if (file === '') throw new UsageError(`--${fileFlag} needs a file name, or - for standard input.`);
  const source = file === '-' ? 'standard input' : file;
  const value = (file === '-' ? await readStdin() : readSecretFile(file, fileFlag)).replace(/[\r\n]+$/, '');
  if (value.trim() === '') throw new UsageError(`--${fileFlag}: ${source} is empty; it should hold ${what}.`);
  if (/[\r\n]/.test(value)) throw new UsageError(`--${fileFlag}: ${source} holds more than one line; it should hold only ${what}.`);
  return value;
}
