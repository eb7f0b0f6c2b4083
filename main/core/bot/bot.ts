import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { z } from 'zod';
import { BotSettings, SpecialDay, type BotConversationView, type ConsentSettings, type Locale } from '../../contract';
import { ApiError } from '../../contract/errors';
import type { Clock, Logger } from '../../runtime';
import type { Store } from '../../store';
import type { MessageRow } from '../../store/messages-repo';
import { STATUS_LABELS } from '../cases/templates';
import { formatOpeningHours } from '../cases/shop-time';
import { formatWhen, type CaseShop } from '../cases/shop';
import { createKeywordMatcher, type KeywordMatcher } from '../consent/keywords';
import type { EventBus } from '../event-bus';
import type { Inbox } from '../inbox';
import type { Messaging } from '../messaging';
import { defaultBotSettings } from './defaults';
import { closingOf, isOpenAt, nextOpening, type BusinessHours } from './hours';
import { matchRule, phraseMatches, wantsPerson, words } from './match';

const KEY = 'bot.settings';
const MINUTE = 60_000;
const CASE_NUMBER = /\b(REP|PUP|PAR|RET|APT|CMP|ORD)-\d{4}-\d{4,}\b/i;
const STATUS_WORDS = ['status'];

export interface BotDeps {
  store: Store;
  bus: EventBus;
  messaging: Messaging;
  inbox: Inbox;
  clock: Clock;
  logger: Logger;
  demo: boolean;
  /** The consent settings: keywords (consent words never reach the bot) and the shop profile. */
  consentSettings: () => ConsentSettings;
  serviceGranted: (contactId: number) => boolean;
  shop: () => CaseShop;
  /** Writes the holidays and special days into the shop profile, their one home. */
  saveSpecialDays: (days: SpecialDay[]) => void;
  locale: (contactId: number) => Locale;
}

/** The bot's own settings as stored: everything but the holidays, which live in the shop profile. */
type StoredBotSettings = Omit<BotSettings, 'specialDays'>;

export type BotDecision =
  | { kind: 'consent_word' | 'none'; ruleId: null; reply: null }
  | { kind: 'handover'; ruleId: null; reply: null }
  | { kind: 'rule'; ruleId: string; reply: string };

/** Fills {name} style variables; unknown ones stay as written. */
export const fill = (text: string, vars: Record<string, string>): string =>
  text.replace(/\{(\w+)\}/g, (all, k: string) => (k in vars ? vars[k]! : all));

/**
 * The hybrid bot. It answers after consent and only what is not a consent
 * word, always with the disclosure prefix, through the send gate like every
 * other message. It hands over to a person on request or after repeated
 * questions it cannot answer, and keeps quiet while staff take part.
 */
export class Bot {
  private cached: StoredBotSettings | undefined;
  private matcherCache: { key: string; matcher: KeywordMatcher } | undefined;

  constructor(private readonly d: BotDeps) {
    // Loading at start carries an older install's holidays into the shop profile before anyone reads it.
    this.own();
    d.bus.subscribe((event, payload) => {
      if (event !== 'conversation.changed') return;
      const item = payload as { id: number; status: string };
      if (item.status !== 'resolved') return;
      const conversationId = d.store.messages.conversationIdOf(item.id);
      const row = conversationId === undefined ? undefined : d.store.bot.conversation(conversationId);
      // Resolved: the hand-over is over, the bot may answer the next question again.
      if (row && (row.handover_at !== null || row.unanswered > 0)) d.store.bot.setHandover(conversationId!, null, d.clock.now());
    });
  }

  // ---- settings ----

  settings(): BotSettings {
    return { ...this.own(), specialDays: this.d.consentSettings().shop.specialDays };
  }

  private own(): StoredBotSettings {
    if (this.cached) return this.cached;
    const defaults = defaultBotSettings(this.d.demo);
    const stored = this.d.store.settings.get<Partial<BotSettings>>(KEY);
    if (stored && 'specialDays' in stored) this.carryOverSpecialDays(stored);
    const parsed = stored ? BotSettings.safeParse({ ...defaults, ...stored, specialDays: [] }) : undefined;
    const { specialDays: _, ...own } = parsed?.success ? parsed.data : defaults;
    this.cached = own;
    return own;
  }

