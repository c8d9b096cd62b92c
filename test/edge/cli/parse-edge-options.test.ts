// Tests of the edge node's option parsing: defaults, flags over env, validation and help.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgeOptionSpecs } from '../../../src/edge/cli/edge-option-specs.ts';
import { parseEdgeOptions, type ParseEdgeOptionsResult } from '../../../src/edge/cli/parse-edge-options.ts';

function options(result: ParseEdgeOptionsResult) {
  if (!('ok' in result) || !result.ok) throw new Error(`expected options, got ${JSON.stringify(result)}`);
  return result.options;
}

function errors(result: ParseEdgeOptionsResult): string[] {
  if (!('ok' in result) || result.ok) throw new Error(`expected errors, got ${JSON.stringify(result)}`);
  return result.errors;
}

describe('parseEdgeOptions()', () => {
  it('parseEdgeOptions() applies the documented defaults', () => {
    expect(options(parseEdgeOptions([], {}))).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: './data',
      seedPatients: 40,
      pageSize: 100,
      adminUser: 'admin',
      corsOrigins: [],
      staticDirs: ['dist', 'public'],
      logLevel: 'info',
    });
  });

  it('parseEdgeOptions() reads every option from its environment variable', () => {
    const o = options(parseEdgeOptions([], {
      PORT: '9001', HOST: '0.0.0.0', DATA_DIR: '/var/lib/edge', DATABASE_URL: 'postgres://u:p@db/sync',
      SEED_PATIENTS: '0', PAGE_SIZE: '5', ADMIN_USER: 'root', ADMIN_PASSWORD: 'Admin123',
      TLS_CERT: 'c.pem', TLS_KEY: 'k.pem', CORS_ORIGIN: 'https://a.example,http://localhost:5173',
      SYNC_CONFIG: 'sync2.json', INSTANCE_ID: 'hub-1', STATIC_DIR: 'www', LOG_LEVEL: 'DEBUG',
    }));
    expect(o).toEqual({
      port: 9001, host: '0.0.0.0', dataDir: '/var/lib/edge', databaseUrl: 'postgres://u:p@db/sync',
      seedPatients: 0, pageSize: 5, adminUser: 'root', adminPassword: 'Admin123',
      tls: { certFile: 'c.pem', keyFile: 'k.pem' }, corsOrigins: ['https://a.example', 'http://localhost:5173'],
      configPath: 'sync2.json', instanceId: 'hub-1', staticDirs: ['www'], logLevel: 'debug',
    });
  });

  it('parseEdgeOptions() lets a flag win over its environment variable', () => {
    const o = options(parseEdgeOptions(['--port', '9000', '--data=/tmp/x'], { PORT: '7000', DATA_DIR: '/srv' }));
    expect(o.port).toBe(9000);
    expect(o.dataDir).toBe('/tmp/x');
  });

  it('parseEdgeOptions() treats an empty environment variable as unset', () => {
    expect(options(parseEdgeOptions([], { PORT: '', SEED_PATIENTS: '' })).port).toBe(8080);
  });

  it('parseEdgeOptions() collects repeated and comma-separated CORS origins once each', () => {
    const o = options(parseEdgeOptions(
      ['--cors-origin', 'https://a.example', '--cors-origin=https://b.example/,https://a.example'],
      { CORS_ORIGIN: 'https://ignored.example' },
    ));
    expect(o.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('parseEdgeOptions() takes the last value of a repeated single-valued flag', () => {
    expect(options(parseEdgeOptions(['--port', '1', '--port', '2'], {})).port).toBe(2);
  });

  it('parseEdgeOptions() reports each bad value with its source', () => {
    const e = errors(parseEdgeOptions(
      ['--port', '70000', '--page-size=0', '--cors-origin', 'https://a.example/path', '--log-level', 'loud'],
      { SEED_PATIENTS: '-3', INSTANCE_ID: 'has space', ADMIN_PASSWORD: 'short' },
    ));
    expect(e).toHaveLength(7);
    for (const source of ['--port:', '--page-size:', '--cors-origin:', '--log-level:', 'SEED_PATIENTS:', 'INSTANCE_ID:', 'ADMIN_PASSWORD:']) {
      expect(e.some((m) => m.startsWith(source))).toBe(true);
    }
  });

  it('parseEdgeOptions() never echoes a password or a database URL in its errors', () => {
    const e = errors(parseEdgeOptions(['--admin-password', 'sekrit', '--database-url', 'mysql://u:hunter2@db'], {}));
    expect(e).toHaveLength(2);
    expect(e.join('\n')).not.toMatch(/sekrit|hunter2/);
  });

  it('parseEdgeOptions() requires the TLS certificate and key together', () => {
    expect(errors(parseEdgeOptions(['--tls-cert', 'c.pem'], {}))[0]).toMatch(/--tls-cert and --tls-key/);
    expect(errors(parseEdgeOptions([], { TLS_KEY: 'k.pem' }))[0]).toMatch(/both or neither/);
  });

  it('parseEdgeOptions() rejects unknown options, stray arguments and missing values', () => {
    const e = errors(parseEdgeOptions(['--prot', '80', 'extra', '--host'], {}));
    expect(e).toEqual([
      'unknown option --prot (see --help)',
      'unexpected argument "extra" (options start with --; see --help)',
      '--host needs a value',
    ]);
  });

  it('parseEdgeOptions() answers --help with every flag, its variable and defaults', () => {
    const result = parseEdgeOptions(['--port', 'bad', '--help'], {});
    if (!('help' in result)) throw new Error('expected help');
    for (const spec of edgeOptionSpecs) {
      expect(result.help).toContain(`--${spec.flag} `);
      expect(result.help).toContain(`(env ${spec.env})`);
    }
    expect(result.help).toContain('[default: 8080]');
    expect(parseEdgeOptions(['-h'], {})).toHaveProperty('help');
  });

  it('parseEdgeOptions() accepts every valid port and rejects what is not a whole number', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 65535 }), (port) => {
      expect(options(parseEdgeOptions([`--port=${port}`], {})).port).toBe(port);
    }));
    fc.assert(fc.property(fc.string().filter((s) => !/^\s*\d+\s*$/.test(s) && !s.startsWith('--')), (raw) => {
      expect(errors(parseEdgeOptions(['--port', raw], {})).length).toBeGreaterThan(0);
    }));
  });
});
