/** Reads the edge node's options from command-line flags and environment variables (flags win). */

import { defaultDraft, edgeOptionSpecs, type EdgeOptionSpec, type EdgeOptionsDraft } from './edge-option-specs.ts';
import type { EdgeOptions } from './edge-options.ts';
import { formatEdgeHelp } from './format-edge-help.ts';

export type ParseEdgeOptionsResult =
  | { ok: true; options: EdgeOptions }
  | { ok: false; errors: string[] }
  | { help: string };

/** Raw values given on the command line, by flag name, in order. */
type FlagValues = Map<string, string[]>;

/**
 * Resolves the options from `argv` (without the runtime and script) and `env`. A flag beats its
 * environment variable; an empty variable counts as unset. `--help` (or `-h`) returns the help text.
 * Every bad value is reported, each naming the flag or variable it came from.
 *
 * @example Flags win over the environment
 * ```ts
 * const r = parseEdgeOptions(['--port', '9000'], { PORT: '7000', HOST: '0.0.0.0' });
 * // { ok: true, options: { port: 9000, host: '0.0.0.0', ... } }
 * ```
 */
export function parseEdgeOptions(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): ParseEdgeOptionsResult {
  if (argv.some((a) => a === '--help' || a === '-h')) return { help: formatEdgeHelp() };
  const errors: string[] = [];
  const flags = readFlags(argv, errors);
  const draft = defaultDraft();
  for (const spec of edgeOptionSpecs) applySpec(spec, { flags, env, draft, errors });
  if ((draft.tlsCert === undefined) !== (draft.tlsKey === undefined)) {
    errors.push('--tls-cert and --tls-key (TLS_CERT, TLS_KEY) go together: give both or neither');
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, options: finish(draft) };
}

function readFlags(argv: readonly string[], errors: string[]): FlagValues {
  const flags: FlagValues = new Map();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      errors.push(`unexpected argument "${arg}" (options start with --; see --help)`);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    if (!edgeOptionSpecs.some((s) => s.flag === name)) {
      errors.push(`unknown option --${name} (see --help)`);
      if (eq === -1 && argv[i + 1] !== undefined && !argv[i + 1]?.startsWith('--')) i++;
      continue;
    }
    let value = eq === -1 ? undefined : arg.slice(eq + 1);
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) {
        errors.push(`--${name} needs a value`);
        continue;
      }
      value = next;
      i++;
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return flags;
}

function applySpec(
  spec: EdgeOptionSpec,
  ctx: { flags: FlagValues; env: Record<string, string | undefined>; draft: EdgeOptionsDraft; errors: string[] },
): void {
  const fromFlag = ctx.flags.get(spec.flag);
  const envValue = ctx.env[spec.env];
  const source = fromFlag !== undefined ? `--${spec.flag}` : spec.env;
  let raws = fromFlag ?? (envValue !== undefined && envValue !== '' ? [envValue] : []);
  if (spec.repeatable) raws = raws.flatMap((r) => r.split(',')).filter((r) => r.trim() !== '');
  else raws = raws.slice(-1); // a repeated single-valued flag: the last one counts
  for (const raw of raws) {
    const problem = spec.apply(raw, ctx.draft);
    if (problem !== undefined) ctx.errors.push(`${source}: ${problem}`);
  }
}

function finish(draft: EdgeOptionsDraft): EdgeOptions {
  const { tlsCert, tlsKey, ...rest } = draft;
  const options: EdgeOptions = { ...rest };
  if (tlsCert !== undefined && tlsKey !== undefined) options.tls = { certFile: tlsCert, keyFile: tlsKey };
  return options;
}
