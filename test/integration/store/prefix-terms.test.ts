import { describe, expect, it } from 'vitest';
import { Store } from '../../../main/store';
import { searchMatch } from '../../../main/store/contacts-repo';
import { expandLastPrefix, MAX_PREFIX_TERMS } from '../../../main/store/prefix-terms';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 11, 2, 9, 0, 0);

/** A store whose messages share word beginnings: Abholung/Abholungen/Abholzeit, Straße/Strasse, order numbers. */
function storeWith(bodies: string[]): { store: Store; add: (body: string) => number } {
  const store = Store.open(tempDir());
  const c = store.contacts.create('+4917112345678', T0, null);
  const conversationId = store.messages.conversationIdOf(c.id)!;
  let n = 0;
  const add = (body: string) =>
    store.messages.insert({
      conversationId,
      externalId: `p-${n}`,
      direction: 'in',
      type: 'text',
      body,
      author: 'customer',
      status: 'received',
      createdAt: T0 + n++,
    }).id;
  store.tx(() => bodies.forEach(add));
  return { store, add };
}

const BODIES = [
  'Wann ist die Abholung?',
  'Zwei Abholungen bitte',
  'Die Abholzeit passt mir',
  'Auftrag 65675 fertig?',
  'Auftrag 65612 und Straße',
  'Strasse gesperrt, Auftrag 7',
  'Nichts davon',
  'Größe 42 für die Rückgabe',
  'abholen morgen',
];

const hits = (store: Store, query: string): number[] =>
  store.db.prepare('SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rowid DESC').pluck().all(query) as number[];

describe('a typed prefix becomes the index terms it stands for', () => {
  it('finds exactly what the prefix query finds, for single words, several words, numbers and umlauts', () => {
    const { store } = storeWith(BODIES);
    for (const text of ['Abhol', 'abholu', 'Abholung', 'Auftrag 656', 'Auftrag 65675', 'stras', 'Straße', 'Grö', 'rueckg', 'Auftrag', 'xyz', '656']) {
      const prefixQuery = searchMatch(text)!.messages;
      const expanded = searchMatch(text, store.db)!.messages;
      expect(hits(store, expanded), `${text}: ${expanded}`).toEqual(hits(store, prefixQuery));
    }
    // The shape: the last word's terms in an OR group, the finished words kept as they are.
    expect(expandLastPrefix(store.db, '"auftrag" "656"*')).toBe('"auftrag" AND ("65612" OR "65675")');
    expect(expandLastPrefix(store.db, '"abholu"*')).toBe('("abholung" OR "abholungen")');
    expect(hits(store, expandLastPrefix(store.db, '"abhol"*'))).toHaveLength(4);
    store.close();
  });

  it('leaves a query alone when its last word is finished, nothing starts with it, or too many terms do', () => {
    const many = Array.from({ length: MAX_PREFIX_TERMS + 1 }, (_, i) => `Teil${String.fromCharCode(97 + i)}x`);
    const { store } = storeWith([...BODIES, many.join(' ')]);
    expect(expandLastPrefix(store.db, '"auftrag" "65675"')).toBe('"auftrag" "65675"');
    expect(expandLastPrefix(store.db, '"qqq"*')).toBe('"qqq"*');
    expect(expandLastPrefix(store.db, '"teil"*')).toBe('"teil"*');
    // One term fewer than the limit allows is expanded.
    const { store: fewer } = storeWith(many.slice(1));
    expect(expandLastPrefix(fewer.db, '"teil"*').split(' OR ')).toHaveLength(MAX_PREFIX_TERMS);
    store.close();
    fewer.close();
  });

  it('a message written between two searches of the same prefix is found by the second', () => {
    const { store, add } = storeWith(BODIES);
    expect(store.inbox.searchMessages('Abhol', undefined, 50)).toHaveLength(4);
    const id = add('Abholschein verloren');
    const second = store.inbox.searchMessages('Abhol', undefined, 50);
    expect(second.map((h) => h.id)).toContain(id);
    expect(second).toHaveLength(5);
    // And an erased one is gone again.
    store.db.prepare('DELETE FROM messages WHERE id = ?').run(id);
    expect(store.inbox.searchMessages('Abhol', undefined, 50)).toHaveLength(4);
    store.close();
  });

  it('the inbox and the contact book find a conversation by the start of a word in its messages, and not by a start no word has', () => {
    const { store } = storeWith(BODIES);
    expect(store.inbox.page({ status: 'open', search: 'Abholz' }, 'activity', undefined, 50).rows).toHaveLength(1);
    expect(store.contacts.page({ search: 'Abholz', limit: 20 })).toHaveLength(1);
    expect(store.inbox.page({ status: 'open', search: 'Abholq' }, 'activity', undefined, 50).rows).toHaveLength(0);
    store.close();
  });
});
