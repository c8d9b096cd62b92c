/** The `pull` and `push` sections of sync2.json: enabled, schedule in seconds, and the classes in run order. */

import { categoriesInOrder, type CategoryInfo } from '../categories/category-table.ts';
import { type ConfigReader, isObj, type Obj } from './_config-reader.ts';
import { type ClassConfig, type DirectionConfig, syncConfigDefaults } from './sync-config.ts';

const categoryName = /^[A-Za-z0-9_.-]{1,64}$/;
const clientName = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Reads `root[key]` (`pull` or `push`); classes default to `categories` in sync order, all enabled. */
export function parseDirection(
  root: Obj,
  key: 'pull' | 'push',
  options: { reader: ConfigReader; categories: readonly CategoryInfo[] },
): DirectionConfig {
  const { reader, categories } = options;
  const section = reader.object(root[key], key);
  return {
    enabled: reader.boolean(section, 'enabled', { path: key, fallback: true }),
    schedule: reader.integer(section, 'schedule', { path: key, min: 1, max: 31_536_000, fallback: syncConfigDefaults.schedule }),
    classes: section?.['classes'] === undefined || section['classes'] === null
      ? categoriesInOrder(categories).map((c) => ({ category: c.name, enabled: true }))
      : parseClasses(section['classes'], `${key}.classes`, reader),
  };
}

function parseClasses(value: unknown, path: string, reader: ConfigReader): ClassConfig[] {
  if (!Array.isArray(value)) return reader.fail(path, 'must be a list of classes') ?? [];
  const out: ClassConfig[] = [];
  const seen = new Map<string, number>();
  value.forEach((item, i) => {
    const at = `${path}[${i}]`;
    if (!isObj(item)) return reader.fail(at, 'must be an object with a category');
    const parsed = parseClass(item, at, reader);
    if (!parsed) return;
    const first = seen.get(parsed.category);
    if (first !== undefined) return reader.fail(`${at}.category`, `repeats ${path}[${first}] ("${parsed.category}")`);
    seen.set(parsed.category, i);
    out.push(parsed);
  });
  return out;
}

function parseClass(item: Obj, path: string, reader: ConfigReader): ClassConfig | undefined {
  const category = reader.string(item, 'category', { path, pattern: categoryName, hint: 'must be a category name (letters, digits, _ . -)' });
  const raw = item['category'];
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) reader.fail(`${path}.category`, 'is required');
  const enabled = reader.boolean(item, 'enabled', { path, fallback: true });
  const classTitle = reader.string(item, 'classTitle', { path });
  const openMrsClass = reader.string(item, 'openMrsClass', { path });
  const hint = 'must be a client name such as "fhir" or "rest"';
  const preferredClient = reader.string(item, 'preferredClient', { path, pattern: clientName, hint });
  if (category === undefined) return undefined;
  return {
    category, enabled,
    ...(classTitle !== undefined ? { classTitle } : {}),
    ...(openMrsClass !== undefined ? { openMrsClass } : {}),
    ...(preferredClient !== undefined ? { preferredClient } : {}),
  };
}
