import type { Migration } from './types';

/**
 * The book's own activity order goes (see docs/performance.md).
 *
 * Every message moved its conversation in three orders: the book's
 * (`conversations_recent`) and its status's two (017). The book is now read
 * as the newest of each status's activity order, merged (BOOK_PAGE in
 * contacts-repo.ts): four short walks for a list asked far less often than
 * messages arrive. A catch-up batch writes about a third fewer pages of
 * conversation orders.
 */
export const migration021: Migration = {
  version: 21,
  name: 'book_order',
  up(db) {
    db.exec('DROP INDEX conversations_recent;');
  },
};
