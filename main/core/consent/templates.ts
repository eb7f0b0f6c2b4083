import { DEFAULT_OPENING_HOURS, DEFAULT_TIME_ZONE, type ConsentSettings, type Locale, type ShopProfile, type TemplateKey } from '../../contract';

/**
 * The shop's default customer-facing texts. They name the purpose, the data,
 * the recipients (including WhatsApp Ireland / Meta Platforms), retention,
 * revocation by STOP, the privacy policy and — only while a bot is enabled —
 * that a bot may answer: what the data-protection authorities expect of a
 * messenger consent. Placeholders are bound to the settings; `{#bot}…{/bot}`
 * is kept only while a bot answers.
 */
export const DEFAULT_TEMPLATES: Record<Locale, Record<TemplateKey, string>> = {
  de: {
    consent_request:
      'Hallo! Hier ist {shopName}. Bevor wir per WhatsApp mit Ihnen schreiben dürfen, brauchen wir Ihre Einwilligung.\n\n' +
      'Zweck: Beantwortung Ihrer Anfragen und Nachrichten zu Ihren eigenen Bestellungen, Reparaturen, Rücksendungen und Abholungen.\n' +
      'Daten: Ihre Telefonnummer, Ihr WhatsApp-Name und die Inhalte dieses Chats (Texte, Bilder, Dateien).\n' +
      'Empfänger: {shopName} und WhatsApp Ireland Ltd. / Meta Platforms Inc. (auch in den USA) als Betreiber von WhatsApp.\n' +
      'Speicherdauer: bis zu Ihrem Widerruf bzw. solange es für Ihr Anliegen nötig ist; ohne Zustimmung löschen wir Ihre Nachrichten nach {quarantineHours} Stunden.\n' +
      '{#bot}Manche Antworten kann ein automatischer Assistent (Bot) geben.\n{/bot}' +
      'Widerruf: jederzeit mit STOP.\n' +
      'Datenschutz: {privacyUrl}\n\n' +
      'Antworten Sie mit JA, um zuzustimmen.',
    consent_confirmation:
      'Danke, Ihre Einwilligung ist gespeichert. Sie können uns jetzt schreiben.\n' +
      'Ihre Daten (Nummer, Name, Chat-Inhalte) verarbeiten {shopName} und WhatsApp/Meta wie beschrieben: {privacyUrl}\n' +
      'Mit STOP widerrufen Sie jederzeit. Für Neuigkeiten und Angebote schreiben Sie NEWSLETTER.',
    marketing_request:
      'Möchten Sie Neuigkeiten und Angebote von {shopName} per WhatsApp erhalten (höchstens 2–3 pro Woche)? ' +
      'Empfänger sind {shopName} und WhatsApp/Meta. Datenschutz: {privacyUrl}\n' +
      'Antworten Sie mit JA zum Bestätigen. Abbestellen jederzeit mit STOP NEWSLETTER.',
    marketing_confirmation:
      'Danke, Sie erhalten jetzt Neuigkeiten von {shopName}. Abbestellen jederzeit mit STOP NEWSLETTER, alles beenden mit STOP.',
    marketing_revoked:
      'Sie erhalten keine Neuigkeiten und Angebote mehr. Zu Ihren Anliegen schreiben wir Ihnen weiterhin; alles beenden mit STOP.',
    revocation_confirmation:
      'Ihr Widerruf ist gespeichert: {shopName} schreibt Ihnen nicht mehr per WhatsApp. Mit START können Sie jederzeit neu zustimmen.',
    consent_clarify: 'Bitte antworten Sie mit JA, wenn Sie zustimmen, oder mit STOP, wenn nicht. Ohne Zustimmung löschen wir Ihre Nachrichten nach {quarantineHours} Stunden.',
    reopt_in_notice:
      'Sie haben den Chat mit {shopName} beendet; wir lesen und beantworten hier keine Nachrichten. Wenn Sie wieder mit uns schreiben möchten, senden Sie START.',
  },
  en: {
    consent_request:
      'Hello! This is {shopName}. Before we may chat with you on WhatsApp we need your consent.\n\n' +
      'Purpose: answering your questions and updates about your own orders, repairs, returns and pickups.\n' +
      'Data: your phone number, your WhatsApp name and the content of this chat (texts, images, files).\n' +
      'Recipients: {shopName} and WhatsApp Ireland Ltd. / Meta Platforms Inc. (also in the USA), which operate WhatsApp.\n' +
      'Retention: until you revoke or as long as your request needs it; without consent your messages are deleted after {quarantineHours} hours.\n' +
      '{#bot}Some answers may come from an automated assistant (bot).\n{/bot}' +
      'Revoke at any time with STOP.\n' +
      'Privacy policy: {privacyUrl}\n\n' +
      'Reply YES to agree.',
    consent_confirmation:
      'Thank you, your consent is recorded. You can write to us now.\n' +
      'Your data (number, name, chat content) is processed by {shopName} and WhatsApp/Meta as described: {privacyUrl}\n' +
      'Reply STOP at any time to revoke. For news and offers, write NEWSLETTER.',
    marketing_request:
      'Would you like news and offers from {shopName} on WhatsApp (at most 2–3 a week)? ' +
      'Recipients are {shopName} and WhatsApp/Meta. Privacy policy: {privacyUrl}\n' +
      'Reply YES to confirm. Unsubscribe at any time with STOP NEWSLETTER.',
    marketing_confirmation:
      'Thank you, you will now receive news from {shopName}. Unsubscribe with STOP NEWSLETTER, end everything with STOP.',
    marketing_revoked:
      'You will no longer receive news and offers. We will still write to you about your requests; end everything with STOP.',
    revocation_confirmation:
      'Your revocation is recorded: {shopName} will not write to you on WhatsApp any more. Reply START to agree again at any time.',
    consent_clarify: 'Please reply YES if you agree, or STOP if not. Without consent your messages are deleted after {quarantineHours} hours.',
    reopt_in_notice:
      'You ended the chat with {shopName}; messages here are not read or answered. To write with us again, send START.',
  },
};

