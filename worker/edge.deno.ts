/**
 * @module
 * The edge node on Deno: `npx deno run -A worker/edge.deno.ts [options]` (`npm run start:deno`;
 * see `--help`). The only Deno-specific file of the edge node: it turns Deno's args, env, files
 * and `Deno.serve` into the runtime the portable start-up takes, and stops on SIGINT and SIGTERM.
 */

import { parseEdgeOptions } from '../src/edge/cli/parse-edge-options.ts';
import { createConsoleLogger } from '../src/edge/node/create-console-logger.ts';
import { createStopper } from '../src/edge/node/create-stopper.ts';
import { describeStartFailure } from '../src/edge/node/describe-start-failure.ts';
import { startFailureExit } from '../src/edge/node/start-failure-exit.ts';
import type { EdgeRuntime, RunningServer, ServeOptions } from '../src/edge/node/edge-runtime.ts';
import { startEdgeNode } from '../src/edge/node/start-edge-node.ts';
import { nativeGzip } from './native-gzip.ts';
import { useNativeSha256 } from './native-sha256.ts';

useNativeSha256();
const parsed = parseEdgeOptions(Deno.args, Deno.env.toObject());
if ('help' in parsed) {
  console.log(parsed.help);
  Deno.exit(0);
}
if (!parsed.ok) {
  for (const error of parsed.errors) console.error(`error: ${error}`);
  console.error('Run with --help to see every option.');
  Deno.exit(2);
}
const log = createConsoleLogger({ level: parsed.options.logLevel });

function serveDeno(handler: (request: Request) => Promise<Response>, options: ServeOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    try {
      const server = Deno.serve({
        port: options.port,
        hostname: options.hostname,
        ...(options.tls ? { cert: options.tls.cert, key: options.tls.key } : {}),
        onListen: ({ hostname, port }) => {
          const host = hostname.includes(':') ? `[${hostname}]` : hostname;
          resolve({ url: `${options.tls ? 'https' : 'http'}://${host}:${port}`, close: () => server.shutdown() });
        },
      }, handler);
    } catch (error) {
      reject(error);
    }
  });
}

async function readFileOrUndefined(path: string): Promise<Uint8Array | undefined> {
  try {
    return await Deno.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound || error instanceof Deno.errors.IsADirectory || error instanceof Deno.errors.NotADirectory) {
      return undefined;
    }
    throw error;
  }
}

const runtime: EdgeRuntime = { serve: serveDeno, readFile: readFileOrUndefined, log, print: (line) => console.log(line), now: Date.now, gzip: nativeGzip };

try {
  const node = await startEdgeNode(parsed.options, runtime);
  const stop = createStopper({ close: node.close, exit: (code) => Deno.exit(code), log, now: Date.now });
  Deno.addSignalListener('SIGINT', () => stop('SIGINT'));
  Deno.addSignalListener('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  const { code, lines } = startFailureExit(error);
  for (const line of lines) console.error(line);
  log.error('the edge node could not start', describeStartFailure(error));
  Deno.exit(code);
}
