/**
 * The renderer's Content-Security-Policy. No electron import here, so the
 * build can read it and write the same policy into renderer/index.html.
 *
 * - scripts and styles only from the app's own files: no inline code, no eval
 * - images/media also from data:/blob: (QR codes, received photos, voice notes)
 * - connect only to the loopback WebSocket of serve mode; the Electron window
 *   talks over IPC and needs no network at all
 * - no plugins, frames, forms or <base> rewriting
 */
const directives: Array<[string, string]> = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data: blob:"],
  ['media-src', "'self' data: blob:"],
  ['font-src', "'self' data:"],
  ['connect-src', "'self' ws://127.0.0.1:* ws://localhost:*"],
  ['worker-src', "'self'"],
  ['object-src', "'none'"],
  ['frame-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
];

const join = (list: Array<[string, string]>): string => list.map(([k, v]) => `${k} ${v}`).join('; ');

/** For a `<meta http-equiv="Content-Security-Policy">` tag (frame-ancestors is ignored there). */
export const CONTENT_SECURITY_POLICY_META = join(directives);

/** For the response header the Electron session adds to every renderer response. */
export const CONTENT_SECURITY_POLICY = join([...directives, ['frame-ancestors', "'none'"]]);
