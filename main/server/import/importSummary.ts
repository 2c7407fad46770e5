// What "kairos server import" says when it is done: what moved, what stayed behind and why, and what is left to do.

import { type ImportSummary, NO_TABLE_YET } from './desktopImport';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function describeImport(s: ImportSummary, workspace: string): string[] {
  const lines: string[] = [];
  const resealed = s.accounts.filter((a) => a.login === 'resealed');
  const reconnect = s.accounts.filter((a) => a.login === 'reconnect');
  const none = s.accounts.filter((a) => a.login === 'none');
  lines.push(
    s.dryRun
      ? `Dry run: nothing was written. Moving ${s.from} (desktop schema ${s.desktopSchema}) into the workspace (${workspace}) would copy:`
      : `Moved ${s.from} (desktop schema ${s.desktopSchema}) into the workspace (${workspace}):`,
  );
  const accountParts = [`${resealed.length} re-sealed with the server key`, `${reconnect.length} to reconnect`];
  if (none.length > 0) accountParts.push(`${none.length} without a saved login`);
  lines.push(`  ${plural(s.accounts.length, 'account')} (${accountParts.join(', ')})`);
  for (const a of reconnect) lines.push(`    to reconnect on the workspace: ${a.name} (${a.platform}, ${a.id}); its posts wait for it`);
  lines.push(`  ${plural(s.posts, 'post')}, ${plural(s.historyLines, 'history line')}, ${plural(s.mediaRecords, 'media record')}`);
  const others = s.tables.filter((t) => !['accounts', 'posts', 'events', 'media'].includes(t.name) && t.rows > 0);
  if (others.length > 0) lines.push(`  also: ${others.map((t) => `${t.name} ${t.rows}`).join(', ')}`);
  if (s.keptWorkspaceValues.length > 0) lines.push(`  the workspace kept its own value of: ${s.keptWorkspaceValues.join(', ')}`);
  if (s.renumbered.length > 0) lines.push(`  numbered after the workspace's own rows (it had some already): ${s.renumbered.join(', ')}`);
  if (s.posts > 0) lines.push(`  each post's history ${s.dryRun ? 'would get' : 'got'} a line "moved into the workspace from ${s.host}"`);
  const left = [...s.columnsLeftOut, ...s.leftOut].sort((a, b) => a.name.localeCompare(b.name));
  // Empty tables the workspace has no table for yet say nothing worth a line each.
  const emptyNoTable = left.filter((l) => l.rows === 0 && l.why === NO_TABLE_YET).map((l) => l.name);
  lines.push('Not moved:');
  for (const l of left) if (!emptyNoTable.includes(l.name)) lines.push(`  ${l.name} (${plural(l.rows, 'row')}): ${l.why}`);
  if (emptyNoTable.length > 0) lines.push(`  empty on the desktop, with no table in this workspace yet: ${emptyNoTable.join(', ')}`);
  lines.push("  the desktop's database backups (its backups folder) stay on that computer; back up the workspace with pg_dump");
  if (s.workspaceOnly.length > 0) lines.push(`Only in the workspace (nothing to bring): ${s.workspaceOnly.join(', ')}`);

  const m = s.media;
  const count = plural(m.files.length, 'media file');
  if (m.files.length > 0) {
    if (m.target && s.dryRun) lines.push(`Media: would copy ${count} (${megabytes(m.totalBytes)}) from ${m.sourceDir} to ${m.target}.`);
    else if (m.target)
      lines.push(
        `Media: copied ${count} (${megabytes(m.totalBytes)}) from ${m.sourceDir} to ${m.target}, sizes checked${m.alreadyThere > 0 ? ` (${m.alreadyThere} were there already)` : ''}.`,
      );
    else
      lines.push(
        `Media: ${s.dryRun ? '' : 'copy '}the ${count} (${megabytes(m.totalBytes)}) in ${m.sourceDir}${s.dryRun ? ' must go' : ''} into the media folder of the server's data folder (DATA_DIR/media), keeping their names; or import with --data-dir DATA_DIR (the server's) to have them copied and checked.`,
      );
  }
  if (m.missing.length > 0)
    lines.push(
      `Warning: ${plural(m.missing.length, 'media file')} of the desktop database ${m.missing.length === 1 ? 'is' : 'are'} not in ${m.sourceDir}: ${m.missing.join(', ')}. Posts using them cannot publish them; add the media again on the workspace.`,
    );
  if (m.sizeDiffers.length > 0)
    lines.push(
      `Warning: ${plural(m.sizeDiffers.length, 'media file')} in ${m.sourceDir} ${m.sizeDiffers.length === 1 ? 'is' : 'are'} not the size recorded when added (changed or cut off since): ${m.sizeDiffers.join(', ')}. Check them before their posts go out.`,
    );
  if (!s.dryRun && s.desktopPaused)
    lines.push(`Publishing from ${s.from} is paused now (its crisis brake says why), so it cannot publish these posts a second time.`);
  if (!s.dryRun && !s.desktopPaused)
    lines.push(
      `Warning: publishing from ${s.from} could not be paused (${s.desktopPauseError ?? 'unknown'}). Pause it in the desktop app (Pause all publishing) before it opens, or it would publish these posts a second time.`,
    );
  return lines;
}
