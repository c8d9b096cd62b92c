/** How a runtime entry ends when the node could not start: exit code, and one line per configuration error. */

import { isSyncError } from '../../core/errors/sync-error.ts';

/**
 * Exit code 2 for a configuration problem (like a bad command-line option), with one line per
 * invalid field (`error: sync2.json: pull.schedule: must be a whole number…`); 1 and no lines
 * for anything else (the log record says what happened).
 *
 * @example
 * ```ts
 * const { code, lines } = startFailureExit(error);
 * for (const line of lines) console.error(line);
 * process.exit(code);
 * ```
 */
export function startFailureExit(error: unknown): { code: number; lines: string[] } {
  if (!isSyncError(error, 'CONFIG_INVALID')) return { code: 1, lines: [] };
  const { file, errors } = error.details as { file?: unknown; errors?: unknown };
  const list = Array.isArray(errors) ? errors as { path?: unknown; message?: unknown }[] : [];
  const prefix = typeof file === 'string' ? `${file}: ` : '';
  return { code: 2, lines: list.map((e) => `error: ${prefix}${String(e.path)}: ${String(e.message)}`) };
}
