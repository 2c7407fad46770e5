#!/usr/bin/env node
// Entry point of the kairos command.

import { runCli } from './cli';

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdoutIsTerminal: process.stdout.isTTY === true,
});
process.exit(code);
