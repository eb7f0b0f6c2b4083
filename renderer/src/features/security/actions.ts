import type { ApiKeyScope, LocalApiView, SessionState } from '@contract';
import { api } from '../../api';
import type { ApiClient } from '../../api/client';
import { toApiError } from '../../api/client';
import { useSecurity } from './security-store';

/** How often input in the window is reported to main at most (it keeps manager rights alive). */
export const TOUCH_EVERY_MS = 30_000;
const IDLE_CHECK_MS = 5_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'pointermove', 'touchstart'] as const;

/** Sessions (lock, unlock, auto-lock), API keys, the local API switch and the access log. */
export function createSecurityActions(client: ApiClient) {
  const set = (session: SessionState): SessionState => {
    useSecurity.getState().setSession(session);
    return session;
  };
  const refresh = async (): Promise<void> => {
    try {
      set(await client.call('session.state', {}));
    } catch (err) {
      console.warn('session.state failed', toApiError(err).code);
    }
  };

  /** Audited changes show up in an open access log at once. */
  const logChanged = (): void => {
    if (useSecurity.getState().log !== null) void loadLog().catch(() => undefined);
  };
  const loadLog = async (more = false): Promise<void> => {
    const s = useSecurity.getState();
    const cursor = more ? s.logNext : null;
    if (more && !cursor) return;
    const page = await client.call('accessLog.list', { limit: 50, ...(cursor ? { cursor } : {}) });
    useSecurity.setState({ log: more ? [...(s.log ?? []), ...page.items] : page.items, logNext: page.next });
  };

  return {
    refresh,
    /** Throws ApiError (wrong PIN: unauthorized, locked profile: rate_limited). */
    async unlock(profileId: number, pin?: string, newPin?: string): Promise<SessionState> {
      return set(await client.call('session.unlock', { profileId, ...(pin ? { pin } : {}), ...(newPin ? { newPin } : {}) }));
    },
    async lock(): Promise<void> {
      set(await client.call('session.lock', {}));
    },

    /**
     * Follows this window's input: reports it to main now and then, and locks
     * the window once the auto-lock time passes without any. Returns a stop function.
     */
    watch(win: Window = window, now: () => number = Date.now): () => void {
      let lastInput = now();
      let lastTouch = 0;
      const onInput = (): void => {
        lastInput = now();
        const s = useSecurity.getState().session;
        if (!s || s.locked || lastInput - lastTouch < TOUCH_EVERY_MS) return;
        lastTouch = lastInput;
        client.call('session.touch', {}).catch((err) => console.warn('session.touch failed', toApiError(err).code));
      };
      const timer = setInterval(() => {
        const s = useSecurity.getState().session;
        if (!s || s.locked || s.autoLockMinutes === 0) return;
        if (now() - lastInput >= s.autoLockMinutes * 60_000) void this.lock().catch(() => undefined);
      }, IDLE_CHECK_MS);
      for (const e of ACTIVITY_EVENTS) win.addEventListener(e, onInput, { passive: true });
      const offs = [client.on('profile.switched', () => void refresh()), client.on('profiles.changed', () => void refresh())];
      void refresh();
      return () => {
        clearInterval(timer);
        for (const e of ACTIVITY_EVENTS) win.removeEventListener(e, onInput);
        offs.forEach((off) => off());
      };
    },

    /** A window without a profile: input ends the lock screen (there are no rights to protect). */
    async resume(): Promise<void> {
      await client.call('session.touch', {});
      await refresh();
    },

    async setAutoLock(minutes: number): Promise<void> {
      await client.call('security.update', { autoLockMinutes: minutes });
      await refresh();
      logChanged();
    },

    async loadKeys(): Promise<void> {
      useSecurity.setState({ keys: await client.call('keys.list', {}) });
    },
    /** The plain key, to be shown once. */
    async createKey(name: string, scope: ApiKeyScope): Promise<string> {
      const { key } = await client.call('keys.create', { name, scope });
      await this.loadKeys();
      logChanged();
      return key;
    },
    async revokeKey(id: number): Promise<void> {
      await client.call('keys.revoke', { id });
      await this.loadKeys();
      logChanged();
    },

    async loadLocalApi(): Promise<LocalApiView> {
      const view = await client.call('localApi.get', {});
      useSecurity.setState({ localApi: view });
      return view;
    },
    async updateLocalApi(patch: { enabled?: boolean; port?: number }): Promise<void> {
      useSecurity.setState({ localApi: await client.call('localApi.update', patch) });
      logChanged();
    },

    loadLog,
  };
}

export const securityActions = createSecurityActions(api);
