import { newSession, type Session } from '../../main/core/session';

/** The PIN the tests give the owner profile ("Inhaber") on first use. */
export const OWNER_PIN = '2468';

type Dispatch = (method: string, input: unknown, session?: Session) => Promise<{ ok: boolean; value?: unknown; error?: unknown }>;

/**
 * A session working as the owner, as staff at the counter would be: sending
 * needs a profile. Sets the owner's PIN the first time, enters it after that.
 */
export async function ownerSession(app: { dispatch: Dispatch }): Promise<Session> {
  const session = newSession();
  const list = await app.dispatch('profiles.list', {}, session);
  const owner = (list.value as { id: number; role: string; mustSetPin?: boolean }[]).find((p) => p.role === 'manager');
  if (!owner) throw new Error('no owner profile');
  const switched = await app.dispatch('profiles.switch', { profileId: owner.id, pin: OWNER_PIN, newPin: OWNER_PIN }, session);
  if (!switched.ok) throw new Error(`profiles.switch failed: ${JSON.stringify(switched.error)}`);
  return session;
}

/** The same over a WebSocket connection (its session is the connection's). */
export async function signInWs(ws: { call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> }): Promise<void> {
  const list = await ws.call('profiles.list', {});
  const owner = (list.value as { id: number; role: string }[]).find((p) => p.role === 'manager');
  if (!owner) throw new Error('no owner profile');
  const switched = await ws.call('profiles.switch', { profileId: owner.id, pin: OWNER_PIN, newPin: OWNER_PIN });
  if (!switched.ok) throw new Error(`profiles.switch failed: ${JSON.stringify(switched.error)}`);
}

const sessions = new WeakMap<object, Promise<Session>>();

/** The owner's session for this app, made once: the counter the test's calls come from. */
export function counter(app: { dispatch: Dispatch }): Promise<Session> {
  let session = sessions.get(app);
  if (!session) sessions.set(app, (session = ownerSession(app)));
  return session;
}
