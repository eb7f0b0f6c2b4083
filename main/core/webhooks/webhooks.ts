import { createHmac, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { ApiError } from '../../contract/errors';
import type { CaseView, MessageView } from '../../contract';
import {
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookView,
} from '../../contract/webhooks';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import type { DeliveryRow, WebhookRow } from '../../store/webhooks-repo';
import type { EventBus } from '../event-bus';
import type { Scheduler } from '../scheduler';

export const DELIVER_JOB_KIND = 'webhook.deliver';
export interface RetryPolicy {
  /** Wait before the 2nd try; doubled for each further one. */
  firstRetryMs: number;
  maxRetryMs: number;
  /** Tries before a delivery is given up. */
  maxAttempts: number;
  /** A call that has not answered by then counts as failed. */
  timeoutMs: number;
}
export const DEFAULT_RETRY: RetryPolicy = { firstRetryMs: 30_000, maxRetryMs: 6 * 60 * 60 * 1000, maxAttempts: 8, timeoutMs: 10_000 };

/** Back-off before try `attempt + 1` (attempt = tries made so far, from 1). */
export const backoffMs = (attempt: number, p: RetryPolicy = DEFAULT_RETRY): number =>
  Math.min(p.maxRetryMs, p.firstRetryMs * 2 ** Math.max(0, attempt - 1));

/** `sha256=<hex HMAC-SHA256 of the raw body>` keyed with the webhook's secret (docs/webhooks.md). */
export function sign(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Only https, or plain http to this PC (a shop system on the same machine); no credentials in the URL. */
export function checkWebhookUrl(raw: string): URL {
  const fail = (reason: string, message: string) => new ApiError('validation', `url: ${message}`, { field: 'url', reason });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw fail('url_invalid', 'not a valid URL');
  }
  if (url.username || url.password) throw fail('url_invalid', 'credentials in the URL are not allowed; the signature authenticates the call');
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw fail('url_not_https', 'only https URLs, or http to this PC (127.0.0.1, localhost)');
}

interface Answer {
  statusCode: number | null;
  error: string | null;
}

/** One POST; redirects are never followed (a 3xx is a failed try). */
function post(url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let done = false;
    const finish = (a: Answer) => {
      if (done) return;
      done = true;
      resolve(a);
    };
    const req = send(url, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) }, timeout: timeoutMs }, (res) => {
      res.resume();
      const code = res.statusCode ?? 0;
      res.on('end', () =>
        finish({
          statusCode: code,
          error: code >= 200 && code < 300 ? null : code >= 300 && code < 400 ? `redirect to ${String(res.headers.location ?? '?').slice(0, 200)} not followed` : `HTTP ${code}`,
        }),
      );
      res.on('error', (err) => finish({ statusCode: code, error: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => finish({ statusCode: null, error: err.message }));
    req.end(body);
  });
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toWebhookView(row: WebhookRow): WebhookView {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    keyId: row.key_id,
    keyName: row.key_name,
    stoppedAt: iso(row.key_revoked_at),
    createdAt: iso(row.created_at)!,
  };
}

export function toDeliveryView(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    event: row.event as WebhookEvent,
    state: row.state,
    statusCode: row.status_code,
    attempts: row.attempts,
    nextAttemptAt: row.state === 'pending' ? iso(row.next_attempt_at) : null,
    error: row.error,
    createdAt: iso(row.created_at)!,
  };
}

/**
 * Webhooks for shop systems: app events (from the event bus) become signed
 * POSTs to each subscribed URL, persisted first as deliveries and sent by
 * the scheduler, retried with exponential back-off.
 */
export class Webhooks {
  private readonly lastMessageStatus = new Map<number, string>();
  private readonly lastCaseStatus = new Map<string, string>();
  private unsubscribe: () => void = () => {};
  private readonly retry: RetryPolicy;

  constructor(
    private readonly d: { store: Store; bus: EventBus; scheduler: Scheduler; clock: Clock; logger: Logger; retry?: Partial<RetryPolicy> },
  ) {
    this.retry = { ...DEFAULT_RETRY, ...d.retry };
    d.scheduler.register(DELIVER_JOB_KIND, (payload) => this.deliver((payload as { id: number }).id));
  }

  start(): void {
    this.unsubscribe = this.d.bus.subscribe((event, payload) => {
      try {
        this.onEvent(event, payload);
      } catch (err) {
        this.d.logger.error('webhook event not queued', { event, error: String(err) });
      }
    });
  }

  stop(): void {
    this.unsubscribe();
  }

  list(): WebhookView[] {
    return this.d.store.webhooks.list().map(toWebhookView);
  }

  create(input: { name: string; url: string; events: WebhookEvent[]; keyId?: number | null }): { webhook: WebhookView; secret: string } {
    const url = checkWebhookUrl(input.url);
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const row = this.d.store.webhooks.create({
      keyId: input.keyId ?? null,
      name: input.name,
      url: url.toString(),
      events: [...new Set(input.events)],
      secret,
      now: this.d.clock.now(),
    });
    return { webhook: toWebhookView(row), secret };
  }

  /** The webhooks one API key made (what it sees over HTTP). */
  listOfKey(keyId: number): WebhookView[] {
    return this.d.store.webhooks.byKey(keyId).map(toWebhookView);
  }

  delete(id: number): boolean {
    return this.d.store.webhooks.delete(id);
  }

