/** The edge node's `--help` text, generated from the option table so it cannot drift. */

import { edgeOptionSpecs } from './edge-option-specs.ts';

/**
 * Usage and one line per option with its environment variable and default.
 *
 * @example Print the help
 * ```ts
 * console.log(formatEdgeHelp());
 * ```
 */
export function formatEdgeHelp(): string {
  const rows = edgeOptionSpecs.map((s) => ({
    left: `  --${s.flag} ${s.value}${s.repeatable ? ' ...' : ''}`,
    right: `${s.description}${s.defaultText !== undefined ? ` [default: ${s.defaultText}]` : ''} (env ${s.env})`,
  }));
  const width = Math.max(...rows.map((r) => r.left.length)) + 2;
  return [
    'OpenMRS Sync 2.0 edge node: serves the Atom feeds, FHIR R4 and REST of a parent node.',
    '',
    'Usage: npm start -- [options]      (or: npx tsx worker/edge.node.ts [options])',
    '       npm run start:deno -- [options]',
    '',
    'Options (each also read from the environment variable shown; a flag wins):',
    ...rows.map((r) => r.left.padEnd(width) + r.right),
    `${'  --help'.padEnd(width)}show this text`,
    '',
  ].join('\n');
}
