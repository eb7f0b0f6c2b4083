import { TZDate } from '@date-fns/tz';
import type { Store } from '../../main/store';

export const TZ = 'Europe/Berlin';
/** A wall-clock time in Berlin as ms (the shop's time zone in these tests). */
export const berlin = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => new TZDate(y, mo - 1, d, h, mi, s, TZ).getTime();

/**
 * A small shop history around the DST change of 29 March 2026 (a 23-hour day),
 * with hand-computed statistics for 2026-03-28 … 2026-03-30 (see stats.test.ts).
 */
export function seedStats(store: Store): void {
  const db = store.db;
  const contact = (phone: string) => {
    const id = db.prepare('INSERT INTO contacts (phone, created_at, updated_at) VALUES (?, 0, 0)').run(phone).lastInsertRowid as number;
    const conv = db.prepare('INSERT INTO conversations (contact_id) VALUES (?)').run(id).lastInsertRowid as number;
    return { id, conv };
  };
  // Through the repository, so the proof's hash chain is real and verifies.
  const consent = (contactId: number, purpose: 'service' | 'marketing', from: string, to: string, kind: string, at: number) =>
    store.consent.append({
      contactId,
      purpose,
      from: from as never,
      to: to as never,
      triggerKind: kind,
      triggerRef: null,
      policyVersion: null,
      policyHash: null,
      at,
    });
  const msg = (conv: number, direction: 'in' | 'out', author: string, status: string, at: number) =>
    db
      .prepare(`INSERT INTO messages (conversation_id, direction, type, body, author, status, created_at) VALUES (?, ?, 'text', 'x', ?, ?, ?)`)
      .run(conv, direction, author, status, at).lastInsertRowid as number;
  const resolve = (conv: number) => db.prepare(`UPDATE conversations SET status = 'resolved' WHERE id = ?`).run(conv);
  let caseNo = 0;
  const kase = (type: string, created: number, doneStatus: string | null, doneAt?: number) => {
    const id = `c${++caseNo}`;
    db.prepare(
      `INSERT INTO cases (id, number, type, status, phone, open, created_at, updated_at) VALUES (?, ?, ?, ?, '+4915100000001', ?, ?, ?)`,
    ).run(id, `N-${caseNo}`, type, doneStatus ?? 'in_transit', doneStatus ? 0 : 1, created, created);
    db.prepare(`INSERT INTO case_history (case_id, at, from_status, to_status, actor) VALUES (?, ?, NULL, 'received', 'staff')`).run(id, created);
    if (doneStatus) db.prepare(`INSERT INTO case_history (case_id, at, from_status, to_status, actor) VALUES (?, ?, 'x', ?, 'staff')`).run(id, doneAt, doneStatus);
  };

  const a = contact('+4915100000001');
  const b = contact('+4915100000002');
  const c = contact('+4915100000003');
  const d = contact('+4915100000004');
  const e = contact('+4915100000005');

  // Consent: A held service before and takes marketing in and out; B opts in just after
  // midnight on the DST day; C (imported) is revoked by staff; D only asked; E after the period.
  consent(a.id, 'service', 'requested', 'granted', 'message', berlin(2026, 3, 20, 10));
  consent(a.id, 'marketing', 'none', 'granted', 'message', berlin(2026, 3, 28, 10));
  consent(a.id, 'marketing', 'granted', 'revoked', 'message', berlin(2026, 3, 30, 12));
  consent(b.id, 'service', 'requested', 'granted', 'message', berlin(2026, 3, 29, 0, 30));
  consent(c.id, 'service', 'none', 'granted', 'import', berlin(2026, 3, 10, 9));
  consent(c.id, 'service', 'granted', 'revoked', 'staff', berlin(2026, 3, 29, 15));
  consent(d.id, 'service', 'none', 'requested', 'message', berlin(2026, 3, 28, 9));
  consent(e.id, 'service', 'requested', 'granted', 'message', berlin(2026, 3, 31, 0, 30));

  // A: the bot answers and the conversation is resolved (bot resolved); later staff answer.
  msg(a.conv, 'in', 'customer', 'received', berlin(2026, 3, 28, 9));
  msg(a.conv, 'out', 'bot', 'read', berlin(2026, 3, 28, 9, 0, 30)); // 30 s
  resolve(a.conv);
  msg(a.conv, 'in', 'customer', 'received', berlin(2026, 3, 29, 0, 30)); // 23:30 UTC the day before
  msg(a.conv, 'out', 'staff', 'delivered', berlin(2026, 3, 29, 0, 32)); // 120 s
  resolve(a.conv);
  // B: two questions, a consent text (not an answer), the bot answers, then hands over.
  msg(b.conv, 'in', 'customer', 'received', berlin(2026, 3, 29, 10));
  msg(b.conv, 'in', 'customer', 'received', berlin(2026, 3, 29, 10, 1));
  msg(b.conv, 'out', 'system', 'sent', berlin(2026, 3, 29, 10, 1, 10));
  msg(b.conv, 'out', 'bot', 'read', berlin(2026, 3, 29, 10, 2)); // 120 s from the first question
  msg(b.conv, 'in', 'customer', 'received', berlin(2026, 3, 29, 10, 3));
  store.bot.setHandover(b.conv, 'requested', berlin(2026, 3, 29, 10, 3));
  msg(b.conv, 'out', 'bot', 'sent', berlin(2026, 3, 29, 10, 3, 5)); // 5 s
  resolve(b.conv);
  // C: unanswered, the second message already on 31 March (00:30 CEST = 22:30 UTC on the 30th).
  msg(c.conv, 'in', 'customer', 'received', berlin(2026, 3, 30, 23, 30));
  msg(c.conv, 'in', 'customer', 'received', berlin(2026, 3, 31, 0, 30));
  // D: just after midnight on the first day; a failed send does not answer, the retry does.
  msg(d.conv, 'in', 'customer', 'received', berlin(2026, 3, 28, 0, 30));
  msg(d.conv, 'out', 'staff', 'failed', berlin(2026, 3, 28, 0, 40));
  msg(d.conv, 'out', 'staff', 'read', berlin(2026, 3, 28, 1)); // 1800 s
  resolve(d.conv);
  // Before the period: not counted anywhere.
  msg(e.conv, 'in', 'customer', 'received', berlin(2026, 3, 27, 23, 59));
  msg(e.conv, 'out', 'bot', 'read', berlin(2026, 3, 27, 23, 59, 30));
  resolve(e.conv);

  // Cases: repairs done after 23 (the DST night), 6, 36 and 2 hours (median 14.5), a parcel still under way,
  // a cancelled appointment, and a repair from before the period.
  kase('repair', berlin(2026, 3, 28, 10), 'collected', berlin(2026, 3, 29, 10));
  kase('repair', berlin(2026, 3, 28, 12), 'collected', berlin(2026, 3, 28, 18));
  kase('repair', berlin(2026, 3, 29, 8), 'collected', berlin(2026, 3, 30, 20));
  kase('repair', berlin(2026, 3, 30, 9), 'collected', berlin(2026, 3, 30, 11));
  kase('parcel', berlin(2026, 3, 30, 9), null);
  kase('appointment', berlin(2026, 3, 29, 9), 'cancelled', berlin(2026, 3, 29, 12));
  kase('repair', berlin(2026, 3, 27, 10), 'collected', berlin(2026, 3, 28, 10));
}