  /**
   * Installs from before the shop profile held holidays kept them in the bot
   * settings: carried into the shop profile once (unless it already has its
   * own), then dropped from the bot's stored value.
   */
  private carryOverSpecialDays(stored: Partial<BotSettings>): void {
    const old = z.array(SpecialDay).max(400).safeParse(stored.specialDays);
    if (old.success && old.data.length > 0 && this.d.consentSettings().shop.specialDays.length === 0) {
      this.d.saveSpecialDays(old.data);
    }
    const { specialDays: _, ...rest } = stored;
    this.d.store.settings.set(KEY, rest, this.d.clock.now());
    this.d.logger.info('bot: holidays carried into the shop profile', { count: old.success ? old.data.length : 0 });
  }

  updateSettings(patch: Partial<BotSettings>): BotSettings {
    const parsed = BotSettings.safeParse({ ...this.settings(), ...patch });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') ?? 'patch';
      throw new ApiError('validation', `${field}: ${issue?.message ?? 'invalid'}`, { field });
    }
    const ids = new Set<string>();
    for (const [i, r] of parsed.data.rules.entries()) {
      if (ids.has(r.id)) throw new ApiError('validation', `rules.${i}.id: used twice`, { field: `rules.${i}.id` });
      ids.add(r.id);
    }
    const { specialDays, ...own } = parsed.data;
    // Holidays belong to the shop profile; this method stays a way to set them.
    if (patch.specialDays !== undefined) this.d.saveSpecialDays(specialDays);
    this.d.store.settings.set(KEY, own, this.d.clock.now());
    this.cached = own;
    return this.settings();
  }

  businessHours(): BusinessHours {
    return { ...this.d.shop().clock, specialDays: this.d.consentSettings().shop.specialDays };
  }

  // ---- decisions ----

  /** A consent word (as the consent engine defines them) is never the bot's business. */
  isConsentWord(text: string): boolean {
    const kw = this.d.consentSettings().keywords;
    const key = JSON.stringify(kw);
    if (this.matcherCache?.key !== key) this.matcherCache = { key, matcher: createKeywordMatcher([kw.de, kw.en]) };
    return this.matcherCache.matcher.classify(text).intent !== null;
  }

  /** What the bot would do with a text, without a case lookup and without sending. */
  decide(text: string, locale: Locale): BotDecision {
    if (this.isConsentWord(text)) return { kind: 'consent_word', ruleId: null, reply: null };
    const s = this.settings();
    if (wantsPerson(text, s.handoverWords)) return { kind: 'handover', ruleId: null, reply: null };
    const m = matchRule(text, s.rules);
    if (!m) return { kind: 'none', ruleId: null, reply: null };
    return { kind: 'rule', ruleId: m.rule.id, reply: this.withPrefix(fill(m.rule.answer[locale], this.shopVars(locale)), locale) };
  }

  withPrefix(text: string, locale: Locale): string {
    return `${this.settings().prefix[locale]} ${text}`;
  }

  conversation(contactId: number): BotConversationView {
    const conversationId = this.d.store.messages.conversationIdOf(contactId);
    if (conversationId === undefined) throw new ApiError('not_found', 'Kontakt nicht gefunden.', { field: 'contactId' });
    const row = this.d.store.bot.conversation(conversationId);
    return {
      contactId,
      handover: row?.handover_at != null,
      handoverAt: row?.handover_at != null ? new Date(row.handover_at).toISOString() : null,
      handoverReason: row?.handover_reason ?? null,
    };
  }

  /** Called by messaging after a customer message is committed and visible. */
  onInbound(message: MessageRow, contactId: number): void {
    if (message.direction !== 'in' || message.quarantined) return;
    // Consent first: before service consent the consent flow speaks, never the bot.
    if (!this.d.serviceGranted(contactId)) return;
    const text = message.type === 'text' ? message.body : '';
    if (text.trim() === '' || this.isConsentWord(text)) return;
    const s = this.settings();
    const { store, clock } = this.d;
    const now = clock.now();
    const conversationId = message.conversation_id;
    const state = store.bot.conversation(conversationId);
    if (state?.handover_at != null) return; // a person has it until the conversation is resolved
    const lastStaff = store.bot.lastStaffMessageAt(conversationId);
    if (lastStaff !== undefined && now - lastStaff < s.staffQuietMinutes * MINUTE) return;

    const locale = this.d.locale(contactId);
    const hours = this.businessHours();
    const open = isOpenAt(now, hours);
    const handover = s.enabled && wantsPerson(text, s.handoverWords);
    if (!open && s.away.enabled && !handover) {
      const period = nextOpening(now, hours) ?? 0;
      if (state?.away_period !== period) {
        store.bot.setAwayPeriod(conversationId, period, now);
        this.say(contactId, fill(s.away.text[locale], this.shopVars(locale)), locale);
      }
    }
    if (!s.enabled) return;
    if (handover) return this.handOver(contactId, conversationId, 'requested', locale);

    const answer = this.caseAnswer(text, contactId, locale) ?? this.ruleAnswer(text, locale);
    if (answer !== null) {
      store.bot.setUnanswered(conversationId, 0, now);
      this.say(contactId, answer, locale);
      return;
    }
    const unanswered = (state?.unanswered ?? 0) + 1;
    if (unanswered >= s.maxUnanswered) this.handOver(contactId, conversationId, 'unanswered', locale);
    else store.bot.setUnanswered(conversationId, unanswered, now);
  }

  // ---- internals ----

  private ruleAnswer(text: string, locale: Locale): string | null {
    const m = matchRule(text, this.settings().rules);
    return m ? fill(m.rule.answer[locale], this.shopVars(locale)) : null;
  }

  /**
   * A case number, or "Status" with exactly one open case: only cases of the
   * number that writes. Another customer's case is "not found", nothing more.
   */
  private caseAnswer(text: string, contactId: number, locale: Locale): string | null {
    const t = this.settings().texts;
    const phone = this.d.store.contacts.byId(contactId)?.phone;
    if (!phone) return null;
    const m = CASE_NUMBER.exec(text);
    if (m) {
      const caseNumber = m[0].toUpperCase();
      const row = this.d.store.cases.byNumber(caseNumber);
      if (!row || row.phone !== phone) return fill(t.caseNotFound[locale], { caseNumber });
      return this.statusText(row, locale);
    }
    const textWords = words(text);
    if (!STATUS_WORDS.some((w) => phraseMatches(w, textWords))) return null;
    const open = this.d.store.cases.list({ phone, open: true, limit: 6 });
    if (open.length === 1) return this.statusText(open[0]!, locale);
    if (open.length > 1) return fill(t.caseWhich[locale], { caseNumbers: open.map((c) => c.number).join(', ') });
    return null;
  }

  private statusText(row: { number: string; status: string; title: string }, locale: Locale): string {
    const labels = STATUS_LABELS[locale] as Record<string, string>;
    return fill(this.settings().texts.caseStatus[locale], {
      caseNumber: row.number,
      title: row.title ? ` (${row.title})` : '',
      status: labels[row.status] ?? row.status,
    });
  }

  private handOver(contactId: number, conversationId: number, reason: 'requested' | 'unanswered', locale: Locale): void {
    const now = this.d.clock.now();
    this.d.inbox.update(contactId, { status: 'open', assigneeId: null });
    this.d.store.bot.setHandover(conversationId, reason, now);
    this.d.bus.emit('bot.handover', { contactId, conversationId, reason, at: new Date(now).toISOString() });
    const hours = this.businessHours();
    const t = this.settings().texts;
    const closing = closingOf(now, hours);
    const text =
      closing !== undefined
        ? fill(t.handoverOpen[locale], { closing: this.clockTime(closing, locale) })
        : fill(t.handoverClosed[locale], { nextOpening: this.when(nextOpening(now, hours), locale) });
    this.say(contactId, text, locale);
  }

  private shopVars(locale: Locale): Record<string, string> {
    const shop = this.d.shop();
    const s = this.d.consentSettings().shop;
    const hours = this.businessHours();
    return {
      shopName: shop.name,
      address: shop.address,
      phone: s.phone,
      openingHours: formatOpeningHours(hours.hours, locale),
      nextOpening: this.when(nextOpening(this.d.clock.now(), hours), locale),
    };
  }

  private when(ms: number | undefined, locale: Locale): string {
    if (ms === undefined) return locale === 'de' ? 'dem nächsten Öffnungstag' : 'the next business day';
    return formatWhen(ms, this.businessHours().timeZone, locale);
  }

  private clockTime(ms: number, locale: Locale): string {
    const t = format(new TZDate(ms, this.businessHours().timeZone), 'HH:mm');
    return locale === 'de' ? `${t} Uhr` : t;
  }

  /** Every bot message: the prefix first, author bot, through the send gate. */
  private say(contactId: number, text: string, locale: Locale): void {
    try {
      this.d.messaging.send({ contactId, text: this.withPrefix(text, locale), purpose: 'service', kind: 'bot', author: 'bot' });
    } catch (err) {
      if (err instanceof ApiError) {
        this.d.logger.warn('bot reply not sent', { contactId, reason: err.reason ?? err.code });
        return;
      }
      throw err;
    }
  }
}
