import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Channel, ChannelEvents, ChannelState } from '../../../main/core/channel';
import { toMessageView } from '../../../main/core/views';
import { useTestApps } from '../../helpers/running-app';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const startApp = useTestApps(tempDir);
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f0a4f50000000049454e44ae426082',
  'hex',
);

/** A line whose customer side the test drives through the app's own handlers. */
class DrivenChannel implements Channel {
  readonly kind = 'whatsapp' as const;
  handlers: Partial<ChannelEvents> = {};
  async start() {}
  async stop() {}
  state(): ChannelState {
    return { state: 'connected' };
  }
  setHandlers(h: Partial<ChannelEvents>) {
    this.handlers = { ...this.handlers, ...h };
  }
  async send() {
    return { externalId: `out-${Math.random()}` };
  }
}

const from = { chatId: '4915112345678@c.us', phone: '+4915112345678' };

describe('messages the customer edits or deletes for everyone', () => {
  it('an edit shows the new text and keeps the earlier one in the message history', async () => {
    const channel = new DrivenChannel();
    const { app } = await startApp({ demo: false, channel });
    await channel.handlers.message!({ externalId: 'w1', from, type: 'text', body: 'Abholung um 15 Uhr', sentAt: Date.now() });
    await channel.handlers.edit!({ externalId: 'w1', body: 'Abholung um 16 Uhr', at: 1_700_000_000_000 });
    const store = app.context.store;
    const row = store.messages.byExternalId('w1')!;
    expect(row.body).toBe('Abholung um 16 Uhr');
    expect(JSON.parse(row.extra!)).toMatchObject({ edits: [{ body: 'Abholung um 15 Uhr', until: 1_700_000_000_000 }] });
    expect(toMessageView(row).edited).toBe(true);
    // The same text again (a repeated event) changes nothing.
    await channel.handlers.edit!({ externalId: 'w1', body: 'Abholung um 16 Uhr', at: 1_700_000_000_001 });
    expect(JSON.parse(store.messages.byExternalId('w1')!.extra!).edits).toHaveLength(1);
  });

  it('a deletion for everyone erases the text, its earlier versions and its file, and the view says "deleted"', async () => {
    const channel = new DrivenChannel();
    const { app } = await startApp({ demo: false, channel });
    const store = app.context.store;
    await channel.handlers.message!({ externalId: 'w2', from, type: 'image', body: 'Mein Ausweis', sentAt: Date.now(), media: { data: PNG, claimedMime: 'image/png' } });
    await channel.handlers.edit!({ externalId: 'w2', body: 'Mein Ausweis, Vorderseite', at: Date.now() });
    const before = store.messages.byExternalId('w2')!;
    expect(before.media_id).not.toBeNull();
    const file = app.context.mediaStore.pathFor(before.media_sha256!);
    expect(existsSync(file)).toBe(true);
    const hits = () => store.db.prepare("SELECT count(*) AS n FROM messages_fts WHERE messages_fts MATCH 'vorderseite'").get();
    expect(hits()).toEqual({ n: 1 });

    await channel.handlers.revoke!({ externalId: 'w2' });
    const after = store.messages.byExternalId('w2')!;
    expect(after.body).toBe('');
    expect(after.media_id).toBeNull();
    expect(after.extra).not.toContain('Ausweis');
    expect(toMessageView(after)).toMatchObject({ revoked: true, body: '', media: null });
    expect(existsSync(file)).toBe(false);
    expect(hits()).toEqual({ n: 0 });
    // An edit arriving after the deletion does not bring text back.
    await channel.handlers.edit!({ externalId: 'w2', body: 'Mein Ausweis', at: Date.now() });
    expect(store.messages.byExternalId('w2')!.body).toBe('');
  });
});
