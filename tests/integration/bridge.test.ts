// The browser bridge, served for real on 127.0.0.1 with the real built window.
import { request } from 'node:http';
import { dirname } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../../src/main/api/dispatch.js';
import { startBridgeServer, type BridgeServer } from '../../src/main/bridge/server.js';
import { createCore, type Core } from '../../src/main/core/core.js';
import { BRIDGE_HOST_SCRIPT_PATH, BRIDGE_SOCKET_PATH, type BridgeServerMessage } from '../../src/shared/bridge-protocol.js';
import { builtFile } from '../built.js';

interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(port: number, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}${BRIDGE_SOCKET_PATH}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('browser bridge', () => {
  let server: BridgeServer;
  let token: string;
  let cookie: string;
  let core: Core;

  beforeAll(async () => {
    core = await createCore({ dataDir: mkdtempSync(join(tmpdir(), 'tetherscope-bridge-')), version: '0.0.1-test' });
    const index = builtFile('renderer', 'index.html');
    server = await startBridgeServer({
      dispatch: createDispatch(core.handlers),
      events: core.events,
      rendererDir: dirname(index),
      hostScriptFile: builtFile('host', 'host.js'),
      port: 0,
    });
    token = new URL(server.url).searchParams.get('token')!;
  });
  afterAll(async () => {
    await server.close();
    await core.dispose();
  });

  it('listens on 127.0.0.1 and prints a URL with a token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses the bare URL without a token (401)', async () => {
    const res = await get(server.port, '/');
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('<script');
  });

  it('refuses a wrong token (403)', async () => {
    const res = await get(server.port, `/?token=${'x'.repeat(token.length)}`);
    expect(res.status).toBe(403);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a foreign Host even with the right token, and does not spend it', async () => {
    const res = await get(server.port, `/?token=${token}`, { Host: 'evil.example:80' });
    expect(res.status).toBe(403);
  });

  it('refuses a foreign Origin', async () => {
    const res = await get(server.port, `/?token=${token}`, { Origin: 'http://evil.example' });
    expect(res.status).toBe(403);
  });

  it('trades the right token once for an HttpOnly, SameSite=Strict cookie', async () => {
    const res = await get(server.port, `/?token=${token}`);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0]!;
    const again = await get(server.port, `/?token=${token}`);
    expect(again.status).toBe(403);
  });

  it('serves the window with the cookie, host script first, with the security headers', async () => {
    const res = await get(server.port, '/', { Cookie: cookie });
    expect(res.status).toBe(200);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(res.headers['content-security-policy'])).not.toContain('unsafe-eval');
    const hostAt = res.body.indexOf(BRIDGE_HOST_SCRIPT_PATH);
    const appAt = res.body.indexOf('type="module"');
    expect(hostAt).toBeGreaterThan(0);
    expect(hostAt).toBeLessThan(appAt);
    const script = await get(server.port, BRIDGE_HOST_SCRIPT_PATH, { Cookie: cookie });
    expect(script.status).toBe(200);
    expect(script.body).toContain('tetherscope');
  });

  it('accepts another loopback name and port, as an ssh -L forward presents it', async () => {
    const res = await get(server.port, '/', { Cookie: cookie, Host: 'localhost:9000' });
    expect(res.status).toBe(200);
  });

  it('refuses a foreign Host even with the cookie (DNS rebinding)', async () => {
    const res = await get(server.port, '/', { Cookie: cookie, Host: 'attacker.example' });
    expect(res.status).toBe(403);
  });

  it('refuses a wrong cookie and paths outside the window', async () => {
    const wrong = await get(server.port, '/', { Cookie: `${cookie.split('=')[0]}=nope` });
    expect(wrong.status).toBe(403);
    const traversal = await get(server.port, '/..%2f..%2fpackage.json', { Cookie: cookie });
    expect(traversal.status).toBe(404);
  });

  it('refuses WebSockets without the cookie, from a foreign Origin, or without an Origin', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    await expect(openSocket(server.port, { Origin: origin })).rejects.toThrow('HTTP 401');
    await expect(openSocket(server.port, { Origin: 'http://evil.example', Cookie: cookie })).rejects.toThrow('HTTP 403');
    await expect(openSocket(server.port, { Cookie: cookie })).rejects.toThrow('HTTP 403');
  });

  it('answers calls over the WebSocket with the cookie and our Origin', async () => {
    const ws = await openSocket(server.port, { Origin: `http://127.0.0.1:${server.port}`, Cookie: cookie });
    const replies: BridgeServerMessage[] = [];
    const got = new Promise<void>((resolve) => {
      ws.on('message', (data: Buffer) => {
        replies.push(JSON.parse(data.toString()) as BridgeServerMessage);
        if (replies.length === 2) resolve();
      });
    });
    ws.send(JSON.stringify({ id: 1, call: 'getAppInfo' }));
    ws.send(JSON.stringify({ id: 2, call: 'addVirtualDevice', input: { profile: 'not-a-profile' } }));
    await got;
    ws.close();
    const byId = new Map(replies.map((m) => [m.type === 'reply' ? m.id : -1, m]));
    expect(byId.get(1)).toMatchObject({ type: 'reply', reply: { ok: true, result: { name: 'Tetherscope', version: '0.0.1-test' } } });
    expect(byId.get(2)).toMatchObject({ type: 'reply', reply: { ok: false, error: { code: 'invalid-input' } } });
  });

  it('closes a socket that sends something that is not a request', async () => {
    const ws = await openSocket(server.port, { Origin: `http://127.0.0.1:${server.port}`, Cookie: cookie });
    const code = await new Promise<number>((resolve) => {
      ws.on('close', (c) => resolve(c));
      ws.send('{"nope":true}');
    });
    expect(code).toBe(1003);
  });
});
