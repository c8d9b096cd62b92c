/** A Logger that writes one readable line per record, dropping records below a level. */

import type { LogFields, Logger } from '../../core/ports/ports.ts';
import type { LogLevel } from '../cli/edge-options.ts';

const rank: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface ConsoleLoggerOptions {
  /** Lowest level written; default `info`. */
  level?: LogLevel;
  /** Where lines go; default `console.log` (debug, info) and `console.error` (warn, error). */
  write?: (line: string, level: LogLevel) => void;
  /** Clock for the timestamp; default `Date.now`. */
  now?: () => number;
}

function defaultWrite(line: string, level: LogLevel): void {
  if (rank[level] >= rank.warn) console.error(line);
  else console.log(line);
}

function formatFields(fields: LogFields | undefined): string {
  if (fields === undefined) return '';
  const parts = Object.entries(fields).map(([key, value]) => {
    const text = typeof value === 'string' && /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
    return `${key}=${text}`;
  });
  return parts.length > 0 ? ` ${parts.join(' ')}` : '';
}

/**
 * Lines such as `2026-03-02T08:00:00.000Z INFO  listening url=http://127.0.0.1:8080`.
 *
 * @example Only warnings and errors
 * ```ts
 * const log = createConsoleLogger({ level: 'warn' });
 * log.info('not shown');
 * ```
 */
export function createConsoleLogger(options: ConsoleLoggerOptions = {}): Logger {
  const min = rank[options.level ?? 'info'];
  const write = options.write ?? defaultWrite;
  const now = options.now ?? Date.now;
  const record = (level: LogLevel) => (message: string, fields?: LogFields): void => {
    if (rank[level] < min) return;
    write(`${new Date(now()).toISOString()} ${level.toUpperCase().padEnd(5)} ${message}${formatFields(fields)}`, level);
  };
  return { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}
