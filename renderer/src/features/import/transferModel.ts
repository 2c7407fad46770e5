// Browser-side helpers of import and export: a dropped file's bytes as base64, and saving text as a download.

/** base64 of the file's bytes, in chunks so a large file does not overflow the argument list. */
export async function fileAsBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

/** Offers text as a file download, the same way in a browser tab and in the desktop window. */
export function downloadText(fileName: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Let the download start before the address goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Rows worth drawing first: the ones with problems, then the rest, at most `limit`. */
export function rowsToShow<T extends { readonly problems: readonly unknown[] }>(
  rows: readonly T[],
  onlyProblems: boolean,
  limit: number,
): T[] {
  const chosen = onlyProblems ? rows.filter((r) => r.problems.length > 0) : rows;
  return chosen.slice(0, limit);
}
