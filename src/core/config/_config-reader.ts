/** Typed reads of untrusted JSON that collect one error per bad field instead of stopping at the first. */

import type { ConfigError } from './sync-config.ts';

export type Obj = Record<string, unknown>;

export const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `parent.key`, or `key` at the root. */
export const pathOf = (parent: string, key: string): string => (parent === '' ? key : `${parent}.${key}`);

export interface StringOptions {
  path: string;
  pattern?: RegExp;
  /** The message when `pattern` does not match. */
  hint?: string;
  allowEmpty?: boolean;
  /** Keep surrounding spaces (passwords). */
  raw?: boolean;
}

/** Reads fields of one object, recording errors in a shared list. */
export class ConfigReader {
  readonly errors: ConfigError[] = [];

  fail(path: string, message: string): undefined {
    this.errors.push({ path: path === '' ? '$' : path, message });
    return undefined;
  }

  /** An object field: undefined when absent (or null), an error when not an object. */
  object(value: unknown, path: string): Obj | undefined {
    if (value === undefined || value === null) return undefined;
    return isObj(value) ? value : this.fail(path, 'must be an object');
  }

  boolean(obj: Obj | undefined, key: string, options: { path: string; fallback: boolean }): boolean {
    const value = obj?.[key];
    if (value === undefined || value === null) return options.fallback;
    if (typeof value === 'boolean') return value;
    this.fail(pathOf(options.path, key), 'must be true or false');
    return options.fallback;
  }

  /** A string field, trimmed unless `raw`; undefined when absent, null or (unless `allowEmpty`) empty. */
  string(obj: Obj | undefined, key: string, options: StringOptions): string | undefined {
    const value = obj?.[key];
    const path = pathOf(options.path, key);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    const text = options.raw ? value : value.trim();
    if (text === '') return options.allowEmpty ? '' : undefined;
    if (options.pattern && !options.pattern.test(text)) return this.fail(path, options.hint ?? `must match ${options.pattern}`);
    return text;
  }

  /** A whole number in [min, max]; the fallback when absent or wrong. */
  integer(obj: Obj | undefined, key: string, options: { path: string; min: number; max: number; fallback: number }): number {
    const value = obj?.[key];
    if (value === undefined || value === null) return options.fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < options.min || value > options.max) {
      this.fail(pathOf(options.path, key), `must be a whole number from ${options.min} to ${options.max}`);
      return options.fallback;
    }
    return value;
  }

  /** A list of non-empty strings; [] when absent. */
  strings(obj: Obj | undefined, key: string, options: { path: string }): string[] {
    const value = obj?.[key];
    const path = pathOf(options.path, key);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) return this.fail(path, 'must be a list of strings') ?? [];
    const out: string[] = [];
    value.forEach((item, i) => {
      if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
      else this.fail(`${path}[${i}]`, 'must be a non-empty string');
    });
    return out;
  }

  /** Reports the keys of `obj` not in `known` (for our own extension, where a typo must not pass silently). */
  onlyKnown(obj: Obj | undefined, known: readonly string[], path: string): void {
    for (const key of Object.keys(obj ?? {})) {
      if (!known.includes(key)) this.fail(pathOf(path, key), `is not a known setting (known: ${known.join(', ')})`);
    }
  }
}
