import type { ConsentEventView, ConsentSettings, ConsentState, Locale, Purpose, TemplateKey } from '../../contract';
import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import type { ConsentEventDetails, ConsentEventRow, ConsentRepo } from '../../store/consent-repo';
import type { ConsentHooks, GateDecision, InboundContext, SendKind } from '../consent-hooks';
import type { EventBus } from '../event-bus';
import type { Messaging } from '../messaging';
import { toMessageView } from '../views';
import type { ChainProblem } from '../../store/consent-chain';
import { matcherFor } from './keywords';
import { ConsentSettingsStore } from './settings';
import type { TriggerKind } from './state-machine';
import { templateContradictions, type TemplateContext } from './templates';
import { ensureDefaultTemplates, renderCurrent } from './template-versions';
import { QuarantineSweeper, sweepQuarantine, type SweepDeps } from './sweep';
import { ConsentLedger } from './ledger';
import type { ConsentEngineOptions, Policy, Said, StaffRevocation } from './engine-types';

export type { ConsentEngineOptions, StaffRevocation } from './engine-types';
import { decideGate } from './gate';

export { GATE_REASONS, type GateReason } from './gate-reasons';
export { toEventView } from './event-view';

const HOUR = 3_600_000;


/**
 * The consent rules: double opt-in by keywords, quarantine before consent,
 * the send gate, and the hash-chained proof. Messaging calls the hooks; this
 * is the only place that appends consent events.
 */