/** What a text is bound to: the shop profile, the quarantine time, whether a bot answers. */
export interface TemplateContext {
  shop: ShopProfile;
  quarantineHours: number;
  botEnabled: boolean;
  locale: Locale;
}

const FALLBACK = {
  de: { shopName: 'unser Geschäft', privacyUrl: '(Datenschutzerklärung auf Anfrage im Geschäft)' },
  en: { shopName: 'our shop', privacyUrl: '(privacy policy on request in the shop)' },
} as const;

/**
 * Fills {shopName}, {privacyUrl}, {shopAddress}, {quarantineHours} and keeps
 * {#bot}…{/bot} only while a bot answers; unknown placeholders stay as they are.
 */
export function renderTemplate(text: string, ctx: TemplateContext | ShopProfile): string {
  const c: TemplateContext = 'shop' in ctx ? ctx : { shop: ctx, quarantineHours: 72, botEnabled: false, locale: 'de' };
  const values: Record<string, string> = {
    shopName: c.shop.name || FALLBACK[c.locale].shopName,
    privacyUrl: c.shop.privacyUrl || FALLBACK[c.locale].privacyUrl,
    shopAddress: c.shop.address,
    quarantineHours: String(c.quarantineHours),
  };
  return text
    .replace(/\{#bot\}([\s\S]*?)\{\/bot\}/g, (_m, inner: string) => (c.botEnabled ? inner : ''))
    .replace(/\{(shopName|privacyUrl|shopAddress|quarantineHours)\}/g, (_m, key: string) => values[key] ?? '');
}

/**
 * Where a current text contradicts the settings: a number of hours other
 * than the quarantine time, a bot promise while no bot answers, a web
 * address other than the privacy link.
 */
export function templateContradictions(text: string, ctx: TemplateContext): string[] {
  const problems: string[] = [];
  const plain = text.replace(/\{#bot\}[\s\S]*?\{\/bot\}/g, '');
  for (const m of plain.matchAll(/(\d+)\s*(Stunden|hours)/gi)) {
    if (Number(m[1]) !== ctx.quarantineHours) problems.push(`mentions ${m[1]} ${m[2]} but quarantineHours is ${ctx.quarantineHours}`);
  }
  if (!ctx.botEnabled && /\b(bot|Assistent|assistant)\b/i.test(plain)) problems.push('promises a bot, but no bot is enabled');
  for (const m of plain.matchAll(/https?:\/\/[^\s)]+/g)) {
    if (m[0] !== ctx.shop.privacyUrl) problems.push(`names ${m[0]} but the privacy link is ${ctx.shop.privacyUrl || '(empty)'}`);
  }
  return problems;
}

/**
 * Earlier shipped defaults (hard-coded 72 hours, a bot promise). A shop that
 * never edited them gets the bound default as a new version at start.
 */
export const SUPERSEDED_DEFAULTS: Partial<Record<Locale, Partial<Record<TemplateKey, string>>>> = {
  de: {
    consent_request:
      'Hallo! Hier ist {shopName}. Bevor wir per WhatsApp mit Ihnen schreiben dürfen, brauchen wir Ihre Einwilligung.\n\n' +
      'Zweck: Beantwortung Ihrer Anfragen und Nachrichten zu Ihren eigenen Bestellungen, Reparaturen, Rücksendungen und Abholungen.\n' +
      'Daten: Ihre Telefonnummer, Ihr WhatsApp-Name und die Inhalte dieses Chats (Texte, Bilder, Dateien).\n' +
      'Empfänger: {shopName} und WhatsApp Ireland Ltd. / Meta Platforms Inc. (auch in den USA) als Betreiber von WhatsApp.\n' +
      'Speicherdauer: bis zu Ihrem Widerruf bzw. solange es für Ihr Anliegen nötig ist; ohne Zustimmung löschen wir Ihre Nachrichten nach 72 Stunden.\n' +
      'Manche Antworten kann ein automatischer Assistent (Bot) geben.\n' +
      'Widerruf: jederzeit mit STOP.\n' +
      'Datenschutz: {privacyUrl}\n\n' +
      'Antworten Sie mit JA, um zuzustimmen.',
  },
  en: {
    consent_request:
      'Hello! This is {shopName}. Before we may chat with you on WhatsApp we need your consent.\n\n' +
      'Purpose: answering your questions and updates about your own orders, repairs, returns and pickups.\n' +
      'Data: your phone number, your WhatsApp name and the content of this chat (texts, images, files).\n' +
      'Recipients: {shopName} and WhatsApp Ireland Ltd. / Meta Platforms Inc. (also in the USA), which operate WhatsApp.\n' +
      'Retention: until you revoke or as long as your request needs it; without consent your messages are deleted after 72 hours.\n' +
      'Some answers may come from an automated assistant (bot).\n' +
      'Revoke at any time with STOP.\n' +
      'Privacy policy: {privacyUrl}\n\n' +
      'Reply YES to agree.',
  },
};

export const DEFAULT_KEYWORDS: ConsentSettings['keywords'] = {
  de: {
    confirm: ['START', 'JA', 'OK'],
    marketingOptIn: ['NEWSLETTER'],
    marketingStop: ['STOP NEWSLETTER', 'STOPP NEWSLETTER', 'NEWSLETTER ABMELDEN'],
    stopAll: ['STOP', 'STOPP', 'ABMELDEN', 'ENDE'],
  },
  en: {
    confirm: ['START', 'YES', 'OK'],
    marketingOptIn: ['NEWSLETTER'],
    marketingStop: ['STOP NEWSLETTER', 'UNSUBSCRIBE NEWSLETTER'],
    stopAll: ['STOP', 'UNSUBSCRIBE'],
  },
};

export const EMPTY_SHOP: ShopProfile = {
  name: '',
  address: '',
  phone: '',
  privacyUrl: '',
  timeZone: DEFAULT_TIME_ZONE,
  openingHours: structuredClone(DEFAULT_OPENING_HOURS),
  specialDays: [],
};
export const DEMO_SHOP: ShopProfile = {
  name: 'Fahrradladen Demo',
  address: 'Musterstraße 1, 10115 Berlin',
  phone: '+49301234567',
  privacyUrl: 'https://example.org/datenschutz',
  timeZone: DEFAULT_TIME_ZONE,
  openingHours: structuredClone(DEFAULT_OPENING_HOURS),
  specialDays: [],
};

export function defaultSettings(demo: boolean): ConsentSettings {
  return {
    shop: { ...(demo ? DEMO_SHOP : EMPTY_SHOP) },
    keywords: structuredClone(DEFAULT_KEYWORDS),
    customerLocale: 'de',
    quarantineHours: 72,
    requestIntervalHours: 24,
    reoptInNoticeDays: 30,
  };
}
