import type { ConsentEventView, ConsentSettings, ConsentState, Locale, Purpose, TemplateKey } from '../../contract';
import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import { ConsentRepo, type ConsentEventRow, type TemplateRow } from '../../store/consent-repo';
import type { ConsentHooks, GateDecision, InboundContext, SendKind } from '../consent-hooks';
import type { EventBus } from '../event-bus';
import type { Messaging } from '../messaging';
import { toMessageView } from '../views';
import { verifyChain, sha256Hex, type ChainProblem } from '../../store/consent-chain';
import { createKeywordMatcher, type KeywordMatcher } from './keywords';
import { ConsentSettingsStore } from './settings';
import { transition, type TriggerKind } from './state-machine';
import { DEFAULT_TEMPLATES, renderTemplate } from './templates';

const HOUR = 3_600_000;

export interface ConsentEngineOptions {
  demo: boolean;
  /** How often the quarantine/expiry sweep runs. */
  sweepIntervalMs?: number;
}

/** Stable refusal reasons; the message is what staff read next to the locked composer. */
export const GATE_REASONS = {
  no_service_consent: 'Keine Einwilligung: Der Kunde hat dem Chat (noch) nicht zugestimmt.',
  consent_pending: 'Einwilligung angefragt: Der Kunde hat noch nicht bestätigt.',
  consent_revoked: 'Der Kunde hat seine Einwilligung widerrufen (STOP). Es darf nichts mehr gesendet werden.',
  no_marketing_consent: 'Keine Einwilligung für Neuigkeiten und Angebote (NEWSLETTER).',
  request_limit: 'Die Einwilligungsanfrage wurde in diesem Zeitraum bereits gesendet.',
  not_exempt: 'Diese Nachricht ist nur direkt nach der Anfrage bzw. dem Widerruf erlaubt.',
} as const;
export type GateReason = keyof typeof GATE_REASONS;

const refuse = (reason: GateReason): GateDecision => ({ allowed: false, reason, message: GATE_REASONS[reason] });
const ALLOW: GateDecision = { allowed: true };

interface Policy {
  version: number;
  hash: string;
  text: string;
}

/**
 * The consent rules: double opt-in by keywords, quarantine before consent,
 * the send gate, and the hash-chained proof. Messaging calls the hooks; this
 * is the only place that appends consent events.
 */
