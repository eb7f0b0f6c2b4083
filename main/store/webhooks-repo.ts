import type { Db } from './db';
import { stmt } from './statements';

export interface WebhookRow {
  id: number;
  key_id: number | null;
  name: string;
  url: string;
  /** JSON array of event names. */
  events: string;
  secret: string;
  created_at: number;
  /** The owning API key's name (null: made in the app, or no such key). */
  key_name: string | null;
  /** When the owning key was revoked: its webhooks are stopped from then on. */
  key_revoked_at: number | null;
}

export interface DeliveryRow {
  id: number;
  webhook_id: number;
  event: string;
  body: string;
  state: 'pending' | 'delivered' | 'failed';
  status_code: number | null;
  attempts: number;
  next_attempt_at: number | null;
  error: string | null;
  created_at: number;
  updated_at: number;
}

/** Deliveries kept per webhook for the log (older ones are pruned). */
export const DELIVERY_LOG_KEEP = 100;

/** A webhook with its owning key's name and revocation (keys are never deleted, only revoked). */
const WITH_KEY = `SELECT w.*, k.name AS key_name, k.revoked_at AS key_revoked_at FROM webhooks w LEFT JOIN api_keys k ON k.id = w.key_id`;

/** Webhooks of shop systems and their delivery log. */
export class WebhooksRepo {
  constructor(private readonly db: Db) {}

  create(w: { keyId: number | null; name: string; url: string; events: string[]; secret: string; now: number }): WebhookRow {
    const id = Number(
      stmt(this.db, `INSERT INTO webhooks (key_id, name, url, events, secret, created_at) VALUES (?, ?, ?, ?, ?, ?)`).run(
        w.keyId,
        w.name,
        w.url,
        JSON.stringify(w.events),
        w.secret,
        w.now,
      ).lastInsertRowid,
    );
    return this.byId(id)!;
  }

  list(): WebhookRow[] {
    return stmt(this.db, `${WITH_KEY} ORDER BY w.id`).all() as WebhookRow[];
  }

  /** The webhooks one API key made. */
  byKey(keyId: number): WebhookRow[] {
    return stmt(this.db, `${WITH_KEY} WHERE w.key_id = ? ORDER BY w.id`).all(keyId) as WebhookRow[];
  }

  /** Webhooks that receive events: made in the app, or by a key that is not revoked. */
  active(): WebhookRow[] {
    return stmt(this.db, `${WITH_KEY} WHERE k.revoked_at IS NULL ORDER BY w.id`).all() as WebhookRow[];
  }

  byId(id: number): WebhookRow | undefined {
    return stmt(this.db, `${WITH_KEY} WHERE w.id = ?`).get(id) as WebhookRow | undefined;
  }

  delete(id: number): boolean {
    return stmt(this.db, 'DELETE FROM webhooks WHERE id = ?').run(id).changes > 0;
  }

  enqueue(d: { webhookId: number; event: string; body: string; now: number }): DeliveryRow {
    return stmt(this.db,
      `INSERT INTO webhook_deliveries (webhook_id, event, body, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    ).get(d.webhookId, d.event, d.body, d.now, d.now, d.now) as DeliveryRow;
  }

  delivery(id: number): DeliveryRow | undefined {
    return stmt(this.db, 'SELECT * FROM webhook_deliveries WHERE id = ?').get(id) as DeliveryRow | undefined;
  }

  /** A try answered: delivered (body dropped), given up (body dropped) or due again at nextAt. */
  recordAttempt(
    id: number,
    r: { state: DeliveryRow['state']; statusCode: number | null; error: string | null; nextAt: number | null; now: number },
  ): DeliveryRow {
    return stmt(this.db,
      `UPDATE webhook_deliveries SET state = ?, status_code = ?, error = ?, next_attempt_at = ?, attempts = attempts + 1, updated_at = ?,
         body = CASE WHEN ? = 'pending' THEN body ELSE '' END
       WHERE id = ? RETURNING *`,
    ).get(r.state, r.statusCode, r.error, r.nextAt, r.now, r.state, id) as DeliveryRow;
  }

  /** Gives a pending delivery up without a try (its webhook's key was revoked); the body is dropped. */
  giveUp(id: number, error: string, now: number): DeliveryRow {
    return stmt(this.db,
      `UPDATE webhook_deliveries SET state = 'failed', error = ?, next_attempt_at = NULL, updated_at = ?, body = '' WHERE id = ? RETURNING *`,
    ).get(error, now, id) as DeliveryRow;
  }

  /** Pending deliveries (after a restart, they are scheduled again). */
  pending(): DeliveryRow[] {
    return stmt(this.db, `SELECT * FROM webhook_deliveries WHERE state = 'pending' ORDER BY id`).all() as DeliveryRow[];
  }

  recent(webhookId: number | null, limit: number): DeliveryRow[] {
    if (webhookId === null) {
      return stmt(this.db, 'SELECT * FROM webhook_deliveries ORDER BY id DESC LIMIT ?').all(limit) as DeliveryRow[];
    }
    return stmt(this.db, 'SELECT * FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?').all(webhookId, limit) as DeliveryRow[];
  }

  /** Keeps the last `keep` finished deliveries of a webhook. */
  prune(webhookId: number, keep = DELIVERY_LOG_KEEP): number {
    return stmt(this.db,
      `DELETE FROM webhook_deliveries WHERE webhook_id = ? AND state <> 'pending' AND id NOT IN
         (SELECT id FROM webhook_deliveries WHERE webhook_id = ? ORDER BY id DESC LIMIT ?)`,
    ).run(webhookId, webhookId, keep).changes;
  }
}
