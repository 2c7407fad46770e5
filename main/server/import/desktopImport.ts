// Moving a desktop database into a workspace: every table the two schemas share, copied in one PostgreSQL
// transaction. The tables and their column types come from PostgreSQL's catalog, so a table a later migration adds
// comes along without a change here. Rows are first staged in temporary tables (converted by each column's type),
// checked against what the workspace already holds, then inserted parents first. Credentials the data folder's key
// file sealed are re-sealed with the server key; those only the desktop's keychain can open stay behind.

import { hostname } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { CredentialUnreadableError, KEY_FILE_FORMAT, KEYCHAIN_FORMAT, KeyFileCipher, type SecretCipher } from '../../core/secrets/cipher';
import { loadPgMigrations, schemaVersion } from '../pg/migrate';
import { appendEvent } from '../pg/stores/pgDb';
import { DesktopImportError, type DesktopSnapshot, pauseMovedDesktop, snapshotDesktopDatabase } from './desktopDatabase';
import { copyMediaFiles, type MediaFile, type MediaPlan, planMedia, removeCopied } from './mediaFiles';

export { DesktopImportError } from './desktopDatabase';

/** Desktop tables that are not moved even when the workspace has a table of that name, and why. */
export const NOT_MOVED: Readonly<Record<string, string>> = {
  scheduler_lease: "the desktop's publishing lease; the workspace's server processes claim posts with row locks instead",
  app_preferences: "the desktop app's own preferences (tray, quick-post shortcut, open at login)",
  credential_problems: "which logins that computer's Kairos could not open; the server checks each login for itself",
};

/** Desktop columns the workspace does without, and why. */
const COLUMNS_NOT_MOVED: Readonly<Record<string, string>> = {
  'posts.target_marks': 'kept by triggers on the desktop; the workspace reads it with a join',
};

/** Tables of named values: where the workspace already has a value, it keeps it (its team chose it). */
const KEEP_WORKSPACE_VALUES = new Set(['settings', 'conversation_settings']);

/** Why a desktop table with no workspace table of its name is not moved. */
export const NO_TABLE_YET = 'this workspace has no table for it yet';

export const RECONNECT_REASON = 'Reconnect this account on the workspace: its login stayed on the computer it came from.';
export const UNREADABLE_REASON =
  "Reconnect this account on the workspace: its saved login could not be opened with the data folder's key file when it was moved.";
export const MOVED_KIND = 'moved into the workspace';

export interface ImportOptions {
  readonly pool: pg.Pool;
  /** The desktop's data folder (kairos.sqlite, secrets.key, media/). */
  readonly from: string;
  /** Seals the credentials on the workspace (the server's ServerKeyCipher). */
  readonly cipher: SecretCipher;
  /** The server's data folder: media files are copied into its media folder when given. */
  readonly serverDataDir?: string;
  readonly dryRun?: boolean;
  /** How the desktop's pause names the workspace ("database kairos at db.internal:5432"). */
  readonly workspaceName?: string;
  /** Named in each post's history line; this computer's name by default. */
  readonly host?: string;
  readonly now?: number;
}

export interface MovedAccount {
  readonly id: string;
  readonly name: string;
  readonly platform: string;
  /** resealed: its login now opens on the server; reconnect: it waits for a new login there; none: it had none. */
  readonly login: 'resealed' | 'reconnect' | 'none';
}

export interface LeftOut {
  readonly name: string;
  readonly rows: number;
  readonly why: string;
}

export interface ImportSummary {
  readonly dryRun: boolean;
  /** Publishing from the desktop database was paused after the move (false in a dry run, or when it failed). */
  readonly desktopPaused: boolean;
  /** Why the desktop database could not be paused. */
  readonly desktopPauseError?: string;
  readonly from: string;
  readonly desktopSchema: number;
  readonly workspaceSchema: number;
  readonly host: string;
  readonly accounts: readonly MovedAccount[];
  readonly posts: number;
  readonly historyLines: number;
  readonly mediaRecords: number;
  /** Rows copied, per table, in the order they were written. */
  readonly tables: readonly { readonly name: string; readonly rows: number }[];
  /** Desktop tables not moved, with their row counts. */
  readonly leftOut: readonly LeftOut[];
  readonly columnsLeftOut: readonly LeftOut[];
  /** Workspace tables the desktop has nothing for. */
  readonly workspaceOnly: readonly string[];
  /** Named values the workspace kept its own value of: "settings.timeZone". */
  readonly keptWorkspaceValues: readonly string[];
  /** Tables whose numbered rows (history lines) were numbered after the workspace's own. */
  readonly renumbered: readonly string[];
  /** target: the server's media folder, when its data folder was given (nothing is copied in a dry run). */
  readonly media: MediaPlan & { readonly target: string | null; readonly copied: number; readonly alreadyThere: number };
}

