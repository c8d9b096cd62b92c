/** The `ts` section: this implementation's settings (catchment, batching, concurrency, conflicts, retries). */

import { type ConfigReader, type Obj, pathOf } from './_config-reader.ts';
import { type ConflictPolicy, conflictPolicies, syncConfigDefaults as d, type TsConfig } from './sync-config.ts';

const known = ['catchment', 'batchSize', 'concurrency', 'prefetchPages', 'conflictPolicy', 'failedEvents', 'timeoutSeconds'];
const beanName = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/** Reads `root.ts`; unknown keys there are errors (a typo must not silently fall back to a default). */
export function parseExtension(root: Obj, reader: ConfigReader): TsConfig {
  const path = 'ts';
  const ts = reader.object(root['ts'], path);
  reader.onlyKnown(ts, known, path);
  const failed = reader.object(ts?.['failedEvents'], 'ts.failedEvents');
  reader.onlyKnown(failed, ['maxAttempts', 'baseDelaySeconds'], 'ts.failedEvents');
  return {
    catchment: parseCatchment(ts?.['catchment'], reader),
    batchSize: reader.integer(ts, 'batchSize', { path, min: 1, max: 1000, fallback: d.batchSize }),
    concurrency: reader.integer(ts, 'concurrency', { path, min: 1, max: 64, fallback: d.concurrency }),
    prefetchPages: parsePrefetch(ts, reader),
    conflictPolicy: parsePolicy(ts, reader),
    failedEvents: {
      maxAttempts: reader.integer(failed, 'maxAttempts', { path: 'ts.failedEvents', min: 1, max: 1000, fallback: d.maxAttempts }),
      baseDelaySeconds: reader.integer(failed, 'baseDelaySeconds', { path: 'ts.failedEvents', min: 1, max: 86_400, fallback: d.baseDelaySeconds }),
    },
    timeoutSeconds: reader.integer(ts, 'timeoutSeconds', { path, min: 1, max: 3600, fallback: d.timeoutSeconds }),
  };
}

/** `"auto"` (the default) or a whole number of pages from 0 to 20. */
function parsePrefetch(ts: Obj | undefined, reader: ConfigReader): number | 'auto' {
  const value = ts?.['prefetchPages'];
  if (value === undefined || value === null || value === 'auto') return d.prefetchPages;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 20) return value;
  reader.fail('ts.prefetchPages', 'must be "auto" or a whole number from 0 to 20');
  return d.prefetchPages;
}

function parsePolicy(ts: Obj | undefined, reader: ConfigReader): ConflictPolicy {
  const value = reader.string(ts, 'conflictPolicy', { path: 'ts' });
  if (value === undefined) return d.conflictPolicy;
  if ((conflictPolicies as readonly string[]).includes(value)) return value as ConflictPolicy;
  reader.fail('ts.conflictPolicy', `must be one of ${conflictPolicies.join(', ')}`);
  return d.conflictPolicy;
}

/** Bean name → `country%state%county%city%postal` pattern (`*` for any segment), at most five segments. */
function parseCatchment(value: unknown, reader: ConfigReader): Record<string, string> {
  const path = 'ts.catchment';
  const patterns = reader.object(value, path);
  const out: Record<string, string> = {};
  for (const [bean, pattern] of Object.entries(patterns ?? {})) {
    const at = pathOf(path, bean);
    if (!beanName.test(bean)) reader.fail(at, 'is not a valid filter bean name');
    else if (typeof pattern !== 'string' || pattern.trim() === '') reader.fail(at, 'must be a pattern such as "Kenya%Nairobi%*%*%*"');
    else if (pattern.split('%').length > 5) reader.fail(at, 'has more than five %-separated segments (country%state%county%city%postal)');
    else out[bean] = pattern.trim();
  }
  return out;
}
