import type { AppContext } from '../../app-context';
import { LOCAL_API_DEFAULT_PORT, type LocalApiView } from '../../contract';
import { ApiError } from '../../contract/errors';
import type { Session } from '../../core/session';
import { toProfileView } from '../../core/views';
import type { Handlers } from '../router';

type RolesHandlers = Pick<
  Handlers,
  | 'session.state'
  | 'session.unlock'
  | 'session.lock'
  | 'session.touch'
  | 'security.get'
  | 'security.update'
  | 'keys.list'
  | 'keys.create'
  | 'keys.revoke'
  | 'localApi.get'
  | 'localApi.update'
  | 'accessLog.list'
>;

/** Who creates a key, as the key list shows it. */
export function creatorName(ctx: AppContext, session: Session): string {
  const a = ctx.access.actor(session);
  return a.name ?? (a.kind === 'app' ? 'Tresen' : '–');
}

/** Where no local API switch exists (tests without a host): off, and it cannot be switched here. */
const NO_LOCAL_API: LocalApiView = { enabled: false, port: LOCAL_API_DEFAULT_PORT, running: false, controllable: false, error: null };

export function rolesHandlers(ctx: AppContext): RolesHandlers {
  const { access } = ctx;
  return {
    'session.state': (_input, session) => access.state(session),
    'session.unlock': async ({ profileId, pin, newPin }, session) => {
      const settingPin = ctx.store.profiles.byId(profileId)?.must_set_pin === 1;
      const state = await access.unlock(session, profileId, pin, newPin);
      // The owner set its PIN: every window's list (and its "unclaimed" state) changes.
      if (settingPin) ctx.bus.emit('profiles.changed', ctx.store.profiles.all().map((r) => toProfileView(r, ctx.clock.now())));
      return state;
    },
    'session.lock': (_input, session) => access.lock(session),
    'session.touch': (_input, session) => {
      access.touch(session);
      return { locked: session.locked === true };
    },
    'security.get': () => ({ autoLockMinutes: access.autoLockMinutes() }),
    'security.update': ({ autoLockMinutes }) => {
      if (autoLockMinutes !== undefined) access.setAutoLockMinutes(autoLockMinutes);
      return { autoLockMinutes: access.autoLockMinutes() };
    },
    'keys.list': () => ctx.apiKeys.list(),
    'keys.create': ({ name, scope }, session) => {
      const { row, key } = ctx.apiKeys.create({ name, scope, createdBy: creatorName(ctx, session) });
      return { id: row.id, key };
    },
    'keys.revoke': ({ id }) => ctx.apiKeys.revoke(id),
    'localApi.get': () => ctx.host?.localApi?.view() ?? NO_LOCAL_API,
    'localApi.update': async (patch) => {
      const control = ctx.host?.localApi;
      if (!control || !control.view().controllable) {
        throw new ApiError('conflict', 'the local API runs with the process here (serve mode) and cannot be switched', { reason: 'not_controllable' });
      }
      return control.update(patch);
    },
    'accessLog.list': ({ cursor, limit }) => access.list(cursor, limit ?? 50),
  };
}
