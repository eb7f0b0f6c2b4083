import type { ConsentEventView, ConsentSettings, ConsentState, Locale, Purpose, TemplateKey } from '../../contract';
import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import type { ConsentEventDetails, ConsentEventDetailsRow, ConsentEventRow, ConsentRepo, TemplateRow } from '../../store/consent-repo';
import type { ConsentHooks, GateDecision, InboundContext, SendKind } from '../consent-hooks';
import type { EventBus } from '../event-bus';
import type { Messaging } from '../messaging';
import { toMessageView } from '../views';
import { verifyChain, sha256Hex, type ChainProblem } from '../../store/consent-chain';
import { createKeywordMatcher, type KeywordMatcher } from './keywords';
import { ConsentSettingsStore } from './settings';
import { transition, type TriggerKind } from './state-machine';
import { DEFAULT_TEMPLATES, renderTemplate, SUPERSEDED_DEFAULTS, templateContradictions, type TemplateContext } from './templates';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ConsentEngineOptions {
  demo: boolean;
  /** How often the quarantine/expiry sweep runs. */
  sweepIntervalMs?: number;
  /** Whether an automatic assistant answers (the texts mention it only then). No bot exists yet. */
  botEnabled?: () => boolean;
}

/** A revocation staff recorded from a customer's word in person, by phone or by letter. */
export interface StaffRevocation {
  method: 'in_person' | 'phone' | 'letter';
  /** When the customer revoked (ms); not in the future. */
  at: number;
  /** The staff profile, once profiles exist; until then null and the typed name. */
  actorProfileId: number | null;
  actorName: string;
  note: string | null;
}

