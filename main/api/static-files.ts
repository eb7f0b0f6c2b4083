import { createReadStream, existsSync, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { rendererContentType } from '../contract/mime';
import { sendError } from './http-util';

/**
 * The page cookie is NOT the API token: cookies ignore ports, so any other
 * server on 127.0.0.1 the browser visits receives it. It only unlocks the
 * app's static files (page reloads, assets); the API needs the token itself.
 */
export const PAGE_COOKIE = 'tresen_page';

export interface StaticRequest {
  url: URL;
  method: string;
  /** The page cookie's value to set (the page was opened with the token), or null. */
  setCookie: string | null;
}

/**
 * One file of the built renderer, under the one CSP; a path without an
 * extension falls back to the app shell (client-side routes), a path outside
 * the folder is not found.
 */
export function serveStatic(rendererDir: string, { url, method, setCookie }: StaticRequest, res: ServerResponse, onReadError: (file: string, err: unknown) => void): void {
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return sendError(res, { code: 'validation', message: 'bad path' });
  }
  const root = normalize(rendererDir + sep);
  let file = normalize(join(root, rel === '/' ? 'index.html' : rel));
  if (!file.startsWith(root)) return sendError(res, { code: 'not_found', message: 'not found' });
  if (!existsSync(file) || statSync(file).isDirectory()) {
    if (extname(rel) !== '') return sendError(res, { code: 'not_found', message: 'not found' });
    file = join(root, 'index.html');
  }
  if (!existsSync(file)) {
    return sendError(res, { code: 'unavailable', message: 'renderer not built: run npm run build' });
  }
  const headers: Record<string, string> = {
    'Content-Type': rendererContentType(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'private, max-age=3600',
  };
  if (setCookie !== null) headers['Set-Cookie'] = `${PAGE_COOKIE}=${setCookie}; HttpOnly; SameSite=Strict; Path=/`;
  res.writeHead(200, headers);
  if (method === 'HEAD') return void res.end();
  createReadStream(file)
    .on('error', (err) => {
      onReadError(file, err);
      res.destroy();
    })
    .pipe(res);
}
