// A second window, in its own process: a whole backend on a shared data folder that adds posts to the queue when
// told to. Usage after bundling: node queueAdderChild.mjs DATA_DIR ACCOUNT_ID COUNT [one-call|two-calls]
// It prints "ready", waits for a line on stdin, adds COUNT posts, then prints their times as one JSON line.

import { createInterface } from 'node:readline';
import { createBackend } from '../core/backend';
import { FEATURES } from '../features';

const [dataDir, accountId, count = '10', mode = 'one-call'] = process.argv.slice(2);
if (!dataDir || !accountId) {
  process.stderr.write('queueAdderChild needs a data folder and an account id.\n');
  process.exit(2);
}

const backend = await createBackend({
  dataDir,
  features: FEATURES,
  shell: 'cli',
  runScheduler: false,
  systemTimeZone: 'Europe/Rome',
});
process.stdout.write('ready\n');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));

const times: (number | null)[] = [];
for (let i = 0; i < Number(count); i++) {
  const text = `Queued by ${process.pid}, #${i + 1}`;
  if (mode === 'two-calls') {
    // What "Add to queue" did before: pick a slot, then take it in a second call.
    const slot = await backend.call('queue.nextSlot', { accountIds: [accountId] });
    const { post } = await backend.call('posts.create', {
      text,
      accountIds: [accountId],
      when: { kind: 'instant', at: slot.at, timeZone: slot.timeZone },
    });
    times.push(post.scheduledAt);
  } else {
    const { post } = await backend.call('posts.create', { text, accountIds: [accountId], when: { kind: 'queue' } });
    times.push(post.scheduledAt);
  }
}
await backend.close();
process.stdout.write(`${JSON.stringify(times)}\n`);