interface PgColumn {
  readonly name: string;
  readonly dataType: string;
  readonly udt: string;
  readonly identity: boolean;
}

interface PgTable {
  readonly name: string;
  readonly columns: PgColumn[];
  primaryKey: { readonly constraint: string; readonly columns: readonly string[] } | null;
  readonly parents: Set<string>;
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;

async function readCatalog(c: pg.PoolClient): Promise<Map<string, PgTable>> {
  const tables = new Map<string, PgTable>();
  const cols = await c.query<{ table_name: string; column_name: string; data_type: string; udt_name: string; is_identity: string }>(
    `SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_identity
     FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
     ORDER BY c.table_name, c.ordinal_position`,
  );
  for (const r of cols.rows) {
    let t = tables.get(r.table_name);
    if (!t) {
      t = { name: r.table_name, columns: [], primaryKey: null, parents: new Set() };
      tables.set(r.table_name, t);
    }
    t.columns.push({ name: r.column_name, dataType: r.data_type, udt: r.udt_name, identity: r.is_identity === 'YES' });
  }
  const keys = await c.query<{ table_name: string; conname: string; cols: string[] }>(
    `SELECT rel.relname::text AS table_name, con.conname::text AS conname,
            array_agg(att.attname::text ORDER BY k.ord) AS cols
     FROM pg_constraint con
     JOIN pg_class rel ON rel.oid = con.conrelid
     JOIN pg_namespace n ON n.oid = rel.relnamespace
     CROSS JOIN LATERAL unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
     JOIN pg_attribute att ON att.attrelid = rel.oid AND att.attnum = k.attnum
     WHERE con.contype = 'p' AND n.nspname = current_schema()
     GROUP BY rel.relname, con.conname`,
  );
  for (const r of keys.rows) {
    const t = tables.get(r.table_name);
    if (t) t.primaryKey = { constraint: r.conname, columns: r.cols };
  }
  const fks = await c.query<{ child: string; parent: string }>(
    `SELECT src.relname::text AS child, dst.relname::text AS parent
     FROM pg_constraint con
     JOIN pg_class src ON src.oid = con.conrelid
     JOIN pg_class dst ON dst.oid = con.confrelid
     JOIN pg_namespace n ON n.oid = src.relnamespace
     WHERE con.contype = 'f' AND n.nspname = current_schema()`,
  );
  for (const r of fks.rows) if (r.child !== r.parent) tables.get(r.child)?.parents.add(r.parent);
  return tables;
}

/** Parents before children (foreign keys); a cycle, which the schema does not have, keeps the remaining order. */
function parentsFirst(names: readonly string[], tables: ReadonlyMap<string, PgTable>): string[] {
  const wanted = new Set(names);
  const done = new Set<string>();
  const order: string[] = [];
  const visit = (name: string, path: Set<string>) => {
    if (done.has(name) || path.has(name)) return;
    path.add(name);
    for (const p of [...(tables.get(name)?.parents ?? [])].sort()) if (wanted.has(p)) visit(p, path);
    path.delete(name);
    done.add(name);
    order.push(name);
  };
  for (const n of [...names].sort()) visit(n, new Set());
  return order;
}

const EPOCH_MS_TYPES = new Set(['timestamp with time zone', 'timestamp without time zone']);

/** A desktop value as the workspace column wants it: epoch ms to a time, JSON text to jsonb, 0/1 to a boolean. */
export function convertValue(v: unknown, col: PgColumn, where: () => string): unknown {
  if (v === null || v === undefined) return null;
  const t = col.dataType;
  if (EPOCH_MS_TYPES.has(t)) return typeof v === 'number' || typeof v === 'bigint' ? new Date(Number(v)) : v;
  if (t === 'date') return typeof v === 'number' ? new Date(v).toISOString().slice(0, 10) : v;
  if (t === 'boolean') return typeof v === 'number' || typeof v === 'bigint' ? Number(v) !== 0 : v;
  if (t === 'json' || t === 'jsonb') {
    if (typeof v !== 'string') return JSON.stringify(v);
    try {
      JSON.parse(v);
    } catch {
      throw new DesktopImportError('failed', `${where()} is not JSON, which the workspace's column needs. Nothing was moved.`);
    }
    return v;
  }
  if (t === 'ARRAY') {
    if (typeof v !== 'string') return v;
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch {
      parsed = null;
    }
    if (!Array.isArray(parsed))
      throw new DesktopImportError('failed', `${where()} is not a JSON list, which the workspace's column needs.`);
    return parsed;
  }
  if (t === 'bytea') return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
  if (t === 'text' || t === 'character varying' || t === 'character') return typeof v === 'number' || typeof v === 'bigint' ? String(v) : v;
  if (typeof v === 'bigint') return v.toString();
  return v;
}

interface Staged {
  readonly table: PgTable;
  readonly stage: string;
  /** Workspace columns filled from the desktop, in order; `fromRowid` for an identity column the desktop lacks. */
  readonly columns: readonly { readonly col: PgColumn; readonly source: string | null }[];
  readonly rows: number;
}

/** Rows per INSERT of the staging tables, under PostgreSQL's 65535 parameters. */
const paramsPerBatch = 30_000;

async function stageTable(
  c: pg.PoolClient,
  desktop: DesktopSnapshot,
  table: PgTable,
  index: number,
  desktopColumns: readonly string[],
  hasRowid: boolean,
  transform: (row: Record<string, unknown>) => Record<string, unknown>,
): Promise<Staged> {
  const shared = new Set(desktopColumns);
  const columns = table.columns
    .filter((col) => shared.has(col.name) || (col.identity && hasRowid))
    .map((col) => ({ col, source: shared.has(col.name) ? col.name : null }));
  const stage = `kairos_import_${index}`;
  await c.query(
    `CREATE TEMP TABLE ${q(stage)} ON COMMIT DROP AS SELECT ${columns.map((x) => q(x.col.name)).join(', ')} FROM ${q(table.name)} WITH NO DATA`,
  );
  const select = `SELECT ${hasRowid ? 'rowid AS kairos_rowid, ' : ''}* FROM ${q(table.name)}${hasRowid ? ' ORDER BY rowid' : ''}`;
  const perBatch = Math.max(1, Math.floor(paramsPerBatch / Math.max(1, columns.length)));
  let batch: unknown[][] = [];
  let rows = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const params: unknown[] = [];
    const tuples = batch.map((values) => `(${values.map((v) => `$${params.push(v)}`).join(', ')})`);
    await c.query(`INSERT INTO ${q(stage)} (${columns.map((x) => q(x.col.name)).join(', ')}) VALUES ${tuples.join(', ')}`, params);
    batch = [];
  };
  for (const raw of desktop.db.prepare(select).iterate() as Iterable<Record<string, unknown>>) {
    const row = transform(raw);
    const key = table.primaryKey?.columns.map((k) => String(row[k])).join(', ') ?? String(row.kairos_rowid ?? rows + 1);
    batch.push(
      columns.map(({ col, source }) =>
        convertValue(source === null ? row.kairos_rowid : row[source], col, () => `${table.name}.${col.name} of the desktop's row ${key}`),
      ),
    );
    rows++;
    if (batch.length >= perBatch) await flush();
  }
  await flush();
  return { table, stage, columns, rows };
}

