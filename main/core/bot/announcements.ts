import { randomUUID } from 'node:crypto';
import type { AnnouncementCreateInput, AnnouncementPreview, AnnouncementView, BotSettings, SkipReason } from '../../contract';
import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import type { AnnouncementRow, AudienceRow } from '../../store/bot-repo';
import type { EventBus } from '../event-bus';
import type { MediaStore } from '../media-store';
import type { Messaging } from '../messaging';
import type { Scheduler } from '../scheduler';

export const ANNOUNCEMENT_JOB = 'announcement.step';
const WEEK = 7 * 86_400_000;
const jobKey = (id: string) => `announcement:${id}`;

export interface AnnouncementDeps {
  store: Store;
  bus: EventBus;
  messaging: Messaging;
  scheduler: Scheduler;
  mediaStore: MediaStore;
  clock: Clock;
  logger: Logger;
  settings: () => BotSettings['announcements'];
  /** 0 ≤ x < 1; injected so tests know the jitter. */
  random?: () => number;
}

/** "Hallo {name}," with the contact's name, or "Hallo," without one. */
export function personalise(text: string, name: string | null): string {
  return text.replace(/(\s*)\{name\}/g, (_all, ws: string) => (name ? `${ws}${name}` : ''));
}

const displayName = (c: { name: string | null; push_name: string | null }) => c.name ?? c.push_name ?? null;

/**
 * News and offers: only to contacts with marketing consent, at most N per
 * contact in any rolling week, one message at a time with a pause between
 * (interval plus random jitter, as scheduler jobs that survive a restart).
 * Each send goes through the send gate, so a STOP during the run stops that
 * contact at once.
 */
export class Announcements {
  private readonly random: () => number;

  constructor(private readonly d: AnnouncementDeps) {
    this.random = d.random ?? Math.random;
    d.scheduler.register(ANNOUNCEMENT_JOB, (payload) => this.step((payload as { id: string }).id));
  }

  /** Why a contact gets no announcement now, or null when it may. */
  skipReason(c: Pick<AudienceRow, 'id' | 'service' | 'marketing'>): SkipReason | null {
    if (c.service === 'revoked' || c.marketing === 'revoked') return 'revoked';
    if (c.marketing !== 'granted') return 'no_marketing_consent';
    if (this.d.store.bot.sentSince(c.id, this.d.clock.now() - WEEK) >= this.d.settings().weeklyCap) return 'weekly_cap';
    return null;
  }

  preview(text: string): AnnouncementPreview {
    const out: AnnouncementPreview = { recipients: [], skipped: [], sample: '' };
    for (const c of this.d.store.bot.audience()) {
      const reason = this.skipReason(c);
      const r = { contactId: c.id, phone: c.phone, name: displayName(c) };
      if (reason) out.skipped.push({ ...r, reason });
      else out.recipients.push(r);
    }
    out.sample = personalise(text, out.recipients[0]?.name ?? null);
    return out;
  }

  async create(input: AnnouncementCreateInput): Promise<{ id: string; recipients: string[]; skipped: { phone: string; reason: SkipReason }[] }> {
    const now = this.d.clock.now();
    let sendAt: number | null = null;
    if (input.sendAt !== undefined) {
      sendAt = Date.parse(input.sendAt);
      if (!(sendAt > now)) throw new ApiError('validation', 'sendAt: must be in the future', { field: 'sendAt' });
    }
    let media: { sha256: string; mime: string; size: number; name: string | null } | null = null;
    if (input.media) {
      const data = Buffer.from(input.media.data, 'base64');
      if (data.length === 0) throw new ApiError('validation', 'media.data: not base64', { field: 'media.data' });
      const stored = await this.d.mediaStore.put(data, { mime: input.media.mime });
      if (!stored.mime.startsWith('image/')) throw new ApiError('validation', 'media: not an image', { field: 'media' });
      media = { sha256: stored.sha256, mime: stored.mime, size: stored.size, name: input.media.fileName ?? null };
    }
    const preview = this.preview(input.text);
    const id = randomUUID();
    const row: AnnouncementRow = {
      id,
      text: input.text,
      state: sendAt === null ? 'draft' : 'scheduled',
      send_at: sendAt,
      media_sha256: media?.sha256 ?? null,
      media_mime: media?.mime ?? null,
      media_size: media?.size ?? null,
      media_name: media?.name ?? null,
      send_key: null,
      created_at: now,
      updated_at: now,
    };
    this.d.store.tx(() => {
      this.d.store.bot.insertAnnouncement(row);
      for (const r of preview.recipients) this.d.store.bot.addRecipient({ announcement_id: id, contact_id: r.contactId, phone: r.phone, state: 'pending', reason: null });
      for (const r of preview.skipped) this.d.store.bot.addRecipient({ announcement_id: id, contact_id: r.contactId, phone: r.phone, state: 'skipped', reason: r.reason });
      if (sendAt !== null) this.d.scheduler.schedule({ key: jobKey(id), kind: ANNOUNCEMENT_JOB, runAt: sendAt, payload: { id } });
    });
    this.emit(id);
    return {
      id,
      recipients: preview.recipients.map((r) => r.phone),
      skipped: preview.skipped.map((r) => ({ phone: r.phone, reason: r.reason })),
    };
  }

