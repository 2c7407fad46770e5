// A publishing process for the kill loop: publishes from a data folder until it is killed (or, in drain mode,
// until nothing is due). Usage after bundling: node publisherChild.mjs DATA_DIR [run|drain]

import type { PlatformId } from '../../shared/domain';
import type { PlatformAdapter } from '../core/platforms/types';
import { createDiscordAdapter } from '../platforms/discord/adapter';
import { startMinimalPublisher } from './minimalPublisher';

const [dataDir, mode = 'run'] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('publisherChild needs a data folder.\n');
  process.exit(2);
}

// Only Discord: no idempotency key and no lookup, the hardest case for exactly-once.
const publisher = await startMinimalPublisher(
  dataDir,
  new Map<PlatformId, PlatformAdapter>([['discord', createDiscordAdapter() as PlatformAdapter]]),
);
process.stdout.write('ready\n');

if (mode === 'drain') {
  const giveUpAt = Date.now() + 30_000;
  for (;;) {
    await publisher.scheduler.idle();
    const pending = (await publisher.posts.list({ statuses: ['scheduled', 'retrying', 'publishing', 'partial'] }))
      .flatMap((p) => p.targets)
      .filter((t) => ['scheduled', 'retrying', 'publishing'].includes(t.status));
    if (pending.length === 0) break;
    if (Date.now() > giveUpAt) {
      process.stdout.write(`still pending after 30 s: ${pending.length}\n`);
      process.exit(3);
    }
    await new Promise((r) => setTimeout(r, 100));
    publisher.scheduler.wake();
  }
  await publisher.close();
  process.stdout.write('drained\n');
  process.exit(0);
}
