import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../electron/host/server.ts';
import { tempDir } from '../support/temp.ts';
import { testKdfPolicy } from '../support/vault-fixture.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolveReply({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser host', () => {
  let host: RunningHost;
  const dir = tempDir();
  beforeAll(async () => {
    host = await startHost({ dataDir: dir.path, outDir: resolve(import.meta.dirname, '../../out'), kdfPolicy: testKdfPolicy() });
  });
  afterAll(async () => {
    await host.close();
    dir.remove();
  });

  const origin = () => host.url.replace(/\/$/, '');
  const rpc = (channel: string, headers: Record<string, string>, body = '{}') =>
    call(`${host.url}rpc/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

  it('listens on loopback only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
  });

  it('serves the renderer with the CSP header and the bridge injected', async () => {
    const page = await call(host.url);
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<script src="/host-bridge.js"></script>');
    expect((await call(`${host.url}host-bridge.js`)).status).toBe(200);
    expect((await call(`${host.url}..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('requires the per-launch token on every call', async () => {
    expect((await rpc('vault.status', { Origin: origin() })).status).toBe(401);
    expect((await rpc('vault.status', { Origin: origin(), Authorization: 'Bearer wrong' })).status).toBe(401);
    const ok = await rpc('vault.status', { Origin: origin(), Authorization: `Bearer ${host.token}` });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { state: 'no-vault', pendingRecoveryKey: false, clientMode: false } });
  });

  it('checks Host and Origin against DNS rebinding and cross-site calls', async () => {
    const auth = { Authorization: `Bearer ${host.token}` };
    expect((await rpc('vault.status', { ...auth, Origin: 'http://evil.example' })).status).toBe(403);
    expect((await rpc('vault.status', { ...auth })).status).toBe(403);
    expect((await rpc('vault.status', { ...auth, Origin: origin(), Host: 'evil.example' })).status).toBe(421);
    expect((await call(host.url, { headers: { Host: `rebind.example:${new URL(host.url).port}` } })).status).toBe(421);
  });

  it('answers malformed bodies and unknown channels with typed errors', async () => {
    const headers = { Origin: origin(), Authorization: `Bearer ${host.token}` };
    expect(JSON.parse((await rpc('clients.list', headers, '{not json')).body).error.code).toBe('VALIDATION_FAILED');
    expect(JSON.parse((await rpc('nope.nothing', headers)).body).error.code).toBe('UNKNOWN_CHANNEL');
    expect(JSON.parse((await rpc('clients.list', headers)).body).error.code).toBe('VAULT_LOCKED');
  });
});
