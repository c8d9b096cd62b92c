/** Saves text as a file through a Blob link: exports leave the tablet before anything is dropped. */

import type { DownloadFile } from './app-deps.ts';

/**
 * Clicks a temporary `<a download>` pointing at a Blob URL, then revokes the URL.
 *
 * @example
 * ```ts
 * downloadFile({ name: 'audit.csv', text, type: 'text/csv' });
 * ```
 */
export function downloadFile(file: DownloadFile): void {
  const url = URL.createObjectURL(new Blob([file.text], { type: file.type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers start reading the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