  /** Deletes a webhook only if `keyId` made it (another key's webhook is "not found" to this one). */
  deleteOfKey(id: number, keyId: number): boolean {
    const row = this.d.store.webhooks.byId(id);
    return row !== undefined && row.key_id === keyId && this.d.store.webhooks.delete(id);
  }

  deliveries(webhookId: number | null, limit = 50): WebhookDelivery[] {
    return this.d.store.webhooks.recent(webhookId, limit).map(toDeliveryView);
  }

  /** Queues the event for every webhook that subscribed to it. */
  emit(event: WebhookEvent, data: unknown): number {
    // A revoked key's webhooks are kept (the manager sees them as stopped) but get nothing.
    const hooks = this.d.store.webhooks.active().filter((w) => (JSON.parse(w.events) as string[]).includes(event));
    const now = this.d.clock.now();
    for (const hook of hooks) {
      const body = JSON.stringify({ event, timestamp: Math.floor(now / 1000), data });
      const row = this.d.store.webhooks.enqueue({ webhookId: hook.id, event, body, now });
      this.d.scheduler.schedule({ key: `webhook.delivery:${row.id}`, kind: DELIVER_JOB_KIND, runAt: now, payload: { id: row.id } });
    }
    return hooks.length;
  }

  /** One try of one delivery (the scheduler calls it); never throws, plans the next try itself. */
  async deliver(id: number): Promise<void> {
    const row = this.d.store.webhooks.delivery(id);
    if (!row || row.state !== 'pending') return;
    const hook = this.d.store.webhooks.byId(row.webhook_id);
    if (!hook) return;
    if (hook.key_revoked_at !== null) {
      // Queued before the key was revoked: given up without sending.
      const stopped = this.d.store.webhooks.giveUp(id, 'API key revoked: webhook stopped', this.d.clock.now());
      this.d.bus.emit('webhooks.delivery', toDeliveryView(stopped));
      return;
    }
    const timestamp = String(Math.floor(this.d.clock.now() / 1000));
    const answer = await post(
      new URL(hook.url),
      row.body,
      {
        'Content-Type': 'application/json',
        'User-Agent': 'Tresen-Webhooks/1',
        [WEBHOOK_SIGNATURE_HEADER]: sign(hook.secret, row.body),
        [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
        'X-Tresen-Event': row.event,
        'X-Tresen-Delivery': String(row.id),
      },
      this.retry.timeoutMs,
    );
    const now = this.d.clock.now();
    const attempts = row.attempts + 1;
    let updated: DeliveryRow;
    if (answer.error === null) {
      updated = this.d.store.webhooks.recordAttempt(id, { state: 'delivered', statusCode: answer.statusCode, error: null, nextAt: null, now });
    } else if (attempts >= this.retry.maxAttempts) {
      updated = this.d.store.webhooks.recordAttempt(id, { state: 'failed', statusCode: answer.statusCode, error: answer.error, nextAt: null, now });
      this.d.logger.warn('webhook delivery given up', { webhookId: hook.id, deliveryId: id, error: answer.error });
    } else {
      const nextAt = now + backoffMs(attempts, this.retry);
      updated = this.d.store.webhooks.recordAttempt(id, { state: 'pending', statusCode: answer.statusCode, error: answer.error, nextAt, now });
      this.d.scheduler.schedule({ key: `webhook.delivery:${id}`, kind: DELIVER_JOB_KIND, runAt: nextAt, payload: { id } });
    }
    if (updated.state !== 'pending') this.d.store.webhooks.prune(hook.id);
    this.d.bus.emit('webhooks.delivery', toDeliveryView(updated));
  }

  private onEvent(event: string, payload: unknown): void {
    switch (event) {
      case 'message.added':
        this.onMessages([payload as MessageView]);
        break;
      case 'messages.added':
        this.onMessages((payload as { messages: MessageView[] }).messages);
        break;
      case 'message.updated': {
        const m = payload as MessageView;
        if (m.direction !== 'out' || this.lastMessageStatus.get(m.id) === m.status) break;
        this.remember(this.lastMessageStatus, m.id, m.status);
        this.emit('message.status', { messageId: m.id, contactId: m.contactId, phone: this.phoneOf(m.contactId), status: m.status, error: m.error });
        break;
      }
      case 'consent.changed': {
        const c = payload as { contactId: number; purpose: string; to: string };
        this.emit('consent.changed', { contactId: c.contactId, phone: this.phoneOf(c.contactId), purpose: c.purpose, state: c.to });
        break;
      }
      case 'case.updated': {
        const c = payload as CaseView;
        if (this.lastCaseStatus.get(c.id) === c.status) break;
        this.remember(this.lastCaseStatus, c.id, c.status);
        this.emit('case.status', { caseId: c.id, number: c.number, type: c.type, status: c.status, phone: c.phone, reference: c.reference });
        break;
      }
      default:
        break;
    }
  }

  private onMessages(messages: MessageView[]): void {
    for (const m of messages) {
      if (m.direction === 'out') {
        this.remember(this.lastMessageStatus, m.id, m.status);
        continue;
      }
      this.emit('message.received', {
        messageId: m.id,
        contactId: m.contactId,
        phone: this.phoneOf(m.contactId),
        type: m.type,
        text: m.body,
        createdAt: m.createdAt,
        hasMedia: m.media !== null,
      });
    }
  }

  private phoneOf(contactId: number): string | null {
    return this.d.store.contacts.byId(contactId)?.phone ?? null;
  }

  private remember<K>(map: Map<K, string>, key: K, value: string): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > 5000) map.delete(map.keys().next().value as K);
  }
}
