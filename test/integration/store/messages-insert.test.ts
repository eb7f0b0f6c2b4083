import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Store } from '../../../main/store';
import type { NewMessage } from '../../../main/store/messages-repo';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

/**
 * MessagesRepo.insert answers with the row it bound (no read back) and reads
 * the row back only for a file or a quote. Whatever the fields, the answer
 * must be exactly the row a later read gives, joined fields included.
 */
describe('MessagesRepo.insert', () => {
  it('answers exactly what byId reads back, for every kind of message', () => {
    const store = Store.open(tempDir());
    try {
      const contacts = [store.contacts.create('+4917110000001', T0), store.contacts.create('+4917110000002', T0, 'Jörg')];
      const conversations = contacts.map((c) => store.messages.conversationIdOf(c.id)!);
      const media = store.media.upsert({ sha256: 'a'.repeat(64), mime: 'image/jpeg', size: 1234, fileName: 'Foto.jpg' }, T0);
      // One visible and one held-back message per conversation, to quote.
      const quotable = conversations.flatMap((conversationId, i) =>
        [false, true].map(
          (quarantined) =>
            store.messages.insert({ conversationId, direction: 'in', type: 'text', body: `vorher ${i}`, author: 'customer', status: 'received', quarantined, externalId: `q-${i}-${quarantined}`, createdAt: T0 }).id,
        ),
      );
      let n = 0;
      const message = fc.record({
        conversation: fc.integer({ min: 0, max: 1 }),
        direction: fc.constantFrom('in' as const, 'out' as const),
        type: fc.constantFrom('text', 'image', 'voice', 'location'),
        body: fc.string({ maxLength: 40 }),
        author: fc.constantFrom('customer' as const, 'staff' as const, 'bot' as const, 'system' as const, 'phone' as const),
        status: fc.constantFrom('received' as const, 'queued' as const, 'sent' as const),
        purpose: fc.constantFrom(undefined, null, 'service' as const, 'marketing' as const),
        withMedia: fc.boolean(),
        quarantined: fc.option(fc.boolean(), { nil: undefined }),
        extra: fc.option(fc.constant({ location: { latitude: 52.5, longitude: 13.4, name: 'Laden' } }), { nil: undefined }),
        sentAt: fc.option(fc.integer({ min: T0 - 1_000_000, max: T0 }), { nil: undefined }),
        authorProfileId: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        authorName: fc.option(fc.constantFrom('Anna', 'Büşra'), { nil: undefined }),
        quote: fc.option(fc.integer({ min: 0, max: quotable.length - 1 }), { nil: undefined }),
        external: fc.boolean(),
      });
      fc.assert(
        fc.property(message, (m) => {
          n++;
          const input: NewMessage = {
            conversationId: conversations[m.conversation]!,
            direction: m.direction,
            type: m.type,
            body: m.body,
            author: m.author,
            status: m.status,
            purpose: m.purpose,
            mediaId: m.withMedia ? media : null,
            quarantined: m.quarantined,
            extra: m.extra,
            sentAt: m.sentAt,
            createdAt: T0 + n,
            authorProfileId: m.authorProfileId,
            authorName: m.authorName,
            quotedMessageId: m.quote === undefined ? undefined : quotable[m.quote],
            externalId: m.external ? `ext-${n}` : undefined,
          };
          const inserted = store.messages.insert(input);
          expect(inserted).toStrictEqual(store.messages.byId(inserted.id));
          expect(inserted.contact_id).toBe(contacts[m.conversation]!.id);
        }),
        { numRuns: 300 },
      );
    } finally {
      store.close();
    }
  });

  it('insertsIndexedAtEnd: the held entries are written once at its end; a throw writes none and releases the hold', () => {
    const store = Store.open(tempDir());
    try {
      const conversationId = store.messages.conversationIdOf(store.contacts.create('+4917110000003', T0).id)!;
      const add = (body: string) => store.messages.insert({ conversationId, direction: 'in', type: 'text', body, author: 'customer', status: 'received', createdAt: T0 });
      const found = (word: string) => store.db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?').pluck().all(`"${word}"`);
      expect(() => store.messages.insertsIndexedAtEnd(() => add('draußen'))).toThrow(/transaction/);

      const ids = store.tx(() =>
        store.messages.insertsIndexedAtEnd(() => {
          const first = add('Fahrrad abholen').id;
          // Held: not in the index until the end.
          expect(found('fahrrad')).toEqual([]);
          return [first, add('Fahrrad Reifen').id];
        }),
      );
      expect(found('fahrrad')).toEqual(ids);
      expect(found('reifen')).toEqual([ids[1]]);

      // A throw inside: the caller rolls back, nothing was indexed, and the next insert is indexed at once again.
      expect(() =>
        store.tx(() =>
          store.messages.insertsIndexedAtEnd(() => {
            add('Schlauch');
            throw new Error('refused');
          }),
        ),
      ).toThrow('refused');
      expect(found('schlauch')).toEqual([]);
      const later = add('Schlauch geflickt').id;
      expect(found('schlauch')).toEqual([later]);
    } finally {
      store.close();
    }
  });
});