interface Conflict {
  readonly table: string;
  readonly keys: readonly string[];
  readonly count: number;
}

/** The table's primary key, when the desktop fills all of its columns. */
function stagedKey(s: Staged): PgTable['primaryKey'] {
  const pk = s.table.primaryKey;
  return pk?.columns.every((k) => s.columns.some((x) => x.col.name === k)) ? pk : null;
}

/** Rows of the staging table whose primary key the workspace already has (the first few keys, and how many). */
async function conflictsOf(c: pg.PoolClient, s: Staged, limit: number): Promise<Conflict | null> {
  const pk = stagedKey(s);
  if (!pk) return null;
  const on = pk.columns.map((k) => `w.${q(k)} = s.${q(k)}`).join(' AND ');
  const keyText = pk.columns.map((k) => `s.${q(k)}::text`).join(` || ', ' || `);
  const { rows } = await c.query<{ key: string; n: string }>(
    `SELECT ${keyText} AS key, count(*) OVER () AS n FROM ${q(s.stage)} s JOIN ${q(s.table.name)} w ON ${on} ORDER BY 1 LIMIT ${limit}`,
  );
  if (rows.length === 0) return null;
  return { table: s.table.name, keys: rows.map((r) => r.key), count: Number(rows[0]?.n ?? rows.length) };
}

