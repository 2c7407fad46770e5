#!/usr/bin/env node
// Entry point of the kairos command.

import { runCli } from './cli';

// A reader that went away (kairos run | head, a closed terminal) must not crash a publisher in the middle of a post.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

const code = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  stdoutIsTerminal: process.stdout.isTTY === true,
});
process.exit(code);