/** Stable refusal reasons; the message is what staff read next to the locked composer. */
export const GATE_REASONS = {
  no_service_consent: 'no service consent: the customer has not (yet) agreed to the chat',
  consent_pending: 'consent requested: the customer has not confirmed yet',
  consent_revoked: 'the customer revoked consent (STOP); nothing may be sent',
  no_marketing_consent: 'no marketing consent (NEWSLETTER)',
  request_limit: 'the consent request was already sent in this period',
  not_exempt: 'this message is allowed only right after the request or the revocation',
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
    this.repo = store.consent;
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

  updateSettings(patch: Partial<ConsentSettings>): ConsentSettings & { warnings: { key: string; locale: Locale; problem: string }[] } {
    const saved = this.settingsStore.update(patch, this.clock.now());
    const warnings: { key: string; locale: Locale; problem: string }[] = [];
    for (const t of this.repo.templates(false)) {
      for (const problem of templateContradictions(t.text, this.context(t.locale))) warnings.push({ key: t.key, locale: t.locale, problem });
    }
    return { ...saved, warnings };
  }

  state(contactId: number, purpose: Purpose): ConsentState {
    return this.repo.state(contactId, purpose);
  }

  // ---- hooks ----

  holdsInbound(contactId: number): boolean {
    return this.repo.state(contactId, 'service') !== 'granted';
  }

  afterInbound({ contact, message }: InboundContext): void {
    const { intent, locale } = message.type === 'text' ? this.matcher().classify(message.body) : { intent: null, locale: null };
    const words = message.type === 'text' ? message.body : null;
    const ref = message.external_id;
    const id = contact.id;
    const now = this.clock.now();
    const service = this.repo.state(id, 'service');
    const marketing = this.repo.state(id, 'marketing');
    const active = (s: ConsentState) => s === 'granted' || s === 'requested';
    const said: Said = { ref, words };

    if (intent === 'stop_all' || (intent === 'stop_review' && service !== 'granted')) {
      // Before consent nothing is lost by honouring a stop word in a longer message.
      this.revokeAll(id, said, null);
      return;
    }
    if (intent === 'stop_marketing') {
      if (active(marketing)) {
        const policy = this.policy('marketing_revoked', id);
        this.record(id, 'marketing', marketing, 'revoked', 'message', ref, policy, { words, sentText: policy.text, method: 'message' });
        if (service === 'granted') this.queue(id, policy.text, 'service', 'consent_confirmation');
      }
      this.store.contacts.setMarketingWish(id, null);
      return;
    }
    if (intent === 'stop_review') {
      // A longer message of a granted customer: staff decide with one click.
      this.store.contacts.setRevocationReview(id, now, (words ?? '').slice(0, 500));
      return;
    }

    switch (service) {
      case 'granted':
        if (intent === 'marketing_opt_in' && !active(marketing)) {
          this.startMarketingOptIn(id, marketing, said);
        } else if (intent === 'confirm' && marketing === 'requested') {
          const agreed = this.agreedPolicy(id, 'marketing');
          this.record(id, 'marketing', 'requested', 'granted', 'message', ref, agreed, { words, sentText: agreed?.text ?? null, method: 'message' });
          this.queue(id, this.policy('marketing_confirmation', id).text, 'marketing', 'consent_confirmation');
        }
        return;
      case 'requested':
        if (intent === 'confirm') {
          if (locale) this.store.contacts.setLocale(id, locale, now);
          const agreed = this.agreedPolicy(id, 'service');
          this.record(id, 'service', 'requested', 'granted', 'message', ref, agreed, { words, sentText: agreed?.text ?? null, method: 'message' });
          this.reveal(id, message.id);
          this.queue(id, this.policy('consent_confirmation', id).text, 'service', 'consent_confirmation');
          // NEWSLETTER written before consent: its own double opt-in follows right away.
          const wish = this.store.contacts.byId(id)?.marketing_wish_at;
          if (wish !== null && wish !== undefined) {
            this.store.contacts.setMarketingWish(id, null);
            const m = this.repo.state(id, 'marketing');
            if (!active(m)) this.startMarketingOptIn(id, m, { ref: null, words: null });
          }
        } else if (intent === 'marketing_opt_in') {
          this.store.contacts.setMarketingWish(id, now);
        } else if (intent !== 'refuse') {
          // Neither yes nor no: one short clarifying reply per request, never more.
          this.queue(id, this.policy('consent_clarify', id).text, 'service', 'consent_clarify');
        }
        return;
      case 'none':
      case 'expired':
        if (intent === 'refuse') return;
        if (intent === 'marketing_opt_in') this.store.contacts.setMarketingWish(id, now);
        this.startOptIn(id, service, said);
        return;
      case 'revoked':
        // After STOP only the customer's explicit START (or JA …) opens a new double opt-in.
        if (intent === 'confirm') {
          this.startOptIn(id, service, said);
        } else if (intent !== 'refuse') {
          // Anything else: one notice how to opt in again, at most once per reoptInNoticeDays.
          const policy = this.policy('reopt_in_notice', id);
          if (this.queue(id, policy.text, 'service', 'reopt_in_notice')) {
            this.repo.addNotice({
              contact_id: id,
              kind: 'reopt_in_notice',
              words,
              trigger_ref: ref,
              sent_text: policy.text,
              policy_version: policy.version,
              policy_hash: policy.hash,
              at: now,
            });
          }
        }
        return;
    }
  }

  /**
   * Staff record a revocation the customer gave outside WhatsApp. Ends
   * whatever is active; never grants. One confirmation goes out.
   */
  recordStaffRevocation(contactId: number, r: StaffRevocation): ConsentEventView[] {
    if (r.at > this.clock.now()) throw new ApiError('validation', 'at: the revocation cannot lie in the future', { field: 'at' });
    this.store.tx(() => {
      this.revokeAll(contactId, { ref: null, words: null }, r);
    });
    this.messaging?.emitContact(contactId);
    return this.history(contactId);
  }

  /** Tells the UI that a contact changed (new or updated). */
  emitContact(contactId: number): void {
    this.messaging?.emitContact(contactId);
  }

  /** Sets or clears the language of a contact's texts. */
  setLocale(contactId: number, locale: Locale | null): void {
    this.store.contacts.setLocale(contactId, locale, this.clock.now());
    this.messaging?.emitContact(contactId);
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
    if (kind === 'consent_clarify') {
      if (purpose !== 'service' || service !== 'requested') return refuse('not_exempt');
      const req = this.repo.latest(contactId, 'service');
      return this.repo.queuedSince(contactId, kind, 'service', req?.at ?? 0, messageId) > 0 ? refuse('request_limit') : ALLOW;
    }
    if (kind === 'reopt_in_notice') {
      if (purpose !== 'service' || service !== 'revoked') return refuse('not_exempt');
      const since = now - this.settings().reoptInNoticeDays * DAY + 1;
      return this.repo.queuedSince(contactId, kind, 'service', since, messageId) > 0 ? refuse('request_limit') : ALLOW;
    }
    if (kind === 'revocation_confirmation') {
      const since = this.repo.lastRevocationAt(contactId);
      if (since === undefined || (service !== 'revoked' && marketing !== 'revoked')) return refuse('not_exempt');
      return this.repo.queuedSince(contactId, kind, purpose, since, messageId) > 0 ? refuse('consent_revoked') : ALLOW;
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
      const old = this.store.messages.quarantinedBefore(cutoff);
      for (const m of old) {
        this.store.messages.deleteById(m.id);
        touched.add(m.contact_id);
      }
      deletedMessages = old.length;
      const mediaIds = [...new Set(old.map((m) => m.media_id).filter((x): x is number => x !== null))];
      for (const mediaId of mediaIds) {
        if (this.store.media.isReferenced(mediaId)) continue;
        const sha = this.store.media.delete(mediaId);
        // The file goes in this transaction, with its last reference (unless a send holds it meanwhile).
        if (sha) this.removeOrphan(sha);
      }
      for (const purpose of ['service', 'marketing'] as const) {
        for (const { contact_id } of this.repo.requestedSince(purpose, cutoff)) {
          this.record(contact_id, purpose, 'requested', 'expired', 'expiry', null, null, null);
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
    const details = new Map(this.repo.detailsByContact(contactId).map((d) => [d.event_id, d]));
    return this.repo.byContact(contactId).map((row) => toEventView(row, details.get(row.id)));
  }

  verify(): { ok: boolean; checked: number; problems: ChainProblem[] } {
    const rows = this.repo.all();
    // Problems the old chain had when it was re-hashed into the split format stay visible.
    const problems = [...(this.repo.migrationNote()?.v1Problems ?? []), ...verifyChain(rows, this.repo.head())];
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
    details: Partial<ConsentEventDetails> | null = null,
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
      words: details?.words ?? null,
      note: details?.note ?? null,
    });
    if (details) {
      this.repo.addDetails(row.id, {
        sentText: details.sentText ?? null,
        method: details.method ?? null,
        actorProfileId: details.actorProfileId ?? null,
        actorName: details.actorName ?? null,
        occurredAt: details.occurredAt ?? null,
      });
    }
    this.bus.emit('consent.changed', { contactId, purpose, to });
    return row;
  }

  // ---- internals ----

  private startOptIn(contactId: number, from: ConsentState, said: Said): void {
    if (!this.requestAllowed(contactId, 'service')) return;
    const policy = this.policy('consent_request', contactId);
    this.record(contactId, 'service', from, 'requested', 'message', said.ref, policy, { words: said.words, sentText: policy.text, method: 'message' });
    this.queue(contactId, policy.text, 'service', 'consent_request');
  }

  private startMarketingOptIn(contactId: number, from: ConsentState, said: Said): void {
    if (!this.requestAllowed(contactId, 'marketing')) return;
    const policy = this.policy('marketing_request', contactId);
    this.record(contactId, 'marketing', from, 'requested', 'message', said.ref, policy, { words: said.words, sentText: policy.text, method: 'message' });
    this.queue(contactId, policy.text, 'marketing', 'consent_request');
  }

  /**
   * Ends every active purpose and sends exactly one confirmation. From a
   * message (`staff` null) or recorded by staff.
   */
  private revokeAll(contactId: number, said: Said, staff: StaffRevocation | null): void {
    const service = this.repo.state(contactId, 'service');
    const marketing = this.repo.state(contactId, 'marketing');
    const active = (s: ConsentState) => s === 'granted' || s === 'requested';
    this.store.contacts.setMarketingWish(contactId, null);
    this.store.contacts.setRevocationReview(contactId, null, null);
    if (!active(service) && !active(marketing)) return;
    const policy = this.policy('revocation_confirmation', contactId);
    const details: Partial<ConsentEventDetails> = staff
      ? { sentText: policy.text, method: staff.method, actorProfileId: staff.actorProfileId, actorName: staff.actorName, note: staff.note, occurredAt: staff.at }
      : { words: said.words, sentText: policy.text, method: 'message' };
    const kind: TriggerKind = staff ? 'staff' : 'message';
    if (active(marketing)) this.record(contactId, 'marketing', marketing, 'revoked', kind, said.ref, policy, details);
    if (active(service)) this.record(contactId, 'service', service, 'revoked', kind, said.ref, policy, details);
    this.queue(contactId, policy.text, active(service) ? 'service' : 'marketing', 'revocation_confirmation');
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
    return this.repo.lastEndOfCycle(contactId, purpose);
  }

  /** The text the customer agreed to: the one sent with the open request. */
  private agreedPolicy(contactId: number, purpose: Purpose): (Pick<Policy, 'version' | 'hash'> & { text: string | null }) | null {
    const req = this.repo.latest(contactId, purpose);
    if (!req || req.policy_version === null || req.policy_hash === null) return null;
    return { version: req.policy_version, hash: req.policy_hash, text: this.repo.details(req.id)?.sent_text ?? null };
  }

  /** The current version of a text, filled for this shop; the hash covers exactly what is sent. */
  /** The language of a contact's texts: theirs if known, else the shop's. */
  localeOf(contactId: number): Locale {
    return this.store.contacts.byId(contactId)?.locale ?? this.settings().customerLocale;
  }

  /** What texts are bound to, for one language. */
  context(locale: Locale): TemplateContext {
    const s = this.settings();
    return { shop: s.shop, quarantineHours: s.quarantineHours, botEnabled: this.options.botEnabled?.() ?? false, locale };
  }

  /** A text exactly as a customer of this language would receive it now (the set-up previews it). */
  preview(key: TemplateKey, locale: Locale): string {
    const row = this.repo.currentTemplate(key, locale);
    return renderTemplate(row?.text ?? DEFAULT_TEMPLATES[locale][key], this.context(locale));
  }

  /** The current version of a text in the contact's language, filled for this shop; the hash covers exactly what is sent. */
  private policy(key: TemplateKey, contactId: number): Policy {
    const locale = this.localeOf(contactId);
    const row = this.repo.currentTemplate(key, locale);
    const raw = row?.text ?? DEFAULT_TEMPLATES[locale][key];
    const text = renderTemplate(raw, this.context(locale));
    return { version: row?.version ?? 0, hash: sha256Hex(text), text };
  }

  /** Queues an automatic text; false when the gate refused it (that never undoes the customer's message). */
  private queue(contactId: number, text: string, purpose: Purpose, kind: SendKind): boolean {
    if (!this.messaging) throw new Error('consent engine is not attached to messaging');
    try {
      this.messaging.send({ contactId, text, purpose, kind, author: 'system' });
      return true;
    } catch (err) {
      if (err instanceof ApiError) {
        this.logger.info('consent text not sent', { contactId, kind, reason: err.reason });
        return false;
      }
      throw err;
    }
  }

  /** Consent granted: what the customer wrote before becomes visible to staff. */
  private reveal(contactId: number, currentMessageId: number): void {
    const conversationId = this.store.messages.conversationIdOf(contactId);
    if (conversationId === undefined) return;
    const held = this.store.messages.quarantinedIn(conversationId);
    if (held.length === 0) return;
    this.store.messages.releaseQuarantine(conversationId, held.filter((m) => m.direction === 'in').length);
    for (const m of held) {
      if (m.id === currentMessageId) continue; // Messaging announces the current message itself.
      const row = this.store.messages.byId(m.id);
      if (row) this.bus.emit('message.added', toMessageView(row));
    }
  }

  private matcher(): KeywordMatcher {
    const kw = this.settings().keywords;
    const key = JSON.stringify(kw);
    if (this.matcherCache?.key !== key) this.matcherCache = { key, matcher: createKeywordMatcher([kw.de, kw.en], ['de', 'en']) };
    return this.matcherCache.matcher;
  }

  private ensureDefaultTemplates(): void {
    const now = this.clock.now();
    this.store.tx(() => {
      for (const locale of ['de', 'en'] as const) {
        for (const key of Object.keys(DEFAULT_TEMPLATES[locale]) as TemplateKey[]) {
          const current = this.repo.currentTemplate(key, locale);
          if (!current || current.text === SUPERSEDED_DEFAULTS[locale]?.[key]) {
            this.repo.addTemplateVersion(key, locale, DEFAULT_TEMPLATES[locale][key], now);
          }
        }
      }
    });
  }
}

interface Said {
  /** The message id on the channel (chained as the trigger reference). */
  ref: string | null;
  /** What the customer wrote. */
  words: string | null;
}

export function toEventView(row: ConsentEventRow & { id: number }, d?: ConsentEventDetailsRow): ConsentEventView {
  return {
    id: row.id,
    contactId: row.contact_id ?? 0,
    purpose: row.purpose as Purpose,
    from: row.from_state as ConsentState,
    to: row.to_state as ConsentState,
    trigger: { kind: row.trigger_kind as TriggerKind, ref: row.trigger_ref },
    policyVersion: row.policy_version,
    policyHash: row.policy_hash,
    at: new Date(row.at).toISOString(),
    hash: row.hash,
    words: d?.words ?? null,
    sentText: d?.sent_text ?? null,
    method: d?.method ?? null,
    actorProfileId: d?.actor_profile_id ?? null,
    actorName: d?.actor_name ?? null,
    note: d?.note ?? null,
    occurredAt: d?.occurred_at === null || d?.occurred_at === undefined ? null : new Date(d.occurred_at).toISOString(),
  };
}