  /** Starts a draft. A second call is a conflict, unless it repeats the same idempotency key. */
  send(id: string, idempotencyKey?: string): AnnouncementView {
    const a = this.row(id);
    if (idempotencyKey !== undefined && a.send_key === idempotencyKey) return this.get(id);
    if (a.state !== 'draft') throw new ApiError('conflict', `announcement is ${a.state}, only a draft can be sent`, { allowed: ['draft'] });
    this.d.store.tx(() => {
      if (idempotencyKey !== undefined) this.d.store.bot.setSendKey(id, idempotencyKey);
      this.d.store.bot.setState(id, 'sending', this.d.clock.now());
      this.d.scheduler.schedule({ key: jobKey(id), kind: ANNOUNCEMENT_JOB, runAt: this.d.clock.now(), payload: { id } });
    });
    return this.emit(id);
  }

  pause(id: string): AnnouncementView {
    return this.move(id, ['sending', 'scheduled'], 'paused', () => this.d.scheduler.cancel(jobKey(id)));
  }

  /** Continues at once, or waits for its sendAt when that is still ahead. */
  resume(id: string): AnnouncementView {
    const now = this.d.clock.now();
    const sendAt = this.row(id).send_at;
    const waiting = sendAt !== null && sendAt > now;
    return this.move(id, ['paused'], waiting ? 'scheduled' : 'sending', () =>
      this.d.scheduler.schedule({ key: jobKey(id), kind: ANNOUNCEMENT_JOB, runAt: waiting ? sendAt : now, payload: { id } }),
    );
  }

  cancel(id: string): AnnouncementView {
    return this.move(id, ['draft', 'scheduled', 'sending', 'paused'], 'cancelled', () => this.d.scheduler.cancel(jobKey(id)));
  }

  get(id: string): AnnouncementView {
    const a = this.row(id);
    const counts = this.d.store.bot.counts(id);
    return {
      id: a.id,
      text: a.text,
      state: a.state,
      sendAt: a.send_at === null ? null : new Date(a.send_at).toISOString(),
      hasMedia: a.media_sha256 !== null,
      ...counts,
      skippedRecipients: this.d.store.bot
        .recipients(id)
        .filter((r) => r.state === 'skipped')
        .map((r) => ({ phone: r.phone, reason: r.reason ?? 'revoked' })),
      createdAt: new Date(a.created_at).toISOString(),
    };
  }

  list(): AnnouncementView[] {
    return this.d.store.bot.announcements(50).map((a) => this.get(a.id));
  }

  /**
   * One paced step: skips whoever may not get it now (consent, cap), sends
   * to the next one, and schedules the next step after the interval.
   * Idempotent enough for a re-run after a kill: a settled recipient is never sent again.
   */
  step(id: string): void {
    const a = this.d.store.bot.announcement(id);
    if (!a) return;
    if (a.state === 'scheduled') this.d.store.bot.setState(id, 'sending', this.d.clock.now());
    else if (a.state !== 'sending') return;
    const now = this.d.clock.now();
    for (;;) {
      const r = this.d.store.bot.nextPending(id);
      if (!r) break;
      const contact = this.d.store.contacts.byId(r.contact_id);
      const audience = this.d.store.bot.audienceOf(r.contact_id);
      const reason = audience ? this.skipReason(audience) : 'revoked';
      if (!contact || reason) {
        this.d.store.bot.settle(r.id, 'skipped', reason ?? 'revoked', null, now);
        continue;
      }
      try {
        const msg = this.d.messaging.send({
          contactId: contact.id,
          text: personalise(a.text, displayName(contact)),
          purpose: 'marketing',
          kind: 'announcement',
          author: 'system',
          media: a.media_sha256
            ? { ref: { sha256: a.media_sha256, mime: a.media_mime!, size: a.media_size!, fileName: a.media_name }, type: 'image' }
            : undefined,
        });
        this.d.store.bot.settle(r.id, 'sent', null, msg.id, now);
      } catch (err) {
        if (err instanceof ApiError && err.code === 'consent_required') {
          this.d.store.bot.settle(r.id, 'skipped', err.reason === 'no_marketing_consent' ? 'no_marketing_consent' : 'revoked', null, now);
          continue;
        }
        this.d.logger.warn('announcement send failed', { id, contactId: contact.id, error: String(err) });
        this.d.store.bot.settle(r.id, 'failed', err instanceof ApiError ? err.code : 'internal', null, now);
      }
      break;
    }
    if (this.d.store.bot.nextPending(id)) {
      const s = this.d.settings();
      const wait = Math.round(s.intervalSeconds * 1000 * (1 + s.jitter * this.random()));
      this.d.scheduler.schedule({ key: jobKey(id), kind: ANNOUNCEMENT_JOB, runAt: now + wait, payload: { id } });
    } else {
      this.d.store.bot.setState(id, 'done', now);
    }
    this.emit(id);
  }

  private move(id: string, from: AnnouncementRow['state'][], to: AnnouncementRow['state'], effect: () => void): AnnouncementView {
    const a = this.row(id);
    if (!from.includes(a.state)) throw new ApiError('conflict', `announcement is ${a.state}`, { allowed: from });
    this.d.store.tx(() => {
      this.d.store.bot.setState(id, to, this.d.clock.now());
      effect();
    });
    return this.emit(id);
  }

  private row(id: string): AnnouncementRow {
    const a = this.d.store.bot.announcement(id);
    if (!a) throw new ApiError('not_found', 'Ankündigung nicht gefunden.', { field: 'id' });
    return a;
  }

  private emit(id: string): AnnouncementView {
    const view = this.get(id);
    this.d.bus.emit('announcement.changed', view);
    return view;
  }
}
