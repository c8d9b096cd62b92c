/** The `general` section of sync2.json (and its `clients`, which older files keep at the top level). */

import { type ConfigReader, type Obj, pathOf } from './_config-reader.ts';
import type { ClientConfig, GeneralConfig } from './sync-config.ts';

const clientName = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Reads `general` from the root; `clients` from `general.clients`, else the root's `clients`. */
export function parseGeneral(root: Obj, reader: ConfigReader): GeneralConfig {
  const general = reader.object(root['general'], 'general');
  const path = 'general';
  const parent = reader.string(general, 'parentFeedLocation', { path });
  const local = reader.string(general, 'localFeedLocation', { path });
  const instanceId = reader.string(general, 'localInstanceId', {
    path, pattern: /^[A-Za-z0-9_.:-]{1,128}$/, hint: 'must be 1 to 128 letters, digits or _ . : -',
  });
  if (parent !== undefined) checkParentUrl(parent, reader);
  const config: GeneralConfig = {
    persistSuccessAudit: reader.boolean(general, 'persistSuccessAudit', { path, fallback: true }),
    persistFailureAudit: reader.boolean(general, 'persistFailureAudit', { path, fallback: true }),
    clients: parseClients(root, general, reader),
  };
  if (parent !== undefined) config.parentFeedLocation = parent;
  if (local !== undefined) config.localFeedLocation = local;
  if (instanceId !== undefined) config.localInstanceId = instanceId;
  return config;
}

/** The parent's base must be a plain http(s) URL: credentials go in `clients`, never in a URL. */
function checkParentUrl(value: string, reader: ConfigReader): void {
  const path = 'general.parentFeedLocation';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    reader.fail(path, 'must be an absolute http(s) URL such as http://localhost:8080/openmrs');
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') reader.fail(path, 'must use http or https');
  else if (url.username || url.password) reader.fail(path, 'must not hold a user name or password; put them in general.clients');
  else if (url.search || url.hash) reader.fail(path, 'must not have a query or fragment');
}

function parseClients(root: Obj, general: Obj | undefined, reader: ConfigReader): Record<string, ClientConfig> {
  const nested = general?.['clients'];
  const top = root['clients'];
  if (nested !== undefined && top !== undefined) {
    reader.fail('clients', 'is also given as general.clients; keep one');
    return {};
  }
  const path = nested !== undefined ? 'general.clients' : 'clients';
  const clients = reader.object(nested ?? top, path);
  const out: Record<string, ClientConfig> = {};
  for (const [name, value] of Object.entries(clients ?? {})) {
    const at = pathOf(path, name);
    if (!clientName.test(name)) {
      reader.fail(at, 'is not a valid client name (a letter, then letters, digits, _ . -)');
      continue;
    }
    const client = reader.object(value, at);
    if (client) out[name] = parseClient(client, at, reader);
    else if (value === null || value === undefined) reader.fail(at, 'must be an object');
  }
  return out;
}

function parseClient(client: Obj, path: string, reader: ConfigReader): ClientConfig {
  const out: ClientConfig = {};
  const hostAddress = reader.string(client, 'hostAddress', { path, pattern: /^https?:\/\/\S+$/i, hint: 'must be an http(s) URL' });
  const login = reader.string(client, 'login', { path, pattern: /^[^:]+$/, hint: 'must not contain ":"' });
  const password = reader.string(client, 'password', { path, allowEmpty: true, raw: true });
  if (login !== undefined && password === undefined) reader.fail(pathOf(path, 'password'), 'is required with a login');
  if (password !== undefined && password !== '' && login === undefined) reader.fail(pathOf(path, 'login'), 'is required with a password');
  if (hostAddress !== undefined) out.hostAddress = hostAddress;
  if (login !== undefined) out.login = login;
  if (password !== undefined) out.password = password;
  return out;
}
