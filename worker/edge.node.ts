/**
 * @module
 * The edge node on Node: `npx tsx worker/edge.node.ts [options]` (`npm start`; see `--help`).
 * The only Node-specific file of the edge node: it turns process, node:fs and node:https into
 * the runtime the portable start-up takes, and stops cleanly on SIGINT and SIGTERM.
 */

import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { serve } from '@hono/node-server';
import { parseEdgeOptions } from '../src/edge/cli/parse-edge-options.ts';
import { createConsoleLogger } from '../src/edge/node/create-console-logger.ts';
import { createStopper } from '../src/edge/node/create-stopper.ts';
import type { EdgeRuntime, RunningServer, ServeOptions } from '../src/edge/node/edge-runtime.ts';
import { startEdgeNode } from '../src/edge/node/start-edge-node.ts';
import { nativeGzip } from './native-gzip.ts';
import { useNativeSha256 } from './native-sha256.ts';
import { describeStartFailure } from '../src/edge/node/describe-start-failure.ts';
import { startFailureExit } from '../src/edge/node/start-failure-exit.ts';
import { readFileOrUndefined } from './read-file-or-undefined.ts';

useNativeSha256();
const parsed = parseEdgeOptions(process.argv.slice(2), process.env);
if ('help' in parsed) {
  process.stdout.write(parsed.help);
  process.exit(0);
}
if (!parsed.ok) {
  for (const error of parsed.errors) console.error(`error: ${error}`);
  console.error('Run with --help to see every option.');
  process.exit(2);
}
const log = createConsoleLogger({ level: parsed.options.logLevel });

function serveNode(handler: (request: Request) => Promise<Response>, options: ServeOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    // Children send `_id` searches of up to the advertised page size (1000 ids, ~37 KB of URL): above Node's 16 KB default.
    const serverOptions = { maxHeaderSize: 128 * 1024, ...(options.tls ? { cert: options.tls.cert, key: options.tls.key } : {}) };
    const https = options.tls ? { createServer: createHttpsServer } : {};
    const server = serve({ fetch: handler, port: options.port, hostname: options.hostname, serverOptions, ...https }, (info) => {
      const host = info.address.includes(':') ? `[${info.address}]` : info.address;
      resolve({ url: `${options.tls ? 'https' : 'http'}://${host}:${info.port}`, close: () => closeServer(server as Server) });
    });
    server.once('error', reject);
  });
}

/** Stops accepting, ends idle keep-alive connections now and busy ones after a short grace. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), 3000);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

const runtime: EdgeRuntime = { serve: serveNode, readFile: readFileOrUndefined, log, print: (line) => console.log(line), now: Date.now, gzip: nativeGzip };

try {
  const node = await startEdgeNode(parsed.options, runtime);
  const stop = createStopper({ close: node.close, exit: (code) => process.exit(code), log, now: Date.now });
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  const { code, lines } = startFailureExit(error);
  for (const line of lines) console.error(line);
  log.error('the edge node could not start', describeStartFailure(error));
  process.exit(code);
}
