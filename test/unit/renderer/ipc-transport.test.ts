import { describe, expect, it } from 'vitest';
import { ApiError } from '@contract/errors';
import { createClient, toApiError, unwrap } from '../../../renderer/src/api/client';
import { createIpcTransport } from '../../../renderer/src/api/ipc-transport';
import type { PreloadBridge } from '../../../renderer/src/api/ipc-transport';

describe('IPC transport (window.tresen)', () => {
  const bridge = () => {
    const calls: Array<[string, unknown]> = [];
    const listeners = new Map<string, Set<(p: unknown) => void>>();
    const b: PreloadBridge = {
      contacts: {
        list: async (input: unknown) => {
          calls.push(['contacts.list', input]);
          return { ok: true, value: [{ id: 1 }] };
        },
      },
      messages: {
        send: async (input: unknown) => {
          calls.push(['messages.send', input]);
          return { ok: false, error: { code: 'validation', message: 'message is empty', field: 'text' } };
        },
      },
      on(event, fn) {
        let set = listeners.get(event);
        if (!set) listeners.set(event, (set = new Set()));
        set.add(fn);
        return () => set.delete(fn);
      },
    };
    const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((fn) => fn(payload));
    return { b, calls, emit };
  };

  it('calls tresen[ns][fn] and unwraps the envelope', async () => {
    const { b, calls } = bridge();
    const client = createClient(createIpcTransport(b));
    await expect(client.call('contacts.list', { limit: 5 })).resolves.toEqual([{ id: 1 }]);
    expect(calls).toEqual([['contacts.list', { limit: 5 }]]);
  });

  it('turns an error envelope into an ApiError with its field', async () => {
    const { b } = bridge();
    const client = createClient(createIpcTransport(b));
    const err = await client.call('messages.send', { contactId: 1, text: ' ' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ code: 'validation', field: 'text' });
  });

  it('a method preload does not expose is unknown_method, not a crash', async () => {
    const { b } = bridge();
    const client = createClient(createIpcTransport(b));
    await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'unknown_method' });
  });

  it('subscribes through tresen.on and unsubscribes', () => {
    const { b, emit } = bridge();
    const client = createClient(createIpcTransport(b));
    const seen: unknown[] = [];
    const off = client.on('contact.updated', (c) => seen.push(c.id));
    emit('contact.updated', { id: 7 });
    off();
    emit('contact.updated', { id: 8 });
    expect(seen).toEqual([7]);
    expect(client.connection()).toBe('open');
  });
});

describe('envelope helpers', () => {
  it('unwrap rejects anything that is not an envelope', () => {
    expect(unwrap({ ok: true, value: 0 })).toBe(0);
    expect(() => unwrap(undefined)).toThrow(ApiError);
    expect(() => unwrap({ ok: false, error: { code: 'nonsense', message: 'x' } })).toThrow(/Unexpected answer/);
  });

  it('toApiError keeps ApiErrors, revives plain shapes and wraps the rest as unavailable', () => {
    const e = new ApiError('conflict', 'c');
    expect(toApiError(e)).toBe(e);
    expect(toApiError({ code: 'not_found', message: 'gone' })).toMatchObject({ code: 'not_found', message: 'gone' });
    expect(toApiError(new Error('socket hang up'))).toMatchObject({ code: 'unavailable', message: 'socket hang up' });
  });
});
