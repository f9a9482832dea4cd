/**
 * The browser host: the real services under Node, the built renderer served to a browser on
 * 127.0.0.1, and the contract over HTTP with a per-launch token. For development and testing
 * only; it is not part of the installed app.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { createApp, type App } from '../main/app/app.ts';
import type { KdfPolicy } from '../main/data/keys/kdf-policy.ts';
import { productionKdfPolicy } from '../main/data/keys/kdf-policy.ts';
import { createConfStore } from './conf-store.ts';
import { SECURITY_HEADERS } from '../main/shell/security-policy.ts';
import { readRendererFile } from '../main/shell/static-files.ts';
import { HostDocumentPlatform } from './host-documents.ts';

const HOST_VERSION = (JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string }).version;

export interface HostOptions {
  dataDir: string;
  /** Where exported letters, PDFs and packets are written (the host has no save dialog). */
  outputDir?: string;
  /** Folder of the built renderer (out/renderer) and the bridge (out/host). */
  outDir: string;
  port?: number;
  kdfPolicy?: KdfPolicy;
  /** Stands in for the build date a packaged build has (tests of the update notice); today when absent. */
  buildDate?: string | undefined;
}

export interface RunningHost {
  url: string;
  token: string;
  services: App;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const BRIDGE_PATH = '/host-bridge.js';

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = randomBytes(32).toString('hex');
  const outputDir = options.outputDir ?? join(options.dataDir, '..', 'exports');
  const documents = new HostDocumentPlatform(outputDir);
  const services = createApp({
    dataDir: options.dataDir,
    kdfPolicy: options.kdfPolicy ?? productionKdfPolicy(),
    preferences: createConfStore(options.dataDir),
    ...(options.buildDate ? { buildDate: options.buildDate } : {}),
    // The host has no folder dialog: backups go to a fixed folder beside the exports.
    platform: { shell: 'browser-host', version: HOST_VERSION, closeReady: () => undefined, documents, chooseFolder: async () => join(outputDir, 'backups') },
  });
  const rendererRoot = join(options.outDir, 'renderer');
  const bridge = readFileSync(join(options.outDir, 'host', 'host-bridge.js'));
  let port = 0;

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch(() => send(res, 500, 'text/plain; charset=utf-8', 'Internal error'));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostHeaderAllowed(req.headers.host, port)) return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/rpc/')) return handleRpc(req, res, url.pathname.slice('/rpc/'.length));
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (url.pathname === BRIDGE_PATH) return send(res, 200, 'text/javascript; charset=utf-8', bridge);
    const file = await readRendererFile(rendererRoot, url.pathname);
    if (!file) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    if (file.contentType.startsWith('text/html')) {
      // The bridge plays the preload's part: it defines window.ipt before the app's module runs.
      const html = file.body.toString('utf8').replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`);
      return send(res, 200, file.contentType, html);
    }
    return send(res, 200, file.contentType, file.body);
  }

  async function handleRpc(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed');
    if (!originAllowed(req.headers.origin, port)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden origin');
    if (!tokenMatches(req.headers.authorization, token)) return send(res, 401, 'text/plain; charset=utf-8', 'Missing or wrong token');
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return sendJson(res, { ok: false, error: { code: 'VALIDATION_FAILED', message: 'The request could not be read.' } });
    }
    sendJson(res, await services.dispatch(channel, body));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    token,
    services,
    close: () =>
      new Promise<void>((resolve) => {
        services.close();
        server.closeAllConnections();
        server.close(() => void documents.close().then(() => resolve()));
      }),
  };
}

function hostHeaderAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** Browsers send Origin on POST; a missing or foreign one is refused (DNS rebinding, CSRF). */
function originAllowed(origin: string | undefined, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '', 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType });
  res.end(body);
}

function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}