export class ConsentEngine implements ConsentHooks {
  readonly repo: ConsentRepo;
  readonly settingsStore: ConsentSettingsStore;
  /** A media file no message references any more (after a quarantine deletion); the app removes the file. */
  onMediaOrphaned: (sha256: string) => void = () => {};
  private messaging: Messaging | undefined;
  private matcherCache: { key: string; matcher: KeywordMatcher } | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ConsentEngineOptions,
  ) {
    this.repo = new ConsentRepo(store.db);
    this.settingsStore = new ConsentSettingsStore(store.settings, options.demo);
    this.ensureDefaultTemplates();
  }

  /** Messaging needs the engine (hooks) and the engine sends through Messaging. */
  attach(messaging: Messaging): void {
    this.messaging = messaging;
  }

  /** Sweeps once now and then periodically; the timer never keeps the process alive. */
  start(): void {
    this.sweep();
    this.timer = setInterval(() => {
      try {
        this.sweep();
      } catch (err) {
        this.logger.error('consent sweep failed', { error: String(err) });
      }
    }, this.options.sweepIntervalMs ?? 10 * 60_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  settings(): ConsentSettings {
    return this.settingsStore.get();
  }

  updateSettings(patch: Partial<ConsentSettings>): ConsentSettings {
    return this.settingsStore.update(patch, this.clock.now());
  }

  state(contactId: number, purpose: Purpose): ConsentState {
    return this.repo.state(contactId, purpose);
  }

  // ---- hooks ----

  holdsInbound(contactId: number): boolean {
    return this.repo.state(contactId, 'service') !== 'granted';
  }

  afterInbound({ contact, message }: InboundContext): void {
    const intent = message.type === 'text' ? this.matcher().classify(message.body) : null;
    const ref = message.external_id;
    const id = contact.id;
    const service = this.repo.state(id, 'service');
    const marketing = this.repo.state(id, 'marketing');
    const active = (s: ConsentState) => s === 'granted' || s === 'requested';

    if (intent === 'stop_all') {
      if (!active(service) && !active(marketing)) return;
      const policy = this.policy('revocation_confirmation');
      if (active(marketing)) this.record(id, 'marketing', marketing, 'revoked', 'message', ref, policy);
      if (active(service)) this.record(id, 'service', service, 'revoked', 'message', ref, policy);
      if (active(service)) this.queue(id, policy.text, 'service', 'revocation_confirmation');
      return;
    }
    if (intent === 'stop_marketing' && active(marketing)) {
      const policy = this.policy('marketing_revoked');
      this.record(id, 'marketing', marketing, 'revoked', 'message', ref, policy);
      if (service === 'granted') this.queue(id, policy.text, 'service', 'consent_confirmation');
      return;
    }

    switch (service) {
      case 'granted':
        if (intent === 'marketing_opt_in' && !active(marketing) && this.requestAllowed(id, 'marketing')) {
          const policy = this.policy('marketing_request');
          this.record(id, 'marketing', marketing, 'requested', 'message', ref, policy);
          this.queue(id, policy.text, 'marketing', 'consent_request');
        } else if (intent === 'confirm' && marketing === 'requested') {
          this.record(id, 'marketing', 'requested', 'granted', 'message', ref, this.agreedPolicy(id, 'marketing'));
          this.queue(id, this.policy('marketing_confirmation').text, 'marketing', 'consent_confirmation');
        }
        return;
      case 'requested':
        if (intent === 'confirm') {
          this.record(id, 'service', 'requested', 'granted', 'message', ref, this.agreedPolicy(id, 'service'));
          this.reveal(id, message.id);
          this.queue(id, this.policy('consent_confirmation').text, 'service', 'consent_confirmation');
        } else if (intent !== 'stop_marketing' && this.requestAllowed(id, 'service')) {
          // Still no answer after the interval: one reminder with the same (current) text.
          this.queue(id, this.policy('consent_request').text, 'service', 'consent_request');
        }
        return;
      case 'none':
      case 'expired':
        if (intent === 'stop_marketing') return;
        this.startOptIn(id, service, ref);
        return;
      case 'revoked':
        // After STOP only the customer's explicit START (or JA …) opens a new double opt-in.
        if (intent === 'confirm') this.startOptIn(id, service, ref);
        return;
    }
  }

  gate(contactId: number, purpose: Purpose, kind: SendKind, messageId?: number): GateDecision {
    const service = this.repo.state(contactId, 'service');
    const marketing = this.repo.state(contactId, 'marketing');
    const now = this.clock.now();
    if (kind === 'consent_request') {
      if (purpose === 'service' ? service !== 'requested' : service !== 'granted' || marketing !== 'requested') {
        return refuse('not_exempt');
      }
      // A request queued in the same moment as the STOP/expiry that ended the last cycle belongs to that cycle.
      const cycleStart = this.lastEndOfCycle(contactId, purpose);
      const since = Math.max(now - this.settings().requestIntervalHours * HOUR + 1, cycleStart + 1);
      return this.repo.queuedSince(contactId, kind, purpose, since, messageId) > 0 ? refuse('request_limit') : ALLOW;
    }
    if (kind === 'revocation_confirmation') {
      const last = this.repo.latest(contactId, 'service');
      if (!last || last.to_state !== 'revoked') return refuse('not_exempt');
      return this.repo.queuedSince(contactId, kind, 'service', last.at, messageId) > 0 ? refuse('consent_revoked') : ALLOW;
    }
    if (kind === 'announcement' || purpose === 'marketing') {
      if (service === 'revoked') return refuse('consent_revoked');
      if (marketing !== 'granted') return refuse('no_marketing_consent');
      return ALLOW;
    }
    if (service === 'granted') return ALLOW;
    if (service === 'revoked') return refuse('consent_revoked');
    if (service === 'requested') return refuse('consent_pending');
    return refuse('no_service_consent');
  }

  // ---- sweep ----

  /**
   * Deletes what was written before a consent that never came (with its
   * media) and lets unanswered requests expire. Safe to run any time.
   */
  sweep(): { deletedMessages: number; expired: number } {
    const now = this.clock.now();
    const cutoff = now - this.settings().quarantineHours * HOUR;
    const touched = new Set<number>();
    let deletedMessages = 0;
    let expired = 0;
    this.store.tx(() => {
      const old = this.store.db
        .prepare(
          `SELECT m.id, m.media_id, v.contact_id FROM messages m JOIN conversations v ON v.id = m.conversation_id
           WHERE m.quarantined = 1 AND m.created_at <= ?`,
        )
        .all(cutoff) as { id: number; media_id: number | null; contact_id: number }[];
      const del = this.store.db.prepare('DELETE FROM messages WHERE id = ?');
      for (const m of old) {
        del.run(m.id);
        touched.add(m.contact_id);
      }
      deletedMessages = old.length;
      const mediaIds = [...new Set(old.map((m) => m.media_id).filter((x): x is number => x !== null))];
      for (const mediaId of mediaIds) {
        const used = this.store.db.prepare('SELECT 1 FROM messages WHERE media_id = ? LIMIT 1').get(mediaId);
        if (used) continue;
        const row = this.store.db.prepare('SELECT sha256 FROM media WHERE id = ?').get(mediaId) as { sha256: string } | undefined;
        this.store.db.prepare('DELETE FROM media WHERE id = ?').run(mediaId);
        // The file goes in this transaction, with its last reference (unless a send holds it meanwhile).
        if (row) this.removeOrphan(row.sha256);
      }
      for (const purpose of ['service', 'marketing'] as const) {
        for (const { contact_id } of this.repo.requestedSince(purpose, cutoff)) {
          this.record(contact_id, purpose, 'requested', 'expired', 'expiry', null, null);
          touched.add(contact_id);
          expired++;
        }
      }
    });
    for (const id of touched) this.messaging?.emitContact(id);
    if (deletedMessages > 0 || expired > 0) this.logger.info('consent sweep', { deletedMessages, expired });
    return { deletedMessages, expired };
  }

  private removeOrphan(sha256: string): void {
    try {
      this.onMediaOrphaned(sha256);
    } catch (err) {
      this.logger.warn('removing an orphaned media file failed', { sha256, error: String(err) });
    }
  }

  // ---- proof ----

  history(contactId: number): ConsentEventView[] {
    return this.repo.byContact(contactId).map(toEventView);
  }

  verify(): { ok: boolean; checked: number; problems: ChainProblem[] } {
    const rows = this.repo.all();
    const problems = verifyChain(rows, this.repo.head());
    return { ok: problems.length === 0, checked: rows.length, problems };
  }

  // ---- texts ----

  templates(includeHistory: boolean): TemplateRow[] {
    return this.repo.templates(includeHistory);
  }

  updateTemplate(key: TemplateKey, locale: Locale, text: string): TemplateRow {
    const current = this.repo.currentTemplate(key, locale);
    if (current && current.text === text) return current;
    return this.repo.addTemplateVersion(key, locale, text, this.clock.now());
  }

  /**
   * Appends one validated transition to the chain (inside the caller's
   * transaction) and tells the UI.
   */
  record(
    contactId: number,
    purpose: Purpose,
    from: ConsentState,
    to: ConsentState,
    triggerKind: TriggerKind,
    triggerRef: string | null,
    policy: Pick<Policy, 'version' | 'hash'> | null,
  ): ConsentEventRow {
    const t = transition(purpose, from, to, { kind: triggerKind, ref: triggerRef }, this.clock.now());
    const row = this.repo.append({
      contactId,
      purpose,
      from: t.from,
      to: t.to,
      triggerKind,
      triggerRef,
      policyVersion: policy?.version ?? null,
      policyHash: policy?.hash ?? null,
      at: t.at,
    });
    this.bus.emit('consent.changed', { contactId, purpose, to });
    return row;
  }

  // ---- internals ----

  private startOptIn(contactId: number, from: ConsentState, ref: string | null): void {
    if (!this.requestAllowed(contactId, 'service')) return;
    const policy = this.policy('consent_request');
    this.record(contactId, 'service', from, 'requested', 'message', ref, policy);
    this.queue(contactId, policy.text, 'service', 'consent_request');
  }

  /**
   * At most one request per interval — unless the customer ended the last
   * cycle (STOP, expiry) since, and now deliberately starts a new one.
   */
  private requestAllowed(contactId: number, purpose: Purpose): boolean {
    const last = this.repo.lastQueuedAt(contactId, 'consent_request', purpose);
    if (last === undefined) return true;
    if (this.clock.now() - last >= this.settings().requestIntervalHours * HOUR) return true;
    return this.lastEndOfCycle(contactId, purpose) >= last;
  }

  /** When the last revocation/expiry of this purpose happened (0 if never). */
  private lastEndOfCycle(contactId: number, purpose: Purpose): number {
    const row = this.store.db
      .prepare(
        `SELECT max(at) AS t FROM consent_events WHERE contact_id = ? AND purpose = ? AND to_state IN ('revoked', 'expired')`,
      )
      .get(contactId, purpose) as { t: number | null };
    return row.t ?? 0;
  }

  /** The text the customer agreed to: the one sent with the open request. */
  private agreedPolicy(contactId: number, purpose: Purpose): Pick<Policy, 'version' | 'hash'> | null {
    const req = this.repo.latest(contactId, purpose);
    if (!req || req.policy_version === null || req.policy_hash === null) return null;
    return { version: req.policy_version, hash: req.policy_hash };
  }

  /** The current version of a text, filled for this shop; the hash covers exactly what is sent. */
  private policy(key: TemplateKey): Policy {
    const s = this.settings();
    const row = this.repo.currentTemplate(key, s.customerLocale);
    const raw = row?.text ?? DEFAULT_TEMPLATES[s.customerLocale][key];
    const text = renderTemplate(raw, s.shop);
    return { version: row?.version ?? 0, hash: sha256Hex(text), text };
  }

  private queue(contactId: number, text: string, purpose: Purpose, kind: SendKind): void {
    if (!this.messaging) throw new Error('consent engine is not attached to messaging');
    try {
      this.messaging.send({ contactId, text, purpose, kind, author: 'system' });
    } catch (err) {
      // A refused automatic text must never undo the customer's committed message.
      if (err instanceof ApiError) {
        this.logger.warn('consent text not sent', { contactId, kind, reason: err.reason });
        return;
      }
      throw err;
    }
  }

  /** Consent granted: what the customer wrote before becomes visible to staff. */
  private reveal(contactId: number, currentMessageId: number): void {
    const conversationId = this.store.messages.conversationIdOf(contactId);
    if (conversationId === undefined) return;
    const held = this.store.db
      .prepare('SELECT id, direction FROM messages WHERE conversation_id = ? AND quarantined = 1 ORDER BY id')
      .all(conversationId) as { id: number; direction: string }[];
    if (held.length === 0) return;
    this.store.db.prepare('UPDATE messages SET quarantined = 0 WHERE conversation_id = ? AND quarantined = 1').run(conversationId);
    const unread = held.filter((m) => m.direction === 'in').length;
    this.store.db.prepare('UPDATE conversations SET unread = unread + ? WHERE id = ?').run(unread, conversationId);
    for (const m of held) {
      if (m.id === currentMessageId) continue; // Messaging announces the current message itself.
      const row = this.store.messages.byId(m.id);
      if (row) this.bus.emit('message.added', toMessageView(row));
    }
  }

  private matcher(): KeywordMatcher {
    const kw = this.settings().keywords;
    const key = JSON.stringify(kw);
    if (this.matcherCache?.key !== key) this.matcherCache = { key, matcher: createKeywordMatcher([kw.de, kw.en]) };
    return this.matcherCache.matcher;
  }

  private ensureDefaultTemplates(): void {
    const now = this.clock.now();
    this.store.tx(() => {
      for (const locale of ['de', 'en'] as const) {
        for (const key of Object.keys(DEFAULT_TEMPLATES[locale]) as TemplateKey[]) {
          if (!this.repo.currentTemplate(key, locale)) {
            this.repo.addTemplateVersion(key, locale, DEFAULT_TEMPLATES[locale][key], now);
          }
        }
      }
    });
  }
}

export function toEventView(row: ConsentEventRow & { id: number }): ConsentEventView {
  return {
    id: row.id,
    contactId: row.contact_id,
    purpose: row.purpose as Purpose,
    from: row.from_state as ConsentState,
    to: row.to_state as ConsentState,
    trigger: { kind: row.trigger_kind as TriggerKind, ref: row.trigger_ref },
    policyVersion: row.policy_version,
    policyHash: row.policy_hash,
    at: new Date(row.at).toISOString(),
    hash: row.hash,
  };
}