export class ConsentEngine implements ConsentHooks {
  readonly repo: ConsentRepo;
  readonly settingsStore: ConsentSettingsStore;
  private readonly ledger: ConsentLedger;
  /** A media file no message references any more (after a quarantine deletion); the app removes the file. */
  onMediaOrphaned: (sha256: string) => void = () => {};
  private messaging: Messaging | undefined;
  private readonly sweeper: QuarantineSweeper;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: ConsentEngineOptions,
  ) {
    this.repo = store.consent;
    this.ledger = new ConsentLedger(this.repo, clock, bus);
    this.settingsStore = new ConsentSettingsStore(store.settings, options.demo);
    ensureDefaultTemplates(store, this.repo, this.clock.now());
    this.sweeper = new QuarantineSweeper(() => this.sweepDeps(), logger, options.sweepIntervalMs ?? 10 * 60_000);
  }

  /** Messaging needs the engine (hooks) and the engine sends through Messaging. */
  attach(messaging: Messaging): void {
    this.messaging = messaging;
  }

  /** Sweeps now and then periodically (a backlog in slices, in the background: see QuarantineSweeper). */
  start(): void {
    this.sweeper.start();
  }

  stop(): void {
    this.sweeper.stop();
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
    const { intent, locale } = message.type === 'text' ? matcherFor(this.settings().keywords).classify(message.body) : { intent: null, locale: null };
    const words = message.type === 'text' ? message.body : null;
    const ref = message.external_id;
    const id = contact.id;
    const now = this.clock.now();
    // A visible customer message was stored under a granted service consent: holdsInbound held back
    // every other one, and nothing since changed consent. Only a held-back message needs the read.
    const service: ConsentState = message.quarantined ? this.repo.state(id, 'service') : 'granted';
    // Most messages never need the marketing state: read it once, when a rule asks.
    let marketingRead: ConsentState | undefined;
    const marketing = () => (marketingRead ??= this.repo.state(id, 'marketing'));
    const active = (s: ConsentState) => s === 'granted' || s === 'requested';
    const said: Said = { ref, words };

    if (intent === 'stop_all' || (intent === 'stop_review' && service !== 'granted')) {
      // Before consent nothing is lost by honouring a stop word in a longer message.
      this.revokeAll(id, said, null);
      return;
    }
    if (intent === 'stop_marketing') {
      if (active(marketing())) {
        const policy = this.policy('marketing_revoked', id);
        this.record(id, 'marketing', marketing(), 'revoked', 'message', ref, policy, { words, sentText: policy.text, method: 'message' });
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
        if (intent === 'marketing_opt_in' && !active(marketing())) {
          this.startMarketingOptIn(id, marketing(), said);
        } else if (intent === 'confirm' && marketing() === 'requested') {
          const agreed = this.ledger.agreedPolicy(id, 'marketing');
          this.record(id, 'marketing', 'requested', 'granted', 'message', ref, agreed, { words, sentText: agreed?.text ?? null, method: 'message' });
          this.queue(id, () => this.policy('marketing_confirmation', id).text, 'marketing', 'consent_confirmation');
        }
        return;
      case 'requested':
        if (intent === 'confirm') {
          if (locale) this.store.contacts.setLocale(id, locale, now);
          const agreed = this.ledger.agreedPolicy(id, 'service');
          this.record(id, 'service', 'requested', 'granted', 'message', ref, agreed, { words, sentText: agreed?.text ?? null, method: 'message' });
          this.reveal(id, message.id);
          this.queue(id, () => this.policy('consent_confirmation', id).text, 'service', 'consent_confirmation');
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
          this.queue(id, () => this.policy('consent_clarify', id).text, 'service', 'consent_clarify');
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
    const { requestIntervalHours, reoptInNoticeDays } = this.settings();
    return decideGate(this.repo, { requestIntervalHours, reoptInNoticeDays, now: this.clock.now() }, contactId, purpose, kind, messageId);
  }

  // ---- sweep ----

  /**
   * Deletes what was written before a consent that never came (with its
   * media) and lets unanswered requests expire. Safe to run any time.
   */
  sweep(): { deletedMessages: number; expired: number } {
    const { deletedMessages, expired } = sweepQuarantine(this.sweepDeps());
    return { deletedMessages, expired };
  }

  private sweepDeps(): SweepDeps {
    return {
      store: this.store,
      repo: this.repo,
      now: this.clock.now(),
      quarantineHours: this.settings().quarantineHours,
      expire: (contactId, purpose) => this.record(contactId, purpose, 'requested', 'expired', 'expiry', null, null, null),
      onMediaOrphaned: this.onMediaOrphaned,
      emitContact: (id) => this.messaging?.emitContact(id),
      logger: this.logger,
    };
  }

  // ---- proof ----

  history(contactId: number): ConsentEventView[] {
    return this.ledger.history(contactId);
  }

  verify(): { ok: boolean; checked: number; problems: ChainProblem[] } {
    return this.ledger.verify();
  }

  /** Appends one validated transition to the chain (inside the caller's transaction) and tells the UI. */
  record(...args: Parameters<ConsentLedger['record']>): ConsentEventRow {
    return this.ledger.record(...args);
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
    return this.repo.lastEndOfCycle(contactId, purpose) >= last;
  }



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
    return renderCurrent(this.repo, key, locale, this.context(locale)).text;
  }

  /** The current version of a text in the contact's language, filled for this shop; the hash covers exactly what is sent. */
  private policy(key: TemplateKey, contactId: number): Policy {
    const locale = this.localeOf(contactId);
    return renderCurrent(this.repo, key, locale, this.context(locale));
  }

  /**
   * Queues an automatic text; false when the gate refused it (that never undoes the customer's message).
   * A text given as a function is rendered only once the gate allows it (the usual refusal costs no rendering).
   */
  private queue(contactId: number, text: string | (() => string), purpose: Purpose, kind: SendKind): boolean {
    if (!this.messaging) throw new Error('consent engine is not attached to messaging');
    // Asked first so a refusal (the usual answer to a second clarifying reply) costs no exception; send() asks again.
    const decision = this.gate(contactId, purpose, kind);
    if (!decision.allowed) {
      this.logger.info('consent text not sent', { contactId, kind, reason: decision.reason });
      return false;
    }
    try {
      this.messaging.send({ contactId, text: typeof text === 'string' ? text : text(), purpose, kind, author: 'system' });
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

}


