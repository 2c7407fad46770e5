// kairos database backups / restore: see the verified backups and put one back when the database is damaged.

import { join } from 'node:path';
import { DATABASE_FILE } from '../core/backend';
import { resolveDataDir } from '../core/dataDir';
import { backupInfos, restoreBackup, verifyBackup } from '../core/db/backups';
import { allowOnly, one, type ParsedArgs, UsageError } from './args';

export interface DatabaseCommandIO {
  out(line: string): void;
}

export function commandDatabase(sub: string | undefined, args: ParsedArgs, io: DatabaseCommandIO): number {
  const dbPath = join(resolveDataDir(args.dataDir), DATABASE_FILE);
  if (sub === 'backups') {
    allowOnly(args, []);
    const list = backupInfos(dbPath).map((b) => ({ ...b, problem: verifyBackup(b.path) }));
    if (args.json)
      io.out(
        JSON.stringify(
          list.map((b) => ({ ...b, at: new Date(b.at).toISOString() })),
          null,
          2,
        ),
      );
    else if (list.length === 0) io.out(`No backups yet in ${join(resolveDataDir(args.dataDir), 'backups')}.`);
    else for (const b of list) io.out(`${new Date(b.at).toISOString()}  ${b.fileName}  ${b.problem ? `unusable: ${b.problem}` : 'ok'}`);
    return 0;
  }
  if (sub === 'restore') {
    allowOnly(args, ['from']);
    const from = one(args, 'from');
    const chosen = from ?? backupInfos(dbPath).find((b) => verifyBackup(b.path) === null)?.path;
    if (!chosen) throw new UsageError('There is no good backup to restore. See "kairos database backups".');
    const aside = restoreBackup(dbPath, chosen);
    io.out(
      args.json
        ? JSON.stringify({ restored: chosen, damagedCopy: aside })
        : `Restored ${chosen}. The previous database was kept as ${aside}. Start Kairos again.`,
    );
    return 0;
  }
  throw new UsageError('database takes "backups" or "restore [--from FILE]".');
}
