import { z } from 'zod';
import { method } from './define';
import { Cursor, Pin, ProfileView, page } from './inbox';
import { Id } from './models';

/**
 * Roles, sessions, API keys, the local API switch and the access log.
 * Who may call what is declared on each method (`access`), checked in main.
 */

/** Minutes without input after which a window locks (0: never). */
export const AUTO_LOCK_MINUTES_DEFAULT = 5;
export const AutoLockMinutes = z.number().int().min(0).max(240);

export const ApiKeyScope = z.enum(['integration', 'manager']);
export type ApiKeyScope = z.infer<typeof ApiKeyScope>;
export const ApiKeyName = z.string().trim().min(1, 'name is empty').max(60);

export const ApiKeyView = z.object({
  id: z.number().int(),
  name: z.string(),
  scope: ApiKeyScope,
  /** The first characters of the key, so a person can tell keys apart (the key itself is never shown again). */
  prefix: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;

export const CreatedApiKey = z.object({
  id: z.number().int(),
  /** The plain key: shown once, stored only as its SHA-256. */
  key: z.string(),
});

/** What this window/connection may do now. */
export const SessionState = z.object({
  profile: ProfileView.nullable(),
  /** Manager rights now (a manager profile unlocked with its PIN, or an install whose owner has no PIN yet). */
  manager: z.boolean(),
  /** No manager has a PIN yet: every window acts as manager until the owner sets one. */
  unclaimed: z.boolean(),
  /** Main locked this window (inactivity or session.lock); the UI shows the lock screen. */
  locked: z.boolean(),
  autoLockMinutes: z.number().int(),
});
export type SessionState = z.infer<typeof SessionState>;

export const LocalApiPort = z.number().int().min(1024).max(65535);
export const LOCAL_API_DEFAULT_PORT = 7311;
export const LocalApiView = z.object({
  /** A manager switched it on (Electron); always true in serve mode. */
  enabled: z.boolean(),
  port: z.number().int(),
  /** Listening now. */
  running: z.boolean(),
  /** The app can switch it (Electron); in serve mode it runs with the process. */
  controllable: z.boolean(),
  /** Why it does not run (e.g. the port is taken). */
  error: z.string().nullable(),
});
export type LocalApiView = z.infer<typeof LocalApiView>;

export const SecuritySettings = z.object({ autoLockMinutes: AutoLockMinutes });
export type SecuritySettings = z.infer<typeof SecuritySettings>;

export const AccessOutcome = z.string();
export const AccessLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  /** profile, key (an API key), operator (serve mode's start token), app (in-process). */
  actorKind: z.enum(['profile', 'key', 'operator', 'app', 'none']),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  /** Method name, or "HTTP METHOD /path" for routes. */
  action: z.string(),
  /** The contact concerned (its id, never the number: erasure needs to scrub nothing here). */
  contactId: z.number().int().nullable(),
  /** "ok", or the error code the call ended with (e.g. forbidden). */
  outcome: AccessOutcome,
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const rolesMethods = {
  'session.state': method(z.object({}).strict(), SessionState, 'Who works at this window and whether it has manager rights now.'),
  'session.unlock': method(
    z.object({ profileId: Id, pin: Pin.optional(), newPin: Pin.optional() }).strict(),
    SessionState,
    'Unlock this window for a profile (its PIN if it has one); a manager profile gains manager rights until lock or auto-lock.',
  ),
  'session.lock': method(
    z.object({}).strict(),
    SessionState,
    'Lock this window: manager rights end (back to the staff profile of the counter, if it has no PIN).',
  ),
  'session.touch': method(
    z.object({}).strict(),
    z.object({ locked: z.boolean() }),
    'Someone is using this window (input seen); keeps manager rights until the auto-lock time passes without it.',
  ),
  'security.get': method(z.object({}).strict(), SecuritySettings, 'Auto-lock time.'),
  'security.update': method(SecuritySettings.partial().strict(), SecuritySettings, 'Change the auto-lock time.', {
    access: 'manager',
    audit: true,
  }),
  'keys.list': method(z.object({}).strict(), z.array(ApiKeyView), 'API keys for shop systems, newest first (revoked ones too).', {
    access: 'manager',
  }),
  'keys.create': method(
    z.object({ name: ApiKeyName, scope: ApiKeyScope }).strict(),
    CreatedApiKey,
    'A new API key; the key is in this answer only (stored as its hash).',
    { access: 'manager', audit: true },
  ),
  'keys.revoke': method(z.object({ id: Id }).strict(), ApiKeyView, 'Revoke an API key: it is refused (401) from now on.', {
    access: 'manager',
    audit: true,
  }),
  'localApi.get': method(z.object({}).strict(), LocalApiView, 'Whether the local API (loopback HTTP) is on, and its port.', {
    access: 'manager',
  }),
  'localApi.update': method(
    z.object({ enabled: z.boolean().optional(), port: LocalApiPort.optional() }).strict(),
    LocalApiView,
    'Switch the local API on or off, or move it to another port (loopback only).',
    { access: 'manager', audit: true },
  ),
  'accessLog.list': method(
    z.object({ cursor: Cursor.optional(), limit: z.number().int().min(1).max(200).optional() }).strict(),
    page(AccessLogEntry),
    'The access log, newest first: who viewed a proof, exported, erased or changed settings.',
    { access: 'manager' },
  ),
} as const;
