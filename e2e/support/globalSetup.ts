// Says once, before the run, why the Electron specs will be skipped on a machine without the Electron binary.

import { electronExecutable, MISSING_BINARY_REASON } from '../electron/electronBinary';

export default function announceSkippedShells(): void {
  if (electronExecutable() === null) process.stdout.write(`Electron specs (e2e/electron) skip: ${MISSING_BINARY_REASON}\n`);
}
