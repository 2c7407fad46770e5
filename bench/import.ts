// CSV import of 5,000 rows through the contract: preview (every row checked) and commit (one transaction).
// Run: node bench/run.mjs bench/import.ts [--rows N]

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../main/core/backend';
import { FEATURES } from '../main/features';
import { DiscordFake } from '../main/testing/discordFake';

const ROWS = Number(process.argv[process.argv.indexOf('--rows') + 1]) || 5000;
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;

function csvOf(rows: number): string {
  const lines = ['date,time,time_zone,text,accounts,labels,first_comment'];
  for (let i = 0; i < rows; i++) {
    const day = new Date(Date.UTC(2031, 0, 1) + Math.floor(i / 10) * 86_400_000).toISOString().slice(0, 10);
    const time = `${String(8 + (i % 10)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`;
    lines.push(
      `${day},${time},Europe/Rome,"Post ${i}: a line of text, with a comma, and ""quotes"" https://example.com/${i}",Club,"bench; q${i % 4}",${i % 5 === 0 ? 'More in the reply' : ''}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function main(): Promise<void> {
  const fake = await new DiscordFake().start();
  const csv = Buffer.from(csvOf(ROWS)).toString('base64');
  const previews: number[] = [];
  const commits: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const dir = mkdtempSync(join(tmpdir(), 'kairos-bench-import-'));
      const backend = await createBackend({ dataDir: dir, features: FEATURES, shell: 'cli', systemTimeZone: 'Europe/Rome' });
      try {
        // The connect check talks to the fake; on a loaded machine give it a second try.
        const connect = () =>
          backend.call('accounts.connect', { platform: 'discord', name: 'Club', webhookUrl: fake.createWebhook('Club') });
        await connect().catch(connect);
        const req = { fileName: 'bench.csv', contentBase64: csv };
        let t = performance.now();
        const p = await backend.call('import.preview', req);
        previews.push(performance.now() - t);
        if (p.counts.withErrors > 0) throw new Error(`rows with problems: ${JSON.stringify(p.rows.find((r) => r.problems.length))}`);
        t = performance.now();
        const r = await backend.call('import.commit', req);
        commits.push(performance.now() - t);
        if (r.imported !== ROWS) throw new Error(`imported ${r.imported} of ${ROWS}`);
      } finally {
        await backend.close();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await fake.stop();
  }
  const f = (n: number) => `${(n / 1000).toFixed(2)} s`;
  process.stdout.write(
    `${[
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
      `rows: ${ROWS}, runs: ${RUNS} (fresh database each)`,
      `preview (decode, parse, check every row):  median ${f(median(previews))}, max ${f(Math.max(...previews))}`,
      `commit (check again, save in one transaction): median ${f(median(commits))}, max ${f(Math.max(...commits))}`,
      `target: commit < 3 s — median ${median(commits) < 3000 ? 'met' : 'NOT met'}, slowest run ${Math.max(...commits) < 3000 ? 'met' : 'NOT met'}`,
    ].join('\n')}\n`,
  );
}

await main();
