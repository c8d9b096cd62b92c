/** Exports audit rows as NDJSON or CSV text, oldest first, each row marked with the chain verification result. */

import type { AuditRow, SyncStore } from '../store/store-port.ts';
import { auditWindows } from './_audit-windows.ts';
import { type AuditFilter, matchesAuditFilter } from './query-audit.ts';
import { type AuditChainCheck, verifyAuditLog } from './verify-audit-log.ts';

export type AuditExportFormat = 'ndjson' | 'csv';

export interface ExportAuditOptions {
  format: AuditExportFormat;
  filter?: AuditFilter;
  /** Rows read from the store per query. @default 500 */
  pageSize?: number;
}

/** The export: its text, its media type, the rows written and the chain check of the whole log. */
export interface AuditExport {
  format: AuditExportFormat;
  contentType: string;
  text: string;
  rows: number;
  verification: AuditChainCheck;
}

/** CSV columns, in order. */
export const auditCsvColumns = [
  'seq', 'at', 'time', 'operation', 'category', 'action', 'uuid', 'url', 'client', 'outcome', 'instance_id', 'details',
  'prev_hash', 'hash', 'chain_ok',
] as const;

/**
 * Verifies the whole chain, then writes the rows matching `filter` oldest first: NDJSON (one JSON
 * object per line) or CSV (RFC 4180, header line, CRLF). Each row carries `chainOk`: false from
 * the first bad row on. CSV cells that a spreadsheet would run as a formula get a leading `'`.
 *
 * @example Download the failures of one day as CSV
 * ```ts
 * const { text, verification } = await exportAudit(store, { format: 'csv', filter: { outcome: 'failed', since, until } });
 * ```
 */
export async function exportAudit(store: SyncStore, options: ExportAuditOptions): Promise<AuditExport> {
  const verification = await verifyAuditLog(store, options.pageSize ? { pageSize: options.pageSize } : {});
  const lines: string[] = options.format === 'csv' ? [auditCsvColumns.join(',')] : [];
  let rows = 0;
  const windows = auditWindows(store, { headSeq: verification.headSeq, ...(options.pageSize ? { size: options.pageSize } : {}) });
  for await (const window of windows) {
    for (const row of window) {
      if (!matchesAuditFilter(row, options.filter ?? {})) continue;
      const chainOk = verification.firstBadSeq === undefined || row.seq < verification.firstBadSeq;
      lines.push(options.format === 'csv' ? csvLine(row, chainOk) : JSON.stringify(exportRecord(row, chainOk)));
      rows += 1;
    }
  }
  const csv = options.format === 'csv';
  const text = lines.length === 0 ? '' : lines.join(csv ? '\r\n' : '\n') + (csv ? '\r\n' : '\n');
  return { format: options.format, contentType: csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson', text, rows, verification };
}

/** The exported form of a row: its fields, its time as ISO text, and `chainOk`. */
export function exportRecord(row: AuditRow, chainOk: boolean): Record<string, unknown> {
  return {
    seq: row.seq, at: row.at, time: isoTime(row.at), operation: row.operation, category: row.category, action: row.action,
    uuid: row.uuid, url: row.url, client: row.client, outcome: row.outcome, instanceId: row.instanceId, details: row.details,
    prevHash: row.prevHash, hash: row.hash, chainOk,
  };
}

function csvLine(row: AuditRow, chainOk: boolean): string {
  const cells = [
    row.seq, row.at, isoTime(row.at), row.operation, row.category, row.action, row.uuid, row.url, row.client, row.outcome,
    row.instanceId, row.details === undefined || row.details === null ? undefined : JSON.stringify(row.details),
    row.prevHash, row.hash, chainOk,
  ];
  return cells.map(csvCell).join(',');
}

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  // A leading =, +, -, @, tab or CR makes spreadsheets evaluate the cell (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function isoTime(at: number): string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