function listed(keys: readonly string[], count: number): string {
  return count > keys.length ? `${keys.join(', ')} and ${count - keys.length} more` : keys.join(', ');
}

function refuseConflicts(conflicts: readonly Conflict[], accountNames: ReadonlyMap<string, string>): never {
  const parts = conflicts.map((x) => {
    if (x.table === 'accounts')
      return `${x.count} account${x.count === 1 ? '' : 's'} (${listed(
        x.keys.map((k) => `${accountNames.get(k) ?? '?'} ${k}`),
        x.count,
      )})`;
    if (x.table === 'posts') return `${x.count} post${x.count === 1 ? '' : 's'} (${listed(x.keys, x.count)})`;
    return `${x.count} row${x.count === 1 ? '' : 's'} of ${x.table} (${listed(x.keys, x.count)})`;
  });
  throw new DesktopImportError(
    'conflict',
    `The workspace already has ${parts.join('; ')} with the same ids as the desktop database. Nothing was written. Was this database moved into the workspace before? Remove those from the workspace, or import into an empty one.`,
  );
}

function tableRows(desktop: DesktopSnapshot, name: string): number {
  return (desktop.db.prepare(`SELECT count(*) AS n FROM ${q(name)}`).get() as { n: number }).n;
}

/** Copies the desktop database into the workspace, or (dry run) does all of it and rolls it back. */
export async function importDesktopDatabase(o: ImportOptions): Promise<ImportSummary> {
  const now = o.now ?? Date.now();
  const host = o.host ?? hostname();
  const latest = loadPgMigrations().at(-1)?.version ?? 0;
  const workspaceSchema = await schemaVersion(o.pool);
  if (workspaceSchema !== latest)
    throw new DesktopImportError(
      'schema',
      workspaceSchema < latest
        ? `The workspace database is at schema ${workspaceSchema}; this Kairos needs ${latest}. Start "kairos server" of this version once (it updates the schema), then import again.`
        : `The workspace database was updated by a newer Kairos (schema ${workspaceSchema}; this one knows ${latest}). Import with that newer Kairos.`,
    );

  const desktop = await snapshotDesktopDatabase(o.from, now);
  const copied: string[] = [];
  try {
    const desktopTables = desktop.db
      .prepare<[], { name: string; wr: number }>(
        "SELECT name, wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    const keyFile = KeyFileCipher.inDataDir(o.from);
    const accounts: MovedAccount[] = [];
    const accountNames = new Map<string, string>();
    const resealAccount = (row: Record<string, unknown>): Record<string, unknown> => {
      const id = String(row.id);
      const name = String(row.name);
      accountNames.set(id, name);
      const sealed = row.secret instanceof Buffer || row.secret instanceof Uint8Array ? Buffer.from(row.secret as Uint8Array) : null;
      if (!sealed) {
        accounts.push({ id, name, platform: String(row.platform), login: 'none' });
        return row;
      }
      if (sealed[0] === KEY_FILE_FORMAT) {
        try {
          const plain = keyFile.open(sealed);
          accounts.push({ id, name, platform: String(row.platform), login: 'resealed' });
          return { ...row, secret: o.cipher.seal(plain) };
        } catch (e) {
          if (!(e instanceof CredentialUnreadableError)) throw e;
        }
      }
      accounts.push({ id, name, platform: String(row.platform), login: 'reconnect' });
      const reason = sealed[0] === KEYCHAIN_FORMAT ? RECONNECT_REASON : UNREADABLE_REASON;
      return { ...row, secret: null, status: 'needs_relogin', status_reason: reason };
    };

    const client = await o.pool.connect();
    try {
      await client.query('BEGIN');
      const catalog = await readCatalog(client);
      const leftOut: LeftOut[] = [];
      const columnsLeftOut: LeftOut[] = [];
      const both: string[] = [];
      const desktopColumns = new Map<string, string[]>();
      const withRowid = new Set<string>();
      for (const t of desktopTables) {
        const rows = tableRows(desktop, t.name);
        const why = NOT_MOVED[t.name] ?? (catalog.has(t.name) ? null : NO_TABLE_YET);
        if (why) {
          leftOut.push({ name: t.name, rows, why });
          continue;
        }
        both.push(t.name);
        const cols = desktop.db
          .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
          .all(t.name)
          .map((r) => r.name);
        desktopColumns.set(t.name, cols);
        if (t.wr === 0) withRowid.add(t.name);
        const pgCols = new Set(catalog.get(t.name)?.columns.map((c) => c.name));
        for (const col of cols) {
          if (pgCols.has(col)) continue;
          const nonNull = (desktop.db.prepare(`SELECT count(*) AS n FROM ${q(t.name)} WHERE ${q(col)} IS NOT NULL`).get() as { n: number })
            .n;
          columnsLeftOut.push({
            name: `${t.name}.${col}`,
            rows: nonNull,
            why: COLUMNS_NOT_MOVED[`${t.name}.${col}`] ?? 'the workspace has no such column',
          });
        }
      }
      const desktopNames = new Set(desktopTables.map((t) => t.name));
      const workspaceOnly = [...catalog.keys()].filter((n) => !desktopNames.has(n) && n !== 'kairos_schema_migrations').sort();

      const order = parentsFirst(both, catalog);
      const staged: Staged[] = [];
      for (const [i, name] of order.entries()) {
        const table = catalog.get(name) as PgTable;
        // An identity column the desktop lacks (targets.position) takes the desktop's rowid: the order rows were added.
        const needsRowid = withRowid.has(name) && table.columns.some((c) => c.identity && !desktopColumns.get(name)?.includes(c.name));
        staged.push(
          await stageTable(
            client,
            desktop,
            table,
            i,
            desktopColumns.get(name) ?? [],
            needsRowid,
            name === 'accounts' ? resealAccount : (r) => r,
          ),
        );
      }

      // Nothing is written until every table is known to fit.
      const conflicts: Conflict[] = [];
      const keptWorkspaceValues: string[] = [];
      const offsets = new Map<string, number>();
      for (const s of staged) {
        const identityKey =
          s.table.primaryKey?.columns.length === 1 && s.table.columns.find((c) => c.name === s.table.primaryKey?.columns[0])?.identity;
        if (KEEP_WORKSPACE_VALUES.has(s.table.name)) {
          const kept = await conflictsOf(client, s, 1000);
          if (kept) keptWorkspaceValues.push(...kept.keys.map((k) => `${s.table.name}.${k}`));
        } else if (!identityKey) {
          const x = await conflictsOf(client, s, s.table.name === 'accounts' || s.table.name === 'posts' ? 20 : 5);
          if (x) conflicts.push(x);
        }
        for (const { col } of s.columns.filter((x) => x.col.identity)) {
          // Numbers the workspace already uses (history from before, or another desktop): the desktop's rows follow its own.
          const { rows } = await client.query<{ taken: boolean; top: string | null }>(
            `SELECT EXISTS (SELECT 1 FROM ${q(s.stage)} s JOIN ${q(s.table.name)} w ON w.${q(col.name)} = s.${q(col.name)}) AS taken,
                    (SELECT max(${q(col.name)}) FROM ${q(s.table.name)})::text AS top`,
          );
          if (rows[0]?.taken) offsets.set(`${s.table.name}.${col.name}`, Number(rows[0].top ?? 0));
        }
      }
      if (conflicts.length > 0) refuseConflicts(conflicts, accountNames);

      const tables: { name: string; rows: number }[] = [];
      for (const s of staged) {
        const names = s.columns.map((x) => q(x.col.name));
        const params: unknown[] = [];
        const values = s.columns.map(({ col }) => {
          const offset = offsets.get(`${s.table.name}.${col.name}`);
          return offset ? `${q(col.name)} + $${params.push(offset)}` : q(col.name);
        });
        const pk = stagedKey(s);
        let onConflict = '';
        if (pk && KEEP_WORKSPACE_VALUES.has(s.table.name)) onConflict = ` ON CONFLICT ON CONSTRAINT ${q(pk.constraint)} DO NOTHING`;
        else if (pk) {
          // Existing rows were refused above: a conflict here is a row a trigger derived during this import from
          // another table, which the desktop's own copy replaces.
          const rest = s.columns
            .filter((x) => !pk.columns.includes(x.col.name) && !x.col.identity)
            .map((x) => `${q(x.col.name)} = EXCLUDED.${q(x.col.name)}`);
          onConflict = ` ON CONFLICT ON CONSTRAINT ${q(pk.constraint)} ${rest.length ? `DO UPDATE SET ${rest.join(', ')}` : 'DO NOTHING'}`;
        }
        const overriding = s.columns.some((x) => x.col.identity) ? ' OVERRIDING SYSTEM VALUE' : '';
        try {
          await client.query(
            `INSERT INTO ${q(s.table.name)} (${names.join(', ')})${overriding} SELECT ${values.join(', ')} FROM ${q(s.stage)}${onConflict}`,
            params,
          );
        } catch (e) {
          const err = e as { code?: string; constraint?: string; message?: string };
          if (err.code === '23505')
            throw new DesktopImportError(
              'conflict',
              `The workspace already has rows of ${s.table.name} that the desktop's would repeat (${err.constraint ?? err.message}). Nothing was written.`,
            );
          throw new DesktopImportError(
            'failed',
            `Copying ${s.table.name} into the workspace failed, so nothing was written: ${err.message}`,
          );
        }
        tables.push({ name: s.table.name, rows: s.rows });
        for (const { col } of s.columns.filter((x) => x.col.identity)) {
          // The next number the workspace gives is past every one copied.
          await client.query(
            `SELECT setval(pg_get_serial_sequence($1, $2), (SELECT coalesce(max(${q(col.name)}), 0) + 1 FROM ${q(s.table.name)}), false)`,
            [q(s.table.name), col.name],
          );
        }
      }

      // Each moved post says so in its history.
      const postIds = desktop.db.prepare<[], { id: string }>('SELECT id FROM posts ORDER BY created_at, id').all();
      if (catalog.has('posts') && catalog.has('events'))
        for (const p of postIds)
          await appendEvent(client, { at: now, actor: 'system', kind: MOVED_KIND, postId: p.id, detail: `from ${host}` });

      const rowsOf = (name: string) => staged.find((s) => s.table.name === name)?.rows ?? 0;
      const mediaRows = desktop.db.prepare<[], MediaFile>('SELECT id, stored_name AS storedName, bytes FROM media').all();
      const plan = planMedia(join(o.from, 'media'), mediaRows);
      const target = o.serverDataDir ? join(o.serverDataDir, 'media') : null;
      let media: ImportSummary['media'] = { ...plan, target, copied: 0, alreadyThere: 0 };
      if (!o.dryRun && target) {
        const result = copyMediaFiles(plan, target);
        copied.push(...result.copiedPaths);
        media = { ...plan, target, copied: result.copiedPaths.length, alreadyThere: result.alreadyThere };
      }
      await client.query(o.dryRun ? 'ROLLBACK' : 'COMMIT');
      // The posts are the workspace's now: the desktop must not publish them too.
      const desktopPause = o.dryRun ? null : pauseMovedDesktop(o.from, now, o.workspaceName ?? 'the team workspace');
      return {
        dryRun: o.dryRun === true,
        desktopPaused: o.dryRun ? false : desktopPause === null,
        ...(desktopPause ? { desktopPauseError: desktopPause } : {}),
        from: o.from,
        desktopSchema: desktop.schema,
        workspaceSchema,
        host,
        accounts,
        posts: rowsOf('posts'),
        historyLines: rowsOf('events'),
        mediaRecords: rowsOf('media'),
        tables,
        leftOut,
        columnsLeftOut,
        workspaceOnly,
        keptWorkspaceValues,
        renumbered: [...offsets.keys()],
        media,
      };
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      removeCopied(copied);
      throw e;
    } finally {
      client.release();
    }
  } finally {
    desktop.close();
  }
}
