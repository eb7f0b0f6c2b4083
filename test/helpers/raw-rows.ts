import type Database from 'better-sqlite3';

/**
 * A contact and its conversation written as bare rows, for migration tests
 * that run on a schema older than the repositories know.
 */
export function contactWithConversation(db: Database.Database, phone: string): { contact: number; conversation: number } {
  const contact = Number(db.prepare('INSERT INTO contacts (phone, created_at, updated_at) VALUES (?, 1, 1)').run(phone).lastInsertRowid);
  const conversation = Number(db.prepare('INSERT INTO conversations (contact_id) VALUES (?)').run(contact).lastInsertRowid);
  return { contact, conversation };
}
