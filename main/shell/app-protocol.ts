import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { rendererContentType } from '../contract/mime';

/**
 * The renderer is served from `app://tresen/…`, not file://: a standard,
 * secure scheme of its own, so the page is one origin that can reach no other
 * file on disk, and every response carries the CSP header from the one
 * source (main/contract/csp.ts). The file protocol keeps no extra privileges
 * (fuse `grantFileProtocolExtraPrivileges` off in electron-builder.yml).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tresen';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** The file under rendererDir a request names, or null for anything outside it or another host. */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  const root = path.resolve(rendererDir) + path.sep;
  const file = path.resolve(root, `.${rel === '/' ? '/index.html' : rel}`);
  return file.startsWith(root) ? file : null;
}

/** Answers app:// requests from the built renderer, each with the CSP header. */
export async function appResponse(url: string, rendererDir: string): Promise<Response> {
  const file = resolveAppFile(url, rendererDir);
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  if (!file) return new Response('not found', { status: 404, headers });
  try {
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: { ...headers, 'Content-Type': rendererContentType(file) },
    });
  } catch {
    return new Response('not found', { status: 404, headers });
  }
}

/** After ready: serve the renderer folder under app://tresen/. */
export function serveAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(request.url, rendererDir));
}
